package io.futurist.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.futurist.ExecutorStatistics;
import io.futurist.StatisticsRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** What the registry keeps per executor: names (first one wins), creation site, alive flag and recorder. */
class ExecutorRecordTest {

    private final ExecutorRecord record = new ExecutorRecord(7, "java.util.concurrent.ThreadPoolExecutor", "app.Main.main(Main.java:3)");

    @Test
    void defaultNameIsTheSimpleTypeNameAndId() {
        assertEquals("ThreadPoolExecutor#7", record.name());
        assertFalse(record.isNamed());
        assertEquals("java.util.concurrent.ThreadPoolExecutor", record.type());
        assertEquals(7, record.id());
    }

    @Test
    void workerNameHasItsTrailingNumberReplacedByAStar() {
        record.nameAfterWorker("pool-3-thread-7");
        assertEquals("pool-3-thread-*", record.name());
        assertTrue(record.isNamed());
    }

    @Test
    void firstWorkerNameWins() {
        record.nameAfterWorker("pool-3-thread-7");
        record.nameAfterWorker("pool-3-thread-12");
        record.nameAfterWorker("other-1");
        record.name("explicit");
        assertEquals("pool-3-thread-*", record.name());
    }

    @Test
    void explicitNameWinsOverLaterWorkerNames() {
        record.name("orders");
        record.nameAfterWorker("pool-3-thread-7");
        record.name("second");
        assertEquals("orders", record.name());
    }

    @Test
    void workerNamesWithoutTrailingNumberAreKeptWhole() {
        ExecutorRecord plain = new ExecutorRecord(1, "Pool", "here");
        plain.nameAfterWorker("worker");
        assertEquals("worker", plain.name());

        ExecutorRecord digits = new ExecutorRecord(2, "Pool", "here");
        digits.nameAfterWorker("1234");
        assertEquals("1234", digits.name());

        ExecutorRecord middle = new ExecutorRecord(3, "Pool", "here");
        middle.nameAfterWorker("worker-2-main");
        assertEquals("worker-2-main", middle.name());
    }

    @Test
    void nullAndEmptyNamesAreIgnored() {
        record.name(null);
        record.name("");
        record.nameAfterWorker(null);
        assertFalse(record.isNamed());
        assertEquals("ThreadPoolExecutor#7", record.name());
    }

    @Test
    void exactlyOneOfManyConcurrentNamesWins() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            String worker = "pool-" + t + "-thread-1";
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                record.nameAfterWorker(worker);
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        String name = record.name();
        assertTrue(name.matches("pool-[0-7]-thread-\\*"), name);
        record.nameAfterWorker("late-1");
        assertEquals(name, record.name());
    }

    @Test
    void creationSiteIsFilledInOnlyWhenUnknown() {
        record.creationSite("elsewhere.Other.run(Other.java:9)");
        assertEquals("app.Main.main(Main.java:3)", record.creationSite());

        ExecutorRecord unknown = new ExecutorRecord(8, "Pool", ExecutorRecord.UNKNOWN_SITE);
        unknown.creationSite(null);
        assertEquals(ExecutorRecord.UNKNOWN_SITE, unknown.creationSite());
        unknown.creationSite("app.Late.attach(Late.java:5)");
        assertEquals("app.Late.attach(Late.java:5)", unknown.creationSite());
    }

    @Test
    void anExecutorBuiltBeforeTheAgentStartedGetsItsSiteAndStackWhenTheyAreKnown() {
        ExecutorRegistry registry = new ExecutorRegistry();
        Object executor = new Object();
        ExecutorRecord early = registry.register(executor, ExecutorRecord.BEFORE_AGENT_SITE);
        assertEquals(List.of(), early.creationStack());
        List<String> stack = List.of("app.Main.build(Main.java:7)", "app.Main.main(Main.java:3)");
        assertSame(early, registry.register(executor, stack));
        assertEquals("app.Main.build(Main.java:7)", early.creationSite());
        assertEquals(stack, early.creationStack());
        registry.register(executor, List.of("elsewhere.Other.run(Other.java:9)"));
        assertEquals(stack, early.creationStack(), "the first stack given wins");
    }

    @Test
    void noApplicationFrameMeansAnUnknownSiteAndAnEmptyStack() {
        ExecutorRecord none = new ExecutorRegistry().register(new Object(), List.of());
        assertEquals("unknown", none.creationSite());
        assertEquals(List.of(), none.creationStack());
    }

    @Test
    void restartRevivesAShutDownRecordWithAFreshRecorder() {
        StatisticsRecorder first = record.recorder();
        first.submitted();
        record.restart();
        assertSame(first, record.recorder(), "restart while alive must do nothing");

        record.markShutDown();
        assertFalse(record.alive());
        record.restart();
        assertTrue(record.alive());
        assertNotSame(first, record.recorder());
        assertEquals(ExecutorStatistics.EMPTY, record.statistics());
    }

    @Test
    void loadIsAttachedAtSnapshotTimeByTheInstalledReader() {
        // The record holds its executor weakly: the test holds it, so that its shape stays readable.
        java.util.concurrent.ThreadPoolExecutor executor = new java.util.concurrent.ThreadPoolExecutor(1, 2, 0,
                java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.ArrayBlockingQueue<>(4));
        ExecutorRecord pool = new ExecutorRecord(9, executor, "app");
        assertTrue(pool.statistics().utilization().isEmpty(), "nothing measures load: absent");
        List<Long> asked = new ArrayList<>();
        try {
            ExecutorRecord.loadReader((id, statistics) -> {
                asked.add(id);
                return statistics.withLoad(0.5, 0.25);
            });
            ExecutorStatistics stats = pool.statistics();
            assertEquals(List.of(9L), asked);
            assertEquals(0.5, stats.utilization().getAsDouble());
            assertEquals(0.25, stats.queueFill().getAsDouble());
            assertEquals(4, stats.queueCapacity().getAsInt(), "the shape is attached too");
            ExecutorRecord.loadReader((id, statistics) -> {
                throw new IllegalStateException("a broken reader");
            });
            assertTrue(pool.statistics().utilization().isEmpty(), "a failing reader costs the load, not the counts");
            assertEquals(4, pool.statistics().queueCapacity().getAsInt());
        } finally {
            ExecutorRecord.loadReader(LoadReader.NONE);
        }
        assertTrue(pool.statistics().utilization().isEmpty());
        executor.shutdown();
    }
}
