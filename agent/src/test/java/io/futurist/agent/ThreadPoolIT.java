package io.futurist.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.scenarios.RepeatedTaskScenario;
import example.scenarios.ThreadPoolScenario;
import io.futurist.agent.testing.Books;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.ScenarioOutput;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link ThreadPoolScenario} under the agent: what only a {@code ThreadPoolExecutor} has, its
 * subclasses' hooks and its rejection policies, and one task instance queued many times. The
 * workload every kind runs is {@link ThreadPoolExecutorSuiteIT}'s.
 */
class ThreadPoolIT {

    private static ChildJvm.Result run;
    private static ScenarioOutput output;

    @BeforeAll
    static void runScenario() {
        run = ChildJvm.running(ThreadPoolScenario.class).withAgent().run().requireSuccess();
        output = run.output();
    }

    @Test
    void agentIsActiveAndSilent() {
        assertEquals("true", output.env().get("agentActive"));
        assertEquals("[]", run.futuristLines().toString(), run::describe);
    }

    @Test
    void subclassHooksWithoutSuperDoNotChangeTheCounts() {
        Books.of(22, 22, 2, 0, 0).assertTerminated(output.stats("custom"));
        ScenarioOutput.Line result = output.result("custom");
        assertEquals(22, result.number("before"));
        assertEquals(22, result.number("after"));
        assertEquals(1, result.number("afterSawThrown"));
        assertEquals(380, result.number("sum"));
        assertTrue(result.flag("capturedFailure"));
    }

    @Test
    void abortPolicyRejectionsAreCountedApartFromSubmissions() {
        Books.of(2, 2, 0, 0, 3).assertTerminated(output.stats("abort"));
        assertEquals(3, output.result("abort").number("refused"));
        assertEquals(2, output.result("abort").number("ran"));
    }

    @Test
    void callerRunsRejectionsAreCountedButTheirRunsAreNot() {
        Books.of(2, 2, 0, 0, 3).assertTerminated(output.stats("callerRuns"));
        assertEquals(2, output.result("callerRuns").number("ranInCaller"));
        assertEquals(2, output.result("callerRuns").number("ranInPool"));
    }

    /**
     * One {@code Runnable} instance executed 1,000 times while the only worker is held: every
     * execute is a submission (docs/CONTRACT.md §3), and every run is counted, although all copies share
     * one identity in the agent's pending-task table.
     */
    @Test
    void sameTaskInstanceQueuedManyTimesIsCountedEachTime() {
        ChildJvm.Result repeated = ChildJvm.running(RepeatedTaskScenario.class, "1000").withAgent().run().requireSuccess();
        ScenarioOutput out = repeated.output();

        assertEquals(1000, out.result("repeated").number("queued"));
        assertEquals(1000, out.result("repeated").number("runs"));
        Books.of(1001, 1001, 0, 0, 0).assertTerminated(out.stats("repeated"));
    }
}
