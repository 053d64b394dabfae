package io.futurist.agent.jmx;

/**
 * One tracked executor as JConsole, VisualVM and {@code futurist-agent.jar stats} see it, under
 * {@code io.futurist:type=Executor,id=<id>,name=<name>}. Durations are in nanoseconds.
 */
public interface ExecutorMXBean {

    /** Unique id within the JVM. */
    long getId();

    /** Name for people: the worker thread pattern, or type and id. */
    String getName();

    /** The executor's class name. */
    String getType();

    /** The first application frame that built it. */
    String getCreationSite();

    /** False once shut down. */
    boolean isAlive();

    /** Tasks accepted. */
    long getSubmitted();

    /** Submissions refused. */
    long getRejected();

    /** Runs finished. */
    long getExecuted();

    /** Runs that ended with an exception. */
    long getFailures();

    /** Accepted tasks that never ran. */
    long getCancelled();

    /** Tasks running now. */
    long getActive();

    /** Tasks waiting now. */
    long getQueued();

    /** Total run time. */
    long getRuntimeNanos();

    /** Average run time. */
    long getAverageRuntimeNanos();

    /** Median run time. */
    long getRuntimeP50Nanos();

    /** 99th percentile of run time. */
    long getRuntimeP99Nanos();

    /** Longest run. */
    long getMaxRuntimeNanos();

    /** Total queue time. */
    long getQueueTimeNanos();

    /** Average queue time. */
    long getAverageQueueTimeNanos();

    /** 99th percentile of queue time. */
    long getQueueTimeP99Nanos();

    /**
     * Busy share of the pool's most threads (running tasks over its maximum pool size, or over
     * a {@code ForkJoinPool}'s parallelism), the mean of one reading a second over the last five
     * seconds, in [0, 1]; {@code NaN} where the pool's size is not known.
     */
    double getUtilization();

    /**
     * Share of the queue's capacity in use, as {@link #getUtilization()} is taken; {@code NaN}
     * where the queue is unbounded or its bound not known.
     */
    double getQueueFill();

    /** Whether the executor refused a submission during the last five seconds. */
    boolean isRejecting();

    /**
     * How long the executor has done nothing (no task ran, waited, came or went), to a second;
     * -1 while it is busy, and before its first reading.
     */
    long getIdleMillis();
}
