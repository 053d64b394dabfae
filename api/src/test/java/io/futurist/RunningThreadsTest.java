package io.futurist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The running-thread table of thread-per-task executors: joining, leaving, the overflow set, interrupting all. */
class RunningThreadsTest {

    private static final long WAIT_SECONDS = 10;

    @Test
    void threadsAreHereFromJoiningUntilLeaving() {
        RunningThreads running = new RunningThreads();
        Thread a = new Thread(() -> { });
        Thread b = new Thread(() -> { });
        int ticketA = running.join(a);
        int ticketB = running.join(b);
        assertEquals(2, running.size());
        running.leave(a, ticketA);
        assertEquals(1, running.size());
        running.leave(b, ticketB);
        assertEquals(0, running.size());
    }

    @Test
    void interruptAllInterruptsExactlyTheThreadsThatAreHere() throws InterruptedException {
        // 400 threads: more than the table's 256 slots, so some are in the overflow set.
        int inside = 400;
        RunningThreads running = new RunningThreads();
        CountDownLatch joined = new CountDownLatch(inside + 1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(inside + 1);
        AtomicInteger interrupted = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i <= inside; i++) {
            boolean leavesFirst = i == inside; // one thread joins and leaves before the interrupt
            Thread thread = new Thread(() -> {
                Thread self = Thread.currentThread();
                int ticket = running.join(self);
                if (leavesFirst) {
                    running.leave(self, ticket);
                }
                joined.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    interrupted.incrementAndGet();
                } finally {
                    if (!leavesFirst) {
                        running.leave(self, ticket);
                    }
                    done.countDown();
                }
            });
            threads.add(thread);
            thread.start();
        }
        assertTrue(joined.await(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(inside, running.size());

        running.interruptAll();
        Thread left = threads.get(inside);
        // Every thread still here ends by its interrupt; the one that left is not interrupted.
        waitUntil(() -> interrupted.get() == inside);
        assertFalse(left.isInterrupted());
        release.countDown();
        assertTrue(done.await(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(inside, interrupted.get());
        assertEquals(0, running.size());
    }

    @Test
    void aTicketFreesItsSlotForTheNextThread() {
        RunningThreads running = new RunningThreads();
        // The same thread joining and leaving many times never spills into the overflow set.
        Thread thread = Thread.currentThread();
        int first = running.join(thread);
        running.leave(thread, first);
        for (int i = 0; i < 1_000; i++) {
            int ticket = running.join(thread);
            assertEquals(first, ticket);
            running.leave(thread, ticket);
        }
        assertEquals(0, running.size());
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not reached in time");
            Thread.sleep(1);
        }
    }
}
