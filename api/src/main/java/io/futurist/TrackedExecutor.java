package io.futurist;

import java.util.List;

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
     * {@code class.method(File.java:line)}, skipping the executor's own class hierarchy and
     * frameworks' pool factories (see {@link #creationStack()}); or
     * {@code "unknown (created before attach)"} for an executor built before a dynamic attach,
     * {@code "unknown (created before the agent started)"} for one built before an agent started
     * with the JVM had its hooks in place (by another agent's {@code premain}, say), and
     * {@code "unknown"} when no frame of the stack belongs to the application.
     */
    String creationSite();

    /**
     * The application's frames of the stack that constructed the executor, innermost first and
     * at most eight, each as {@code class.method(File.java:line)}; the first is
     * {@link #creationSite()}. The JDK's frames, Futurist's, those of the executor's own class
     * hierarchy and those of frameworks' pool factories are left out, as for the creation site.
     * Empty when the creation site is not a frame (created before the agent, or no application
     * frame on the stack).
     */
    default List<String> creationStack() {
        return List.of();
    }

    /** False once {@code shutdown}, {@code shutdownNow} or {@code close} was called. */
    boolean alive();

    /** The statistics as of now. */
    ExecutorStatistics statistics();
}
