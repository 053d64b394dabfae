package io.futurist.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import example.scenarios.ScheduledCancelScenario;
import io.futurist.agent.testing.Books;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.ScenarioOutput;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link ScheduledCancelScenario}: a future cancelled while it waits in a scheduled pool's
 * queue counts as cancelled, and leaves {@code queued}, when it is cancelled — not an hour
 * later when its delay would have passed — and exactly once, whatever the pool does with it
 * afterwards.
 */
class ScheduledCancelIT {

    private static ChildJvm.Result run;
    private static ScenarioOutput output;

    @BeforeAll
    static void runScenario() {
        run = ChildJvm.running(ScheduledCancelScenario.class).withAgent().run().requireSuccess();
        output = run.output();
    }

    @Test
    void agentIsSilent() {
        assertEquals("[]", run.futuristLines().toString(), run::describe);
    }

    @Test
    void cancelledFuturesThatStayInTheQueueCountAtOnce() {
        assertCountedWhenCancelled("kept");
        // shutdownNow hands back the two cancelled futures, still in the queue, and the waiting one.
        assertEquals(3, output.result("kept").number("neverRun"), output.context());
    }

    @Test
    void cancelledFuturesPurgedFromTheQueueCountOnce() {
        assertCountedWhenCancelled("purged");
        assertEquals(1, output.result("purged").number("neverRun"), output.context());
    }

    @Test
    void cancelledFuturesThePoolRemovesCountOnce() {
        assertCountedWhenCancelled("removed");
        assertEquals(1, output.result("removed").number("neverRun"), output.context());
    }

    private static void assertCountedWhenCancelled(String label) {
        assertEquals("true,true,false", output.result(label).get("cancelled"), output.context());
        Books.of(3, 0, 0, 0, 0).and("queued", 3).assertOn(output.stats(label + "-scheduled"));
        Books.of(3, 0, 0, 1, 0).and("queued", 2).assertOn(output.stats(label + "-one-cancelled"));
        Books.of(3, 0, 0, 2, 0).and("queued", 1).assertOn(output.stats(label + "-both-cancelled"));
        Books.of(3, 0, 0, 2, 0).and("queued", 1).assertOn(output.stats(label + "-cleared"));
        // shutdownNow hands back the waiting task: the third cancellation.
        Books.of(3, 0, 0, 3, 0).assertTerminated(output.stats(label + "-terminated"));
    }
}
