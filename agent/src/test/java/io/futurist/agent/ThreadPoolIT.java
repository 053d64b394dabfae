package io.futurist.agent;

import static example.scenarios.ThreadPoolScenario.AFTER_FAILURE;
import static example.scenarios.ThreadPoolScenario.EXECUTES;
import static example.scenarios.ThreadPoolScenario.INVOKE_ALL;
import static example.scenarios.ThreadPoolScenario.PER_SUBMITTER;
import static example.scenarios.ThreadPoolScenario.SUBMITTERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.scenarios.RepeatedTaskScenario;
import example.scenarios.ThreadPoolScenario;
import io.futurist.agent.testing.Books;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.ScenarioOutput;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link ThreadPoolScenario} under the agent: submissions, runs, failures and rejections, exactly. */
class ThreadPoolIT {

    /** Every task of the fixed pool: four submitters, execute, invokeAll, two failures, the tasks after them. */
    private static final long FIXED_TASKS = SUBMITTERS * PER_SUBMITTER + EXECUTES + INVOKE_ALL + 1 + 1 + AFTER_FAILURE;

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
    void fixedPoolCountsEveryTaskExactly() {
        Books.of(FIXED_TASKS, FIXED_TASKS, 2, 0, 0).assertTerminated(output.stats("fixed"));
        assertTrue(output.stats("fixed").number("runtimeNanos") > 0, output.stats("fixed")::text);
        assertTrue(output.stats("fixed").number("queueTimeNanos") > 0, output.stats("fixed")::text);
    }

    @Test
    void fixedPoolAgreesWithTheJdksOwnCount() {
        assertEquals(output.stats("fixed").number("executed"), output.result("fixed").number("jdkCompleted"));
    }

    @Test
    void fixedPoolApplicationResultsAreRight() {
        ScenarioOutput.Line result = output.result("fixed");
        long checksum = 0;
        for (long s = 0; s < SUBMITTERS; s++) {
            for (long i = 0; i < PER_SUBMITTER; i++) {
                checksum += (s * 1_000_000L + i) * 3 + 1;
            }
        }
        assertEquals(checksum, result.number("checksum"));
        assertEquals(EXECUTES * (EXECUTES - 1) / 2, result.number("executeSum"));
        assertEquals(40425, result.number("invokeAllSum"));
        assertEquals("captured_by_the_future", result.get("captured"));
        assertEquals(1, result.number("uncaught"), "the task thrown through execute reached the thread's handler");
        assertEquals(1045, result.number("afterFailure"), "the pool kept working after its worker died");
        assertTrue(result.flag("terminated"));
    }

    @Test
    void submittedIsExactWhileRunningAndAliveFollowsShutdown() {
        ScenarioOutput.Line running = output.stats("fixed-running");
        assertEquals(FIXED_TASKS, running.number("submitted"));
        assertTrue(running.flag("alive"));
        ScenarioOutput.Line shutDown = output.stats("fixed-shutdown");
        assertEquals(FIXED_TASKS, shutDown.number("submitted"));
        assertFalse(shutDown.flag("alive"));
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
