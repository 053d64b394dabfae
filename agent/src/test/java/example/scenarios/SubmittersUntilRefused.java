package example.scenarios;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Platform threads that each submit to an executor, over and over, until it refuses them: the
 * races of submissions against an executor's end. Counts what was accepted and what refused
 * (each thread stops at its first refusal), as the callers saw it.
 */
final class SubmittersUntilRefused {

    /** One submission: the {@code i}-th of submitter {@code kind}; throws {@link RejectedExecutionException} when refused. */
    interface Submission {
        void submit(int kind, int i);
    }

    final AtomicLong accepted = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    private final CountDownLatch someIn;
    private final Thread[] threads;

    /** Starts {@code count} submitters; {@link #awaitSomeIn} returns once {@code someIn} submissions were accepted. */
    SubmittersUntilRefused(int count, int someIn, Submission submission) {
        this.someIn = new CountDownLatch(someIn);
        threads = new Thread[count];
        for (int s = 0; s < count; s++) {
            int kind = s;
            threads[s] = new Thread(() -> {
                for (int i = 0; ; i++) {
                    try {
                        submission.submit(kind, i);
                    } catch (RejectedExecutionException expected) {
                        refused.incrementAndGet();
                        return;
                    }
                    accepted.incrementAndGet();
                    this.someIn.countDown();
                }
            });
            threads[s].start();
        }
    }

    void awaitSomeIn() throws InterruptedException {
        someIn.await();
    }

    /** Waits until every submitter has been refused. */
    void join() throws InterruptedException {
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
