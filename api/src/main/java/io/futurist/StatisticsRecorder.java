package io.futurist;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.Objects;

/**
 * Records what one executor does and turns it into {@link ExecutorStatistics} snapshots.
 *
 * <p>This is the one place where the statistics' meaning (see {@link ExecutorStatistics}) is
 * put into numbers; Futurist's own executors and the agent's instrumentation both record
 * through it, and so can an executor of your own: {@link #recordSubmitted()},
 * {@link #recordRejected()}, {@link #recordStarted(long)}, {@link #recordFinished(long, boolean)}
 * and {@link #recordCancelled()} as its tasks come and go, {@link #snapshot()} to read. (The
 * verbs record, the snapshot's accessors read: {@code recordSubmitted()} here,
 * {@code submitted()} there.) A recorder of your own records every time it is given; which
 * runs to time ({@link Timing}) is decided for the agent's and Futurist's executors, which
 * also correct counts already made (a submission refused after it was counted, a cancellation
 * that turns out to be a refusal, a run whose body never started). Those verbs are not API:
 * they are package-private, and the agent reaches them through its kernel
 * ({@code io.futurist.internal.RecorderCorrections}).
 *
 * <p><b>Design: one book per writing thread.</b> A pool's few workers record every task, so
 * the recorder gives each platform thread that records a {@code Book} of its own: plain
 * {@code long} counters and histogram buckets that only that thread writes. A single writer
 * needs no read-modify-write instruction; it reads its own field and stores the sum with a
 * release store (a plain store on x86). No lock-prefixed instruction, and no cache line that
 * two recording threads write. A thread finds its book in a small open-addressing table keyed
 * by thread id, without a {@code ThreadLocal}; the table is replaced (copy on write) only when
 * a thread registers, at most once per thread and recorder.
 *
 * <p><b>The reader pays.</b> {@link #snapshot()} sums the live books, a {@code retired} book
 * and the shared fallback below. Books of threads that have died are folded into
 * {@code retired} and dropped from the table, by the snapshot or by the next registration;
 * {@code Thread.isAlive()} returning false makes all of the dead thread's writes visible, so
 * the fold is exact. Books hold their thread weakly and are found by thread id: a dead
 * {@code ForkJoinWorkerThread} still refers to its pool, which would otherwise stay reachable
 * from the registry through this recorder. Folding, registering and snapshotting hold the recorder's monitor, so a
 * snapshot never sees a book both in the table and in {@code retired}, nor in neither; writers
 * never take it after their book exists.
 *
 * <p><b>Consistency.</b> Each counter is exact. A snapshot reads, over all books, the
 * "leaving" counters (executed, cancelled) before the "entering" ones (started, submitted),
 * with acquire reads against the writers' release stores. A task's acceptance happens before
 * its run (the executor's queue hands it over), so a snapshot that sees a run's end also sees
 * the acceptance: {@code executed + cancelled <= submitted} in every snapshot, and derived
 * gauges err towards zero rather than towards phantom tasks. Only the rare corrections that
 * decrement ({@link #submissionRejected()}, {@link #cancellationRejected()}) can make a racing
 * snapshot a task apart, as before.
 *
 * <p><b>The shared fallback</b> is a few striped books written with atomic adds (as
 * {@code LongAdder} cells are), created on first use: virtual threads use it (one book per
 * task would mean a registration per task; the stripe is picked by thread id, which is
 * consecutive for virtual threads, and nothing per thread is initialised, unlike a
 * {@code LongAdder}'s probe), and so do threads beyond {@link #MAX_BOOKS} live writers, which
 * bounds a recorder's memory (a book with both histograms is about 11.5 KB; most books, a
 * submitter's, have none).
 *
 * <p>The queued gauge is derived rather than counted: accepted tasks minus those that
 * finished, were cancelled or are running. Once the executor has terminated and its books are
 * {@linkplain #booksClosed() closed}, nothing can be waiting any more: what the gauge would
 * still show counts as cancelled instead (the agent follows some fork/join tasks without a
 * per-task entry, and accounts for those that never ran this way).
 *
 * <p><b>Timing.</b> The recorder records whatever times it is given; which runs to time is the
 * caller's choice, and {@link #submittedTimed()} makes it by the recorder's {@link Timing}. Under
 * {@link Timing#ADAPTIVE} the choice is a {@link RunSampler}'s, whose per-thread countdown lives
 * in the same book as the counters, so the choice costs no look-up of its own.
 *
 * <p>(Why one class this long: recording, the books' look-up and the snapshot all work on the
 * private {@code Book} and its field handles; split apart, those would have to be visible to
 * the package, and the book's single-writer rule with them.)
 */
public final class StatisticsRecorder {

    /** Most live threads with books of their own; further threads record into the shared fallback. */
    static final int MAX_BOOKS = 16;
    /** Shared books for threads without one: twice the processors, a power of two, at most 16, as LongAdder would use. */
    private static final int STRIPES = LatencyHistogram.stripeCount(Runtime.getRuntime().availableProcessors());
    /** Fallback recordings by a thread without a book between two attempts to free a book of a dead thread. */
    private static final int SWEEP_PERIOD = 4096;
    /** The table of a recorder no thread has written yet; never written to itself. */
    private static final Book[] NO_BOOKS = new Book[1];

    private static final VarHandle SUBMITTED;
    private static final VarHandle REJECTED;
    private static final VarHandle STARTED;
    private static final VarHandle EXECUTED;
    private static final VarHandle FAILURES;
    private static final VarHandle CANCELLED;
    private static final VarHandle RUNTIME;
    private static final VarHandle QUEUE_TIME;
    private static final VarHandle MAX_RUNTIME;
    private static final VarHandle SLOW_RUNS;
    private static final VarHandle SLOW_QUEUE_WAITS;
    private static final VarHandle RUNTIMES;
    private static final VarHandle QUEUE_TIMES;
    private static final VarHandle BUCKET = MethodHandles.arrayElementVarHandle(long[].class);
    /** {@code Thread.isVirtual()} on Java 21 and later, else {@code null}. */
    private static final MethodHandle IS_VIRTUAL = isVirtualHandle();

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            SUBMITTED = lookup.findVarHandle(Book.class, "submitted", long.class);
            REJECTED = lookup.findVarHandle(Book.class, "rejected", long.class);
            STARTED = lookup.findVarHandle(Book.class, "started", long.class);
            EXECUTED = lookup.findVarHandle(Book.class, "executed", long.class);
            FAILURES = lookup.findVarHandle(Book.class, "failures", long.class);
            CANCELLED = lookup.findVarHandle(Book.class, "cancelled", long.class);
            RUNTIME = lookup.findVarHandle(Book.class, "runtimeNanos", long.class);
            QUEUE_TIME = lookup.findVarHandle(Book.class, "queueTimeNanos", long.class);
            MAX_RUNTIME = lookup.findVarHandle(Book.class, "maxRuntimeNanos", long.class);
            SLOW_RUNS = lookup.findVarHandle(Book.class, "slowRuns", long.class);
            SLOW_QUEUE_WAITS = lookup.findVarHandle(Book.class, "slowQueueWaits", long.class);
            RUNTIMES = lookup.findVarHandle(Book.class, "runtimes", long[].class);
            QUEUE_TIMES = lookup.findVarHandle(Book.class, "queueTimes", long[].class);
        } catch (ReflectiveOperationException impossible) {
            throw new ExceptionInInitializerError(impossible);
        }
    }

    /** Live books by thread id, linear probing, at most half full; replaced whole, never changed in place. */
    private volatile Book[] books = NO_BOOKS;
    /** Live books in {@link #books}; written under the monitor. */
    private volatile int bookCount;
    /** Counts down fallback recordings of platform threads until the next sweep; racy on purpose, it only paces. */
    private int sweepCountdown = SWEEP_PERIOD;
    /** The sum of the books of dead threads; read and written under the monitor only. */
    private Book retired;
    /** Books written atomically by threads without one of their own; created on first use. */
    private volatile Book[] stripes;
    /**
     * The totals the last snapshot reported; read and written under the monitor. While runs
     * are sampled, the totals are estimates that move with the sample's average; holding them
     * here keeps {@code runtime()} and {@code queueTime()} from ever going backwards, as
     * counters must not.
     */
    private long reportedRuntime;
    private long reportedQueueTime;
    /** Which runs {@link #submittedTimed()} chooses to time. */
    private final Timing timing;
    /**
     * What chooses under {@link Timing#ADAPTIVE}, created by the first submission that needs it
     * (a pool that never runs a task does not pay for it); {@code null} under the other two.
     */
    private volatile RunSampler sampler;
    /** Set by {@link #booksClosed()}: accepted tasks not started nor cancelled count as cancelled. */
    private volatile boolean closed;

    /** A recorder: for an executor of your own, it records every time it is given. */
    public StatisticsRecorder() {
        this(Timing.ADAPTIVE);
    }

    /**
     * A recorder that times runs as {@code timing} says where Futurist chooses which runs to time
     * (its own executors, the agent). For an executor of your own it makes no difference: the
     * recorder records every time it is given, and you choose which runs you time.
     *
     * @param timing which runs to time
     */
    public StatisticsRecorder(Timing timing) {
        this(timing, null);
    }

    /** A recorder with a sampler of a test's own (deterministic random source, simulated ticks). */
    StatisticsRecorder(Timing timing, RunSampler sampler) {
        this.timing = Objects.requireNonNull(timing, "timing");
        this.sampler = sampler;
    }

    /** Which runs this recorder times where Futurist chooses them (see {@link #StatisticsRecorder(Timing)}). */
    public Timing timing() {
        return timing;
    }

    /** A task was accepted. */
    public void recordSubmitted() {
        add(SUBMITTED, book(), 1);
    }

    /**
     * A task was accepted, as {@link #recordSubmitted()}; and whether its wait and run are to be
     * timed, as this recorder's {@link Timing} chooses. If so, read the clock now and record the
     * run with {@link #recordStarted(long)} and {@link #recordFinished(long, boolean)}; if not, with
     * {@link #startedUntimed()} and {@link #finishedUntimed(boolean)}, reading no clock at all.
     * The choice is made now, before anything about the run is known, which is what keeps a
     * sample of runs unbiased.
     *
     * @return whether to time this task
     */
    boolean submittedTimed() {
        Book book = book();
        add(SUBMITTED, book, 1);
        return timesNext(book, Kernel.ticks());
    }

    /** {@link #submittedTimed()} at a tick of a test's choosing, for a recorder with a test's sampler. */
    boolean submittedTimed(int tick) {
        Book book = book();
        add(SUBMITTED, book, 1);
        return timesNext(book, tick);
    }

    /**
     * Whether the next submission recorded in {@code book} is timed: under
     * {@link Timing#ADAPTIVE}, the fast path of {@link RunSampler} (a decrement of the book's
     * own countdown and a comparison with the tick it was drawn at), else the fixed answer.
     */
    private boolean timesNext(Book book, int tick) {
        if (timing != Timing.ADAPTIVE) {
            return timing == Timing.ALL;
        }
        if (--book.countdown > 0 && tick == book.tick) {
            return false;
        }
        RunSampler chooser = sampler;
        return (chooser != null ? chooser : createSampler()).decide(book, tick);
    }

    private synchronized RunSampler createSampler() {
        if (sampler == null) {
            sampler = new RunSampler();
        }
        return sampler;
    }

    /** A submission was refused; it is not counted as submitted. */
    public void recordRejected() {
        add(REJECTED, book(), 1);
    }

    /**
     * A submission already counted by {@link #recordSubmitted()} turned out to be refused (the
     * executor accepted it first and its rejection handler ran afterwards).
     */
    void submissionRejected() {
        Book book = book();
        add(SUBMITTED, book, -1);
        add(REJECTED, book, 1);
    }

    /**
     * A task counted as accepted and then as cancelled was in fact refused: the executor queued
     * it, took it back because it was shut down meanwhile, and ran its rejection handler.
     */
    void cancellationRejected() {
        Book book = book();
        add(CANCELLED, book, -1);
        add(SUBMITTED, book, -1);
        add(REJECTED, book, 1);
    }

    /**
     * A task counted as accepted and then as cancelled was in fact refused, and the refusal is
     * already counted by {@link #recordRejected()}: the submission and the cancellation are withdrawn.
     * (An instrumented executor's termination check can sweep a task up as cancelled while the
     * submission that carried it is being refused.)
     */
    void cancellationWithdrawn() {
        Book book = book();
        add(CANCELLED, book, -1);
        add(SUBMITTED, book, -1);
    }

    /**
     * An accepted task starts its run.
     *
     * @param queueNanos how long it waited since acceptance, or a negative number when that
     *                   is not known (the task was accepted before recording began)
     */
    public void recordStarted(long queueNanos) {
        Book book = book();
        // The histogram first: if it fails, nothing of this start is counted, and the caller
        // can still count the run untimed (startedUntimed) without leaving it active for good.
        if (queueNanos >= 0) {
            count(book, false, LatencyHistogram.bucketOf(queueNanos));
        }
        add(STARTED, book, 1);
        if (queueNanos >= 0) {
            add(QUEUE_TIME, book, queueNanos);
        }
    }

    /**
     * An accepted task starts a run that is not timed (its queue time is not known either):
     * for a caller whose clock or histogram failed, so that the run is still counted. Touches
     * counters only. End it with {@link #finishedUntimed(boolean)}.
     */
    void startedUntimed() {
        add(STARTED, book(), 1);
    }

    /**
     * A task accepted and started at once in the submitting thread, with no wait: what
     * {@link #submittedTimed()} then {@code recordStarted(0)} or {@link #startedUntimed()} record,
     * for the price of one book look-up.
     *
     * @return whether to time the run ({@link #recordFinished} or {@link #finishedUntimed} follows)
     */
    boolean acceptedAndStarted() {
        Book book = book();
        add(SUBMITTED, book, 1);
        boolean timed = timesNext(book, Kernel.ticks());
        if (timed) {
            count(book, false, 0);
        }
        add(STARTED, book, 1);
        return timed;
    }

    /**
     * A submission counted by {@link #recordSubmitted()} or {@link #submittedTimed()} is taken back:
     * the caller could not follow the task (an internal failure right after counting it), so
     * it is counted neither as accepted nor as anything else.
     */
    void submissionWithdrawn() {
        add(SUBMITTED, book(), -1);
    }

    /**
     * A run that {@link #recordStarted(long) started} has ended.
     *
     * @param runNanos the run's wall time
     * @param failed   whether it ended with an exception, thrown or captured
     */
    public void recordFinished(long runNanos, boolean failed) {
        long nanos = Math.max(0, runNanos);
        Book book = book();
        count(book, true, LatencyHistogram.bucketOf(nanos));
        add(RUNTIME, book, nanos);
        if (!book.shared) {
            if (nanos > book.maxRuntimeNanos) {
                MAX_RUNTIME.setRelease(book, nanos);
            }
        } else {
            long max = (long) MAX_RUNTIME.getAcquire(book);
            while (nanos > max && !MAX_RUNTIME.compareAndSet(book, max, nanos)) {
                max = (long) MAX_RUNTIME.getAcquire(book);
            }
        }
        countExecuted(book, failed);
    }

    /**
     * A run ended whose time is not known ({@link #startedUntimed()}, or a clock or histogram
     * failure at its end): counted as executed, with no run time. Touches counters only.
     *
     * @param failed whether it ended with an exception, thrown or captured
     */
    void finishedUntimed(boolean failed) {
        countExecuted(book(), failed);
    }

    /** An accepted task left without running: cancelled before start, removed, or drained. */
    public void recordCancelled() {
        add(CANCELLED, book(), 1);
    }

    /**
     * A run that {@link #recordStarted(long) started} was turned into a cancellation before it did
     * anything (a pool that is stopping cancels instead of running).
     */
    void startedButCancelled() {
        Book book = book();
        add(STARTED, book, -1);
        add(CANCELLED, book, 1);
    }

    /**
     * The executor has terminated: from now on, every accepted task that is neither started,
     * cancelled nor refused never ran, and counts as cancelled. Derived at each snapshot rather
     * than counted once, so that a submission refused or a run counted after this (a racing
     * refusal, a task an outside thread took before the end) moves the task out of that count
     * instead of counting it twice.
     */
    void booksClosed() {
        closed = true;
    }

    /**
     * A run took longer than its executor's slow-run threshold (counted besides its end, which
     * {@link #recordFinished} or {@link #finishedUntimed} counts); see {@link ExecutorStatistics#slowRuns()}.
     */
    void slowRun() {
        add(SLOW_RUNS, book(), 1);
    }

    /** A task waited in the queue longer than the slow-queue threshold; see {@link ExecutorStatistics#slowQueueWaits()}. */
    void slowQueueWait() {
        add(SLOW_QUEUE_WAITS, book(), 1);
    }

    private static void countExecuted(Book book, boolean failed) {
        if (failed) {
            add(FAILURES, book, 1);
        }
        // Last: a reader that sees the run counted sees its failure and time too.
        add(EXECUTED, book, 1);
    }

    /**
     * Adds {@code delta} to one counter of {@code book}: a release store of the new value by
     * the book's only writer (no lock-prefixed instruction), an atomic add on a shared stripe.
     */
    private static void add(VarHandle counter, Book book, long delta) {
        if (!book.shared) {
            counter.setRelease(book, (long) counter.get(book) + delta);
        } else {
            counter.getAndAdd(book, delta);
        }
    }

    /** Counts one value in {@code bucket} of the book's run-time or queue-time histogram. */
    private static void count(Book book, boolean runtimes, int bucket) {
        long[] counts = runtimes ? book.runtimes : book.queueTimes;
        if (counts == null) {
            counts = book.histogram(runtimes);
        }
        if (!book.shared) {
            BUCKET.setOpaque(counts, bucket, counts[bucket] + 1);
        } else {
            BUCKET.getAndAdd(counts, bucket, 1L);
        }
    }

    /** An immutable snapshot of everything recorded so far. */
    public synchronized ExecutorStatistics snapshot() {
        retireDeadBooks();
        Book[] owned = books;
        Book[] stripes = this.stripes;
        Book[] table = owned;
        if (stripes != null) {
            table = Arrays.copyOf(owned, owned.length + stripes.length);
            System.arraycopy(stripes, 0, table, owned.length, stripes.length);
        }
        Book retired = this.retired != null ? this.retired : new Book(null, false);
        // Read the "leaving" counters before the "entering" ones, each over every book (see
        // the class comment): derived gauges then err towards zero, never towards phantom tasks.
        long done = sum(retired.executed, table, EXECUTED);
        long gone = sum(retired.cancelled, table, CANCELLED);
        long begun = sum(retired.started, table, STARTED);
        long accepted = sum(retired.submitted, table, SUBMITTED);
        long refused = retired.rejected;
        long failed = retired.failures;
        long runtime = retired.runtimeNanos;
        long queueTime = retired.queueTimeNanos;
        long max = retired.maxRuntimeNanos;
        long slowRuns = retired.slowRuns;
        long slowWaits = retired.slowQueueWaits;
        for (Book book : table) {
            if (book != null) {
                refused += (long) REJECTED.getAcquire(book);
                failed += (long) FAILURES.getAcquire(book);
                runtime += (long) RUNTIME.getAcquire(book);
                queueTime += (long) QUEUE_TIME.getAcquire(book);
                max = Math.max(max, (long) MAX_RUNTIME.getAcquire(book));
                slowRuns += (long) SLOW_RUNS.getAcquire(book);
                slowWaits += (long) SLOW_QUEUE_WAITS.getAcquire(book);
            }
        }
        long active = Math.max(0, begun - done);
        long queued = Math.max(0, accepted - begun - gone);
        if (closed) {
            gone += queued; // see booksClosed()
            queued = 0;
        }
        LatencyHistogram.Snapshot runtimes = histogram(table, retired, true, max);
        LatencyHistogram.Snapshot queueTimes = histogram(table, retired, false, 0);
        // Exact sums while every run was timed; else estimates, held where they would go back.
        reportedRuntime = Math.max(reportedRuntime, ExecutorStatistics.estimatedTotal(runtime, runtimes.count(), done));
        reportedQueueTime = Math.max(reportedQueueTime, ExecutorStatistics.estimatedTotal(queueTime, queueTimes.count(), begun));
        return new ExecutorStatistics(accepted, refused, done, failed, gone, active, queued, runtime, queueTime,
                reportedRuntime, reportedQueueTime, max, runtimes, queueTimes, PoolShape.NONE, slowRuns, slowWaits);
    }

    /**
     * The counts alone, with empty histograms and the run and queue times as recorded (no
     * estimate): for a reader that asks "how many, and is anything moving" often and of every
     * executor (the agent's health reading), where merging every book's histograms would be most
     * of the cost. Package-private: the percentiles of the result are not the executor's.
     */
    synchronized ExecutorStatistics countsSnapshot() {
        retireDeadBooks();
        Book[] owned = books;
        Book[] stripes = this.stripes;
        Book retired = this.retired != null ? this.retired : new Book(null, false);
        // The same order as snapshot(): leaving counters first, over the owned books and stripes.
        long done = sum(retired.executed, owned, EXECUTED) + sum(0, stripes, EXECUTED);
        long gone = sum(retired.cancelled, owned, CANCELLED) + sum(0, stripes, CANCELLED);
        long begun = sum(retired.started, owned, STARTED) + sum(0, stripes, STARTED);
        long accepted = sum(retired.submitted, owned, SUBMITTED) + sum(0, stripes, SUBMITTED);
        long refused = sum(retired.rejected, owned, REJECTED) + sum(0, stripes, REJECTED);
        long failed = sum(retired.failures, owned, FAILURES) + sum(0, stripes, FAILURES);
        long queued = Math.max(0, accepted - begun - gone);
        if (closed) {
            gone += queued; // see booksClosed()
            queued = 0;
        }
        return new ExecutorStatistics(accepted, refused, done, failed, gone, Math.max(0, begun - done),
                queued, 0, 0, 0, 0, 0, LatencyHistogram.Snapshot.EMPTY,
                LatencyHistogram.Snapshot.EMPTY, PoolShape.NONE, 0, 0);
    }

    /** {@code retired} plus {@code counter} over every book in {@code table} (none when {@code null}), each read with acquire. */
    private static long sum(long retired, Book[] table, VarHandle counter) {
        long sum = retired;
        if (table == null) {
            return sum;
        }
        for (Book book : table) {
            sum += book == null ? 0 : (long) counter.getAcquire(book);
        }
        return sum;
    }

    private static LatencyHistogram.Snapshot histogram(Book[] table, Book retired, boolean runtimes, long exactMax) {
        long[] sums = null;
        long total = 0;
        long[] own = runtimes ? retired.runtimes : retired.queueTimes;
        if (own != null) {
            sums = new long[LatencyHistogram.BUCKETS];
            total += addTo(sums, own);
        }
        for (Book book : table) {
            long[] counts = book == null ? null : runtimes ? book.runtimes : book.queueTimes;
            if (counts != null) {
                sums = sums != null ? sums : new long[LatencyHistogram.BUCKETS];
                total += addTo(sums, counts);
            }
        }
        return total == 0 ? LatencyHistogram.Snapshot.EMPTY : new LatencyHistogram.Snapshot(sums, total, exactMax);
    }

    private static long addTo(long[] sums, long[] counts) {
        long total = 0;
        for (int i = 0; i < counts.length; i++) {
            long c = (long) BUCKET.getOpaque(counts, i);
            sums[i] += c;
            total += c;
        }
        return total;
    }

    /** The calling thread's own book, or a shared stripe (written atomically) when it has none. */
    @SuppressWarnings("deprecation") // Thread.getId(): threadId() is Java 19+, and this is the same number.
    private Book book() {
        Thread current = Thread.currentThread();
        Book[] table = books;
        Book book = table[(int) current.getId() & (table.length - 1)];
        return book != null && book.ownerId == current.getId() ? book : bookAfterMiss(current, table);
    }

    @SuppressWarnings("deprecation")
    private Book bookAfterMiss(Thread current, Book[] table) {
        int mask = table.length - 1;
        int slot = (int) current.getId() & mask;
        for (int probe = 0; probe < table.length; probe++) {
            Book book = table[(slot + probe) & mask];
            if (book == null) {
                break;
            }
            if (book.ownerId == current.getId()) {
                return book;
            }
        }
        if (isVirtual(current) || (bookCount >= MAX_BOOKS && --sweepCountdown > 0)) {
            return stripe(current);
        }
        Book book = register(current);
        return book != null ? book : stripe(current);
    }

    /**
     * The shared book for a thread without one. Virtual threads' ids are consecutive, so the
     * tasks of a virtual-thread executor spread over the stripes.
     */
    @SuppressWarnings("deprecation")
    private Book stripe(Thread current) {
        Book[] stripes = this.stripes;
        if (stripes == null) {
            stripes = createStripes();
        }
        return stripes[(int) current.getId() & (stripes.length - 1)];
    }

    private synchronized Book[] createStripes() {
        if (stripes == null) {
            Book[] fresh = new Book[STRIPES];
            for (int i = 0; i < fresh.length; i++) {
                fresh[i] = new Book(null, true);
            }
            stripes = fresh;
        }
        return stripes;
    }

    /** Gives {@code current} a book if there is room (after retiring the dead), else {@code null}. */
    private synchronized Book register(Thread current) {
        sweepCountdown = SWEEP_PERIOD;
        retireDeadBooks();
        if (bookCount >= MAX_BOOKS) {
            return null;
        }
        Book book = new Book(current, false);
        publish(books, book);
        return book;
    }

    /** Folds the books of threads that have ended into {@link #retired}; holds the monitor. */
    private void retireDeadBooks() {
        Book[] table = books;
        int dead = 0;
        for (int i = 0; i < table.length; i++) {
            Book book = table[i];
            if (book != null && book.ownerEnded()) {
                if (retired == null) {
                    retired = new Book(null, false);
                }
                retired.add(book);
                dead++;
                if (dead == 1) {
                    table = table.clone(); // the published table stays intact for the writers
                }
                table[i] = null;
            }
        }
        if (dead > 0) {
            publish(table, null);
        }
    }

    /**
     * Replaces the table with a fresh one holding the books of {@code table} plus {@code added}.
     * Who stays is decided by the caller, never here: a book dropped without being folded would
     * lose its counts.
     */
    private void publish(Book[] table, Book added) {
        int live = added == null ? 0 : 1;
        for (Book book : table) {
            live += book != null ? 1 : 0;
        }
        Book[] fresh = live == 0 ? NO_BOOKS : new Book[Integer.highestOneBit(live * 4 - 1)];
        int mask = fresh.length - 1;
        for (Book book : table) {
            if (book != null) {
                insert(fresh, mask, book);
            }
        }
        if (added != null) {
            insert(fresh, mask, added);
        }
        bookCount = live;
        books = fresh;
    }

    private static void insert(Book[] table, int mask, Book book) {
        int slot = (int) book.ownerId & mask;
        while (table[slot] != null) {
            slot = (slot + 1) & mask;
        }
        table[slot] = book;
    }

    private static boolean isVirtual(Thread thread) {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invokeExact(thread);
        } catch (Throwable unexpected) {
            return false;
        }
    }

    private static MethodHandle isVirtualHandle() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
        } catch (ReflectiveOperationException | RuntimeException older) {
            return null;
        }
    }

    /**
     * What one thread recorded: written only by {@link #owner}, with release stores (opaque for
     * the buckets), read by snapshots with acquire reads. {@code owner} is {@code null} for the
     * retired sum, which only the monitor's holder touches.
     */
    private static final class Book extends RunSampler.Countdown {
        /**
         * The owner's id, unique for the JVM's life: what the writer's look-up compares. The
         * thread itself is held weakly: a dead thread can hold its executor (a
         * {@code ForkJoinWorkerThread} keeps its pool), and the registry holds this recorder
         * until that executor is collected.
         */
        final long ownerId;
        final WeakReference<Thread> owner;
        /** A stripe of the shared fallback: any thread may write it, so every write is atomic. */
        final boolean shared;
        long submitted;
        long rejected;
        long started;
        long executed;
        long failures;
        long cancelled;
        long runtimeNanos;
        long queueTimeNanos;
        long maxRuntimeNanos;
        long slowRuns;
        long slowQueueWaits;
        /** Created on the first timed run (most books, a submitter's, never need them). */
        volatile long[] runtimes;
        volatile long[] queueTimes;

        @SuppressWarnings("deprecation") // Thread.getId(): threadId() is Java 19+, and this is the same number.
        Book(Thread owner, boolean shared) {
            this.ownerId = owner == null ? -1 : owner.getId();
            this.owner = owner == null ? null : new WeakReference<>(owner);
            this.shared = shared;
        }

        /** The run-time or queue-time counts, created now if need be (by compare-and-set when shared). */
        long[] histogram(boolean runtimes) {
            VarHandle field = runtimes ? RUNTIMES : QUEUE_TIMES;
            long[] counts = (long[]) field.getVolatile(this);
            if (counts == null) {
                counts = new long[LatencyHistogram.BUCKETS];
                if (!field.compareAndSet(this, null, counts)) {
                    counts = (long[]) field.getVolatile(this);
                }
            }
            return counts;
        }

        /**
         * Whether the owner will never write again. {@code isAlive() == false} makes all of its
         * writes visible to this thread; a thread already collected ended long before (its
         * reference was cleared at a safepoint after its last write).
         */
        boolean ownerEnded() {
            Thread thread = owner.get();
            return thread == null || !thread.isAlive();
        }

        /** Adds a dead thread's book to this retired sum. */
        void add(Book dead) {
            submitted += dead.submitted;
            rejected += dead.rejected;
            started += dead.started;
            executed += dead.executed;
            failures += dead.failures;
            cancelled += dead.cancelled;
            runtimeNanos += dead.runtimeNanos;
            queueTimeNanos += dead.queueTimeNanos;
            maxRuntimeNanos = Math.max(maxRuntimeNanos, dead.maxRuntimeNanos);
            slowRuns += dead.slowRuns;
            slowQueueWaits += dead.slowQueueWaits;
            if (dead.runtimes != null) {
                runtimes = runtimes != null ? runtimes : new long[LatencyHistogram.BUCKETS];
                addTo(runtimes, dead.runtimes);
            }
            if (dead.queueTimes != null) {
                queueTimes = queueTimes != null ? queueTimes : new long[LatencyHistogram.BUCKETS];
                addTo(queueTimes, dead.queueTimes);
            }
        }
    }
}
