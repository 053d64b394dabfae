package io.futurist.agent;

import static example.scenarios.ForkJoinCancellationScenario.CANCELLED;
import static example.scenarios.ForkJoinCancellationScenario.QUEUED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.scenarios.ForkJoinCancellationScenario;
import io.futurist.agent.testing.Books;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.ScenarioOutput;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link ForkJoinCancellationScenario}: tasks queued behind a {@code ForkJoinPool}'s held
 * workers that never run are cancelled, never executed; tasks that ran are executed.
 */
class ForkJoinCancellationIT {

    /** The two tasks holding the workers, and what was queued behind them. */
    private static final long ACCEPTED = 2 + QUEUED;

    private static ChildJvm.Result run;
    private static ChildJvm.Result withoutAgent;
    private static ScenarioOutput output;

    @BeforeAll
    static void runScenario() {
        run = ForkJoinChildren.result(ForkJoinChildren.CANCELLATION);
        withoutAgent = ForkJoinChildren.result(ForkJoinChildren.CANCELLATION_WITHOUT_AGENT);
        output = run.output();
    }

    @Test
    void agentIsSilent() {
        assertEquals("[]", run.futuristLines().toString(), run::describe);
    }

    @Test
    void queueIsExactWhileTheWorkersAreHeld() {
        for (String label : List.of("cancel-held", "shutdownNow-held")) {
            ScenarioOutput.Line held = output.stats(label);
            Books.of(ACCEPTED, 0, 0, 0, 0).and("active", 2).and("queued", QUEUED).assertOn(held);
            assertTrue(held.flag("alive"), held::text);
        }
    }

    /** cancel(false) and cancel(true), on submit(Runnable)'s adapters and on RecursiveActions. */
    @Test
    void queuedTasksCancelledBeforeTheyStartAreCancelledTheMomentCancelReturns() {
        Books.of(ACCEPTED, 0, 0, CANCELLED, 0).and("active", 2).and("queued", QUEUED - CANCELLED)
                .assertOn(output.stats("cancel-cancelled"));
        ScenarioOutput.Line result = output.result("cancel");
        for (String cancel : List.of("cancelFalse", "cancelTrue", "actionFalse", "actionTrue")) {
            assertTrue(result.flag(cancel), cancel);
        }
        assertEquals(CANCELLED, result.number("cancelledSeen"));
    }

    @Test
    void shutdownLetsTheQueuedTasksRunAndTheCancelledOnesNever() {
        ScenarioOutput.Line shutDown = output.stats("cancel-shutdown");
        assertFalse(shutDown.flag("alive"));
        Books.of(ACCEPTED, 0, 0, CANCELLED, 0).and("queued", QUEUED - CANCELLED).assertOn(shutDown);
        Books.of(ACCEPTED, ACCEPTED - CANCELLED, 0, CANCELLED, 0).assertTerminated(output.stats("cancel"));
        ScenarioOutput.Line result = output.result("cancel");
        assertTrue(result.flag("terminated"));
        assertEquals(QUEUED - CANCELLED, result.number("done"));
        assertEquals(QUEUED - CANCELLED, result.number("ran"), "the cancelled tasks' bodies never ran");
    }

    @Test
    void shutdownNowCancelsEveryQueuedTaskBeforeItReturns() {
        ScenarioOutput.Line dropped = output.stats("shutdownNow-dropped");
        Books.of(ACCEPTED, 0, 0, QUEUED, 0).and("active", 2).and("queued", 0).assertOn(dropped);
        assertFalse(dropped.flag("alive"));
        Books.of(ACCEPTED, 2, 0, QUEUED, 0).assertTerminated(output.stats("shutdownNow"));
        ScenarioOutput.Line result = output.result("shutdownNow");
        assertTrue(result.flag("terminated"));
        assertEquals(0, result.number("returned"), "ForkJoinPool.shutdownNow returns an empty list");
        assertEquals(2, result.number("heldDone"), "the running tasks finished normally");
        assertEquals(0, result.number("ran"));
        assertEquals(QUEUED, result.number("cancelledSeen"));
    }

    /** The JDK lets cancel succeed on a running task; the body runs to its end: a run, not a cancellation. */
    @Test
    void aTaskCancelledWhileItRunsIsExecuted() {
        Books.of(1, 1, 0, 0, 0).and("active", 0).assertOn(output.stats("runningCancelled-alive-ended"));
        Books.of(1, 1, 0, 0, 0).assertTerminated(output.stats("runningCancelled-alive"));
        assertTrue(output.result("runningCancelled-alive").flag("cancelled"));
    }

    /**
     * The same when the pool is shut down while the cancelled task still runs — what happens
     * after {@code invokeAny}, which cancels the losers, when the application shuts the pool
     * down right away (seen as invokeAny's books going executed=3, cancelled=1 for four
     * callables that all ran).
     */
    @Test
    void aTaskCancelledWhileItRunsIsExecutedAlsoWhenThePoolShutsDownMeanwhile() {
        Books.of(1, 1, 0, 0, 0).assertTerminated(output.stats("runningCancelled-shutdown"));
    }

    @Test
    void aTaskCancelledWhileItRunsBalancesWhenThePoolShutsDownMeanwhile() {
        Books.assertBalanced(output.stats("runningCancelled-shutdown"));
        assertEquals(1, output.stats("runningCancelled-shutdown").number("submitted"));
        assertTrue(output.result("runningCancelled-shutdown").flag("cancelled"));
    }

    @Test
    void applicationResultsAreTheSameWithAndWithoutTheAgent() {
        List<String> with = output.texts("result");
        assertEquals(4, with.size(), with::toString);
        assertEquals(with, withoutAgent.output().texts("result"));
    }
}
