package io.futurist.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
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

    /** {@code CompletableFuture}'s own task classes, whose outcome lands in the future they complete. */
    private static final String COMPLETABLE_TASK_PREFIX = "java.util.concurrent.CompletableFuture$";

    /** The {@code dep} field of those classes, or {@code null} where there is none or it is closed to us. */
    private static final ClassValue<Field> DEPENDENT = new ClassValue<Field>() {
        @Override
        protected Field computeValue(Class<?> type) {
            for (Class<?> c = type; c != null && c.getName().startsWith(COMPLETABLE_TASK_PREFIX); c = c.getSuperclass()) {
                try {
                    Field field = c.getDeclaredField("dep");
                    if (field.getType() == CompletableFuture.class) {
                        field.setAccessible(true);
                        return field;
                    }
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
     * What to look at after the run to see whether {@code task} failed, when the task hides it:
     * the {@code CompletableFuture} that a {@code CompletableFuture} async stage completes
     * ({@code runAsync}, {@code supplyAsync}, {@code then*Async}). The stage catches the user's
     * exception and clears its reference to that future during the run, so it must be read
     * before. {@code null} for every other task.
     */
    public static Object watch(Object task) {
        // FutureTask first: it is what nearly every task is, and needs no look at its class name.
        if (task == null || task instanceof FutureTask || !task.getClass().getName().startsWith(COMPLETABLE_TASK_PREFIX)) {
            return null;
        }
        try {
            Field dependent = DEPENDENT.get(task.getClass());
            return dependent == null ? null : dependent.get(task);
        } catch (IllegalAccessException | RuntimeException closed) {
            return null;
        }
    }

    /** Whether the run that {@link #watch(Object)} returned {@code watched} for ended in failure. */
    public static boolean watchedFailure(Object watched) {
        return watched instanceof CompletableFuture && ((CompletableFuture<?>) watched).isCompletedExceptionally();
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
