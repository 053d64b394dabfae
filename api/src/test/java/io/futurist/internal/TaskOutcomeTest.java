package io.futurist.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Reading a task's outcome from the FutureTask that captured it. */
class TaskOutcomeTest {

    @Test
    void futureTaskWhoseCallableThrewCapturedAFailure() {
        FutureTask<Object> task = new FutureTask<>(() -> {
            throw new IllegalStateException("captured");
        });
        task.run();
        assertTrue(TaskOutcome.capturedFailure(task));
        assertFalse(TaskOutcome.isCancelled(task));
    }

    @Test
    void futureTaskSubclassWhoseRunnableThrewCapturedAFailure() {
        FutureTask<Void> task = new FutureTask<Void>(() -> {
            throw new IllegalStateException("captured");
        }, null) {
            @Override
            protected void done() {
                // a subclass, as ExecutorCompletionService and others make
            }
        };
        task.run();
        assertTrue(TaskOutcome.capturedFailure(task));
    }

    @Test
    void successfulFutureTaskCapturedNoFailure() {
        FutureTask<String> task = new FutureTask<>(() -> "ok");
        task.run();
        assertFalse(TaskOutcome.capturedFailure(task));
    }

    @Test
    void cancelledFutureTaskCapturedNoFailure() {
        FutureTask<String> task = new FutureTask<>(() -> "never");
        task.cancel(false);
        task.run();
        assertFalse(TaskOutcome.capturedFailure(task));
        assertTrue(TaskOutcome.isCancelled(task));
    }

    @Test
    void futureTaskCancelledWhileRunningCapturedNoFailure() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        FutureTask<Object> task = new FutureTask<>(() -> {
            running.countDown();
            new CountDownLatch(1).await(); // until interrupted
            return null;
        });
        Thread runner = new Thread(task);
        runner.start();
        assertTrue(running.await(10, TimeUnit.SECONDS));
        task.cancel(true);
        runner.join(10_000);
        assertFalse(TaskOutcome.capturedFailure(task));
        assertTrue(TaskOutcome.isCancelled(task));
    }

    @Test
    void futureTaskNotYetDoneCapturedNoFailure() {
        FutureTask<String> task = new FutureTask<>(() -> "later");
        assertFalse(TaskOutcome.capturedFailure(task));
        assertFalse(TaskOutcome.isCancelled(task));
    }

    @Test
    void otherTasksAreNeverReportedAsFailed() {
        Runnable plain = () -> { };
        assertFalse(TaskOutcome.capturedFailure(plain));
        assertFalse(TaskOutcome.isCancelled(plain));
        assertFalse(TaskOutcome.capturedFailure(null));

        CompletableFuture<Object> failedFuture = new CompletableFuture<>();
        failedFuture.completeExceptionally(new IllegalStateException("not a FutureTask"));
        assertFalse(TaskOutcome.capturedFailure(failedFuture));
        CompletableFuture<Object> cancelled = new CompletableFuture<>();
        cancelled.cancel(false);
        assertFalse(TaskOutcome.isCancelled(cancelled));
    }
}
