package io.futurist.agent;

import static example.scenarios.ForkJoinScenario.BASIC_TASKS;
import static example.scenarios.ForkJoinScenario.INVOKE_ANY;
import static example.scenarios.ForkJoinScenario.RACED_REJECTIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.scenarios.ForkJoinScenario;
import io.futurist.agent.testing.Books;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.RequiresJava;
import io.futurist.agent.testing.ScenarioOutput;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link ForkJoinScenario} under the agent: every task that enters a {@code ForkJoinPool} from
 * outside is one task, forks made while a task runs are not (docs/CONTRACT.md §3), exactly; and the same
 * application results without the agent.
 */
class ForkJoinPoolIT {

    private static final String POOL_TYPE = "java.util.concurrent.ForkJoinPool";

    private static ChildJvm.Result run;
    private static ChildJvm.Result withoutAgent;
    private static ScenarioOutput output;

    @BeforeAll
    static void runScenario() {
        run = ForkJoinChildren.result(ForkJoinChildren.POOLS);
        withoutAgent = ForkJoinChildren.result(ForkJoinChildren.POOLS_WITHOUT_AGENT);
        output = run.output();
    }

    @Test
    void agentIsActiveAndSilent() {
        assertEquals("true", output.env().get("agentActive"));
        assertEquals("[]", run.futuristLines().toString(), run::describe);
    }

    /** execute, submit(Runnable) and a failing invoke: one task each. */
    @Test
    void executeSubmitAndInvokeAreOneTaskEach() {
        Books.of(BASIC_TASKS, BASIC_TASKS, 1, 0, 0).assertTerminated(output.stats("fj"));
    }

    @Test
    void applicationSeesItsResultsAndItsExceptions() {
        ScenarioOutput.Line result = output.result("fj");
        assertTrue(result.flag("terminated"));
        assertEquals(5, result.number("runnable"));
        assertEquals("IllegalArgumentException", result.get("invokeFailure"), "invoke rethrows the action's exception");
    }

    /** {@code invoke(Fib(20))} forks thousands of times: one task; so is a task that forks and invokes inside. */
    @Test
    void forksMadeWhileATaskRunsAreNotCounted() {
        Books.of(2, 2, 0, 0, 0).assertTerminated(output.stats("fib"));
        assertEquals(6765, output.result("fib").number("fib"));
        assertEquals(610 + 377 + 987, output.result("fib").number("nested"));
    }

    /**
     * supplyAsync + thenApplyAsync: two tasks; a failing runAsync: one failed run (the stage
     * catches the exception, the future it completes shows it); a thenApplyAsync whose source
     * failed completes without ever reaching the pool: only its source is a task.
     */
    @Test
    void completableFutureStagesHandedToThePoolAreTasks() {
        Books.of(4, 4, 2, 0, 0).assertTerminated(output.stats("stages"));
        ScenarioOutput.Line result = output.result("stages");
        assertEquals(21, result.number("stages"));
        assertEquals("IllegalStateException", result.get("runFailure"));
        assertEquals("IllegalStateException", result.get("dependentFailure"));
    }

    /** How many callables start before one wins is the JDK's business; the books balance whatever it does. */
    @Test
    void invokeAnyBalances() {
        ScenarioOutput.Line pool = output.stats("invokeAny");
        Books.assertBalanced(pool);
        long submitted = pool.number("submitted");
        assertTrue(submitted >= 1 && submitted <= INVOKE_ANY, pool::text);
        assertEquals(0, pool.number("failures"), pool::text);
        assertEquals(9, output.result("invokeAny").number("any"));
    }

    /** When every callable of invokeAny fails, every one of them ran, and failed. */
    @Test
    void invokeAnyCallablesThatFailAreFailures() {
        Books.of(INVOKE_ANY, INVOKE_ANY, INVOKE_ANY, 0, 0).assertTerminated(output.stats("invokeAny-failing"));
        assertEquals("ExecutionException", output.result("invokeAny-failing").get("outcome"));
    }

    @Test
    void invokeAnyWhoseCallablesAllFailBalances() {
        ScenarioOutput.Line pool = output.stats("invokeAny-failing");
        Books.assertBalanced(pool);
        assertEquals(INVOKE_ANY, pool.number("submitted"), pool::text);
        assertEquals("ExecutionException", output.result("invokeAny-failing").get("outcome"));
    }

    /** docs/CONTRACT.md §3: failures are "runs that ended with an exception, also when a FutureTask captured it". */
    @Test
    void futureTaskGivenToExecuteThatFailsIsAFailure() {
        Books.of(1, 1, 1, 0, 0).assertTerminated(output.stats("futureTask-failure"));
    }

    /** docs/CONTRACT.md §3: cancelled means "accepted tasks that never ran: cancelled before start". */
    @Test
    void futureTaskGivenToExecuteAndCancelledWhileQueuedIsCancelled() {
        Books.of(3, 2, 0, 1, 0).assertTerminated(output.stats("futureTask-cancelled"));
    }

    @Test
    void futureTasksGivenToExecuteBalanceAndDoWhatTheApplicationExpects() {
        Books.assertBalanced(output.stats("futureTask-failure"));
        Books.assertBalanced(output.stats("futureTask-cancelled"));
        assertEquals("IllegalStateException", output.result("futureTask-failure").get("captured"));
        assertTrue(output.result("futureTask-cancelled").flag("cancelled"));
        assertEquals(0, output.result("futureTask-cancelled").number("ran"));
    }

    /** The public externalSubmit (Java 20+) and lazySubmit (19+) are entries from outside too, even from a worker. */
    @Test
    @RequiresJava(min = 20, reason = "ForkJoinPool.externalSubmit arrived in Java 20 (externalSubmitIsMissingBeforeJava20)")
    void externalSubmitAndLazySubmitAreTasks() {
        ScenarioOutput.Line result = output.result("external");
        assertTrue(result.flag("available"), result::text);
        Books.of(4, 4, 0, 0, 0).assertTerminated(output.stats("external"));
        assertEquals(55, result.number("values"));
        assertEquals("89+144", result.get("fromWorker"));
    }

    @Test
    @RequiresJava(below = 20, reason = "from Java 20 on the scenario calls externalSubmit (externalSubmitAndLazySubmitAreTasks)")
    void externalSubmitIsMissingBeforeJava20() {
        ScenarioOutput.Line result = output.result("external");
        assertFalse(result.flag("available"), result::text);
        assertFalse(output.has("stats", "external"));
    }

    @Test
    void poolIsNamedAfterItsWorkersAndItsSiteIsTheConstructorCall() {
        ScenarioOutput.Line tracked = output.tracked("fj");
        ScenarioOutput.Line threads = output.line("threads", "fj");
        assertEquals(1, tracked.number("count"), tracked::text);
        String worker = threads.get("worker");
        assertTrue(worker.matches("ForkJoinPool-\\d+-worker-\\d+"), worker);
        assertEquals(worker.replaceAll("\\d+$", "*"), tracked.get("name"));
        assertEquals(POOL_TYPE, tracked.get("type"));
        assertEquals(ForkJoinScenario.class.getName() + ".basics(ForkJoinScenario.java:" + threads.number("line") + ")",
                tracked.get("site"));
        assertTrue(tracked.flag("alive"));
    }

    @Test
    void poolWithItsOwnWorkerFactoryIsNamedAfterThoseWorkers() {
        ScenarioOutput.Line tracked = output.tracked("crawlers");
        assertEquals(1, tracked.number("count"), tracked::text);
        assertEquals("crawler-0", output.line("threads", "crawlers").get("worker"));
        assertEquals("crawler-*", tracked.get("name"));
        assertTrue(tracked.get("site").startsWith(ForkJoinScenario.class.getName() + ".workerFactoryNames("),
                tracked::text);
    }

    @Test
    @RequiresJava(min = 19, reason = "ExecutorService.close() arrived in Java 19 (closeIsMissingBeforeJava19)")
    void closeEndsThePoolOnJava19AndLater() {
        ScenarioOutput.Line close = output.result("close");
        assertTrue(close.flag("available"), close::text);
        assertTrue(output.stats("close-running").flag("alive"));
        assertTrue(close.flag("terminated"));
        assertEquals(6, close.number("sum"));
        Books.of(3, 3, 0, 0, 0).assertTerminated(output.stats("close"));
    }

    @Test
    @RequiresJava(below = 19, reason = "from Java 19 on the scenario closes the pool (closeEndsThePoolOnJava19AndLater)")
    void closeIsMissingBeforeJava19() {
        assertFalse(output.result("close").flag("available"), output.result("close")::text);
        assertFalse(output.has("stats", "close"));
    }

    @Test
    void submissionsAfterShutdownAreRejectedNotSubmitted() {
        Books.of(1, 1, 0, 0, 3).assertTerminated(output.stats("rejected"));
        assertEquals(3, output.result("rejected").number("refused"));
        assertEquals(1, output.result("rejected").number("ran"));
    }

    /**
     * Each refusal is one rejection, also when another thread's termination check (which
     * sweeps the pool's pending tasks into "cancelled") runs while the refused task is briefly
     * in the agent's pending table.
     */
    @Test
    void submissionsRefusedWhileAnotherThreadChecksTerminationAreRejections() {
        Books.of(1, 1, 0, 0, RACED_REJECTIONS).assertTerminated(output.stats("rejected-race"));
    }

    @Test
    void submissionsRefusedWhileAnotherThreadChecksTerminationBalance() {
        Books.assertBalanced(output.stats("rejected-race"));
        assertEquals(RACED_REJECTIONS, output.result("rejected-race").number("refused"));
        assertEquals(1, output.stats("rejected-race").number("executed"));
    }

    @Test
    void applicationResultsAreTheSameWithAndWithoutTheAgent() {
        List<String> with = output.texts("result");
        assertTrue(with.size() >= 10, with::toString);
        assertEquals(with, withoutAgent.output().texts("result"));
        assertEquals("absent", withoutAgent.output().env().get("futurist"));
    }
}
