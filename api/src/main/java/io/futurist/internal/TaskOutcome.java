package io.futurist.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
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

    private TaskOutcome() {
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
