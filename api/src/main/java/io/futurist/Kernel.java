package io.futurist;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.List;
import java.util.function.Function;

/**
 * The public API's only way into the kernel ({@code io.futurist.internal}): the registry, the
 * records, the coarse clock and the task outcome checks.
 *
 * <p>Why this way: the kernel is built on the API (its records are {@link TrackedExecutor}s,
 * build {@link ExecutorStatistics}, record into {@link StatisticsRecorder}s), so if the API named
 * the kernel too the two packages would depend on each other, neither could change alone, and
 * the API could not be a module that exports only itself. So no class of this package refers
 * to a kernel class; this one binds, once, by class name, to the public static methods of one
 * kernel class, {@value #SERVICES}, whose signatures use only the JDK's and this package's
 * public types. (OpenTelemetry's API finds its SDK the same way.) {@code DependencyRulesTest}
 * keeps it so.
 *
 * <p>Cost: each handle is a {@code static final} field called with {@code invokeExact}, which
 * the JIT treats as a constant and inlines like a direct call — the clock read and the outcome
 * checks are on every task's path.
 *
 * <p>The kernel class is looked up in this class's own class loader, so the API always binds to
 * the kernel it was shipped with: the bootstrap copy when the agent defined both there, the
 * jar's otherwise. Binding cannot fail with Futurist's own jars; if a mix of versions made it
 * fail, the first use of the API throws one {@link LinkageError} that says so.
 */
final class Kernel {

    /** The kernel class whose methods are bound here. */
    static final String SERVICES = "io.futurist.internal.ApiServices";

    private static final MethodHandle REGISTER;
    private static final MethodHandle RECORDER;
    private static final MethodHandle MARK_SHUT_DOWN;
    private static final MethodHandle MARK_TERMINATED;
    private static final MethodHandle RESTART;
    private static final MethodHandle FIND;
    private static final MethodHandle EXECUTORS;
    private static final MethodHandle AGENT_ACTIVE;
    private static final MethodHandle TICKS;
    private static final MethodHandle DEMAND_TICKS;
    private static final MethodHandle IS_CANCELLED;
    private static final MethodHandle CAPTURED_FAILURE;

    static {
        Binder binder = new Binder();
        REGISTER = binder.bind("register", TrackedExecutor.class, Object.class, Timing.class, String.class, Function.class);
        RECORDER = binder.bind("recorder", StatisticsRecorder.class, TrackedExecutor.class);
        MARK_SHUT_DOWN = binder.bind("markShutDown", void.class, TrackedExecutor.class);
        MARK_TERMINATED = binder.bind("markTerminated", void.class, TrackedExecutor.class);
        RESTART = binder.bind("restart", void.class, TrackedExecutor.class);
        FIND = binder.bind("find", TrackedExecutor.class, Object.class);
        EXECUTORS = binder.bind("executors", List.class);
        AGENT_ACTIVE = binder.bind("agentActive", boolean.class);
        TICKS = binder.bind("ticks", int.class);
        DEMAND_TICKS = binder.bind("demandTicks", void.class);
        IS_CANCELLED = binder.bind("isCancelled", boolean.class, Object.class);
        CAPTURED_FAILURE = binder.bind("capturedFailure", boolean.class, Object.class);
    }

    private Kernel() {
    }

    /**
     * Registers one of Futurist's own executors, being built by the caller's caller.
     *
     * @param name  its name, or {@code null} for the registry's {@code Type#id}
     * @param shape reads its shape from the executor it is handed (must not hold it), or {@code null}
     * @return its record: pass it to the other methods here, never hand it out
     */
    static TrackedExecutor register(Object executor, Timing timing, String name, Function<Object, PoolShape> shape) {
        try {
            return (TrackedExecutor) REGISTER.invokeExact(executor, timing, name, shape);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The recorder that {@code record}'s tasks record into now (a restart replaces it). */
    static StatisticsRecorder recorder(TrackedExecutor record) {
        try {
            return (StatisticsRecorder) RECORDER.invokeExact(record);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Marks {@code record} shut down. */
    static void markShutDown(TrackedExecutor record) {
        try {
            MARK_SHUT_DOWN.invokeExact(record);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Marks {@code record} terminated: shut down, and nothing left to run. */
    static void markTerminated(TrackedExecutor record) {
        try {
            MARK_TERMINATED.invokeExact(record);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Revives a shut-down executor's record with fresh statistics; nothing while it is alive. */
    static void restart(TrackedExecutor record) {
        try {
            RESTART.invokeExact(record);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The record of {@code executor}, or {@code null} when it is not tracked. */
    static TrackedExecutor find(Object executor) {
        try {
            return (TrackedExecutor) FIND.invokeExact(executor);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The records of the executors tracked now, in order of discovery: wrap each before handing it out. */
    @SuppressWarnings("unchecked")
    static List<TrackedExecutor> executors() {
        try {
            return (List<TrackedExecutor>) EXECUTORS.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Whether the agent is instrumenting this JVM's executors. */
    static boolean agentActive() {
        try {
            return (boolean) AGENT_ACTIVE.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The coarse clock's milliseconds: one plain read; stands still unless {@link #demandTicks()} is called. */
    static int ticks() {
        try {
            return (int) TICKS.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Keeps the coarse clock ticking for at least another second. */
    static void demandTicks() {
        try {
            DEMAND_TICKS.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Whether {@code task} is a future that was cancelled: its run, if any, does nothing. */
    static boolean isCancelled(Object task) {
        try {
            return (boolean) IS_CANCELLED.invokeExact(task);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Whether {@code task} is a future whose run captured an exception. */
    static boolean capturedFailure(Object task) {
        try {
            return (boolean) CAPTURED_FAILURE.invokeExact(task);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The kernel's methods throw nothing checked: pass on what they throw as it is. */
    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException) {
            throw (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        throw new UndeclaredThrowableException(t);
    }

    /** Finds the kernel class and its methods; any failure becomes one clear {@link LinkageError}. */
    private static final class Binder {
        private final Class<?> services;
        private final MethodHandles.Lookup lookup = MethodHandles.lookup();

        Binder() {
            try {
                services = Class.forName(SERVICES, false, Kernel.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                throw unbound(SERVICES + " is missing", e);
            }
        }

        MethodHandle bind(String name, Class<?> returned, Class<?>... parameters) {
            MethodType type = MethodType.methodType(returned, parameters);
            try {
                return lookup.findStatic(services, name, type);
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw unbound("it has no method " + name + type, e);
            }
        }

        private static LinkageError unbound(String why, Throwable cause) {
            return new LinkageError("futurist: the API (io.futurist) cannot bind to its kernel: " + why
                    + "; are parts of two Futurist versions mixed on the class path?", cause);
        }
    }
}
