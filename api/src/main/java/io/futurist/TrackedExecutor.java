package io.futurist;

/**
 * An executor Futurist knows about: its identity, where it came from, and its live numbers.
 *
 * <p>Instances are handed out by {@link Futurist#executors()}. They refer to their executor
 * weakly, so holding one does not keep an executor alive; {@link #alive()} and
 * {@link #statistics()} answer for the moment they are called.
 */
public interface TrackedExecutor {

    /** A number unique among all executors tracked in this JVM, in order of discovery. */
    long id();

    /**
     * A name for people: the thread-name pattern of the executor's workers once one has
     * started (for example {@code pool-3-thread-*}), else its type's simple name and id.
     */
    String name();

    /** The executor's class name. */
    String type();

    /**
     * The first application frame that constructed the executor, as
     * {@code class.method(File.java:line)}, or {@code "unknown (created before attach)"}.
     */
    String creationSite();

    /** False once {@code shutdown}, {@code shutdownNow} or {@code close} was called. */
    boolean alive();

    /** The statistics as of now. */
    ExecutorStatistics statistics();
}
