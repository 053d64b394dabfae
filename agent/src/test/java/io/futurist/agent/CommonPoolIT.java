package io.futurist.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.scenarios.CommonPoolScenario;
import io.futurist.agent.testing.Books;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.RequiresJava;
import io.futurist.agent.testing.ScenarioOutput;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link CommonPoolScenario}: what counts on the common pool. Run twice under the agent: with
 * this machine's default common parallelism (1 on a 2-CPU machine, where JDK 17's
 * {@code CompletableFuture} then bypasses the common pool), and with
 * {@code -Djava.util.concurrent.ForkJoinPool.common.parallelism=2}, where every JDK hands
 * async stages to it; and once without the agent.
 */
class CommonPoolIT {

    private static ChildJvm.Result byDefault;
    private static ChildJvm.Result parallel;
    private static ChildJvm.Result withoutAgent;

    @BeforeAll
    static void runScenario() {
        byDefault = ForkJoinChildren.result(ForkJoinChildren.COMMON);
        parallel = ForkJoinChildren.result(ForkJoinChildren.COMMON_PARALLELISM_2);
        withoutAgent = ForkJoinChildren.result(ForkJoinChildren.COMMON_WITHOUT_AGENT);
    }

    private static List<ScenarioOutput> outputs() {
        return List.of(byDefault.output(), parallel.output());
    }

    @Test
    void agentIsSilent() {
        assertEquals("[]", byDefault.futuristLines().toString(), byDefault::describe);
        assertEquals("[]", parallel.futuristLines().toString(), parallel::describe);
        assertEquals(2, parallel.output().line("common", "config").number("parallelism"));
    }

    /** Known from the start, under its own name; submit and execute reach it whatever its parallelism. */
    @Test
    void submitAndExecuteAreTasksOfTheCommonPool() {
        for (ScenarioOutput output : outputs()) {
            ScenarioOutput.Line tracked = output.tracked("common");
            assertEquals(1, tracked.number("count"), tracked::text);
            assertEquals("ForkJoinPool.commonPool", tracked.get("name"));
            assertEquals("java.util.concurrent.ForkJoinPool", tracked.get("type"));
            assertTrue(tracked.get("site").contains("commonPool"), tracked::text);
            ScenarioOutput.Line common = output.stats("common-submit");
            Books.of(2, 2, 0, 0, 0).and("active", 0).and("queued", 0).assertOn(common);
            assertTrue(common.flag("alive"));
            assertEquals(42, output.result("common").number("submitted"));
        }
    }

    @Test
    void commonPoolStaysAliveAfterShutdownAndShutdownNow() {
        for (ScenarioOutput output : outputs()) {
            ScenarioOutput.Line afterShutdown = output.stats("common-shutdown");
            assertTrue(afterShutdown.flag("alive"), afterShutdown::text);
            assertEquals(output.stats("common-submit").fields(), afterShutdown.fields());
            assertFalse(output.result("common").flag("shutDown"), "the JDK ignores it too");
        }
    }

    /** A fork() from a plain thread outside any task is one submission; the forks inside its run are not. */
    @Test
    void forkFromAPlainThreadIsOneTask() {
        for (ScenarioOutput output : outputs()) {
            Books.of(1, 1, 0, 0, 0).assertGrowth(output.stats("common-shutdown"), output.stats("common-fork"));
            assertEquals(610, output.result("common").number("forked"));
        }
    }

    /** Its root runs in main, its pieces are forks made while a task runs: nothing changes. */
    @Test
    void parallelStreamStartedFromMainAddsNoTask() {
        for (ScenarioOutput output : outputs()) {
            assertEquals(output.stats("common-fork").fields(), output.stats("common-stream").fields());
            ScenarioOutput.Line result = output.result("common");
            assertEquals(599997, result.number("streamSum"));
            assertEquals(CommonPoolScenario.STREAM_SIZE, result.number("collected"));
        }
    }

    /** main, having run those streams' roots, is outside any task again: its forks are tasks, one of them failing. */
    @Test
    void forksFromMainAfterParallelStreamsAreTasks() {
        for (ScenarioOutput output : outputs()) {
            Books.of(2, 2, 1, 0, 0).assertGrowth(output.stats("common-stream"), output.stats("common-main-fork"));
            assertEquals(610, output.result("common").number("mainForked"));
            assertEquals("IllegalStateException", output.result("common").get("forkFailure"));
        }
    }

    @Test
    void forkCancelledWhileQueuedBehindHeldWorkersIsCancelled() {
        for (ScenarioOutput output : outputs()) {
            long workers = output.line("common", "config").number("parallelism");
            Books.of(workers + 1, workers, 0, 1, 0).and("active", 0).and("queued", 0)
                    .assertGrowth(output.stats("common-main-fork"), output.stats("common-cancel"));
            assertTrue(output.result("common").flag("forkCancelled"));
        }
    }

    /** A parallel stream inside a task submitted to a custom pool is part of that one task, on that pool only. */
    @Test
    void parallelStreamInsideACustomPoolsTaskIsThatOneTask() {
        for (ScenarioOutput output : outputs()) {
            Books.of(1, 1, 0, 0, 0).assertTerminated(output.stats("custom-stream"));
            assertEquals(output.stats("common-cancel").fields(), output.stats("common-after-custom").fields());
            assertEquals(400000, output.result("common").number("insideSum"));
        }
    }

    /**
     * supplyAsync + thenApplyAsync, a failing runAsync and a default-executor supplyAsync: four
     * tasks of the common pool, one failed: after Java 17 CompletableFuture uses the common pool
     * whatever its parallelism.
     */
    @Test
    @RequiresJava(min = 18, reason = "Java 17's CompletableFuture bypasses a common pool of parallelism 1 "
            + "(completableFutureAsyncStagesCountOnJava17WhereTheyRunOnTheCommonPool)")
    void completableFutureAsyncStagesCountOnTheCommonPool() {
        ScenarioOutput output = byDefault.output();
        ScenarioOutput.Line config = output.line("common", "config");
        assertTrue(config.flag("cfDefaultIsCommon"), config::text);
        Books.of(4, 4, 1, 0, 0).assertGrowth(output.stats("common-after-custom"), output.stats("common-cf"));
        assertCompletableFutureResults(output);
    }

    /**
     * The same four stages on Java 17: README, with common parallelism 1 it runs them on a new
     * thread per task instead, even when given the common pool, and nothing is counted.
     */
    @Test
    @RequiresJava(below = 18, reason = "after Java 17 CompletableFuture always uses the common pool "
            + "(completableFutureAsyncStagesCountOnTheCommonPool)")
    void completableFutureAsyncStagesCountOnJava17WhereTheyRunOnTheCommonPool() {
        ScenarioOutput output = byDefault.output();
        ScenarioOutput.Line config = output.line("common", "config");
        boolean onCommonPool = config.number("parallelism") > 1;
        assertEquals(onCommonPool, config.flag("cfDefaultIsCommon"), config::text);
        Books expected = onCommonPool ? Books.of(4, 4, 1, 0, 0) : Books.of(0, 0, 0, 0, 0);
        expected.assertGrowth(output.stats("common-after-custom"), output.stats("common-cf"));
        assertCompletableFutureResults(output);
    }

    @Test
    void completableFutureAsyncStagesCountWithCommonParallelismTwoOnEveryJdk() {
        ScenarioOutput output = parallel.output();
        assertTrue(output.line("common", "config").flag("cfDefaultIsCommon"));
        Books.of(4, 4, 1, 0, 0).assertGrowth(output.stats("common-after-custom"), output.stats("common-cf"));
        assertCompletableFutureResults(output);
    }

    private static void assertCompletableFutureResults(ScenarioOutput output) {
        ScenarioOutput.Line result = output.result("common");
        assertEquals(21, result.number("stages"));
        assertEquals("IllegalStateException", result.get("asyncFailure"));
        assertEquals(7, result.number("byDefault"));
    }

    @Test
    void applicationResultsAreTheSameWithAndWithoutTheAgent() {
        List<String> with = byDefault.output().texts("result");
        assertEquals(1, with.size(), with::toString);
        assertEquals(with, withoutAgent.output().texts("result"));
        assertEquals(with, parallel.output().texts("result"));
    }
}
