package io.futurist.internal;

import io.futurist.ExecutorStatistics;
import io.futurist.PoolShape;
import io.futurist.StatisticsRecorder;
import io.futurist.Timing;
import io.futurist.TrackedExecutor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * What the public API asks of the kernel, and all it asks: the API's package-private
 * {@code io.futurist.Kernel} binds to these methods by name, once, with method handles.
 *
 * <p>Why by name: the kernel is built on the API (a record is a {@link TrackedExecutor}, builds
 * {@link ExecutorStatistics}, records into a {@link StatisticsRecorder}), so the API must not
 * name the kernel in its class files, or the two packages could not change apart and the API
 * could not be a module of its own. The signatures here therefore use only the JDK's types and
 * the API's public ones; the executors the API registers come back as {@link TrackedExecutor}s
 * and go in again as such. Renaming or retyping a method here breaks the API at its first
 * use, with one error that names this class ({@code DependencyRulesTest} catches it first).
 *
 * <p>Not for anyone else: the agent uses the registry and the records directly.
 */
public final class ApiServices {

    private ApiServices() {
    }

    /**
     * Registers one of Futurist's own executors, being built now by the application's code on
     * this thread's stack.
     *
     * @param executor the executor under construction
     * @param timing   which of its runs to time
     * @param name     its name, or {@code null} for the registry's {@code Type#id}
     * @param shape    reads its shape, handed the executor each time (so it must not hold it);
     *                 {@code null} for the shape its class gets
     * @return its record, for the other methods here
     */
    public static TrackedExecutor register(Object executor, Timing timing, String name,
                                           Function<Object, PoolShape> shape) {
        ExecutorRecord record = ExecutorRegistry.global().register(executor, CreationSite.stack(executor.getClass()));
        if (shape != null) {
            record.shapeReader(shape::apply);
        }
        record.timing(timing);
        if (name != null) {
            record.name(name);
        }
        return record;
    }

    /** The recorder {@code executor}'s tasks record into now (a restart replaces it). */
    public static StatisticsRecorder recorder(TrackedExecutor executor) {
        return ((ExecutorRecord) executor).recorder();
    }

    /** Marks {@code executor} shut down: {@link TrackedExecutor#alive()} is false from now on. */
    public static void markShutDown(TrackedExecutor executor) {
        ((ExecutorRecord) executor).markShutDown();
    }

    /** Marks {@code executor} terminated: shut down, and nothing left to run. */
    public static void markTerminated(TrackedExecutor executor) {
        ((ExecutorRecord) executor).markTerminated();
    }

    /** Revives a shut-down {@code executor} with fresh statistics; does nothing while it is alive. */
    public static void restart(TrackedExecutor executor) {
        ((ExecutorRecord) executor).restart();
    }

    /** The record of {@code executor}, or {@code null} when it is not tracked. */
    public static TrackedExecutor find(Object executor) {
        return ExecutorRegistry.global().find(executor);
    }

    /** The records of the executors tracked now and not yet collected, in order of discovery. */
    public static List<TrackedExecutor> executors() {
        return Collections.unmodifiableList(new ArrayList<TrackedExecutor>(ExecutorRegistry.global().records()));
    }

    /** Whether the Futurist agent is instrumenting this JVM's executors. */
    public static boolean agentActive() {
        return ExecutorRegistry.global().isAgentActive();
    }

    /** {@link CoarseClock#ticks()}. */
    public static int ticks() {
        return CoarseClock.ticks();
    }

    /** {@link CoarseClock#demand()}. */
    public static void demandTicks() {
        CoarseClock.demand();
    }

    /** {@link TaskOutcome#isCancelled(Object)}. */
    public static boolean isCancelled(Object task) {
        return TaskOutcome.isCancelled(task);
    }

    /** {@link TaskOutcome#capturedFailure(Object)}. */
    public static boolean capturedFailure(Object task) {
        return TaskOutcome.capturedFailure(task);
    }
}
