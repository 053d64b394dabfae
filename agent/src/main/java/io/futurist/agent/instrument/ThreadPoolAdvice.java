package io.futurist.agent.instrument;

import io.futurist.agent.probe.TaskLedger;
import io.futurist.agent.probe.ThreadPoolProbe;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import net.bytebuddy.asm.Advice;

/**
 * Advice inlined into {@link ThreadPoolExecutor} and {@code ScheduledThreadPoolExecutor}.
 * Each piece only forwards to a probe; it must name nothing but {@code java.base} and the
 * bootstrap-visible probe classes, because it runs inside the JDK's own code.
 */
final class ThreadPoolAdvice {

    private ThreadPoolAdvice() {
    }

    /** {@code ThreadPoolExecutor(int, int, long, TimeUnit, BlockingQueue, ThreadFactory, RejectedExecutionHandler)}: every constructor ends here. */
    static final class Constructed {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object executor) {
            TaskLedger.created(executor);
        }
    }

    /** {@code execute(Runnable)}: every submission of a plain pool ({@code submit} and {@code invoke*} end here). */
    static final class Execute {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.This Object executor, @Advice.Argument(0) Runnable task,
                            @Advice.FieldValue("workQueue") Object queue) {
            return TaskLedger.accepted(executor, task, queue);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Runnable task, @Advice.Enter Object counted) {
            TaskLedger.submissionEnded(counted, task);
        }
    }

    /** {@code reject(Runnable)}: the rejection handler is about to run. */
    static final class Reject {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object executor, @Advice.Argument(0) Runnable task) {
            TaskLedger.rejected(executor, task);
        }
    }

    /** {@code runWorker(Worker)}: the current thread becomes this pool's worker for life. */
    static final class RunWorker {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object executor) {
            ThreadPoolProbe.workerStarted(executor);
        }
    }

    /** {@code getTask()}: for workers started before an attach, the end of one run and the start of the next. */
    static final class GetTask {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object executor) {
            ThreadPoolProbe.taskWanted(executor);
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Return Runnable task) {
            ThreadPoolProbe.taskTaken(task);
        }
    }

    /** {@code beforeExecute(Thread, Runnable)}: the JDK's own, empty one; matters only for workers older than the agent. */
    static final class BeforeExecute {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object executor, @Advice.Argument(1) Runnable task) {
            ThreadPoolProbe.beforeRun(executor, task);
        }
    }

    /** {@code afterExecute(Runnable, Throwable)}: the JDK's own, empty one; matters only for workers older than the agent. */
    static final class AfterExecute {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) Runnable task, @Advice.Argument(1) Throwable thrown) {
            ThreadPoolProbe.afterRun(task, thrown);
        }
    }

    /** {@code processWorkerExit(Worker, boolean)}: a worker leaves, abruptly when its task threw. */
    static final class WorkerExit {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(1) boolean abruptly) {
            ThreadPoolProbe.workerExiting(abruptly);
        }
    }

    /** {@code remove(Runnable)}: a queued task taken back. */
    static final class Remove {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) Runnable task) {
            TaskLedger.removing(task);
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object executor, @Advice.Argument(0) Runnable task,
                         @Advice.Return boolean removed) {
            if (removed) {
                TaskLedger.cancelled(executor, task);
            }
        }
    }

    /** {@code purge()}: cancelled futures dropped from the queue. */
    static final class Purge {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object executor) {
            TaskLedger.purged(executor);
        }
    }

    /** {@code shutdown()} ({@code close()} calls it too). */
    static final class Shutdown {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object executor) {
            TaskLedger.shutDown(executor);
        }
    }

    /** {@code shutdownNow()}: the returned tasks never run. */
    static final class ShutdownNow {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object executor) {
            TaskLedger.shutDown(executor);
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object executor, @Advice.Return List<Runnable> neverRun) {
            TaskLedger.allCancelled(executor, neverRun);
        }
    }

    /** {@code tryTerminate()}: called on every path that may end the pool. */
    static final class TryTerminate {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object executor) {
            ThreadPoolProbe.terminationAttempted(executor);
        }
    }

    /**
     * {@code awaitTermination(long, TimeUnit)} and {@code isTerminated()}: a caller that has just
     * seen the pool terminated must see its books closed too. {@code tryTerminate} signals
     * termination before its own exit advice runs, so the closing is done here as well; it is
     * idempotent.
     */
    static final class TerminationObserved {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object executor, @Advice.Return boolean terminated) {
            if (terminated) {
                TaskLedger.terminated(executor);
            }
        }
    }

    /** {@code ScheduledThreadPoolExecutor.onShutdown()}: the tasks it cancelled and dropped never run. */
    static final class OnShutdown {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object executor) {
            TaskLedger.purged(executor);
        }
    }

    /** {@code ScheduledThreadPoolExecutor.delayedExecute(RunnableScheduledFuture)}: every scheduled submission. */
    static final class DelayedExecute {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.This Object executor, @Advice.Argument(0) Object task) {
            return TaskLedger.acceptedScheduled(executor, task);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Object task, @Advice.Enter Object counted) {
            TaskLedger.submissionEnded(counted, task);
        }
    }

    /** {@code ScheduledThreadPoolExecutor.reExecutePeriodic(RunnableScheduledFuture)}: a periodic task re-armed. */
    static final class ReExecutePeriodic {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object executor, @Advice.Argument(0) Object task) {
            TaskLedger.acceptedScheduled(executor, task);
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object executor, @Advice.Argument(0) Object task) {
            // Shut down meanwhile: the JDK cancels the task instead of queueing it.
            if (((Future<?>) task).isCancelled()) {
                TaskLedger.cancelled(executor, task);
            }
        }
    }

    /**
     * {@code ScheduledFutureTask.cancel(boolean)}: a future that was still waiting in its pool's
     * queue never runs from now on, whether the pool removes it ({@code removeOnCancelPolicy},
     * counted by {@code remove} already) or leaves it there until its delay passes. A future
     * that had started is no longer pending, so it is not counted here.
     */
    static final class ScheduledCancel {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object task, @Advice.FieldValue("this$0") Object executor,
                         @Advice.Return boolean cancelled) {
            if (cancelled) {
                TaskLedger.cancelled(executor, task);
            }
        }
    }
}
