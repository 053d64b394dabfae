package io.futurist;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What Futurist's own executors share: {@code invokeAny} through {@link InvokeAny}, so that
 * each task's own future is executed and its failure or cancellation is counted (the JDK's
 * version hides both behind a second future; see {@link InvokeAny}), and an answer to
 * {@link WrapperQuery}, by which the lookup sees through the JDK's wrappers without the agent.
 */
abstract class FuturistExecutorService extends AbstractExecutorService {

    /** Runs every task, as {@link AbstractExecutorService} does; see the class comment for one exception. */
    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
        if (tasks instanceof WrapperQuery) {
            ((WrapperQuery) tasks).answer(this);
            return new ArrayList<>();
        }
        return super.invokeAll(tasks);
    }

    /**
     * Runs the tasks until one completes normally. Each task's own future is executed, so a
     * failed task counts as a failure and a task cancelled before it started as cancelled.
     */
    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        try {
            return InvokeAny.invokeAny(this, tasks, false, 0L);
        } catch (TimeoutException untimed) {
            throw new AssertionError("untimed invokeAny timed out", untimed);
        }
    }

    /** As {@link #invokeAny(Collection)}, giving up after {@code timeout}. */
    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        return InvokeAny.invokeAny(this, tasks, true, unit.toNanos(timeout));
    }
}
