package io.futurist.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * Tells how a task's run ended when the task itself does not say so by throwing.
 *
 * <p>{@code submit} wraps work in a {@link FutureTask}, which captures the exception: the
 * worker sees a normal return. The outcome is read from the future instead — through
 * {@code Future.state()} on JDK 19 and later (no exception allocated), else through
 * {@code get()}, which cannot block on a future that is done. Only {@code FutureTask} and its
 * subclasses are asked: their {@code isDone()} is trustworthy, an arbitrary {@code Future}'s
 * may not be.
 */
public final class TaskOutcome {

    /** {@code Future.state()} where the JDK has it (19+), else {@code null}. */
    private static final MethodHandle STATE = stateHandle();
    private static final Object FAILED = failedState();

    /** The JDK's task classes that hide another task's outcome all live here. */
    private static final String CONCURRENT_PACKAGE = "java.util.concurrent.";
    private static final String COMPLETABLE_TASK_PREFIX = "java.util.concurrent.CompletableFuture$";
    private static final String FORK_JOIN_ADAPTER_PREFIX = "java.util.concurrent.ForkJoinTask$";

    /**
     * The field of a JDK task class that refers to what holds the real outcome: {@code dep}
     * (the {@code CompletableFuture} a stage completes) or {@code runnable} (what
     * {@code ForkJoinPool.execute(Runnable)} wraps); {@code null} where there is none or the
     * package is closed to us (no agent).
     */
    private static final ClassValue<Field> WATCHED_FIELD = new ClassValue<Field>() {
        @Override
        protected Field computeValue(Class<?> type) {
            String name = type.getName();
            String fieldName = name.startsWith(COMPLETABLE_TASK_PREFIX) ? "dep"
                    : name.startsWith(FORK_JOIN_ADAPTER_PREFIX) ? "runnable" : null;
            for (Class<?> c = type; fieldName != null && c != null && c.getName().startsWith(CONCURRENT_PACKAGE);
                    c = c.getSuperclass()) {
                try {
                    Field field = c.getDeclaredField(fieldName);
                    field.setAccessible(true);
                    return field;
                } catch (NoSuchFieldException | RuntimeException closed) {
                    // Not at this level, or java.util.concurrent is not open (no agent).
                }
            }
            return null;
        }
    };

    private TaskOutcome() {
    }

    /**
     * {@code ForkJoinTask.RunnableExecuteAction}, what {@code ForkJoinPool.execute(Runnable)}
     * makes of a runnable, and a getter of its {@code runnable} field, typed
     * {@code (Object)Object} for {@code invokeExact} (a call the JIT compiles to the field read;
     * a handle of the field's own types would be adapted at every call); {@code TYPE} is
     * {@code null} (and such tasks go the general way) where the field cannot be read.
     */
    private static final class ExecuteAdapter {
        static final MethodHandle RUNNABLE;
        static final Class<?> TYPE;
        static {
            MethodHandle handle = null;
            Class<?> type = null;
            try {
                Class<?> adapter = Class.forName(FORK_JOIN_ADAPTER_PREFIX + "RunnableExecuteAction", false, null);
                Field field = WATCHED_FIELD.get(adapter);
                if (field != null) {
                    Class<?> holder = field.getDeclaringClass();
                    handle = MethodHandles.privateLookupIn(holder, MethodHandles.lookup())
                            .findGetter(holder, field.getName(), field.getType())
                            .asType(MethodType.methodType(Object.class, Object.class));
                    type = adapter;
                }
            } catch (ReflectiveOperationException | RuntimeException | LinkageError closed) {
                // Not on this JDK, or the package is closed: the general way serves.
            }
            RUNNABLE = handle;
            TYPE = type;
        }

        /** The runnable of {@code task}, a {@link #TYPE}. */
        static Object runnable(Object task) {
            try {
                return (Object) RUNNABLE.invokeExact(task);
            } catch (RuntimeException | Error unchecked) {
                throw unchecked;
            } catch (Throwable impossible) {
                return null; // a field getter throws nothing checked
            }
        }
    }

    /**
     * What to look at after the run to see whether {@code task} failed, when the task hides it:
     * the {@code CompletableFuture} that a {@code CompletableFuture} async stage completes
     * ({@code runAsync}, {@code supplyAsync}, {@code then*Async}) — the stage catches the user's
     * exception and clears its reference during the run, so it must be read before — or the
     * {@code FutureTask} that {@code ForkJoinPool.execute(Runnable)} wrapped. {@code null} for
     * every other task.
     */
    public static Object watch(Object task) {
        // Only two families of JDK tasks hide an outcome: CompletableFuture's async stages and
        // ForkJoinTask's adapters, and both are ForkJoinTasks (every AsynchronousCompletionTask
        // of JDK 17 and 25 extends ForkJoinTask). A class check, not the interface: this runs for
        // every task of every pool, and a failing interface check scans the task class's
        // interfaces each time (JDK 17-22), where a class check is one load and compare.
        if (!(task instanceof ForkJoinTask)) {
            return null;
        }
        try {
            Class<?> type = task.getClass();
            Object watched;
            if (type == ExecuteAdapter.TYPE) {
                // The commonest of all (ForkJoinPool.execute(Runnable)): a field read the JIT
                // compiles in, where reflection pays an access check per task.
                watched = ExecuteAdapter.runnable(task);
            } else {
                Field field = WATCHED_FIELD.get(type);
                watched = field == null ? null : field.get(task);
            }
            return watched instanceof CompletableFuture || watched instanceof FutureTask ? watched : null;
        } catch (IllegalAccessException | RuntimeException closed) {
            return null;
        }
    }

    /**
     * Whether {@code task}, one of {@code ForkJoinPool.execute(Runnable)}'s adapters
     * ({@code ForkJoinTask.RunnableExecuteAction}), wraps a future whose outcome it hides: what
     * {@link #watch(Object)} would return non-null for, without its type checks (the caller
     * knows the class). Where the adapter's field cannot be read (its package is closed: no
     * agent), as {@code watch} answers: nothing to see.
     */
    public static boolean adapterHidesOutcome(Object task) {
        if (ExecuteAdapter.TYPE == null) {
            return watch(task) != null;
        }
        Object runnable = ExecuteAdapter.runnable(task);
        return runnable instanceof FutureTask || runnable instanceof CompletableFuture;
    }

    /** Whether the run that {@link #watch(Object)} returned {@code watched} for ended in failure. */
    public static boolean watchedFailure(Object watched) {
        if (watched instanceof CompletableFuture) {
            return ((CompletableFuture<?>) watched).isCompletedExceptionally();
        }
        return capturedFailure(watched);
    }

    /** Whether {@code task} is a future that was cancelled: its run, if any, will do nothing. */
    public static boolean isCancelled(Object task) {
        return task instanceof FutureTask && ((FutureTask<?>) task).isCancelled();
    }

    /** Whether {@code task} is a future whose run captured an exception. */
    public static boolean capturedFailure(Object task) {
        if (!(task instanceof FutureTask)) {
            return false;
        }
        FutureTask<?> future = (FutureTask<?>) task;
        if (!future.isDone() || future.isCancelled()) {
            return false;
        }
        if (STATE != null) {
            try {
                return STATE.invoke((Future<?>) future) == FAILED;
            } catch (Throwable unexpected) {
                return false;
            }
        }
        try {
            future.get();
            return false;
        } catch (ExecutionException failed) {
            return true;
        } catch (Exception | Error other) {
            return false;
        }
    }

    private static MethodHandle stateHandle() {
        try {
            Class<?> stateType = Class.forName("java.util.concurrent.Future$State");
            return MethodHandles.publicLookup().findVirtual(Future.class, "state", MethodType.methodType(stateType));
        } catch (ReflectiveOperationException | RuntimeException older) {
            return null;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object failedState() {
        try {
            Class<? extends Enum> stateType = (Class<? extends Enum>) Class.forName("java.util.concurrent.Future$State");
            return Enum.valueOf(stateType, "FAILED");
        } catch (ReflectiveOperationException | RuntimeException older) {
            return null;
        }
    }
}
