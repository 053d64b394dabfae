package io.futurist;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The in-flight count of thread-per-task executors: zero exactly when every entry has exited. */
class InFlightCountTest {

    @Test
    void zeroOnlyWhenEveryEntryHasExited() throws InterruptedException {
        InFlightCount count = new InFlightCount();
        assertTrue(count.isZero());
        count.enter();
        count.enter();
        count.enter();
        assertFalse(count.isZero());
        // Exits come from other threads, as they do from tasks' threads: other stripes.
        for (int i = 0; i < 3; i++) {
            assertFalse(count.isZero());
            Thread exit = new Thread(count::exit);
            exit.start();
            exit.join();
        }
        assertTrue(count.isZero());
    }

    @Test
    void neverZeroWhileOneTaskIsInFlightAmongManyThatComeAndGo() throws InterruptedException {
        InFlightCount count = new InFlightCount();
        count.enter(); // the task that stays in flight until the end
        int threads = 4;
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(threads);
        AtomicBoolean sawZero = new AtomicBoolean();
        List<Thread> churners = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread churner = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < 100_000; i++) {
                        count.enter();
                        count.exit();
                        if (count.isZero()) {
                            sawZero.set(true);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    finished.countDown();
                }
            });
            churners.add(churner);
            churner.start();
        }
        start.countDown();
        assertTrue(finished.await(30, TimeUnit.SECONDS));
        assertFalse(sawZero.get(), "the count read zero while a task was in flight");
        count.exit();
        assertTrue(count.isZero());
    }
}
