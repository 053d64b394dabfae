package io.futurist.agent.instrument;

import io.futurist.agent.probe.ServerPoolProbe;
import io.futurist.agent.probe.TaskLedger;
import net.bytebuddy.asm.Advice;

/**
 * Advice inlined into the web servers' request pools (see {@link ServerPoolHooks}), which live in
 * an application's class loader. Each piece only forwards to a probe and names nothing but
 * {@code java.base} and the probe classes, which are bootstrap-visible and so resolve from any
 * class loader that delegates to its parents, as the loaders of servers and web applications
 * do for classes they do not hold themselves.
 */
final class ServerPoolAdvice {

    private ServerPoolAdvice() {
    }

    /**
     * A pool's submission: Jetty's {@code execute(Runnable)}; Tomcat's {@code execute} that does
     * the work (9.0's {@code execute(Runnable)} only delegates to
     * {@code execute(Runnable, long, TimeUnit)}). Refused only if it throws
     * {@link java.util.concurrent.RejectedExecutionException}: Tomcat retries its queue after its
     * own handler's refusal.
     */
    static final class Execute {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.This Object pool, @Advice.Argument(0) Runnable task) {
            // The servers' queues (Tomcat's TaskQueue, Jetty's BlockingArrayQueue) are none of
            // the JDK's queues whose order the pending table relies on: none is passed.
            return TaskLedger.accepted(pool, task);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object pool, @Advice.Argument(0) Runnable task, @Advice.Thrown Throwable thrown,
                         @Advice.Enter Object counted) {
            ServerPoolProbe.submissionEnded(pool, task, thrown, counted);
        }
    }

    /**
     * Tomcat's {@code reject(Runnable)} returned: the handler took care of the task itself
     * (dropped it, or ran it in the caller). A handler that throws is seen at {@code execute}'s
     * exit instead, because Tomcat then tries to queue the task after all.
     */
    static final class TomcatReject {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object pool, @Advice.Argument(0) Runnable task) {
            TaskLedger.rejected(pool, task);
        }
    }

    /** Jetty's {@code doStart()}. */
    static final class JettyStart {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object pool) {
            ServerPoolProbe.starting(pool);
        }
    }

    /** Jetty's {@code doStop()}: the pool shuts down; on return its threads are gone and its queue drained. */
    static final class JettyStop {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object pool) {
            TaskLedger.shutDown(pool);
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object pool) {
            TaskLedger.terminated(pool);
        }
    }

    /** {@code QueuedThreadPool$Runner.run()}: a thread's loop over jobs. */
    static final class RunnerLoop {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.FieldValue("this$0") Object pool) {
            ServerPoolProbe.runnerStarted(pool);
        }
    }

    /** {@code QueuedThreadPool$Runner.doRunJob(Runnable)}: one job's run. */
    static final class RunJob {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter(@Advice.FieldValue("this$0") Object pool, @Advice.Argument(0) Runnable job) {
            return ServerPoolProbe.jobStarting(pool, job);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Runnable job, @Advice.Enter long start, @Advice.Thrown Throwable thrown) {
            ServerPoolProbe.jobEnded(job, start, thrown != null);
        }
    }
}
