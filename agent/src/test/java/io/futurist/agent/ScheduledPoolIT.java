package io.futurist.agent;

import static example.scenarios.ScheduledScenario.RATE_RUNS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.scenarios.ScheduledScenario;
import example.scenarios.TerminationRaceScenario;
import io.futurist.agent.testing.Books;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.ScenarioOutput;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link ScheduledScenario}: one-shot and periodic tasks of a {@code ScheduledThreadPoolExecutor}. */
class ScheduledPoolIT {

    private static ChildJvm.Result run;
    private static ScenarioOutput output;

    @BeforeAll
    static void runScenario() {
        run = ChildJvm.running(ScheduledScenario.class).withAgent().run().requireSuccess();
        output = run.output();
    }

    @Test
    void agentIsSilent() {
        assertEquals("[]", run.futuristLines().toString(), run::describe);
    }

    @Test
    void defaultPoliciesRunDelayedTasksAndDropPeriodicOnesAtShutdown() {
        // schedule(Runnable), schedule(Callable), submit, a failing schedule, the delayed task
        // that still runs after shutdown: executed; the waiting periodic task: cancelled.
        Books.of(6, 5, 1, 1, 0).assertTerminated(output.stats("scheduled"));
        assertFalse(output.stats("scheduled-shutdown").flag("alive"));
        assertEquals(6, output.stats("scheduled-shutdown").number("submitted"));
        ScenarioOutput.Line result = output.result("scheduled");
        assertEquals(1, result.number("ran"), "the periodic task never ran");
        assertEquals(42, result.number("callable"));
        assertEquals(8, result.number("submitted"));
        assertEquals("scheduled_failure", result.get("failure"));
        assertEquals(5, result.number("late"));
        assertTrue(result.flag("periodicCancelled"));
    }

    @Test
    void everyReArmIsASubmissionAndTheLastOneIsCancelled() {
        long runs = output.result("rate").number("runs");
        assertEquals(RATE_RUNS, runs);
        assertTrue(output.result("rate").flag("cancelled"));
        Books.of(runs + 1, runs, 0, 1, 0).assertTerminated(output.stats("rate"));
    }

    @Test
    void aCancelledReArmCountsAsCancelledWhenCancelled() {
        ScenarioOutput.Line cancelled = output.stats("rate-cancelled");
        Books.of(RATE_RUNS + 1, RATE_RUNS, 0, 1, 0).and("queued", 0).assertOn(cancelled);
        assertTrue(cancelled.flag("alive"));
    }

    /**
     * docs/CONTRACT.md §3: once an executor has terminated, {@code submitted == executed + cancelled}, and
     * a caller that has just seen {@code awaitTermination} return true must see it so. (The
     * JDK's {@code tryTerminate} wakes waiters before its own end, so closing the books only
     * there was too late; this caught it.)
     */
    @Test
    void booksBalanceAsSoonAsAwaitTerminationReturns() {
        ChildJvm.Result race = ChildJvm.running(TerminationRaceScenario.class, "200").withAgent().run().requireSuccess();
        ScenarioOutput.Line result = race.output().result("race");

        assertEquals(0, result.number("unbalancedAtTermination"), result::text);
    }
}
