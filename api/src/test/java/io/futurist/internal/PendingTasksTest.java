package io.futurist.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pending table hands each accepted task's time to exactly one taker, with and without
 * its acceptance ring ({@code ring} parameters).
 */
class PendingTasksTest {

    private static PendingTasks table(boolean ring) {
        PendingTasks pending = ring ? PendingTasks.forQueue(new LinkedBlockingQueue<>()) : new PendingTasks();
        assertEquals(ring, pending.hasRing());
        return pending;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aTaskIsTakenOnceWithItsTime(boolean ring) {
        PendingTasks pending = table(ring);
        Object task = new Object();
        pending.put(task, 42L);
        assertEquals(1, pending.size());
        assertEquals(42L, pending.take(task));
        assertEquals(PendingTasks.MISSING, pending.take(task));
        assertEquals(PendingTasks.MISSING, pending.take(new Object()));
        assertEquals(0, pending.size());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void containsSeesATaskUntilItIsTaken(boolean ring) {
        PendingTasks pending = table(ring);
        Object task = new Object();
        assertFalse(pending.contains(task));
        pending.put(task, 7L);
        assertTrue(pending.contains(task));
        assertFalse(pending.contains(new Object()), "another task");
        assertEquals(7L, pending.take(task));
        assertFalse(pending.contains(task));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aDeepQueueKeepsEveryTaskAndTime(boolean ring) {
        PendingTasks pending = table(ring);
        int tasks = 20_000;
        Object[] queued = new Object[tasks];
        for (int i = 0; i < tasks; i++) {
            queued[i] = new Object();
            pending.put(queued[i], i);
        }
        assertEquals(tasks, pending.size());
        // Interleave more puts with takes, as a busy executor does.
        Object[] more = new Object[tasks];
        for (int i = 0; i < tasks; i++) {
            assertEquals(i, pending.take(queued[i]));
            more[i] = new Object();
            pending.put(more[i], -i);
        }
        for (int i = 0; i < tasks; i++) {
            assertEquals(-i, pending.take(more[i]));
        }
        assertEquals(0, pending.size());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void theSameTaskQueuedManyTimesIsTakenAsOftenAsQueued(boolean ring) {
        PendingTasks pending = table(ring);
        Object task = new Object();
        int copies = 500; // more than the windows of every level hold
        for (int i = 0; i < copies; i++) {
            pending.put(task, i);
        }
        assertEquals(copies, pending.size());
        long sum = 0;
        for (int i = 0; i < copies; i++) {
            long time = pending.take(task);
            assertTrue(time >= 0 && time < copies, "time " + time);
            sum += time;
        }
        assertEquals((long) copies * (copies - 1) / 2, sum, "every copy's own time, once");
        assertEquals(PendingTasks.MISSING, pending.take(task));
        assertEquals(0, pending.size());
    }

    /**
     * The same task object queued by several threads at once, each putting a copy and then
     * taking one, as the workers of a pool fed one {@code Runnable} over and over do: there is
     * always a copy for every taker, so no take may miss. A single search is not a snapshot:
     * another thread takes the copy it was about to reach while its own new copy lands where
     * the search has been already (the ring's wrap-around puts it at the search's start), and
     * without the repeated search this misses a few times a second.
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void threadsPuttingAndTakingTheSameTaskAlwaysFindACopy(int threads) throws Exception {
        PendingTasks pending = table(true);
        Object task = new Object();
        AtomicLong missing = new AtomicLong();
        AtomicLong taken = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> racing = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                racing.add(pool.submit(() -> {
                    go.await();
                    long rounds = 0;
                    // Until the time is up or a take missed (checked every 1024 rounds: the clock is slower than a round).
                    while ((rounds & 1023) != 0 || System.nanoTime() < end && missing.get() == 0) {
                        pending.put(task, rounds);
                        if (pending.take(task) == PendingTasks.MISSING) {
                            missing.incrementAndGet();
                        }
                        rounds++;
                    }
                    taken.addAndGet(rounds);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : racing) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, missing.get(), "takes that missed a copy, of " + taken.get());
        assertEquals(0, pending.size());
    }

    @Test
    void takeAllRemovesWhatThePredicateSelects() {
        PendingTasks pending = new PendingTasks();
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String task = new String("task" + i);
            tasks.add(task);
            pending.put(task, i);
        }
        assertEquals(75, pending.takeAll(t -> tasks.indexOf(t) % 4 == 0));
        assertEquals(225, pending.size());
        assertEquals(225, pending.takeAll(t -> true));
        assertEquals(0, pending.takeAll(t -> true));
        assertEquals(0, pending.size());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void racingTakersGetEachTaskExactlyOnce(boolean ring) throws Exception {
        PendingTasks pending = table(ring);
        int threads = 4;
        int tasks = 20_000;
        Object[] queued = new Object[tasks];
        for (int i = 0; i < tasks; i++) {
            queued[i] = new Object();
        }
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong won = new AtomicLong();
        AtomicLong timeSum = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        try {
            List<Future<?>> done = new ArrayList<>();
            done.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < tasks; i++) {
                    pending.put(queued[i], i);
                }
                return null;
            }));
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    go.await();
                    // Every taker tries every task until all are taken; a task not yet put
                    // or taken by another is MISSING and is tried again on the next pass.
                    while (won.get() < tasks) {
                        for (int i = 0; i < tasks; i++) {
                            long time = pending.take(queued[i]);
                            if (time != PendingTasks.MISSING) {
                                won.incrementAndGet();
                                timeSum.addAndGet(time);
                            }
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(tasks, won.get());
        assertEquals((long) tasks * (tasks - 1) / 2, timeSum.get());
        assertEquals(0, pending.size());
    }

    @Test
    void onlyTheJdksFirstInFirstOutQueuesGetARing() {
        assertTrue(PendingTasks.forQueue(new LinkedBlockingQueue<>()).hasRing());
        assertTrue(PendingTasks.forQueue(new LinkedBlockingDeque<>()).hasRing());
        assertTrue(PendingTasks.forQueue(new LinkedTransferQueue<>()).hasRing());
        assertTrue(PendingTasks.forQueue(new ArrayBlockingQueue<>(10)).hasRing());
        assertTrue(PendingTasks.forQueue(new SynchronousQueue<>()).hasRing());
        assertFalse(PendingTasks.forQueue(new PriorityBlockingQueue<>()).hasRing(), "orders by priority");
        assertFalse(PendingTasks.forQueue(new LinkedBlockingQueue<>() {
        }).hasRing(), "a subclass may order as it likes");
        assertFalse(PendingTasks.forQueue(null).hasRing());
        assertTrue(PendingTasks.forQueue(PendingTasks.STARTED_IN_ORDER).hasRing(), "a thread-per-task executor's");
        assertEquals(PendingTasks.FIRST_RING, PendingTasks.forQueue(new SynchronousQueue<>()).ringCapacity());
        assertEquals(PendingTasks.FIRST_RING, PendingTasks.forQueue(new LinkedBlockingQueue<>()).ringCapacity(),
                "grows only when a queue gets deeper");
        assertEquals(64, PendingTasks.ringSize(1));
        assertEquals(128, PendingTasks.ringSize(74));
        assertEquals(PendingTasks.MAX_RING, PendingTasks.ringSize(Integer.MAX_VALUE));
    }

    @Test
    void ringTasksTakenOutOfOrderAreFoundWithTheirTimesAsTheRingGrows() {
        PendingTasks pending = table(true);
        assertEquals(PendingTasks.FIRST_RING, pending.ringCapacity(), "a small ring first");
        int tasks = 600;
        Object[] queued = new Object[tasks];
        for (int i = 0; i < tasks; i++) {
            queued[i] = new Object();
            pending.put(queued[i], i);
        }
        // Grown twice on the way (64, 256, 1024): the tasks in the outgrown rings are found too.
        assertEquals(PendingTasks.MAX_RING, pending.ringCapacity());
        assertEquals(tasks, pending.size());
        // Far from the head first (remove() deep in the queue), then the newest (a refusal),
        // then the head onwards: the cursor loses track and finds it again.
        assertEquals(300, pending.take(queued[300]));
        assertEquals(599, pending.take(queued[599]));
        assertEquals(PendingTasks.MISSING, pending.take(queued[300]));
        for (int i = 0; i < tasks; i++) {
            if (i != 300 && i != 599) {
                assertEquals(i, pending.take(queued[i]), "task " + i);
            }
        }
        assertEquals(0, pending.size());
        assertEquals(PendingTasks.MISSING, pending.take(new Object()), "never put");
    }

    @Test
    void aQueueDeeperThanTheRingSpillsIntoTheHashLevels() {
        PendingTasks pending = table(true);
        int tasks = PendingTasks.MAX_RING * 3;
        Object[] queued = new Object[tasks];
        for (int i = 0; i < tasks; i++) {
            queued[i] = new Object();
            pending.put(queued[i], i);
        }
        assertEquals(tasks, pending.size());
        // Every other task leaves before its turn, as purge or remove do.
        assertEquals(tasks / 2, pending.takeAll(t -> indexOf(queued, t) % 2 == 1));
        for (int i = 0; i < tasks; i += 2) {
            assertEquals(i, pending.take(queued[i]), "task " + i);
        }
        assertEquals(0, pending.size());
    }

    private static int indexOf(Object[] tasks, Object task) {
        for (int i = 0; i < tasks.length; i++) {
            if (tasks[i] == task) {
                return i;
            }
        }
        return -1;
    }

    /**
     * What an executor does with a ring table: several submitters put a task, then queue it;
     * several workers poll the queue, then take the task. Whatever the interleaving, a queued
     * task is always found, exactly once, with its own time.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void submittersAndWorkersSharingAFifoQueueAlwaysFindTheirTasks(int submitters) throws Exception {
        BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        PendingTasks pending = PendingTasks.forQueue(queue);
        int workers = 3;
        int perSubmitter = 30_000;
        Object done = new Object();
        AtomicLong missing = new AtomicLong();
        AtomicLong found = new AtomicLong();
        AtomicLong timeSum = new AtomicLong();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(submitters + workers);
        try {
            List<Future<?>> submitting = new ArrayList<>();
            for (int s = 0; s < submitters; s++) {
                submitting.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perSubmitter; i++) {
                        Object task = new Object();
                        pending.put(task, i);
                        queue.put(task);
                        if (i % 1000 == 999) {
                            Thread.yield(); // let the queue drain now and then, as real pools do
                        }
                    }
                    return null;
                }));
            }
            List<Future<?>> working = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                working.add(pool.submit(() -> {
                    go.await();
                    for (Object task = queue.take(); task != done; task = queue.take()) {
                        long time = pending.take(task);
                        if (time == PendingTasks.MISSING) {
                            missing.incrementAndGet();
                        } else {
                            found.incrementAndGet();
                            timeSum.addAndGet(time);
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : submitting) {
                f.get(60, TimeUnit.SECONDS);
            }
            for (int w = 0; w < workers; w++) {
                queue.put(done);
            }
            for (Future<?> f : working) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, missing.get(), "tasks not found");
        assertEquals((long) submitters * perSubmitter, found.get());
        assertEquals((long) submitters * perSubmitter * (perSubmitter - 1) / 2, timeSum.get());
        assertEquals(0, pending.size());
    }

    @Test
    void aScheduledPoolsTableFindsItsTasksInAnyOrderHashedBySequenceOrByIdentity() throws Exception {
        java.util.concurrent.ScheduledThreadPoolExecutor pool = new java.util.concurrent.ScheduledThreadPoolExecutor(1);
        try {
            PendingTasks pending = PendingTasks.forQueue(PendingTasks.SCHEDULED_FUTURES);
            assertFalse(pending.hasRing(), "a delay queue hands tasks out by time: no ring");
            List<Object> tasks = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                // The pool's own ScheduledFutureTasks, an hour away: they stay queued.
                Object task = pool.schedule(() -> { }, 1, TimeUnit.HOURS);
                tasks.add(task);
                assertTrue(pending.put(task, i));
            }
            Object other = new Object(); // what a decorateTask override might hand over: hashed by identity
            assertTrue(pending.put(other, 1000));
            assertEquals(1000, pending.take(other));
            for (int i = tasks.size() - 1; i >= 0; i--) {
                assertEquals(i, pending.take(tasks.get(i)), "task " + i);
            }
            assertEquals(PendingTasks.MISSING, pending.take(tasks.get(0)));
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A scheduled pool's untimed one-shot keeps its token in itself (its {@code outerTask}, which
     * the JDK reads only for periodic tasks): no entry, found by its own table only, taken once,
     * and given back as a one-shot again.
     */
    @Test
    void aScheduledPoolsUntimedOneShotCarriesItsTokenInItself() throws Exception {
        java.util.concurrent.ScheduledThreadPoolExecutor pool = new java.util.concurrent.ScheduledThreadPoolExecutor(1);
        try {
            PendingTasks pending = PendingTasks.forQueue(PendingTasks.SCHEDULED_FUTURES);
            assertTrue(pending.marksTasks(), "java.util.concurrent is open to these tests, as the agent opens it");
            assertFalse(new PendingTasks().marksTasks(), "only a scheduled pool's table marks");
            Object oneShot = pool.schedule(() -> { }, 1, TimeUnit.HOURS);
            Object periodic = pool.scheduleAtFixedRate(() -> { }, 1, 1, TimeUnit.HOURS);
            assertFalse(pending.putMarked(periodic), "a periodic task re-queues what its field holds");
            assertFalse(pending.putMarked(new Object()), "not the JDK's task");
            assertTrue(pending.putMarked(oneShot));
            assertFalse(pending.putMarked(oneShot), "marked already");
            assertTrue(pending.contains(oneShot));
            assertEquals(0, pending.size(), "no entry");
            PendingTasks later = PendingTasks.forQueue(PendingTasks.SCHEDULED_FUTURES);
            assertFalse(later.contains(oneShot), "another table's mark (other books, another pool)");
            assertEquals(PendingTasks.MISSING, later.take(oneShot));
            assertEquals(PendingTasks.UNTIMED, pending.take(oneShot));
            assertEquals(PendingTasks.MISSING, pending.take(oneShot), "taken once");
            assertFalse(pending.contains(oneShot));
            assertTrue(pending.putMarked(oneShot), "its field holds itself again");
            assertEquals(0, pending.takeAll(task -> true), "a sweep does not reach marks");
            assertEquals(PendingTasks.UNTIMED, pending.take(oneShot));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Takers racing for one marked task: exactly one wins, every time. */
    @Test
    void oneTakerWinsAMarkedTask() throws Exception {
        java.util.concurrent.ScheduledThreadPoolExecutor pool = new java.util.concurrent.ScheduledThreadPoolExecutor(1);
        int rounds = 20_000;
        int takers = 3;
        Object[] tasks = new Object[rounds];
        PendingTasks pending = PendingTasks.forQueue(PendingTasks.SCHEDULED_FUTURES);
        try {
            for (int i = 0; i < rounds; i++) {
                tasks[i] = pool.schedule(() -> { }, 1, TimeUnit.HOURS);
                assertTrue(pending.putMarked(tasks[i]));
            }
            AtomicLong won = new AtomicLong();
            CyclicBarrier start = new CyclicBarrier(takers);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < takers; t++) {
                Thread thread = new Thread(() -> {
                    try {
                        start.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    for (Object task : tasks) {
                        if (pending.take(task) == PendingTasks.UNTIMED) {
                            won.incrementAndGet();
                        }
                    }
                });
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            assertEquals(rounds, won.get());
        } finally {
            pool.shutdownNow();
        }
    }
}
