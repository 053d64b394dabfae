package io.futurist.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The pending table hands each accepted task's time to exactly one taker. */
class PendingTasksTest {

    @Test
    void aTaskIsTakenOnceWithItsTime() {
        PendingTasks pending = new PendingTasks();
        Object task = new Object();
        pending.put(task, 42L);
        assertEquals(1, pending.size());
        assertEquals(42L, pending.take(task));
        assertEquals(PendingTasks.MISSING, pending.take(task));
        assertEquals(PendingTasks.MISSING, pending.take(new Object()));
        assertEquals(0, pending.size());
    }

    @Test
    void locateFindsOwnerAndClaimRemoves() {
        PendingTasks pending = new PendingTasks();
        Object task = new Object();
        Object owner = new Object();
        pending.put(task, 7L, owner);
        assertSame(owner, pending.ownerOf(task));
        PendingTasks.Entry entry = pending.locate(task);
        assertNotNull(entry);
        assertSame(owner, entry.owner());
        assertEquals(PendingTasks.MISSING, entry.claim(new Object()), "a claim for another task");
        assertEquals(7L, entry.claim(task));
        assertEquals(PendingTasks.MISSING, entry.claim(task));
        assertNull(pending.locate(task));
        assertNull(pending.ownerOf(task));
    }

    @Test
    void aDeepQueueKeepsEveryTaskAndTime() {
        PendingTasks pending = new PendingTasks();
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

    @Test
    void theSameTaskQueuedManyTimesIsTakenAsOftenAsQueued() {
        PendingTasks pending = new PendingTasks();
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

    @Test
    void takeAllRemovesWhatTheOwnerAndPredicateSelect() {
        PendingTasks pending = new PendingTasks();
        Object mine = new Object();
        Object theirs = new Object();
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String task = new String("task" + i);
            tasks.add(task);
            pending.put(task, i, i % 2 == 0 ? mine : theirs);
        }
        assertEquals(75, pending.takeAll(mine, t -> tasks.indexOf(t) % 4 == 0));
        assertEquals(225, pending.size());
        assertEquals(150, pending.takeAll(theirs, t -> true));
        assertEquals(0, pending.takeAll(theirs, t -> true));
        assertEquals(75, pending.takeAll(t -> true));
        assertEquals(0, pending.size());
    }

    @Test
    void racingTakersGetEachTaskExactlyOnce() throws Exception {
        PendingTasks pending = new PendingTasks();
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
}
