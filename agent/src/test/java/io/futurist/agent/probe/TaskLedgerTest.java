package io.futurist.agent.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.futurist.ExecutorStatistics;
import io.futurist.internal.ExecutorRecord;
import io.futurist.internal.ExecutorRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The one accounting, without a child JVM: each sequence of events a probe can report — in
 * every order the races between submitters, workers, cancellers and a terminating pool can
 * produce — leaves exact counts, and {@code submitted == executed + cancelled} once nothing is
 * pending or running. The probes' part (which hook call is which event) is the ITs'.
 */
@ExtendWith(Recording.class)
class TaskLedgerTest {

    /** An executor of no known kind: the ledger neither needs nor reads more. */
    private Object executor;
    private ExecutorRecord record;

    @BeforeEach
    void anExecutor() {
        executor = new Object();
        record = ExecutorRegistry.global().register(executor, "TaskLedgerTest");
    }

    @Test
    void anAcceptedTaskThatRunsCountsOnceEach() {
        Runnable task = () -> { };
        assertNotNull(TaskLedger.accepted(executor, task));
        assertBooks(1, 0, 0, 0, 0, 1);
        long start = TaskLedger.beginRun(record, task);
        assertNotEquals(TaskLedger.NOT_TRACKED, start);
        assertBooks(1, 0, 0, 0, 1, 0);
        TaskLedger.endRun(record, task, start, TaskLedger.watch(task), false, true);
        assertBooks(1, 1, 0, 0, 0, 0);
    }

    @Test
    void aRunThatThrowsCountsAsAFailure() {
        Runnable task = () -> { };
        TaskLedger.accepted(executor, task);
        long start = TaskLedger.beginRun(record, task);
        TaskLedger.endRun(record, task, start, null, true, true);
        assertBooks(1, 1, 0, 0, 0, 0);
        assertEquals(1, books().failures());
    }

    @Test
    void aTaskNeverAcceptedWhileRecordingIsNotCounted() {
        Runnable task = () -> { };
        assertEquals(TaskLedger.NOT_TRACKED, TaskLedger.beginRun(record, task));
        TaskLedger.endRun(record, task, TaskLedger.NOT_TRACKED, null, false, true);
        TaskLedger.cancelled(executor, task);
        assertBooks(0, 0, 0, 0, 0, 0);
    }

    @Test
    void aTaskStartsOnce() {
        Runnable task = () -> { };
        TaskLedger.accepted(executor, task);
        long first = TaskLedger.beginRun(record, task);
        assertEquals(TaskLedger.NOT_TRACKED, TaskLedger.beginRun(record, task), "a second run of one submission");
        TaskLedger.endRun(record, task, first, null, false, true);
        assertBooks(1, 1, 0, 0, 0, 0);
    }

    @Test
    void theSameTaskAcceptedTwiceRunsTwice() {
        Runnable task = () -> { };
        TaskLedger.accepted(executor, task);
        TaskLedger.accepted(executor, task);
        for (int i = 0; i < 2; i++) {
            long start = TaskLedger.beginRun(record, task);
            assertNotEquals(TaskLedger.NOT_TRACKED, start);
            TaskLedger.endRun(record, task, start, null, false, true);
        }
        assertEquals(TaskLedger.NOT_TRACKED, TaskLedger.beginRun(record, task));
        assertBooks(2, 2, 0, 0, 0, 0);
    }

    @Test
    void cancelledBeforeStartIsCancelledAndNeverStarts() {
        Runnable task = () -> { };
        TaskLedger.accepted(executor, task);
        TaskLedger.cancelled(executor, task);
        assertBooks(1, 0, 1, 0, 0, 0);
        assertEquals(TaskLedger.NOT_TRACKED, TaskLedger.beginRun(record, task), "its start after the cancellation");
        assertBooks(1, 0, 1, 0, 0, 0);
    }

    @Test
    void aCancellationAfterTheStartIsNotCounted() {
        Runnable task = () -> { };
        TaskLedger.accepted(executor, task);
        long start = TaskLedger.beginRun(record, task);
        TaskLedger.cancelled(executor, task);
        TaskLedger.endRun(record, task, start, null, false, true);
        assertBooks(1, 1, 0, 0, 0, 0);
    }

    @Test
    void aFutureCancelledBeforeItsStartCountsAsCancelledWhenTheWorkerTakesIt() {
        FutureTask<Void> future = new FutureTask<>(() -> { }, null);
        TaskLedger.accepted(executor, future);
        future.cancel(false);
        assertEquals(TaskLedger.NOT_TRACKED, TaskLedger.beginRun(record, future));
        assertBooks(1, 0, 1, 0, 0, 0);
    }

    @Test
    void aFutureCancelledBetweenItsStartAndItsBodyNeverRan() {
        FutureTask<Void> future = new FutureTask<>(() -> { }, null);
        TaskLedger.accepted(executor, future);
        long start = TaskLedger.beginRun(record, future);
        future.cancel(false);
        TaskLedger.endRun(record, future, start, null, false, false);
        assertBooks(1, 0, 1, 0, 0, 0);
    }

    @Test
    void aFutureCancelledWhileItsBodyRanDidRun() {
        FutureTask<Void> future = new FutureTask<>(() -> { }, null);
        TaskLedger.accepted(executor, future);
        long start = TaskLedger.beginRun(record, future);
        future.cancel(false);
        TaskLedger.endRun(record, future, start, null, false, true);
        assertBooks(1, 1, 0, 0, 0, 0);
    }

    @Test
    void aRejectionAfterTheSubmissionWasCountedWithdrawsIt() {
        Runnable task = () -> { };
        Object counted = TaskLedger.accepted(executor, task);
        TaskLedger.rejected(executor, task);
        TaskLedger.submissionEnded(counted, task);
        assertBooks(0, 0, 0, 1, 0, 0);
        assertEquals(TaskLedger.NOT_TRACKED, TaskLedger.beginRun(record, task));
    }

    @Test
    void aRejectionOfATaskNeverCountedIsARejection() {
        Runnable task = () -> { };
        TaskLedger.rejected(executor, task);
        TaskLedger.submissionEnded(null, task);
        assertBooks(0, 0, 0, 1, 0, 0);
    }

    @Test
    void aTaskRemovedThenRefusedWasNeverAccepted() {
        // execute() queued it, saw the pool shut down, removed it (counted as cancelled), then refused it.
        Runnable task = () -> { };
        Object counted = TaskLedger.accepted(executor, task);
        TaskLedger.removing(task);
        TaskLedger.cancelled(executor, task);
        TaskLedger.rejected(executor, task);
        TaskLedger.submissionEnded(counted, task);
        assertBooks(0, 0, 0, 1, 0, 0);
    }

    @Test
    void aTaskSweptAtTerminationThenRefusedWasNeverAccepted() {
        Runnable task = () -> { };
        Object counted = TaskLedger.accepted(executor, task);
        TaskLedger.terminated(executor);
        assertBooks(1, 0, 1, 0, 0, 0);
        TaskLedger.rejected(executor, task);
        TaskLedger.submissionEnded(counted, task);
        assertBooks(0, 0, 0, 1, 0, 0);
    }

    @Test
    void aRefusalAfterTheCountWithdrawsTheSubmissionOrTheSweepsCancellation() {
        Runnable refusedWhilePending = () -> { };
        assertEquals(true, TaskLedger.accept(record, refusedWhilePending, null));
        TaskLedger.refused(record, refusedWhilePending);
        assertBooks(0, 0, 0, 1, 0, 0);

        Runnable refusedAfterTheSweep = () -> { };
        TaskLedger.accept(record, refusedAfterTheSweep, null);
        TaskLedger.terminated(record);
        TaskLedger.refused(record, refusedAfterTheSweep);
        assertBooks(0, 0, 0, 2, 0, 0);
    }

    @Test
    void theSweepAtTerminationCancelsWhatNeverStartedAndLeavesRunsToEnd() {
        List<Runnable> tasks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Runnable task = () -> { };
            tasks.add(task);
            TaskLedger.accepted(executor, task);
        }
        long start = TaskLedger.beginRun(record, tasks.get(0));
        TaskLedger.terminated(executor);
        assertBooks(3, 0, 2, 0, 1, 0);
        assertEquals(TaskLedger.NOT_TRACKED, TaskLedger.beginRun(record, tasks.get(1)), "a start after the sweep");
        TaskLedger.endRun(record, tasks.get(0), start, null, false, true);
        assertBooks(3, 1, 2, 0, 0, 0);
        TaskLedger.terminated(executor);
        assertBooks(3, 1, 2, 0, 0, 0);
    }

    @Test
    void aPurgeCancelsOnlyCancelledFutures() {
        FutureTask<Void> cancelled = new FutureTask<>(() -> { }, null);
        FutureTask<Void> live = new FutureTask<>(() -> { }, null);
        TaskLedger.accepted(executor, cancelled);
        TaskLedger.accepted(executor, live);
        cancelled.cancel(false);
        TaskLedger.purged(executor);
        assertBooks(2, 0, 1, 0, 0, 1);
    }

    @Test
    void aNeverRanRunIsACancellation() {
        Runnable task = () -> { };
        TaskLedger.accept(record, task, null);
        long acceptedAt = TaskLedger.claim(record, task);
        long start = TaskLedger.start(record, task, acceptedAt, false);
        assertNotEquals(TaskLedger.NOT_TRACKED, start);
        TaskLedger.neverRan(record);
        assertBooks(1, 0, 1, 0, 0, 0);
    }

    @Test
    void aClaimOfACancelledFutureCountsTheCancellation() {
        Runnable task = () -> { };
        TaskLedger.accept(record, task, null);
        long acceptedAt = TaskLedger.claim(record, task);
        assertEquals(TaskLedger.NOT_TRACKED, TaskLedger.start(record, task, acceptedAt, true));
        assertBooks(1, 0, 1, 0, 0, 0);
    }

    @Test
    void isPendingUntilClaimed() {
        Runnable task = () -> { };
        TaskLedger.accept(record, task, null);
        assertEquals(true, TaskLedger.isPending(record, task));
        TaskLedger.claim(record, task);
        assertEquals(false, TaskLedger.isPending(record, task));
    }

    @Test
    void nothingIsCountedWhileRecordingIsOff() {
        TaskLedger.recording(false);
        try {
            Runnable task = () -> { };
            assertNull(TaskLedger.accepted(executor, task));
            TaskLedger.rejected(executor, task);
            assertEquals(TaskLedger.NOT_TRACKED, TaskLedger.beginRun(record, task));
            assertBooks(0, 0, 0, 0, 0, 0);
        } finally {
            TaskLedger.recording(true);
        }
    }

    /** Workers starting and a canceller cancelling the same tasks at once: each task counts once, one way or the other. */
    @RepeatedTest(5)
    void startsRacingCancellationsCountEachTaskOnce() throws Exception {
        List<Runnable> tasks = acceptedTasks(20_000);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        Thread worker = worker(tasks, go, ran);
        Thread canceller = new Thread(() -> {
            await(go);
            for (int i = tasks.size() - 1; i >= 0; i--) {
                TaskLedger.cancelled(executor, tasks.get(i));
            }
        });
        canceller.start();
        go.countDown();
        worker.join();
        canceller.join();
        assertBooks(tasks.size(), ran.get(), tasks.size() - ran.get(), 0, 0, 0);
    }

    /** A terminating pool's sweep racing its workers: what one did not count, the other did. */
    @RepeatedTest(5)
    void startsRacingTheSweepCountEachTaskOnce() throws Exception {
        List<Runnable> tasks = acceptedTasks(20_000);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        Thread worker = worker(tasks, go, ran);
        go.countDown();
        TaskLedger.terminated(executor);
        worker.join();
        assertBooks(tasks.size(), ran.get(), tasks.size() - ran.get(), 0, 0, 0);
    }

    /** {@code count} distinct tasks, each accepted by the executor. */
    private List<Runnable> acceptedTasks(int count) {
        List<Runnable> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Runnable task = () -> { };
            tasks.add(task);
            TaskLedger.accepted(executor, task);
        }
        return tasks;
    }

    /** A started worker that, once {@code go} opens, runs each of {@code tasks} it may, counting them in {@code ran}. */
    private Thread worker(List<Runnable> tasks, CountDownLatch go, AtomicInteger ran) {
        Thread worker = new Thread(() -> {
            await(go);
            for (Runnable task : tasks) {
                long start = TaskLedger.beginRun(record, task);
                if (start != TaskLedger.NOT_TRACKED) {
                    ran.incrementAndGet();
                    TaskLedger.endRun(record, task, start, null, false, true);
                }
            }
        });
        worker.start();
        return worker;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private ExecutorStatistics books() {
        return record.statistics();
    }

    private void assertBooks(long submitted, long executed, long cancelled, long rejected, long active, long queued) {
        Books.assertBooks(record, submitted, executed, cancelled, rejected, active, queued);
    }
}
