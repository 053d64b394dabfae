package io.futurist.internal;

import io.futurist.ExecutorStatistics;
import io.futurist.PoolShape;
import io.futurist.StatisticsRecorder;
import io.futurist.Timing;
import io.futurist.TrackedExecutor;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * What the registry keeps for one executor: identity, names, the alive flag and the recorder.
 *
 * <p>The record refers to its executor only weakly, so an executor stays collectable while
 * tracked: the registry's weak key, and the weak reference through which the pool's shape is
 * read when statistics are asked for ({@link ShapeReader}), are the only links.
 */
public final class ExecutorRecord implements TrackedExecutor {

    /** The creation site of executors first seen after they were built, by an agent attached later. */
    public static final String UNKNOWN_SITE = "unknown (created before attach)";

    /**
     * The creation site of executors built before an agent that started with the JVM
     * ({@code -javaagent}) had its hooks in place: by another agent's {@code premain}, say.
     */
    public static final String BEFORE_AGENT_SITE = "unknown (created before the agent started)";

    private final long id;
    private final String type;
    private volatile String name;
    private volatile boolean named;
    private volatile String creationSite;
    private volatile List<String> creationStack = List.of();
    private volatile boolean alive = true;
    private volatile boolean terminated;
    /**
     * The timing of records registered from now on: the agent's {@code timing} option for the
     * executors it instruments (Futurist's own executors then set their own, {@link #timing}).
     */
    private static volatile Timing registeredTiming = Timing.ADAPTIVE;
    private volatile StatisticsRecorder recorder = new StatisticsRecorder(registeredTiming);
    private volatile PendingTasks pending;
    /**
     * The number the agent stamps on this executor's tasks that it follows without a
     * {@link PendingTasks} entry (a fork/join pool's own adapters of plain runnables); 0 until
     * one is given, and again once the books start afresh, so that a task stamped for earlier
     * books is not counted in these.
     */
    private volatile int taskMark;
    /**
     * Whether this executor's runs count without {@link PendingTasks} entries, each on the
     * thread it was accepted as (a thread-per-task executor built while the agent recorded, in
     * these books): set by the agent when it sees the executor built, cleared when the books
     * start afresh. Its sampled tasks keep their acceptance times in {@link #timedThreads}.
     */
    private volatile boolean runsOnOwnThreads;
    private volatile TimedThreads timedThreads;
    private final WeakReference<Object> executor;
    /** What attaches the load of a recent interval to statistics; {@link LoadReader#NONE} until the agent installs its own. */
    private static volatile LoadReader loadReader = LoadReader.NONE;
    /** Set by executors that read their own shape; otherwise chosen by class on each read. */
    private volatile ShapeReader shapeReader;

    ExecutorRecord(long id, String type, String creationSite) {
        this(id, null, type, creationSite);
    }

    ExecutorRecord(long id, Object executor, String creationSite) {
        this(id, executor, executor.getClass().getName(), creationSite);
    }

    private ExecutorRecord(long id, Object executor, String type, String creationSite) {
        this.executor = executor == null ? null : new WeakReference<>(executor);
        this.id = id;
        this.type = type;
        // "#" keeps these apart from the JDK's own thread names (pool-1-thread-1, ForkJoinPool-1-worker-1).
        this.name = simpleName(type) + "#" + id;
        this.creationSite = creationSite;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public String creationSite() {
        return creationSite;
    }

    @Override
    public List<String> creationStack() {
        return creationStack;
    }

    /**
     * Sets the application's frames that built the executor ({@link CreationSite#stack}), when
     * they were not known: the first stack given wins, as the first creation site does.
     */
    public void creationStack(List<String> stack) {
        if (creationStack.isEmpty() && stack != null && !stack.isEmpty() && stack.get(0).equals(creationSite)) {
            creationStack = List.copyOf(stack);
        }
    }

    @Override
    public boolean alive() {
        return alive;
    }

    /** The counters as of now, with the pool's shape as of now and its load of the last interval. */
    @Override
    public ExecutorStatistics statistics() {
        ExecutorStatistics counts = recorder.snapshot();
        PoolShape shape = shape();
        ExecutorStatistics shaped = shape.equals(PoolShape.NONE) ? counts : counts.withShape(shape);
        try {
            ExecutorStatistics loaded = loadReader.attach(id, shaped);
            return loaded == null ? shaped : loaded;
        } catch (RuntimeException | LinkageError unreadable) {
            // The load is an extra; the counts and the shape still stand.
            return shaped;
        }
    }

    /**
     * The counts and the pool's shape, without the histograms (so without run and queue times
     * or percentiles) and without the load: what the agent's health reading needs of every
     * executor every second, at a fraction of {@link #statistics()}'s cost.
     */
    public ExecutorStatistics countsAndShape() {
        ExecutorStatistics counts = RecorderCorrections.countsSnapshot(recorder);
        PoolShape shape = shape();
        return shape.equals(PoolShape.NONE) ? counts : counts.withShape(shape);
    }

    /**
     * Attaches load to the statistics of every record from now on ({@link LoadReader}); the
     * agent's health watch installs itself, and {@link LoadReader#NONE} again when it stops.
     */
    public static void loadReader(LoadReader reader) {
        loadReader = reader == null ? LoadReader.NONE : reader;
    }

    /**
     * The pool's shape now, read from the executor ({@link PoolShapes}); {@link PoolShape#NONE}
     * when it has none, was collected, or could not be read.
     */
    public PoolShape shape() {
        Object target = executor == null ? null : executor.get();
        if (target == null) {
            return PoolShape.NONE;
        }
        ShapeReader reader = shapeReader;
        try {
            PoolShape shape = (reader != null ? reader : PoolShapes.readerFor(target.getClass())).read(target);
            return shape == null ? PoolShape.NONE : shape;
        } catch (RuntimeException | LinkageError unreadable) {
            // A subclass's getter that throws, a pool torn down mid-read: the counts still stand.
            return PoolShape.NONE;
        }
    }

    /**
     * Reads this executor's shape with {@code reader} instead of the one its class would get:
     * for executors that know their own (Futurist's {@code GreenExecutor}). The reader is handed
     * the executor on each read, so it must not hold it itself.
     */
    public void shapeReader(ShapeReader reader) {
        shapeReader = reader;
    }

    /** Sets the timing of the records registered from now on (the agent's {@code timing} option). */
    public static void registeredTiming(Timing timing) {
        registeredTiming = timing;
    }

    /**
     * Gives this executor its own timing, before it has recorded anything: for Futurist's own
     * executors, which take it as a constructor argument.
     */
    public synchronized void timing(Timing chosen) {
        if (chosen != recorder.timing()) {
            recorder = new StatisticsRecorder(chosen);
        }
    }

    /** The recorder tasks of this executor record into now. */
    public StatisticsRecorder recorder() {
        return recorder;
    }

    /** The accepted, not yet started tasks of this executor, created on first use. */
    public PendingTasks pending() {
        PendingTasks tasks = pending;
        return tasks != null ? tasks : createPending(null);
    }

    /**
     * The accepted, not yet started tasks of this executor, which queues them in {@code queue};
     * created on first use, fitted to that queue ({@link PendingTasks#forQueue}).
     */
    public PendingTasks pending(Object queue) {
        PendingTasks tasks = pending;
        return tasks != null ? tasks : createPending(queue);
    }

    private synchronized PendingTasks createPending(Object queue) {
        PendingTasks tasks = pending;
        if (tasks == null) {
            // Only executors the agent instruments need it; Futurist's own never do.
            tasks = PendingTasks.forQueue(queue);
            pending = tasks;
        }
        return tasks;
    }

    /** This executor's task mark for the current books; 0 when it has none (see {@link #taskMark(IntSupplier)}). */
    public int taskMark() {
        return taskMark;
    }

    /**
     * This executor's task mark for the current books, given now from {@code fresh} if it has
     * none (under the record's lock, so two submitters agree on one).
     *
     * @param fresh a mark no other record has had, or 0 when there are none left
     * @return the mark; 0 when there was none to give
     */
    public synchronized int taskMark(IntSupplier fresh) {
        if (taskMark == 0) {
            taskMark = fresh.getAsInt();
        }
        return taskMark;
    }

    /**
     * Whether every task of this executor runs on the thread it was accepted as and is counted
     * there without a pending entry (see {@link #runsOnOwnThreads}).
     */
    public boolean runsOnOwnThreads() {
        return runsOnOwnThreads;
    }

    /** Says that every task of this executor, from now on in these books, runs on the thread it was accepted as. */
    public void runsOnOwnThreads(boolean own) {
        runsOnOwnThreads = own;
    }

    /** The acceptance times of this executor's sampled tasks, by thread; created on first use. */
    public TimedThreads timedThreads() {
        TimedThreads times = timedThreads;
        return times != null ? times : createTimedThreads();
    }

    private synchronized TimedThreads createTimedThreads() {
        if (timedThreads == null) {
            timedThreads = new TimedThreads();
        }
        return timedThreads;
    }

    /** Marks the executor shut down: {@link #alive()} is false from now on. */
    public void markShutDown() {
        alive = false;
    }

    /**
     * Starts the statistics of an executor the agent instruments afresh, for an agent attached
     * again after a detach: what was counted before, and tasks accepted before, no longer
     * balance with what the new attach will see. Futurist's own executors, which record
     * themselves whether an agent is there or not, are left alone.
     */
    public synchronized void resetInstrumented() {
        if (!type.equals("io.futurist.SynchronousExecutor") && !type.equals("io.futurist.GreenExecutor")) {
            pending = null;
            taskMark = 0;
            runsOnOwnThreads = false; // tasks accepted before have no entry these books could tell
            timedThreads = null;
            recorder = new StatisticsRecorder(registeredTiming); // the new attach's option
        }
    }

    /** Marks the executor terminated: shut down, and nothing left to run ({@link #isTerminated()}). */
    public void markTerminated() {
        alive = false;
        terminated = true;
    }

    /** Whether the executor has terminated; its record is then kept for reports only. */
    public boolean isTerminated() {
        return terminated;
    }

    /** Revives a shut-down executor with fresh statistics; does nothing while alive. */
    public synchronized void restart() {
        if (!alive) {
            taskMark = 0;
            recorder = new StatisticsRecorder(recorder.timing());
            terminated = false;
            alive = true;
        }
    }

    /** Whether a name has been given, explicitly or from a worker thread. */
    public boolean isNamed() {
        return named;
    }

    /** Gives the executor a name for people; the first name given wins. */
    public synchronized void name(String newName) {
        if (!named && newName != null && !newName.isEmpty()) {
            name = newName;
            named = true;
        }
    }

    /**
     * Names the executor after one of its worker threads, with the worker's trailing number
     * replaced by {@code *}: {@code pool-3-thread-7} becomes {@code pool-3-thread-*}.
     */
    public void nameAfterWorker(String threadName) {
        if (named || threadName == null) {
            return;
        }
        int end = threadName.length();
        while (end > 0 && Character.isDigit(threadName.charAt(end - 1))) {
            end--;
        }
        name(end < threadName.length() && end > 0 ? threadName.substring(0, end) + "*" : threadName);
    }

    /** Sets the creation site when it was not known at registration. */
    public void creationSite(String site) {
        if (site != null && (UNKNOWN_SITE.equals(creationSite) || BEFORE_AGENT_SITE.equals(creationSite))) {
            creationSite = site;
        }
    }

    private static String simpleName(String type) {
        int dot = type.lastIndexOf('.');
        return dot < 0 ? type : type.substring(dot + 1);
    }

    @Override
    public String toString() {
        return name + " (" + type + ", id " + id + ")";
    }
}
