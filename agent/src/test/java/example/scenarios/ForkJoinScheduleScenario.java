package example.scenarios;

import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * {@code ForkJoinPool}'s own scheduling (Java 25): {@code schedule}, {@code scheduleAtFixedRate},
 * {@code scheduleWithFixedDelay} and {@code submitWithTimeout}. This scenario compiles for
 * Java 17, so it reaches those methods by reflection; on an older JVM it prints
 * {@code #result schedule available=false} and stops.
 *
 * <p>Nothing here waits for time to pass as synchronisation: the delays are short, but every
 * outcome the test checks is forced by latches (a periodic task cancels itself on its n-th
 * run; a timed-out task is either held in the queue behind blocked workers or already
 * running when its timeout action, which waits for it to start, fires).
 */
public final class ForkJoinScheduleScenario {

    /** Runs of the fixed-rate task, which cancels itself in its last run. */
    public static final int RATE_RUNS = 5;
    /** Runs of the fixed-delay task after which the scenario cancels it from outside. */
    public static final int DELAY_RUNS = 3;

    private static final Method SCHEDULE_CALLABLE = method("schedule", Callable.class, long.class, TimeUnit.class);
    private static final Method SCHEDULE_RUNNABLE = method("schedule", Runnable.class, long.class, TimeUnit.class);
    private static final Method AT_FIXED_RATE = method("scheduleAtFixedRate", Runnable.class, long.class, long.class,
            TimeUnit.class);
    private static final Method WITH_FIXED_DELAY = method("scheduleWithFixedDelay", Runnable.class, long.class,
            long.class, TimeUnit.class);
    private static final Method SUBMIT_WITH_TIMEOUT = method("submitWithTimeout", Callable.class, long.class,
            TimeUnit.class, Consumer.class);

    private ForkJoinScheduleScenario() {
    }

    public static void main(String[] args) throws Exception {
        Report.env();
        if (SUBMIT_WITH_TIMEOUT == null) {
            Report.result("schedule", "available=false");
            return;
        }
        oneShots();
        fixedRate();
        timeouts();
        fixedDelay();
        pendingDelayed();
    }

    /** {@code schedule} of a Callable and of a Runnable: each one task, counted when it becomes due. */
    private static void oneShots() throws Exception {
        ForkJoinPool pool = new ForkJoinPool(2);
        ScheduledFuture<?> callable = (ScheduledFuture<?>) SCHEDULE_CALLABLE.invoke(pool, (Callable<Integer>) () -> 42,
                1L, TimeUnit.MILLISECONDS);
        AtomicInteger runs = new AtomicInteger();
        ScheduledFuture<?> runnable = (ScheduledFuture<?>) SCHEDULE_RUNNABLE.invoke(pool,
                (Runnable) runs::incrementAndGet, 0L, TimeUnit.MILLISECONDS);
        Object value = callable.get();
        runnable.get();
        pool.shutdown();
        boolean terminated = pool.awaitTermination(30, TimeUnit.SECONDS);
        Report.stats("oneShots", pool);
        Report.result("oneShots", "terminated=" + terminated, "callable=" + value, "runs=" + runs.get());
    }

    /** Fixed rate: each run is a submission; the last run cancels its own future, so no re-arm follows. */
    private static void fixedRate() throws Exception {
        ForkJoinPool pool = new ForkJoinPool(2);
        AtomicInteger runs = new AtomicInteger();
        AtomicReference<Future<?>> self = new AtomicReference<>();
        CountDownLatch haveFuture = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Runnable rate = () -> {
            if (runs.incrementAndGet() == RATE_RUNS) {
                awaitQuietly(haveFuture);
                self.get().cancel(false);
                done.countDown();
            }
        };
        self.set((Future<?>) AT_FIXED_RATE.invoke(pool, rate, 0L, 1L, TimeUnit.MILLISECONDS));
        haveFuture.countDown();
        done.await();
        // The last run, cancelled while it runs, may still be ending: let it end before shutdown.
        // (The agent counts such a run as cancelled when the pool is shut down meanwhile: a
        // known bug, ForkJoinCancellationIT; not what this part is about.)
        boolean quiet = pool.awaitQuiescence(30, TimeUnit.SECONDS);
        pool.shutdown();
        boolean terminated = pool.awaitTermination(30, TimeUnit.SECONDS);
        Report.stats("rate", pool);
        Report.result("rate", "terminated=" + terminated, "quiet=" + quiet, "runs=" + runs.get(), "cancelled=" + self.get().isCancelled());
    }

    /**
     * {@code submitWithTimeout} three ways: in time (its timeout action is cancelled and never
     * runs); timing out while it runs (the action waits until the task has started, fails it
     * with a {@code TimeoutException}, and the pool interrupts it); timing out while it waits
     * behind both workers, held (cancelled before it starts).
     */
    private static void timeouts() throws Exception {
        ForkJoinPool pool = new ForkJoinPool(2);
        Future<?> inTime = (Future<?>) SUBMIT_WITH_TIMEOUT.invoke(pool, (Callable<Integer>) () -> 5, 1L,
                TimeUnit.HOURS, null);
        Object inTimeValue = inTime.get();

        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        Consumer<ForkJoinTask<Integer>> onTimeout = task -> {
            awaitQuietly(started);
            task.completeExceptionally(new TimeoutException("took too long"));
        };
        Future<?> running = (Future<?>) SUBMIT_WITH_TIMEOUT.invoke(pool, (Callable<Integer>) () -> {
            started.countDown();
            never.await();
            return 0;
        }, 1L, TimeUnit.MILLISECONDS, onTimeout);
        String runningOutcome;
        try {
            running.get();
            runningOutcome = "value";
        } catch (ExecutionException e) {
            runningOutcome = rootCause(e).getClass().getSimpleName();
        }

        Gate gate = new Gate();
        List<ForkJoinTask<?>> held = HeldWorkers.hold(pool, 2, gate);
        AtomicInteger queuedRuns = new AtomicInteger();
        Future<?> queued = (Future<?>) SUBMIT_WITH_TIMEOUT.invoke(pool, (Callable<Integer>) queuedRuns::incrementAndGet,
                1L, TimeUnit.MILLISECONDS, null);
        String queuedOutcome;
        try {
            queued.get();
            queuedOutcome = "value";
        } catch (CancellationException e) {
            queuedOutcome = "cancelled";
        }
        gate.open();
        for (ForkJoinTask<?> task : held) {
            task.join();
        }

        pool.shutdown();
        boolean terminated = pool.awaitTermination(30, TimeUnit.SECONDS);
        Report.stats("timeouts", pool);
        Report.result("timeouts", "terminated=" + terminated, "inTime=" + inTimeValue,
                "runningOutcome=" + runningOutcome, "queuedOutcome=" + queuedOutcome, "queuedRuns=" + queuedRuns.get());
    }

    /**
     * A fixed-delay task cancelled from outside after {@link #DELAY_RUNS} runs. Where its next
     * run stood at that moment (waiting for its delay, or already queued) is up to the clock, so
     * the test checks what holds either way.
     */
    private static void fixedDelay() throws Exception {
        ForkJoinPool pool = new ForkJoinPool(2);
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch enough = new CountDownLatch(DELAY_RUNS);
        Future<?> periodic = (Future<?>) WITH_FIXED_DELAY.invoke(pool, (Runnable) () -> {
            runs.incrementAndGet();
            enough.countDown();
        }, 0L, 1L, TimeUnit.MILLISECONDS);
        enough.await();
        boolean cancelled = periodic.cancel(false);
        // A run may still be under way: let it end before shutdown (see fixedRate()).
        boolean quiet = pool.awaitQuiescence(30, TimeUnit.SECONDS);
        pool.shutdown();
        boolean terminated = pool.awaitTermination(30, TimeUnit.SECONDS);
        Report.stats("delay", pool);
        Report.print("runs", "delay", "terminated=" + terminated, "quiet=" + quiet, "cancelled=" + cancelled, "runs=" + runs.get());
    }

    /**
     * Delayed tasks that never become due: one cancelled by the application, one dropped by
     * {@code shutdownNow}. Both were accepted by {@code schedule}.
     */
    private static void pendingDelayed() throws Exception {
        ForkJoinPool pool = new ForkJoinPool(2);
        AtomicInteger ran = new AtomicInteger();
        Future<?> cancelled = (Future<?>) SCHEDULE_RUNNABLE.invoke(pool, (Runnable) ran::incrementAndGet, 1L,
                TimeUnit.HOURS);
        Future<?> dropped = (Future<?>) SCHEDULE_RUNNABLE.invoke(pool, (Runnable) ran::incrementAndGet, 1L,
                TimeUnit.HOURS);
        Report.stats("pending-accepted", pool);
        boolean cancel = cancelled.cancel(false);
        List<Runnable> returned = pool.shutdownNow();
        boolean terminated = pool.awaitTermination(30, TimeUnit.SECONDS);
        Report.stats("pending", pool);
        Report.result("pending", "terminated=" + terminated, "cancel=" + cancel, "returned=" + returned.size(),
                "droppedCancelled=" + dropped.isCancelled(), "ran=" + ran.get());
    }

    private static Method method(String name, Class<?>... parameters) {
        try {
            return ForkJoinPool.class.getMethod(name, parameters);
        } catch (NoSuchMethodException beforeJava25) {
            return null;
        }
    }

    private static Throwable rootCause(Throwable thrown) {
        Throwable cause = thrown;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
