package io.futurist.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.scenarios.CancellationScenario;
import io.futurist.agent.testing.Books;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.ScenarioOutput;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link CancellationScenario}: tasks that never run are cancelled, never executed. (A future
 * cancelled while queued, and the queue while the workers are held, on every kind of executor:
 * {@link ExecutorSuite}.)
 */
class CancellationIT {

    private static ChildJvm.Result run;
    private static ScenarioOutput output;

    @BeforeAll
    static void runScenario() {
        run = ChildJvm.running(CancellationScenario.class).withAgent().run().requireSuccess();
        output = run.output();
    }

    @Test
    void agentIsSilent() {
        assertEquals("[]", run.futuristLines().toString(), run::describe);
    }

    @Test
    void removePurgeAndShutdownNowAreCountedTheMomentTheyReturn() {
        ScenarioOutput.Line drained = output.stats("drain-shutdownNow");
        Books.of(6, 0, 0, 5, 0).and("active", 1).and("queued", 0).assertOn(drained);
        assertFalse(drained.flag("alive"));
    }

    @Test
    void removedPurgedAndDrainedTasksBalanceAfterTermination() {
        Books.of(6, 1, 0, 5, 0).assertTerminated(output.stats("drain"));
        ScenarioOutput.Line result = output.result("drain");
        assertTrue(result.flag("removed"));
        assertTrue(result.flag("cancelA"));
        assertTrue(result.flag("cancelB"));
        assertEquals(4, result.number("beforePurge"));
        assertEquals(2, result.number("afterPurge"));
        assertEquals(2, result.number("neverRun"));
        assertEquals(1, result.number("ran"));
        assertEquals(1, result.number("jdkCompleted"));
    }
}
