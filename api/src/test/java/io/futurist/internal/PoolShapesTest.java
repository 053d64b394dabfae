package io.futurist.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.futurist.ExecutorStatistics;
import io.futurist.PoolShape;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A tracked pool's statistics carry its shape, read from the pool when they are asked for.
 * (Without the agent {@code java.util.concurrent} is closed, so the queue bounds here come from
 * the queues' own {@code remainingCapacity() + size()}.)
 */
class PoolShapesTest {

    private static final OptionalInt ABSENT = OptionalInt.empty();

    private final ExecutorRegistry registry = new ExecutorRegistry();
    private final List<ExecutorService> toStop = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (ExecutorService executor : toStop) {
            executor.shutdownNow();
            executor.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private <T extends ExecutorService> T stopLater(T executor) {
        toStop.add(executor);
        return executor;
    }

    private ExecutorStatistics statistics(Object executor) {
        return registry.register(executor, "here").statistics();
    }

    @Test
    void threadPoolWithABoundedQueueFullToItsMaximum() throws Exception {
        ThreadPoolExecutor pool = stopLater(new ThreadPoolExecutor(2, 4, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(10)));
        assertEquals(PoolShape.threadPool(0, 2, 4, 0, 10), statistics(pool).shape());
        CountDownLatch running = new CountDownLatch(4);
        CountDownLatch release = new CountDownLatch(1);
        Runnable held = () -> {
            running.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        pool.execute(held);
        pool.execute(held);
        for (int i = 0; i < 10; i++) {
            pool.execute(() -> { });
        }
        pool.execute(held);
        pool.execute(held);
        running.await();
        ExecutorStatistics full = statistics(pool);
        assertEquals(OptionalInt.of(4), full.poolSize());
        assertEquals(OptionalInt.of(2), full.corePoolSize());
        assertEquals(OptionalInt.of(4), full.maximumPoolSize());
        assertEquals(OptionalInt.of(4), full.largestPoolSize());
        assertEquals(OptionalInt.of(10), full.queueCapacity(), "a full queue's bound, not its remaining room");
        assertEquals(ABSENT, full.parallelism());
        release.countDown();
    }

    @Test
    void unboundedQueuesHaveNoCapacityAndHandOffQueuesZero() {
        assertEquals(ABSENT, statistics(stopLater(new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>()))).queueCapacity());
        assertEquals(OptionalInt.of(5), statistics(stopLater(new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(5)))).queueCapacity());
        ThreadPoolExecutor cached = (ThreadPoolExecutor) stopLater(Executors.newCachedThreadPool());
        assertEquals(PoolShape.threadPool(0, 0, Integer.MAX_VALUE, 0, 0), statistics(cached).shape());
        ScheduledThreadPoolExecutor scheduled = stopLater(new ScheduledThreadPoolExecutor(3));
        assertEquals(PoolShape.threadPool(0, 3, Integer.MAX_VALUE, 0, -1), statistics(scheduled).shape());
    }

    @Test
    void forkJoinPoolHasItsParallelism() {
        ForkJoinPool pool = stopLater(new ForkJoinPool(3));
        assertEquals(PoolShape.forkJoinPool(0, 3), statistics(pool).shape());
    }

    @Test
    void otherExecutorsHaveNoShape() {
        Executor direct = Runnable::run;
        assertSame(PoolShape.NONE, statistics(direct).shape());
    }

    @Test
    void anAddedReaderIsUsedEvenAfterTheClassWasSeen() {
        Executor server = new RequestPool();
        assertSame(PoolShape.NONE, statistics(server).shape());
        PoolShapes.add(RequestPool.class.getName(), executor -> PoolShape.threadPool(7, 1, 9, 8, 100));
        assertEquals(PoolShape.threadPool(7, 1, 9, 8, 100), statistics(server).shape());
        assertEquals(PoolShape.threadPool(7, 1, 9, 8, 100), statistics(new RequestPool() { }).shape(),
                "an added reader reads the subclasses too");
    }

    @Test
    void aReaderThatThrowsCostsOnlyTheShape() {
        Executor broken = new BrokenPool();
        PoolShapes.add(BrokenPool.class.getName(), executor -> {
            throw new IllegalStateException("torn down");
        });
        ExecutorStatistics statistics = statistics(broken);
        assertSame(PoolShape.NONE, statistics.shape());
        assertEquals(0, statistics.submitted());
    }

    @Test
    void theRecordDoesNotKeepItsPoolReachable() {
        WeakReference<Object> dropped = registerAndDrop();
        for (int attempt = 0; attempt < 50 && dropped.get() != null; attempt++) {
            System.gc();
        }
        assertNull(dropped.get(), "reading the shape must not keep the pool reachable");
    }

    private WeakReference<Object> registerAndDrop() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1));
        assertEquals(OptionalInt.of(1), statistics(pool).corePoolSize());
        return new WeakReference<>(pool);
    }

    /** A request pool of a web server, as the JDK does not know it. */
    static class RequestPool implements Executor {
        @Override
        public void execute(Runnable command) {
            command.run();
        }
    }

    /** A pool whose reader fails. */
    static final class BrokenPool implements Executor {
        @Override
        public void execute(Runnable command) {
            command.run();
        }
    }
}
