package io.futurist.agent.instrument;

import java.util.Arrays;
import java.util.List;

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
 *       {@code poolSubmit(boolean, ForkJoinTask)}, plus two paths that bypass it: the public
 *       {@code externalSubmit(ForkJoinTask)} and {@code executeEnabledScheduledTask} (a
 *       {@code schedule*} task becoming due, and each periodic re-arm).</li>
 *   <li>{@code ForkJoinTask.fork()}: from a thread outside any pool and any task, it submits
 *       to the common pool.</li>
 *   <li>{@code ForkJoinTask.doExec()} (returns {@code int} on 17, {@code void} on 25): every
 *       run; only those of tasks counted at submission are timed.</li>
 *   <li>{@code ForkJoinTask.trySetCancelled()}: every cancellation, {@code shutdownNow}'s
 *       included.</li>
 *   <li>{@code shutdown()}, {@code shutdownNow()}, {@code close()} (JDK 19+), and
 *       {@code tryTerminate(boolean, boolean)} for the end of a pool.</li>
 * </ul>
 */
final class ForkJoinHooks {

    static final String POOL = "java.util.concurrent.ForkJoinPool";
    static final String TASK = "java.util.concurrent.ForkJoinTask";

    private ForkJoinHooks() {
    }

    static List<Hook> all() {
        return Arrays.asList(
                Hook.advice("ForkJoinPool creation sites", POOL, ForkJoinAdvice.Constructed.class, isConstructor()),
                Hook.advice("ForkJoinPool submissions", POOL, ForkJoinAdvice.SubmitFirstArgument.class,
                        named("externalSubmit").and(takesArguments(1)).and(takesArgument(0, named(TASK)))),
                Hook.advice("ForkJoinPool submissions (JDK 20+)", POOL, ForkJoinAdvice.SubmitSecondArgument.class,
                        named("poolSubmit").and(takesArguments(2)).and(takesArgument(1, named(TASK)))),
                Hook.advice("ForkJoinPool scheduled tasks (JDK 25+)", POOL, ForkJoinAdvice.SubmitFirstArgument.class,
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
