package io.futurist.agent.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.futurist.ExecutorStatistics;
import io.futurist.Timing;
import io.futurist.internal.ExecutorRecord;
import io.futurist.internal.ExecutorRegistry;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fork/join tasks counted by their pool's mark instead of a pending entry
 * ({@code ForkJoinPool.execute(Runnable)}'s own adapters, {@code CompletableFuture}'s
 * {@code runAsync}/{@code supplyAsync} tasks): each event a hook can report, in
 * each order a run, a cancellation, a refusal and the pool's end can take, counts once, and a
 * terminated pool's books balance. The probe's entry points are called as the hooks would
 * call them; the pool itself has no workers, so each task is taken out of it by the test (as
 * {@code pollSubmission} lets a subclass) and run, cancelled or dropped on purpose.
 */
@ExtendWith(Recording.class)
class MarkedTasksTest {

    private HeldPool pool;
    private ExecutorRecord record;
    private final AtomicInteger bodies = new AtomicInteger();

    @BeforeEach
    void aPool() {
        pool = new HeldPool();
        ForkJoinProbe.created(pool);
        record = ExecutorRegistry.global().find(pool);
        assertNotNull(record);
        // Under the default (adaptive) a quiet pool times every run, and timed tasks keep the table.
        record.timing(Timing.OFF);
    }

    @AfterEach
    void stop() {
        pool.release();
        pool.shutdownNow();
    }

    @Test
    void anUntimedTaskCarriesItsPoolsMarkAndCountsOnceWhenItRuns() {
        ForkJoinTask<?> task = acceptedTask();
        assertNotEquals(0, MarkedTasks.markOf(task), "marked");
        assertEquals(record.taskMark(), MarkedTasks.markOf(task));
        assertTrue(!TaskLedger.isPending(record, task), "no pending entry");
        assertBooks(1, 0, 0, 0, 0, 1);
        run(task);
        assertEquals(1, bodies.get());
        assertEquals(0, MarkedTasks.markOf(task), "the run took the mark");
        assertBooks(1, 1, 0, 0, 0, 0);
        // doExec would not run it again; nor does the probe count it again.
        run(task);
        assertBooks(1, 1, 0, 0, 0, 0);
    }

    @Test
    void aFailedRunCountsAsAFailure() {
        ForkJoinTask<?> task = acceptedTask(() -> {
            throw new IllegalStateException("expected by the test");
        });
        run(task);
        assertBooks(1, 1, 0, 0, 0, 0);
        assertEquals(1, books().failures());
    }

    @Test
    void aTaskCancelledBeforeItRunsCountsAsCancelledOnce() {
        ForkJoinTask<?> task = acceptedTask();
        task.cancel(false);
        ForkJoinProbe.cancelled(task);
        ForkJoinProbe.cancelled(task);
        assertBooks(1, 0, 1, 0, 0, 0);
        run(task);
        assertEquals(0, bodies.get());
        assertBooks(1, 0, 1, 0, 0, 0);
    }

    @Test
    void aCancellationAfterTheRunTookTheMarkIsARunThatNeverRan() {
        ForkJoinTask<?> task = acceptedTask();
        Object run = ForkJoinProbe.runStarting(task);
        assertNotNull(run);
        assertBooks(1, 0, 0, 0, 1, 0);
        task.cancel(false); // as a stopping pool's worker does instead of running it (JDK 21+)
        ForkJoinProbe.cancelled(task);
        ForkJoinProbe.runEnded(task, run);
        assertBooks(1, 0, 1, 0, 0, 0);
    }

    @Test
    void aRefusalTakesTheMarkAndWithdrawsTheSubmission() {
        ForkJoinTask<?> task = acceptedTask();
        ForkJoinProbe.submissionEnded(task, record, new RejectedExecutionException("expected by the test"));
        assertBooks(0, 0, 0, 1, 0, 0);
        run(task);
        assertBooks(0, 0, 0, 1, 0, 0);
    }

    @Test
    void aRefusalAfterACancellationTookTheMarkWithdrawsTheCancellation() {
        ForkJoinTask<?> task = acceptedTask();
        task.cancel(false);
        ForkJoinProbe.cancelled(task);
        ForkJoinProbe.submissionEnded(task, record, new RejectedExecutionException("expected by the test"));
        assertBooks(0, 0, 0, 1, 0, 0);
    }

    @Test
    void aTaskThatLeftUnseenCountsAsCancelledOnceThePoolHasTerminated() throws InterruptedException {
        ForkJoinTask<?> ran = acceptedTask();
        acceptedTask(); // dropped: no hook will ever see it again
        run(ran);
        assertBooks(2, 1, 0, 0, 0, 1);
        terminate();
        assertBooks(2, 1, 1, 0, 0, 0);
    }

    @Test
    void theBooksStayBalancedWhenARefusalOrARunComesAfterTheEnd() throws InterruptedException {
        ForkJoinTask<?> refused = acceptedTask();
        ForkJoinTask<?> late = acceptedTask();
        terminate();
        assertBooks(2, 0, 2, 0, 0, 0);
        ForkJoinProbe.submissionEnded(refused, record, new RejectedExecutionException("expected by the test"));
        assertBooks(1, 0, 1, 1, 0, 0);
        // A task an outside helper had taken before the end runs after it.
        run(late);
        assertBooks(1, 1, 0, 1, 0, 0);
    }

    @Test
    void aTimedTaskKeepsItsPendingEntryAndIsNotMarked() {
        record.timing(Timing.ALL);
        ForkJoinTask<?> task = acceptedTask();
        assertEquals(0, MarkedTasks.markOf(task));
        assertTrue(TaskLedger.isPending(record, task));
        run(task);
        assertBooks(1, 1, 0, 0, 0, 0);
        assertEquals(1, books().timedRuns());
    }

    @Test
    void aMarkFromEarlierBooksCountsNothingInTheNewOnes() {
        ForkJoinTask<?> task = acceptedTask();
        int earlier = MarkedTasks.markOf(task);
        record.resetInstrumented(); // a detach and a new attach
        run(task);
        assertEquals(1, bodies.get());
        assertBooks(0, 0, 0, 0, 0, 0);
        ForkJoinTask<?> next = acceptedTask();
        assertNotEquals(earlier, MarkedTasks.markOf(next), "the new books have a mark of their own");
        run(next);
        assertBooks(1, 1, 0, 0, 0, 0);
    }

    @Test
    void eachPoolHasAMarkOfItsOwn() {
        HeldPool other = new HeldPool();
        try {
            ForkJoinProbe.created(other);
            ExecutorRegistry.global().find(other).timing(Timing.OFF);
            ForkJoinTask<?> mine = acceptedTask();
            ForkJoinTask<?> theirs = other.executed(bodies::incrementAndGet);
            ForkJoinProbe.accepted(other, theirs);
            assertNotEquals(MarkedTasks.markOf(mine), MarkedTasks.markOf(theirs));
            assertSame(record, MarkedTasks.recordMarking(MarkedTasks.markOf(mine)));
        } finally {
            other.release();
            other.shutdownNow();
        }
    }

    @Test
    void aRunByAWorkerOfAnotherPoolCountsInTheTasksOwnPool() throws Exception {
        ForkJoinPool helper = new ForkJoinPool(1);
        try {
            ForkJoinProbe.created(helper);
            ExecutorRecord helpers = ExecutorRegistry.global().find(helper);
            ForkJoinTask<?> task = acceptedTask();
            // As awaitQuiescence on this pool, called from a task of another pool, runs it.
            helper.submit(() -> run(task)).get(10, TimeUnit.SECONDS);
            assertEquals(1, bodies.get());
            assertBooks(1, 1, 0, 0, 0, 0);
            assertEquals(0, helpers.statistics().executed());
        } finally {
            helper.shutdownNow();
        }
    }

    @Test
    void completableFutureTasksAreMarkedAndCountOnce() {
        CompletableFuture<Void> ok = CompletableFuture.runAsync(bodies::incrementAndGet, pool);
        ForkJoinTask<?> runs = accepted(pool.taken());
        CompletableFuture<Void> bad = CompletableFuture.runAsync(() -> {
            throw new IllegalStateException("expected by the test");
        }, pool);
        ForkJoinTask<?> fails = accepted(pool.taken());
        CompletableFuture<Integer> supplied = CompletableFuture.supplyAsync(bodies::incrementAndGet, pool);
        ForkJoinTask<?> supplies = accepted(pool.taken());
        for (ForkJoinTask<?> task : List.of(runs, fails, supplies)) {
            assertEquals(record.taskMark(), MarkedTasks.markOf(task), task.getClass().getName());
        }
        assertBooks(3, 0, 0, 0, 0, 3);
        run(runs);
        run(fails);
        run(supplies);
        assertTrue(ok.isDone() && bad.isCompletedExceptionally() && supplied.isDone());
        assertBooks(3, 3, 0, 0, 0, 0);
        // Whether a run failed is read from its future, through a field only the agent opens to
        // itself: ForkJoinPoolIT and CommonPoolIT count the failing runAsync.
        // Its run ends without marking the task done: a second run counts nothing.
        run(runs);
        assertBooks(3, 3, 0, 0, 0, 0);
    }

    @Test
    void aCompletableFutureTaskCancelledByTheStoppingPoolCountsAsCancelled() {
        CompletableFuture.runAsync(bodies::incrementAndGet, pool);
        ForkJoinTask<?> task = accepted(pool.taken());
        task.cancel(false); // as shutdownNow does to what is queued
        ForkJoinProbe.cancelled(task);
        run(task);
        assertBooks(1, 0, 1, 0, 0, 0);
    }

    /** A task {@code pool.execute(runnable)} made, taken out of the pool, then accepted as the funnel's hook would. */
    private ForkJoinTask<?> acceptedTask() {
        return acceptedTask(bodies::incrementAndGet);
    }

    private ForkJoinTask<?> acceptedTask(Runnable body) {
        ForkJoinTask<?> task = pool.executed(body);
        assertSame(MarkedTasks.EXECUTE_ADAPTER, task.getClass());
        return accepted(task);
    }

    private ForkJoinTask<?> accepted(ForkJoinTask<?> task) {
        assertSame(record, ForkJoinProbe.accepted(pool, task));
        return task;
    }

    /** Runs {@code task} on this thread between the hooks of {@code doExec}, as a helping caller would. */
    private static void run(ForkJoinTask<?> task) {
        Object run = ForkJoinProbe.runStarting(task);
        try {
            if (task instanceof CompletableFuture.AsynchronousCompletionTask) {
                ((Runnable) task).run(); // what its exec() does; it never marks itself done, so invoke() would wait
            } else {
                task.quietlyInvoke();
            }
        } finally {
            ForkJoinProbe.runEnded(task, run);
        }
    }

    private void terminate() throws InterruptedException {
        pool.release();
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        ForkJoinProbe.terminationAttempted(pool);
        assertTrue(record.isTerminated());
    }

    private ExecutorStatistics books() {
        return record.statistics();
    }

    private void assertBooks(long submitted, long executed, long cancelled, long rejected, long active, long queued) {
        Books.assertBooks(record, submitted, executed, cancelled, rejected, active, queued);
    }

    /**
     * A pool whose one worker waits at its start until released: what is executed stays queued
     * until the test takes it out, as a subclass may ({@code pollSubmission}).
     */
    private static final class HeldPool extends ForkJoinPool {
        private final CountDownLatch started = new CountDownLatch(1);

        HeldPool() {
            super(1, HeldWorker::new, null, true);
        }

        /** The task {@code execute(body)} queued, taken out again. */
        ForkJoinTask<?> executed(Runnable body) {
            execute(body);
            return taken();
        }

        /** The task queued last, taken out. */
        ForkJoinTask<?> taken() {
            ForkJoinTask<?> task = pollSubmission();
            assertNotNull(task);
            return task;
        }

        /** Lets the worker start (it finds nothing to run). */
        void release() {
            started.countDown();
        }
    }

    /** {@link HeldPool}'s worker. */
    private static final class HeldWorker extends ForkJoinWorkerThread {
        HeldWorker(ForkJoinPool pool) {
            super(pool);
        }

        @Override
        protected void onStart() {
            super.onStart();
            boolean interrupted = false;
            for (;;) {
                try {
                    ((HeldPool) getPool()).started.await();
                    break;
                } catch (InterruptedException stop) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                interrupt();
            }
        }
    }
}
