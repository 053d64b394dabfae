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
     * The three commonest tasks whose outcome hides behind a field, each with a getter of that
     * field the JIT compiles in (a constant method handle), where {@link #WATCHED_FIELD}'s
     * reflection pays a class-value look-up and an access check per task:
     * {@code ForkJoinTask.RunnableExecuteAction}, what {@code ForkJoinPool.execute(Runnable)}
     * makes of a runnable (its {@code runnable}), and {@code CompletableFuture.AsyncRun} and
     * {@code AsyncSupply}, what {@code runAsync} and {@code supplyAsync} hand a pool (their
     * {@code dep}). A type is {@code null} where its field cannot be read (not on this JDK, or
     * the package is closed: no agent); the general way serves then.
     */
    private static final class KnownFields {
        static final Class<?> EXECUTE_ADAPTER = type(FORK_JOIN_ADAPTER_PREFIX + "RunnableExecuteAction");
        static final MethodHandle ADAPTER_RUNNABLE = getter(EXECUTE_ADAPTER);
        static final Class<?> ASYNC_RUN = type(COMPLETABLE_TASK_PREFIX + "AsyncRun");
        static final MethodHandle RUN_DEP = getter(ASYNC_RUN);
        static final Class<?> ASYNC_SUPPLY = type(COMPLETABLE_TASK_PREFIX + "AsyncSupply");
        static final MethodHandle SUPPLY_DEP = getter(ASYNC_SUPPLY);

        /** {@code name}, if its watched field can be read through a getter. */
        private static Class<?> type(String name) {
            try {
                Class<?> type = Class.forName(name, false, null);
                return getter(type) != null ? type : null;
            } catch (ClassNotFoundException | RuntimeException | LinkageError absent) {
                return null;
            }
        }

        /** A getter of {@code type}'s watched field, typed {@code (Object)Object}; {@code null} without one. */
        private static MethodHandle getter(Class<?> type) {
            if (type == null) {
                return null;
            }
            try {
                Field field = WATCHED_FIELD.get(type);
                if (field == null) {
                    return null;
                }
                Class<?> holder = field.getDeclaringClass();
                return MethodHandles.privateLookupIn(holder, MethodHandles.lookup())
                        .findGetter(holder, field.getName(), field.getType())
                        .asType(MethodType.methodType(Object.class, Object.class));
            } catch (ReflectiveOperationException | RuntimeException | LinkageError closed) {
                return null;
            }
        }

        /** The runnable of {@code task}, an {@link #EXECUTE_ADAPTER}. */
        static Object adapterRunnable(Object task) {
            try {
                return (Object) ADAPTER_RUNNABLE.invokeExact(task);
            } catch (RuntimeException | Error unchecked) {
                throw unchecked;
            } catch (Throwable impossible) {
                return null; // a field getter throws nothing checked
            }
        }

        /** The future {@code task}, an {@link #ASYNC_RUN}, completes. */
        static Object runDep(Object task) {
            try {
                return (Object) RUN_DEP.invokeExact(task);
            } catch (RuntimeException | Error unchecked) {
                throw unchecked;
            } catch (Throwable impossible) {
                return null;
            }
        }

        /** The future {@code task}, an {@link #ASYNC_SUPPLY}, completes. */
        static Object supplyDep(Object task) {
            try {
                return (Object) SUPPLY_DEP.invokeExact(task);
            } catch (RuntimeException | Error unchecked) {
                throw unchecked;
            } catch (Throwable impossible) {
                return null;
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
            // The commonest ones: a field read the JIT compiles in (KnownFields).
            if (type == KnownFields.EXECUTE_ADAPTER) {
                watched = KnownFields.adapterRunnable(task);
            } else if (type == KnownFields.ASYNC_RUN) {
                watched = KnownFields.runDep(task);
            } else if (type == KnownFields.ASYNC_SUPPLY) {
                watched = KnownFields.supplyDep(task);
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
        if (KnownFields.EXECUTE_ADAPTER == null) {
            return watch(task) != null;
        }
        Object runnable = KnownFields.adapterRunnable(task);
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
