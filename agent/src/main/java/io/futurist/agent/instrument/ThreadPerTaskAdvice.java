package io.futurist.agent.instrument;

import io.futurist.agent.probe.TaskLedger;
import io.futurist.agent.probe.ThreadPerTaskProbe;
import java.util.concurrent.RejectedExecutionException;
import net.bytebuddy.asm.Advice;

/**
 * Advice inlined into {@code java.util.concurrent.ThreadPerTaskExecutor} and its runners
 * (Java 21+). Each piece only forwards to {@link ThreadPerTaskProbe}; it names nothing but
 * {@code java.base} and the bootstrap-visible probes, because it runs inside the JDK's code.
 * The runners' advice keeps the run's record in a local of the instrumented method
 * ({@code @Advice.Local}), so that a run allocates nothing to carry it to its end.
 */
final class ThreadPerTaskAdvice {

    private ThreadPerTaskAdvice() {
    }

    /** The constructor ({@code create(ThreadFactory)} calls it). */
    static final class Constructed {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object executor) {
            ThreadPerTaskProbe.created(executor);
        }
    }

    /** {@code start(Thread)}: every submission, with the thread that will run it. */
    static final class StartThread {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.This Object executor, @Advice.Argument(0) Thread thread) {
            return ThreadPerTaskProbe.accepted(executor, thread);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object executor, @Advice.Argument(0) Thread thread,
                         @Advice.Enter Object counted, @Advice.Thrown Throwable thrown) {
            if (thrown != null) {
                ThreadPerTaskProbe.notStarted(executor, thread, counted);
            }
        }
    }

    /**
     * {@code ensureNotShutdown()} and {@code newThread(Runnable)}: a refusal before any thread
     * is started (the executor is shut down; the factory gave no thread).
     */
    static final class Refusal {
        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object executor, @Advice.Thrown Throwable thrown) {
            if (thrown instanceof RejectedExecutionException) {
                TaskLedger.rejected(executor, null);
            }
        }
    }

    /** {@code TaskRunner.run()}: a task given to {@code execute} (or {@code invokeAny}) runs on its thread. */
    static final class RunnerRun {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter(@Advice.FieldValue("executor") Object executor, @Advice.FieldValue("task") Object task,
                          @Advice.Local("record") Object record, @Advice.Local("watched") Object watched) {
            record = ThreadPerTaskProbe.recordOf(executor);
            long start = ThreadPerTaskProbe.runStarting(record, Thread.currentThread(), task);
            watched = ThreadPerTaskProbe.watch(start, task);
            return start;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.FieldValue("task") Object task, @Advice.Enter long start,
                         @Advice.Local("record") Object record, @Advice.Local("watched") Object watched,
                         @Advice.Thrown Throwable thrown) {
            ThreadPerTaskProbe.runEnded(record, task, start, watched, thrown != null);
        }
    }

    /** JDK 25: {@code ThreadBoundFuture.run()}: a task given to {@code submit} (or {@code invokeAll}) runs. */
    static final class FutureRun {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter(@Advice.This Object future, @Advice.FieldValue("executor") Object executor,
                          @Advice.FieldValue("thread") Thread thread, @Advice.Local("record") Object record) {
            record = ThreadPerTaskProbe.recordOf(executor);
            return ThreadPerTaskProbe.runStarting(record, thread, future);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object future, @Advice.Enter long start, @Advice.Local("record") Object record,
                         @Advice.Thrown Throwable thrown) {
            ThreadPerTaskProbe.runEnded(record, future, start, null, thrown != null);
        }
    }

    /** JDK 21: {@code FutureTask.run()}, which {@code ThreadBoundFuture} inherits there; other futures pass. */
    static final class InheritedFutureRun {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter(@Advice.This Object future, @Advice.Local("record") Object record) {
            record = ThreadPerTaskProbe.boundFutureRecord(future);
            return record == null ? TaskLedger.NOT_TRACKED
                    : ThreadPerTaskProbe.runStarting(record, ThreadPerTaskProbe.boundThread(future), future);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object future, @Advice.Enter long start, @Advice.Local("record") Object record,
                         @Advice.Thrown Throwable thrown) {
            ThreadPerTaskProbe.runEnded(record, future, start, null, thrown != null);
        }
    }

    /** {@code shutdown()}, {@code shutdownNow()}, {@code close()}. */
    static final class Shutdown {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object executor) {
            ThreadPerTaskProbe.shutDown(executor);
        }
    }

    /** {@code awaitTermination(long, TimeUnit)} and {@code isTerminated()} ({@code close()} ends in the first). */
    static final class TerminationObserved {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object executor, @Advice.Return boolean terminated) {
            if (terminated) {
                ThreadPerTaskProbe.terminated(executor);
            }
        }
    }
}
