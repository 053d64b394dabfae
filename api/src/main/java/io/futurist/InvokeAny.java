package io.futurist;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code invokeAny} for Futurist's own executors, handing each task's own future to
 * {@code execute}.
 *
 * <p>Why not the JDK's: {@code AbstractExecutorService.invokeAny} goes through an
 * {@code ExecutorCompletionService}, which runs each task's future inside a second
 * {@code FutureTask} of its own. That outer future always ends normally, so the executor saw
 * neither the exception a task ended with (no failure counted) nor that a losing task had been
 * cancelled before it started (counted as executed, not cancelled). Here the future that is
 * executed is the task's own, which also announces its completion.
 *
 * <p>The strategy is the JDK's: start one task, and start the next only while none of those
 * started has completed; the first to complete normally wins, the others are cancelled
 * (interrupting those running). If all fail, the last failure is thrown.
 */
final class InvokeAny {

    private InvokeAny() {
    }

    /**
     * Runs {@code tasks} on {@code executor} until one completes normally, and returns its result.
     *
     * @param timed whether to give up after {@code nanos}
     * @throws IllegalArgumentException when {@code tasks} is empty
     * @throws ExecutionException       when every task failed (the last failure)
     * @throws TimeoutException         when timed and no task completed normally in time
     */
    static <T> T invokeAny(Executor executor, Collection<? extends Callable<T>> tasks, boolean timed, long nanos)
            throws InterruptedException, ExecutionException, TimeoutException {
        Objects.requireNonNull(tasks, "tasks");
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("tasks is empty");
        }
        long deadline = timed ? System.nanoTime() + nanos : 0L;
        BlockingQueue<Future<T>> completed = new LinkedBlockingQueue<>();
        List<Future<T>> started = new ArrayList<>(tasks.size());
        Iterator<? extends Callable<T>> remaining = tasks.iterator();
        ExecutionException lastFailure = null;
        int pending = 0;
        try {
            while (true) {
                Future<T> done = completed.poll();
                if (done == null) {
                    if (remaining.hasNext()) {
                        Completing<T> task = new Completing<>(Objects.requireNonNull(remaining.next(), "task"), completed);
                        started.add(task);
                        executor.execute(task);
                        pending++;
                        continue;
                    }
                    if (pending == 0) {
                        break;
                    }
                    if (timed) {
                        done = completed.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                        if (done == null) {
                            throw new TimeoutException();
                        }
                    } else {
                        done = completed.take();
                    }
                }
                pending--;
                try {
                    return done.get();
                } catch (ExecutionException failed) {
                    lastFailure = failed;
                } catch (RuntimeException failed) {
                    lastFailure = new ExecutionException(failed);
                }
            }
            throw lastFailure != null ? lastFailure : new ExecutionException("no task completed", null);
        } finally {
            for (Future<T> task : started) {
                task.cancel(true);
            }
        }
    }

    /** A task's own future, which puts itself on the completion queue when it is done. */
    private static final class Completing<T> extends FutureTask<T> {
        private final BlockingQueue<Future<T>> completed;

        Completing(Callable<T> callable, BlockingQueue<Future<T>> completed) {
            super(callable);
            this.completed = completed;
        }

        @Override
        protected void done() {
            completed.add(this);
        }
    }
}
