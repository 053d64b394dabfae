package io.futurist.demo;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Watches the run from the scheduler: a progress heartbeat for the start-up phase, and a stall
 * watchdog for the whole run.
 *
 * <p>The heartbeat samples progress {@link #BEATS} times and then cancels itself from inside its
 * last run, which therefore is never re-scheduled. Stopping from inside, rather than from the main
 * thread after the last beat, is what makes the number of beats exact: a cancel from outside
 * would race with the scheduler re-arming the task and could land before or after it.
 *
 * <p>The watchdog checks for a stall every {@link #WATCHDOG_PERIOD_SECONDS} seconds; the run is
 * over long before its first check, so {@link #stop()} always cancels it while it waits in the
 * scheduler's queue.
 */
final class ProgressMonitor {
    /** How many times the heartbeat runs. */
    static final int BEATS = 3;
    /** The heartbeat period. */
    static final long HEARTBEAT_PERIOD_MILLIS = 25;
    /** How often the watchdog checks that batches are still being parsed. */
    static final long WATCHDOG_PERIOD_SECONDS = 10;

    private final ScheduledExecutorService scheduler;
    private final AtomicInteger batchesParsed;
    private final List<Integer> samples = new CopyOnWriteArrayList<>();
    private final CountDownLatch heartbeatDone = new CountDownLatch(1);
    private final AtomicInteger lastSeenByWatchdog = new AtomicInteger(-1);
    private ScheduledFuture<?> watchdog;

    /**
     * @param scheduler     the single-threaded scheduler to run on
     * @param batchesParsed the progress counter to watch
     */
    ProgressMonitor(ScheduledExecutorService scheduler, AtomicInteger batchesParsed) {
        this.scheduler = scheduler;
        this.batchesParsed = batchesParsed;
    }

    /** Starts the heartbeat and the watchdog. */
    void start() {
        // The heartbeat needs its own future to cancel itself. Its beats may start before
        // scheduleAtFixedRate has returned that future; the last beat waits for it if need be.
        CompletableFuture<ScheduledFuture<?>> self = new CompletableFuture<>();
        self.complete(scheduler.scheduleAtFixedRate(() -> beat(self), 0L,
                HEARTBEAT_PERIOD_MILLIS, TimeUnit.MILLISECONDS));
        watchdog = scheduler.scheduleAtFixedRate(this::checkForStall,
                WATCHDOG_PERIOD_SECONDS, WATCHDOG_PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    private void beat(CompletableFuture<ScheduledFuture<?>> self) {
        samples.add(batchesParsed.get());
        if (samples.size() == BEATS) {
            self.join().cancel(false);
            heartbeatDone.countDown();
        }
    }

    private void checkForStall() {
        int now = batchesParsed.get();
        if (lastSeenByWatchdog.getAndSet(now) == now) {
            System.err.println("warning: no batch parsed in the last " + WATCHDOG_PERIOD_SECONDS + " s");
        }
    }

    /**
     * Waits for the heartbeat's last beat and cancels the watchdog.
     *
     * @return what the monitor saw
     */
    Progress stop() throws InterruptedException {
        heartbeatDone.await();
        boolean watchdogCancelled = watchdog.cancel(false);
        return new Progress(List.copyOf(samples), watchdogCancelled);
    }

    /**
     * What the monitor saw.
     *
     * @param samples           batches parsed at each heartbeat (timing-dependent values)
     * @param watchdogCancelled whether the watchdog was cancelled before it ever ran
     */
    record Progress(List<Integer> samples, boolean watchdogCancelled) {

        /** Copies the list. */
        Progress {
            samples = List.copyOf(samples);
        }
    }
}
