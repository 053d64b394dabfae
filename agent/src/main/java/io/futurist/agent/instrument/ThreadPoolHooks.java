package io.futurist.agent.instrument;

import io.futurist.agent.probe.RunBodies;
import io.futurist.agent.probe.ThreadPoolProbe;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadPoolExecutor;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * The hooks on {@code ThreadPoolExecutor}, {@code ScheduledThreadPoolExecutor} and the
 * {@code FutureTask}s they run. Their
 * internals are the same on JDK 17 and 25 for everything hooked here:
 * <ul>
 *   <li>{@code ThreadPoolExecutor(int, int, long, TimeUnit, BlockingQueue, ThreadFactory,
 *       RejectedExecutionHandler)} — the constructor every other one delegates to;</li>
 *   <li>{@code execute(Runnable)} — submissions of plain pools;</li>
 *   <li>{@code ScheduledThreadPoolExecutor.delayedExecute(RunnableScheduledFuture)} and
 *       {@code reExecutePeriodic(RunnableScheduledFuture)} — submissions and re-arms of
 *       scheduled pools, which never call {@code execute};</li>
 *   <li>{@code reject(Runnable)} — the rejection handler is about to run;</li>
 *   <li>{@code runWorker(Worker)} — a worker's life, and inside it the {@code task.run()}
 *       call, replaced by {@link ThreadPoolProbe#run(Runnable)};</li>
 *   <li>{@code getTask()} and {@code processWorkerExit(Worker, boolean)} — the same for
 *       workers that were inside {@code runWorker} before the agent arrived;</li>
 *   <li>{@code remove(Runnable)}, {@code purge()}, {@code shutdown()},
 *       {@code shutdownNow()}, {@code ScheduledThreadPoolExecutor.onShutdown()},
 *       {@code tryTerminate()} — tasks leaving without running, and the end of the pool;
 *       {@code awaitTermination} and {@code isTerminated} — the end of the pool as a caller
 *       sees it.</li>
 *   <li>{@code ScheduledFutureTask.cancel(boolean)} — a scheduled future cancelled while it
 *       waits (an hour, perhaps) counts as cancelled then, not when its delay has passed; the
 *       future is an inner class, its pool is its {@code this$0};</li>
 *   <li>{@code FutureTask.run()} and {@code runAndReset()}: their {@code callable.call()},
 *       replaced by {@link RunBodies#call}, which tells a future whose body started from one
 *       cancelled after a worker took it but before it ran.</li>
 * </ul>
 */
final class ThreadPoolHooks {

    static final String THREAD_POOL = "java.util.concurrent.ThreadPoolExecutor";
    static final String SCHEDULED_POOL = "java.util.concurrent.ScheduledThreadPoolExecutor";
    static final String FUTURE_TASK = "java.util.concurrent.FutureTask";
    static final String SCHEDULED_FUTURE_TASK = "java.util.concurrent.ScheduledThreadPoolExecutor$ScheduledFutureTask";

    private ThreadPoolHooks() {
    }

    /**
     * Whether {@code type} is a {@code ThreadPoolExecutor} subclass that declares its own
     * {@code beforeExecute(Thread, Runnable)}. A class whose methods cannot be listed (a
     * signature naming a class that is missing) is left alone.
     */
    static boolean overridesBeforeExecute(Class<?> type) {
        if (type == ThreadPoolExecutor.class || !ThreadPoolExecutor.class.isAssignableFrom(type)
                || type.isInterface() || type.isArray()) {
            return false;
        }
        try {
            type.getDeclaredMethod("beforeExecute", Thread.class, Runnable.class);
            return true;
        } catch (NoSuchMethodException | RuntimeException | LinkageError none) {
            return false;
        }
    }

    /** The hook on {@code className}'s own {@code beforeExecute}; see {@link Instrumenter#hookOverridesOfBeforeExecute()}. */
    static Hook overridingBeforeExecute(String className) {
        return Hook.advice("exact runs for workers older than the agent in " + className, className,
                ThreadPoolAdvice.BeforeExecute.class, named("beforeExecute").and(takesArguments(Thread.class, Runnable.class)));
    }

    static List<Hook> all() {
        List<Hook> hooks = new ArrayList<>(Arrays.asList(
                Hook.advice("ThreadPoolExecutor creation sites", THREAD_POOL, ThreadPoolAdvice.Constructed.class,
                        isConstructor().and(takesArguments(7))),
                Hook.advice("ThreadPoolExecutor submissions", THREAD_POOL, ThreadPoolAdvice.Execute.class,
                        named("execute").and(takesArguments(Runnable.class))),
                Hook.advice("ThreadPoolExecutor rejections", THREAD_POOL, ThreadPoolAdvice.Reject.class,
                        named("reject").and(takesArguments(Runnable.class)))));
        hooks.addAll(poolCode("ThreadPoolExecutor", THREAD_POOL));
        hooks.addAll(Arrays.asList(
                Hook.advice("ScheduledThreadPoolExecutor shutdown policies", SCHEDULED_POOL,
                        ThreadPoolAdvice.OnShutdown.class, named("onShutdown").and(takesArguments(0))),
                Hook.advice("ScheduledThreadPoolExecutor submissions", SCHEDULED_POOL,
                        ThreadPoolAdvice.DelayedExecute.class, named("delayedExecute").and(takesArguments(1))),
                Hook.advice("ScheduledThreadPoolExecutor periodic re-arms", SCHEDULED_POOL,
                        ThreadPoolAdvice.ReExecutePeriodic.class, named("reExecutePeriodic").and(takesArguments(1))),
                Hook.advice("ScheduledThreadPoolExecutor cancellations while queued", SCHEDULED_FUTURE_TASK,
                        ThreadPoolAdvice.ScheduledCancel.class, named("cancel").and(takesArguments(boolean.class))),
                Hook.calls("FutureTask bodies (cancelled futures that never ran)", FUTURE_TASK,
                        named("run").or(named("runAndReset")).and(takesArguments(0)),
                        CallSiteSwap.interfaceCall(Callable.class, "call",
                                Hook.probe(RunBodies.class, "call", Callable.class)))));
        return hooks;
    }

    /**
     * The hooks of the pool code itself — workers, runs, removal, purge, shutdown, termination —
     * for {@code className}: the JDK's {@code ThreadPoolExecutor}, or a copy of its code under
     * another name (Tomcat's), whose methods have the same names and roles.
     *
     * @param owner how the hooks' descriptions name the pool
     */
    static List<Hook> poolCode(String owner, String className) {
        return Arrays.asList(
                Hook.advice(owner + " workers", className, ThreadPoolAdvice.RunWorker.class,
                        named("runWorker").and(takesArguments(1))),
                Hook.calls(owner + " run timing", className, named("runWorker").and(takesArguments(1)),
                        CallSiteSwap.interfaceCall(Runnable.class, "run",
                                Hook.probe(ThreadPoolProbe.class, "run", Runnable.class))),
                Hook.advice(owner + " run timing for workers older than the agent", className,
                        ThreadPoolAdvice.GetTask.class, named("getTask").and(takesArguments(0))),
                Hook.advice(owner + " exact runs for workers older than the agent", className,
                        ThreadPoolAdvice.BeforeExecute.class, named("beforeExecute").and(takesArguments(2))),
                Hook.advice(owner + " exact run ends for workers older than the agent", className,
                        ThreadPoolAdvice.AfterExecute.class, named("afterExecute").and(takesArguments(2))),
                Hook.advice(owner + " worker exits", className, ThreadPoolAdvice.WorkerExit.class,
                        named("processWorkerExit").and(takesArguments(2))),
                Hook.advice(owner + " removals", className, ThreadPoolAdvice.Remove.class,
                        named("remove").and(takesArguments(Runnable.class))),
                Hook.advice(owner + " purges", className, ThreadPoolAdvice.Purge.class,
                        named("purge").and(takesArguments(0))),
                Hook.advice(owner + " shutdown", className, ThreadPoolAdvice.Shutdown.class,
                        named("shutdown").and(takesArguments(0))),
                Hook.advice(owner + " shutdownNow", className, ThreadPoolAdvice.ShutdownNow.class,
                        named("shutdownNow").and(takesArguments(0))),
                Hook.advice(owner + " termination", className, ThreadPoolAdvice.TryTerminate.class,
                        named("tryTerminate").and(takesArguments(0))),
                Hook.advice(owner + " termination seen by callers", className,
                        ThreadPoolAdvice.TerminationObserved.class,
                        named("awaitTermination").and(takesArguments(2)).or(named("isTerminated").and(takesArguments(0)))));
    }
}
