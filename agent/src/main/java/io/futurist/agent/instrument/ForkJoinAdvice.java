package io.futurist.agent.instrument;

import io.futurist.agent.probe.ForkJoinProbe;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import net.bytebuddy.asm.Advice;

/** Advice inlined into {@link ForkJoinPool} and {@link ForkJoinTask}; each piece forwards to {@link ForkJoinProbe}. */
final class ForkJoinAdvice {

    private ForkJoinAdvice() {
    }

    /** Every constructor of {@code ForkJoinPool}. */
    static final class Constructed {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object pool) {
            ForkJoinProbe.created(pool);
        }
    }

    /** A submission funnel whose task is the first argument ({@code externalSubmit}, {@code executeEnabledScheduledTask}). */
    static final class SubmitFirstArgument {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.This Object pool, @Advice.Argument(0) Object task) {
            return ForkJoinProbe.accepted(pool, task);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Object task, @Advice.Enter Object counted,
                         @Advice.Thrown Throwable thrown) {
            ForkJoinProbe.submissionEnded(task, counted, thrown);
        }
    }

    /** JDK 25's {@code scheduleDelayedTask(ScheduledForkJoinTask)}: every {@code schedule*} call. */
    static final class Scheduled {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.This Object pool, @Advice.Argument(0) Object task) {
            return ForkJoinProbe.scheduled(pool, task);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Object task, @Advice.Enter Object counted,
                         @Advice.Thrown Throwable thrown) {
            ForkJoinProbe.submissionEnded(task, counted, thrown);
        }
    }

    /** JDK 25's {@code executeEnabledScheduledTask(ScheduledForkJoinTask)}: a delayed task became due. */
    static final class BecameDue {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.This Object pool, @Advice.Argument(0) Object task) {
            return ForkJoinProbe.becameDue(pool, task);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Object task, @Advice.Enter Object counted,
                         @Advice.Thrown Throwable thrown) {
            ForkJoinProbe.submissionEnded(task, counted, thrown);
        }
    }

    /** JDK 20+'s funnel {@code poolSubmit(boolean, ForkJoinTask)}. */
    static final class SubmitSecondArgument {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.This Object pool, @Advice.Argument(1) Object task) {
            return ForkJoinProbe.accepted(pool, task);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(1) Object task, @Advice.Enter Object counted,
                         @Advice.Thrown Throwable thrown) {
            ForkJoinProbe.submissionEnded(task, counted, thrown);
        }
    }

    /** {@code ForkJoinTask.fork()}. */
    static final class Fork {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object task) {
            ForkJoinProbe.forked(task);
        }
    }

    /** {@code ForkJoinTask.doExec()}: every run of every task. */
    static final class DoExec {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.This ForkJoinTask<?> task) {
            return ForkJoinProbe.runStarting(task);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This ForkJoinTask<?> task, @Advice.Enter Object run) {
            ForkJoinProbe.runEnded(task, run);
        }
    }

    /** {@code ForkJoinTask.trySetCancelled()}: every cancellation ends here. */
    static final class TrySetCancelled {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This ForkJoinTask<?> task) {
            ForkJoinProbe.cancelled(task);
        }
    }

    /** {@code shutdown()}, {@code shutdownNow()}, {@code close()}. */
    static final class Shutdown {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This ForkJoinPool pool) {
            ForkJoinProbe.shutDown(pool);
        }
    }

    /** {@code awaitTermination(long, TimeUnit)}: a caller that saw the pool end sees its books closed. */
    static final class AwaitTermination {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This ForkJoinPool pool, @Advice.Return boolean terminated) {
            if (terminated) {
                ForkJoinProbe.terminationAttempted(pool);
            }
        }
    }

    /** {@code tryTerminate(boolean, boolean)}. */
    static final class TryTerminate {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This ForkJoinPool pool) {
            ForkJoinProbe.terminationAttempted(pool);
        }
    }
}
