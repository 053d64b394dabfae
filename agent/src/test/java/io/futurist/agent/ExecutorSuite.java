package io.futurist.agent;

import static example.scenarios.ExecutorSuiteScenario.EXECUTES;
import static example.scenarios.ExecutorSuiteScenario.FAILING_EXECUTES;
import static example.scenarios.ExecutorSuiteScenario.FAILING_SUBMITS;
import static example.scenarios.ExecutorSuiteScenario.HOLDERS;
import static example.scenarios.ExecutorSuiteScenario.INVOKE_ALL;
import static example.scenarios.ExecutorSuiteScenario.PER_SUBMITTER;
import static example.scenarios.ExecutorSuiteScenario.REJECTED;
import static example.scenarios.ExecutorSuiteScenario.SUBMITS;
import static example.scenarios.ExecutorSuiteScenario.SUBMITTERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import example.scenarios.ExecutorSuiteScenario;
import example.scenarios.ExecutorSuiteScenario.Failure;
import example.scenarios.ExecutorSuiteScenario.Kind;
import io.futurist.agent.testing.Books;
import io.futurist.agent.testing.ChildBatch;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.ScenarioOutput;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one suite every kind of executor runs: {@link ExecutorSuiteScenario}'s workload (tasks
 * held, queued and cancelled; tasks that fail through {@code execute} and through futures;
 * execute, submit, invokeAll and four threads submitting at once; executes refused after
 * {@code shutdown}) with the exact counts the agent must show for it, at rest while tasks are
 * held, while running, at shutdown and after termination. One subclass per kind names the
 * {@link Kind}, and is gated by {@code RequiresJava} where the kind needs a newer JDK; what a
 * kind alone does (periodic tasks, {@code ForkJoinPool}'s forks, rejection policies...) is
 * tested by that kind's own test class.
 *
 * <p>Every kind's workload runs in one child JVM under the agent, and once more without it (with
 * the API jar, for the API's own executors) to show that the application sees the same. The
 * common pool is not a kind here: it cannot be shut down, so its books never close
 * ({@code CommonPoolIT} checks what it gains instead).
 */
abstract class ExecutorSuite {

    private static final ChildJvm UNDER_AGENT = ChildJvm.running(ExecutorSuiteScenario.class).withAgent();
    private static final ChildJvm WITHOUT_AGENT = ChildJvm.running(ExecutorSuiteScenario.class).withApiJar();
    /** Both children, started together by whichever kind's class runs first. */
    private static final ChildBatch CHILDREN = new ChildBatch(List.of(UNDER_AGENT, WITHOUT_AGENT));

    private final Kind kind;
    private final String label;

    ExecutorSuite(Kind kind) {
        this.kind = kind;
        this.label = kind.label();
    }

    private static ChildJvm.Result run() {
        return CHILDREN.result(UNDER_AGENT).requireSuccess();
    }

    private static ScenarioOutput output() {
        return run().output();
    }

    /** Every task of the workload: what {@code submitted} reaches and stays at. */
    private long submitted() {
        return kind.submitted();
    }

    /**
     * The books of {@code kind} after the workload, once terminated: every accepted task run
     * (failed or not) or cancelled while queued, refusals apart from submissions.
     */
    static Books expectedAtTermination(Kind kind) {
        return Books.of(kind.submitted(), kind.submitted() - kind.cancelled(), FAILING_EXECUTES + FAILING_SUBMITS,
                kind.cancelled(), REJECTED);
    }

    @Test
    void theAgentIsSilentAndTheKindRan() {
        assertEquals("[]", run().futuristLines().toString(), run()::describe);
        assertTrue(output().result(label).flag("available"), run()::describe);
    }

    /**
     * The holders run, what came after them waits, nothing has finished; and at rest every
     * accepted task is accounted for, {@code submitted == executed + cancelled + active + queued}
     * (the meanings of docs/CONTRACT.md §3).
     */
    @Test
    void heldTasksAreActiveOrQueuedAndNoneHasRun() {
        ScenarioOutput.Line held = output().stats(label + "-held");
        Books.of(HOLDERS + kind.queued(), 0, 0, 0, 0).and("active", HOLDERS).and("queued", kind.queued()).assertOn(held);
        Books.assertConserved(held);
        assertTrue(held.flag("alive"), held::text);
    }

    @Test
    void submittedIsExactWhileRunningAndAliveFollowsShutdown() {
        ScenarioOutput.Line running = output().stats(label + "-running");
        assertEquals(submitted(), running.number("submitted"), running::text);
        assertTrue(running.flag("alive"), running::text);
        ScenarioOutput.Line shutDown = output().stats(label + "-shutdown");
        assertEquals(submitted(), shutDown.number("submitted"), shutDown::text);
        assertFalse(shutDown.flag("alive"), shutDown::text);
    }

    /**
     * Every accepted task counted once: run (failed or not) or cancelled while queued; refusals
     * apart from submissions; after termination nothing active or queued and
     * {@code submitted == executed + cancelled}.
     */
    @Test
    void everyTaskIsCountedOnceAndTheBooksBalance() {
        expectedAtTermination(kind).assertTerminated(output().stats(label));
    }

    @Test
    void runAndQueueTimesAreRecorded() {
        ScenarioOutput.Line stats = output().stats(label);
        assertTrue(stats.number("runtimeNanos") > 0, stats::text);
        if (kind.waits) {
            assertTrue(stats.number("queueTimeNanos") > 0, stats::text);
        } else {
            assertEquals(0, stats.number("queueTimeNanos"), () -> "nothing waits: " + stats.text());
        }
    }

    @Test
    void theApplicationSeesItsResultsAndItsExceptions() {
        ScenarioOutput.Line result = output().result(label);
        assertTrue(result.flag("terminated"), result::text);
        assertEquals(kind.queued() - kind.cancelled(), result.number("heldRan"), "the cancelled tasks' bodies never ran");
        assertEquals(kind.cancelled(), result.number("cancelledSeen"), result::text);
        assertEquals(kind.executeFailures == Failure.HANDLER ? FAILING_EXECUTES : 0, result.number("uncaught"), result::text);
        assertEquals(kind.executeFailures == Failure.CALLER ? FAILING_EXECUTES : 0, result.number("thrownToCaller"), result::text);
        assertEquals(FAILING_SUBMITS, result.number("capturedByFuture"), result::text);
        assertEquals(EXECUTES * (EXECUTES - 1) / 2, result.number("executeSum"), result::text);
        assertEquals(SUBMITS * 100 + SUBMITS * (SUBMITS - 1) / 2, result.number("submitSum"), result::text);
        assertEquals((INVOKE_ALL - 1) * INVOKE_ALL * (2 * INVOKE_ALL - 1) / 6, result.number("invokeAllSum"), result::text);
        long checksum = 0;
        for (long s = 0; s < SUBMITTERS; s++) {
            for (long i = 0; i < PER_SUBMITTER; i++) {
                checksum += (s * 1_000_000L + i) * 3 + 1;
            }
        }
        assertEquals(checksum, result.number("checksum"), result::text);
        assertEquals(REJECTED, result.number("refused"), result::text);
    }

    /** A {@code ThreadPoolExecutor} counts every task a worker took, a cancelled future too: the agent's run or cancelled. */
    @Test
    void theJdksOwnCountAgreesWhereItKeepsOne() {
        long jdkCompleted = output().result(label).number("jdkCompleted");
        assumeTrue(jdkCompleted >= 0, "only a ThreadPoolExecutor keeps a count of completed tasks");
        ScenarioOutput.Line stats = output().stats(label);
        assertEquals(stats.number("executed") + stats.number("cancelled"), jdkCompleted, stats::text);
    }

    @Test
    void theApplicationSeesTheSameWithoutTheAgent() {
        ChildJvm.Result without = CHILDREN.result(WITHOUT_AGENT).requireSuccess();
        assertEquals(output().result(label).text(), without.output().result(label).text(), without::describe);
    }
}
