package io.futurist.agent.instrument;

import io.futurist.agent.probe.ForkJoinBodies;
import io.futurist.agent.probe.ForkJoinProbe;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinTask;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * The hooks on {@code ForkJoinPool} and {@code ForkJoinTask}, whose internals differ between
 * JDK 17 and 25. A hook whose method a JDK lacks matches nothing there, so all are listed:
 * <ul>
 *   <li>Submission funnels. JDK 17: private {@code externalSubmit(ForkJoinTask)}, which every
 *       {@code execute}/{@code submit}/{@code invoke*} reaches. JDK 20+: private
 *       {@code poolSubmit(boolean, ForkJoinTask)}, plus paths that bypass it: the public
 *       {@code externalSubmit(ForkJoinTask)}; JDK 25's {@code scheduleDelayedTask} (every
 *       {@code schedule*} call: the submission) and {@code executeEnabledScheduledTask} (a
 *       delayed task becoming due: a submission only for a periodic task's re-arm).</li>
 *   <li>{@code ForkJoinTask.fork()}: from a thread outside any pool and any task, it submits
 *       to the common pool.</li>
 *   <li>{@code ForkJoinTask.doExec()} (returns {@code int} on 17, {@code void} on 25): every
 *       run; only those of tasks counted at submission are timed.</li>
 *   <li>{@code ForkJoinTask.trySetCancelled()}: every cancellation, {@code shutdownNow}'s
 *       included.</li>
 *   <li>{@code shutdown()}, {@code shutdownNow()}, {@code close()} (JDK 19+), and
 *       {@code tryTerminate(boolean, boolean)} for the end of a pool.</li>
 *   <li>The {@code runnable.run()}/{@code callable.call()} inside the JDK's adapter tasks'
 *       {@code exec()}/{@code compute()}: where a submitted task's body really starts.</li>
 *   <li>The {@code callable.call()} of {@code invokeAny}'s tasks, whose exceptions the JDK
 *       swallows (JDK 17: {@code ForkJoinPool.InvokeAnyRoot.tryComplete}, 21+:
 *       {@code ForkJoinTask.InvokeAnyTask.compute}).</li>
 *   <li>JDK 21+: the {@code cancel(true)} call inside {@code InterruptibleTask.exec()}, by
 *       which a worker of a stopping pool cancels a task instead of running it.</li>
 * </ul>
 */
final class ForkJoinHooks {

    static final String POOL = "java.util.concurrent.ForkJoinPool";
    static final String TASK = "java.util.concurrent.ForkJoinTask";
    /**
     * The JDK's adapters of runnables and callables (present or not, by JDK): the body call in
     * their {@code exec()}/{@code compute()} is marked, see {@link ForkJoinBodies}.
     */
    static final List<String> ADAPTERS = Arrays.asList(
            "java.util.concurrent.ForkJoinTask$AdaptedRunnable",
            "java.util.concurrent.ForkJoinTask$AdaptedRunnableAction",
            "java.util.concurrent.ForkJoinTask$RunnableExecuteAction",
            "java.util.concurrent.ForkJoinTask$AdaptedCallable",
            "java.util.concurrent.ForkJoinTask$AdaptedInterruptibleCallable",
            "java.util.concurrent.ForkJoinTask$AdaptedInterruptibleRunnable");

    /** JDK 17: where {@code invokeAny}'s tasks call their callables. */
    static final String INVOKE_ANY_ROOT_17 = "java.util.concurrent.ForkJoinPool$InvokeAnyRoot";
    /** JDK 21+: the same, moved into {@code ForkJoinTask}. */
    static final String INVOKE_ANY_TASK_21 = "java.util.concurrent.ForkJoinTask$InvokeAnyTask";
    /** JDK 21+: the tasks {@code submit}/{@code invoke*} make of callables and runnables. */
    static final String INTERRUPTIBLE_TASK = "java.util.concurrent.ForkJoinTask$InterruptibleTask";

    private ForkJoinHooks() {
    }

    static List<Hook> all() {
        List<Hook> hooks = new ArrayList<>(common());
        for (String adapter : ADAPTERS) {
            if (present(adapter)) {
                hooks.add(Hook.calls("ForkJoinPool task bodies (" + adapter.substring(adapter.indexOf('$') + 1) + ")",
                        adapter, named("exec").or(named("compute")).and(takesArguments(0)),
                        CallSiteSwap.interfaceCall(Runnable.class, "run",
                                Hook.probe(ForkJoinBodies.class, "run", Runnable.class)),
                        CallSiteSwap.interfaceCall(Callable.class, "call",
                                Hook.probe(ForkJoinBodies.class, "call", Callable.class))));
            }
        }
        if (present(INVOKE_ANY_ROOT_17)) {
            hooks.add(Hook.calls("ForkJoinPool invokeAny failures", INVOKE_ANY_ROOT_17,
                    named("tryComplete").and(takesArguments(Callable.class)), invokeAnyCall()));
        } else if (present(INVOKE_ANY_TASK_21)) {
            hooks.add(Hook.calls("ForkJoinPool invokeAny failures", INVOKE_ANY_TASK_21,
                    named("compute").and(takesArguments(0)), invokeAnyCall()));
        }
        if (Runtime.version().feature() >= 21) {
            hooks.add(Hook.calls("ForkJoinTask cancelled instead of run by a stopping pool (JDK 21+)",
                    INTERRUPTIBLE_TASK, named("exec").and(takesArguments(0)),
                    CallSiteSwap.virtualCall("cancel", "(Z)Z",
                            Hook.probe(ForkJoinProbe.class, "cancelInsteadOfRun", ForkJoinTask.class, boolean.class))));
        }
        return hooks;
    }

    private static boolean present(String className) {
        return Hook.find(className) != null;
    }

    private static CallSiteSwap invokeAnyCall() {
        return CallSiteSwap.interfaceCall(Callable.class, "call",
                Hook.probe(ForkJoinProbe.class, "invokeAnyCall", Callable.class));
    }

    private static List<Hook> common() {
        return Arrays.asList(
                Hook.advice("ForkJoinPool creation sites", POOL, ForkJoinAdvice.Constructed.class, isConstructor()),
                Hook.advice("ForkJoinPool submissions", POOL, ForkJoinAdvice.SubmitFirstArgument.class,
                        named("externalSubmit").and(takesArguments(1)).and(takesArgument(0, named(TASK)))),
                Hook.advice("ForkJoinPool submissions (JDK 20+)", POOL, ForkJoinAdvice.SubmitSecondArgument.class,
                        named("poolSubmit").and(takesArguments(2)).and(takesArgument(1, named(TASK)))),
                Hook.advice("ForkJoinPool scheduled tasks (JDK 25+)", POOL, ForkJoinAdvice.Scheduled.class,
                        named("scheduleDelayedTask").and(takesArguments(1))),
                Hook.advice("ForkJoinPool scheduled tasks becoming due (JDK 25+)", POOL, ForkJoinAdvice.BecameDue.class,
                        named("executeEnabledScheduledTask").and(takesArguments(1))),
                Hook.advice("ForkJoinTask external forks", TASK, ForkJoinAdvice.Fork.class,
                        named("fork").and(takesArguments(0))),
                Hook.advice("ForkJoinTask run timing", TASK, ForkJoinAdvice.DoExec.class,
                        named("doExec").and(takesArguments(0))),
                Hook.advice("ForkJoinTask cancellations", TASK, ForkJoinAdvice.TrySetCancelled.class,
                        named("trySetCancelled").and(takesArguments(0))),
                Hook.advice("ForkJoinPool shutdown", POOL, ForkJoinAdvice.Shutdown.class,
                        named("shutdown").or(named("shutdownNow")).or(named("close")).and(takesArguments(0))),
                Hook.advice("ForkJoinPool termination", POOL, ForkJoinAdvice.TryTerminate.class,
                        named("tryTerminate").and(takesArguments(2))),
                Hook.advice("ForkJoinPool termination seen by callers", POOL, ForkJoinAdvice.AwaitTermination.class,
                        named("awaitTermination").and(takesArguments(2))));
    }
}
