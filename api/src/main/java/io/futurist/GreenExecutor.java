package io.futurist;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An executor that runs each task on a virtual thread of its own, with statistics, and
 * optionally at most {@code maxConcurrency} tasks at once.
 *
 * <p><b>Java 21 or later.</b> Virtual threads are reached through method handles, so this class
 * loads on Java 17; there its constructors throw {@link UnsupportedOperationException} naming
 * the Java version needed. Ask {@link #isSupported()} first to choose another executor.
 *
 * <p><b>Bounded concurrency without blocking.</b> With a bound, tasks beyond it wait in a
 * lock-free queue and {@code execute} returns at once; each task that ends starts the next
 * waiting one. Queue time is the time from acceptance until the task's virtual thread runs it.
 *
 * <p><b>Lifecycle</b> as {@link java.util.concurrent.ExecutorService} defines it:
 * {@link #shutdown()} refuses new tasks and lets accepted ones (waiting ones included) run;
 * {@link #shutdownNow()} returns the waiting tasks (counted as cancelled) and interrupts the
 * running ones; the executor terminates when nothing accepted is left.
 *
 * <p>Design: {@code inFlight} counts accepted tasks that have not finished; a submission
 * enters it before the shut-down check in {@code execute}, so termination (shut down and
 * nothing in flight) can never be declared while a submission is slipping in. The count and
 * the set of running threads are laid out so that the submitter and the tasks' threads write
 * no common cache line ({@link InFlightCount}, {@link RunningThreads}). Likewise a
 * task's thread joins {@code runningThreads} before reading {@code stopping}, which
 * {@code shutdownNow} sets before interrupting the threads it finds there: every task that
 * starts, or was started, is either found or sees the flag and interrupts itself. Permits are
 * taken with a compare-and-set on {@code running}; a finishing task releases its permit before
 * draining the queue, so a task queued concurrently is always started by someone.
 */
public final class GreenExecutor extends FuturistExecutorService {

    /** The bound of an executor created without one. */
    public static final int UNBOUNDED = Integer.MAX_VALUE;
    /** The acceptance time of a task not chosen for timing (no clock read). */
    private static final long UNTIMED = Long.MIN_VALUE;

    /** The kernel's record of this executor ({@link Kernel}); never handed out. */
    private final TrackedExecutor record;
    /**
     * The record's recorder, kept here so that a task does not ask the kernel for it: that call
     * and the type check behind it are a measurable share of a short task. A green executor is
     * never restarted, and the agent resets only the executors it instruments, so it stays the
     * record's.
     */
    private final StatisticsRecorder recorder;
    private final ThreadFactory threads;
    private final int maxConcurrency;
    private final Queue<Task> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger running = new AtomicInteger();
    private final InFlightCount inFlight = new InFlightCount();
    private final RunningThreads runningThreads = new RunningThreads();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private volatile boolean shutdown;
    /** Set by {@link #shutdownNow()}: a task whose thread registers after it had looked starts interrupted. */
    private volatile boolean stopping;

    /** Unbounded: every task starts its virtual thread at once. */
    public GreenExecutor() {
        this(UNBOUNDED);
    }

    /**
     * At most {@code maxConcurrency} tasks run at once; the rest wait without blocking the submitter.
     *
     * @throws IllegalArgumentException      when {@code maxConcurrency < 1}
     * @throws UnsupportedOperationException on a JVM without virtual threads (before Java 21)
     */
    public GreenExecutor(int maxConcurrency) {
        this(null, maxConcurrency);
    }

    /**
     * A named executor; its virtual threads are called {@code name-1}, {@code name-2}, ...
     *
     * @param name           the name shown by {@link TrackedExecutor#name()}, or {@code null} for a generated
     *                       one; the threads of an executor without a name are unnamed, like those of
     *                       {@code Executors.newVirtualThreadPerTaskExecutor()}
     * @param maxConcurrency at least 1; {@link #UNBOUNDED} for no bound
     * @throws IllegalArgumentException      when {@code maxConcurrency < 1} or the name is empty
     * @throws UnsupportedOperationException on a JVM without virtual threads (before Java 21)
     */
    public GreenExecutor(String name, int maxConcurrency) {
        this(name, maxConcurrency, Timing.ADAPTIVE);
    }

    /**
     * A named executor, with a timing of its own; see {@link #GreenExecutor(String, int)}.
     *
     * @param name           as {@link #GreenExecutor(String, int)}
     * @param maxConcurrency as {@link #GreenExecutor(String, int)}
     * @param timing         which runs to time
     * @throws IllegalArgumentException      when {@code maxConcurrency < 1} or the name is empty
     * @throws UnsupportedOperationException on a JVM without virtual threads (before Java 21)
     */
    public GreenExecutor(String name, int maxConcurrency, Timing timing) {
        Objects.requireNonNull(timing, "timing");
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be at least 1: " + maxConcurrency);
        }
        if (name != null && name.isEmpty()) {
            throw new IllegalArgumentException("name must not be empty");
        }
        if (!VirtualThreads.SUPPORTED) {
            throw new UnsupportedOperationException("GreenExecutor needs Java 21 or later (virtual threads); "
                    + "this JVM is Java " + Runtime.version().feature());
        }
        this.maxConcurrency = maxConcurrency;
        // Without a name, the registry's GreenExecutor#id, as every other unnamed executor.
        this.record = Kernel.register(this, timing, name, GreenExecutor::shapeOf);
        this.recorder = Kernel.recorder(record);
        // Unnamed executors start unnamed threads, as the JDK's own executor does: a name is a
        // String built per thread, paid by every task.
        this.threads = VirtualThreads.factory(name != null ? name + "-" : null);
    }

    /** Whether this JVM has virtual threads (Java 21 or later), so that the constructors succeed. */
    public static boolean isSupported() {
        return VirtualThreads.SUPPORTED;
    }

    /** The bound on tasks running at once; {@link #UNBOUNDED} when there is none. */
    public int maxConcurrency() {
        return maxConcurrency;
    }

    /** The statistics as of now, with the shape: the virtual threads running tasks now and the bound, if any. */
    public ExecutorStatistics statistics() {
        return record.statistics();
    }

    /** The shape the record reads: handed the executor each time, so that the record does not hold it. */
    private static PoolShape shapeOf(Object executor) {
        GreenExecutor green = (GreenExecutor) executor;
        return PoolShape.threadPerTask(green.runningThreads.size(),
                green.maxConcurrency == UNBOUNDED ? -1 : green.maxConcurrency);
    }

    /** True until {@link #shutdown()} or {@link #shutdownNow()}. */
    public boolean isAlive() {
        return record.alive();
    }

    /**
     * Accepts {@code command} and returns at once; it runs on a new virtual thread now, or
     * when a running task ends if the bound is reached.
     *
     * @throws RejectedExecutionException when the executor is shut down
     */
    @Override
    public void execute(Runnable command) {
        Objects.requireNonNull(command, "command");
        inFlight.enter();
        if (shutdown) {
            leave();
            recorder.recordRejected();
            throw new RejectedExecutionException("GreenExecutor " + record.name() + " is shut down");
        }
        boolean timed = recorder.submittedTimed();
        Task task = new Task(command, timed ? System.nanoTime() : UNTIMED);
        if (maxConcurrency == UNBOUNDED) {
            start(task);
        } else {
            waiting.add(task);
            startWaiting();
        }
    }

    private void startWaiting() {
        while (!waiting.isEmpty()) {
            int now = running.get();
            if (now >= maxConcurrency) {
                return; // a running task will start the next one when it ends
            }
            if (!running.compareAndSet(now, now + 1)) {
                continue;
            }
            Task next = waiting.poll();
            if (next == null) {
                running.decrementAndGet(); // someone else took it; look again
            } else {
                start(next);
            }
        }
    }

    private void start(Task task) {
        Thread thread;
        try {
            thread = threads.newThread(task);
            thread.start();
        } catch (RuntimeException | Error cannotStart) {
            // Out of memory or a JVM refusing threads: the task is accepted but cannot run.
            recorder.recordCancelled();
            release();
            throw new RejectedExecutionException("GreenExecutor " + record.name() + " cannot start a virtual thread", cannotStart);
        }
    }

    private void run(Task task) {
        Thread self = Thread.currentThread();
        int ticket = runningThreads.join(self);
        if (stopping) {
            // shutdownNow may have walked runningThreads before this thread joined it.
            self.interrupt();
        }
        try {
            if (Kernel.isCancelled(task.command)) {
                recorder.recordCancelled();
                return;
            }
            boolean timed = task.acceptedAt != UNTIMED;
            long start = 0;
            if (timed) {
                start = System.nanoTime();
                recorder.recordStarted(start - task.acceptedAt);
            } else {
                recorder.startedUntimed();
            }
            boolean failed = true;
            try {
                task.command.run();
                failed = Kernel.capturedFailure(task.command);
            } finally {
                if (timed) {
                    recorder.recordFinished(System.nanoTime() - start, failed);
                } else {
                    recorder.finishedUntimed(failed);
                }
            }
        } finally {
            runningThreads.leave(self, ticket);
            release();
        }
    }

    /** A task has ended (or could not start): free its permit, start the next, maybe terminate. */
    private void release() {
        if (maxConcurrency != UNBOUNDED) {
            running.decrementAndGet();
            startWaiting();
        }
        leave();
    }

    private void leave() {
        inFlight.exit();
        if (shutdown && inFlight.isZero()) {
            terminate();
        }
    }

    @Override
    public void shutdown() {
        shutdown = true;
        Kernel.markShutDown(record);
        if (inFlight.isZero()) {
            terminate();
        }
    }

    private void terminate() {
        Kernel.markTerminated(record);
        terminated.countDown();
    }

    /** Shuts down, interrupts running tasks, and returns the tasks still waiting, which never run. */
    @Override
    public List<Runnable> shutdownNow() {
        stopping = true;
        shutdown();
        List<Runnable> neverRun = new ArrayList<>();
        Task next;
        while ((next = waiting.poll()) != null) {
            neverRun.add(next.command);
            recorder.recordCancelled();
            leave();
        }
        runningThreads.interruptAll();
        return neverRun;
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return terminated.getCount() == 0;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return terminated.await(timeout, unit);
    }

    @Override
    public String toString() {
        return "GreenExecutor[" + record.name() + ", maxConcurrency="
                + (maxConcurrency == UNBOUNDED ? "unbounded" : maxConcurrency)
                + (shutdown ? ", shut down]" : ", alive]");
    }

    /** An accepted task and when it was accepted; also what its thread runs (one object per task, not two). */
    private final class Task implements Runnable {
        final Runnable command;
        final long acceptedAt;

        Task(Runnable command, long acceptedAt) {
            this.command = command;
            this.acceptedAt = acceptedAt;
        }

        @Override
        public void run() {
            GreenExecutor.this.run(this);
        }
    }

    /**
     * Virtual threads through method handles: {@code Thread.ofVirtual().name(prefix, 1).factory()}.
     * Resolved once; on a JVM without them, {@link #SUPPORTED} is false.
     */
    private static final class VirtualThreads {
        static final MethodHandle OF_VIRTUAL;
        static final MethodHandle NAME;
        static final MethodHandle FACTORY;
        static final boolean SUPPORTED;

        static {
            MethodHandle ofVirtual = null;
            MethodHandle name = null;
            MethodHandle factory = null;
            boolean supported = false;
            try {
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                Class<?> builder = Class.forName("java.lang.Thread$Builder");
                Class<?> ofVirtualType = Class.forName("java.lang.Thread$Builder$OfVirtual");
                ofVirtual = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtualType));
                name = lookup.findVirtual(builder, "name", MethodType.methodType(builder, String.class, long.class));
                factory = lookup.findVirtual(builder, "factory", MethodType.methodType(ThreadFactory.class));
                // Java 19 and 20 have the methods as a preview that throws without --enable-preview.
                factory.invoke(ofVirtual.invoke());
                supported = true;
            } catch (Throwable absent) {
                supported = false;
            }
            OF_VIRTUAL = ofVirtual;
            NAME = name;
            FACTORY = factory;
            SUPPORTED = supported;
        }

        /** Threads named {@code prefix} followed by 1, 2, ...; unnamed when {@code prefix} is {@code null}. */
        static ThreadFactory factory(String prefix) {
            try {
                Object builder = OF_VIRTUAL.invoke();
                if (prefix != null) {
                    builder = NAME.invoke(builder, prefix, 1L);
                }
                return (ThreadFactory) FACTORY.invoke(builder);
            } catch (Throwable unexpected) {
                throw new UnsupportedOperationException("cannot create virtual threads on Java "
                        + Runtime.version().feature(), unexpected);
            }
        }
    }
}
