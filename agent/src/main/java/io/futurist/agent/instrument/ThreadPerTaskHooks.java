package io.futurist.agent.instrument;

import io.futurist.agent.probe.ThreadPerTaskProbe;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * The hooks on the JDK's thread-per-task executor, {@code java.util.concurrent.ThreadPerTaskExecutor}
 * (Java 21+: {@code Executors.newVirtualThreadPerTaskExecutor()},
 * {@code Executors.newThreadPerTaskExecutor(factory)}). On an older JDK there is no such
 * class and no hook at all: nothing is loaded, changed or said.
 * <ul>
 *   <li>The constructor — the creation site;</li>
 *   <li>private {@code start(Thread)} — every submission ({@code execute}, {@code submit},
 *       {@code invokeAll}, {@code invokeAny}), with the thread that will run it; it throws
 *       when the executor was shut down meanwhile;</li>
 *   <li>private {@code ensureNotShutdown()} and {@code newThread(Runnable)} — refusals before
 *       any thread is started;</li>
 *   <li>{@code TaskRunner.run()} and {@code ThreadBoundFuture.run()} (JDK 25), or where
 *       {@code ThreadBoundFuture} has no {@code run()} of its own (JDK 21) the
 *       {@code FutureTask.run()} it inherits — the runs;</li>
 *   <li>{@code shutdown()}, {@code shutdownNow()}, {@code close()}, and
 *       {@code awaitTermination}/{@code isTerminated} — the end of the executor.</li>
 * </ul>
 * The same fields ({@code TaskRunner.executor}/{@code task}, {@code ThreadBoundFuture.executor}/{@code thread})
 * exist on JDK 21 and 25.
 */
final class ThreadPerTaskHooks {

    static final String EXECUTOR = "java.util.concurrent.ThreadPerTaskExecutor";
    static final String RUNNER = EXECUTOR + "$TaskRunner";
    static final String BOUND_FUTURE = EXECUTOR + "$ThreadBoundFuture";

    private ThreadPerTaskHooks() {
    }

    static List<Hook> all() {
        Class<?> boundFuture = Hook.find(BOUND_FUTURE);
        if (Hook.find(EXECUTOR) == null || Hook.find(RUNNER) == null || boundFuture == null) {
            return Collections.emptyList();
        }
        ThreadPerTaskProbe.readShapes();
        List<Hook> hooks = new ArrayList<>();
        hooks.add(Hook.advice("thread-per-task executor creation sites", EXECUTOR, ThreadPerTaskAdvice.Constructed.class,
                isConstructor()));
        hooks.add(Hook.advice("thread-per-task executor submissions", EXECUTOR, ThreadPerTaskAdvice.StartThread.class,
                named("start").and(takesArguments(1)).and(takesArgument(0, Thread.class))));
        hooks.add(Hook.advice("thread-per-task executor rejections", EXECUTOR, ThreadPerTaskAdvice.Refusal.class,
                named("ensureNotShutdown").and(takesArguments(0))
                        .or(named("newThread").and(takesArguments(Runnable.class)))));
        hooks.add(Hook.advice("thread-per-task executor shutdown", EXECUTOR, ThreadPerTaskAdvice.Shutdown.class,
                named("shutdown").or(named("shutdownNow")).or(named("close")).and(takesArguments(0))));
        hooks.add(Hook.advice("thread-per-task executor termination seen by callers", EXECUTOR,
                ThreadPerTaskAdvice.TerminationObserved.class,
                named("awaitTermination").and(takesArguments(2)).or(named("isTerminated").and(takesArguments(0)))));
        hooks.add(Hook.advice("thread-per-task executor runs of executed tasks", RUNNER, ThreadPerTaskAdvice.RunnerRun.class,
                named("run").and(takesArguments(0))));
        if (declaresRun(boundFuture)) {
            hooks.add(Hook.advice("thread-per-task executor runs of submitted tasks", BOUND_FUTURE,
                    ThreadPerTaskAdvice.FutureRun.class, named("run").and(takesArguments(0))));
        } else {
            hooks.add(Hook.advice("thread-per-task executor runs of submitted tasks (JDK 21)", ThreadPoolHooks.FUTURE_TASK,
                    ThreadPerTaskAdvice.InheritedFutureRun.class, named("run").and(takesArguments(0))));
        }
        return hooks;
    }

    private static boolean declaresRun(Class<?> type) {
        try {
            type.getDeclaredMethod("run");
            return true;
        } catch (NoSuchMethodException | RuntimeException | LinkageError absent) {
            return false;
        }
    }
}
