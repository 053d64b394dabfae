package io.futurist.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TimedThreadsTest {

    @Test
    void aTimeIsTakenOnceByItsThread() {
        TimedThreads times = new TimedThreads();
        times.put(42, 1_000);
        assertEquals(TimedThreads.MISSING, times.take(43));
        assertEquals(1_000, times.take(42));
        assertEquals(TimedThreads.MISSING, times.take(42));
    }

    @Test
    void aThreadWithoutATimeFindsNone() {
        assertEquals(TimedThreads.MISSING, new TimedThreads().take(7));
    }

    /** Two threads 64 ids apart share a slot: the later put wins, the earlier thread finds nothing. */
    @Test
    void threadsSharingASlotLoseTheEarlierTimeOnly() {
        TimedThreads times = new TimedThreads();
        times.put(5, 100);
        times.put(5 + 64, 200);
        times.put(6, 300);
        assertEquals(TimedThreads.MISSING, times.take(5));
        assertEquals(200, times.take(5 + 64));
        assertEquals(300, times.take(6));
    }

    /**
     * Submitters put and runners take concurrently, each thread id once (as threads are), four
     * threads on the same slots at once: a runner gets its own time or none, never another
     * thread's, and no time is taken twice.
     */
    @Test
    void concurrentPutsAndTakesNeverGiveATimeTwice() throws InterruptedException {
        TimedThreads times = new TimedThreads();
        int perThread = 200_000;
        AtomicLong foreign = new AtomicLong();
        AtomicLong twice = new AtomicLong();
        Set<Long> taken = ConcurrentHashMap.newKeySet();
        CountDownLatch start = new CountDownLatch(1);
        Thread[] workers = new Thread[4];
        for (int w = 0; w < workers.length; w++) {
            long base = 1 + (long) w * perThread * 8;
            workers[w] = new Thread(() -> {
                await(start);
                for (long id = base; id < base + perThread; id++) {
                    // The time encodes the id, so a runner can tell its own from a slot-mate's.
                    times.put(id, id * 10);
                    long got = times.take(id);
                    if (got != TimedThreads.MISSING) {
                        if (!taken.add(got)) {
                            twice.incrementAndGet();
                        }
                        if (got != id * 10) {
                            foreign.incrementAndGet();
                        }
                    }
                }
            });
            workers[w].start();
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        assertEquals(0, foreign.get(), "another thread's time");
        // Each put time is unique (the id times ten), so a time taken twice is a put taken twice.
        assertEquals(0, twice.get(), "a time taken twice");
        assertTrue(taken.size() <= (long) perThread * workers.length, "more takes than puts");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
