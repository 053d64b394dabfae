package example.scenarios;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * The common pool: {@code submit}/{@code execute} on it, {@code shutdown} ignored, a
 * {@code fork()} from a plain thread, parallel streams from {@code main} and from inside a
 * custom pool's task, forks from {@code main} (one failing, one cancelled while the pool's
 * workers are held), and {@code CompletableFuture} async stages given the common pool.
 *
 * <p>Before each {@code #stats} line of the common pool the scenario waits for the pool to be
 * quiescent: a joiner learns a task's result inside the run, a moment before the run's end is
 * recorded, and only an idle pool has recorded all of its runs.
 *
 * <p>{@code #common config} tells the test what this JVM does: the common pool's parallelism,
 * and whether {@code CompletableFuture}'s default async executor is the common pool (on JDK 17
 * with parallelism 1 it is a new thread per task, even when the common pool is passed).
 */
public final class CommonPoolScenario {

    /** The Fibonacci number forked from a plain thread. */
    public static final int FIB_N = 15;
    /** Elements of the parallel streams. */
    public static final int STREAM_SIZE = 200_000;

    private CommonPoolScenario() {
    }

    public static void main(String[] args) throws Exception {
        Report.env();
        ForkJoinPool common = ForkJoinPool.commonPool();
        Report.print("common", "config", "parallelism=" + ForkJoinPool.getCommonPoolParallelism(),
                "cfDefaultIsCommon=" + (new CompletableFuture<Void>().defaultExecutor() == common));

        // submit and execute reach the common pool whatever its parallelism.
        int submitted = common.submit(() -> 21 * 2).get();
        CountDownLatch executed = new CountDownLatch(1);
        common.execute(executed::countDown);
        executed.await();
        quiesce(common);
        Report.stats("common-submit", common);
        Report.trackedJdk("common", 0, ForkJoinPool.class); // known since ForkJoinPool was initialised

        // The common pool ignores shutdown and shutdownNow.
        common.shutdown();
        common.shutdownNow();
        Report.stats("common-shutdown", common);
        boolean shutDown = common.isShutdown();

        // A fork() from a thread that is neither a worker nor running a task is a submission.
        AtomicLong forked = new AtomicLong();
        Thread forker = new Thread(() -> {
            ForkJoinScenario.Fib fib = new ForkJoinScenario.Fib(FIB_N);
            fib.fork();
            forked.set(fib.join());
        }, "plain-forker");
        forker.start();
        forker.join();
        quiesce(common);
        Report.stats("common-fork", common);

        // A parallel stream started from main runs its root in main: no task enters from outside.
        long streamSum = LongStream.rangeClosed(1, STREAM_SIZE).parallel().map(x -> x % 7).sum();
        List<Integer> collected = IntStream.range(0, STREAM_SIZE).parallel().boxed().collect(Collectors.toList());
        quiesce(common);
        Report.stats("common-stream", common);

        // main ran those streams' roots; outside any task again, its forks are submissions.
        ForkJoinScenario.Fib mainFib = new ForkJoinScenario.Fib(FIB_N);
        mainFib.fork();
        long mainForked = mainFib.join();
        ForkJoinTask<Integer> failing = ForkJoinTask.adapt(() -> {
            throw new IllegalStateException("forked failure");
        });
        failing.fork();
        String forkFailure;
        try {
            failing.join();
            forkFailure = "none";
        } catch (IllegalStateException e) {
            forkFailure = e.getClass().getSimpleName();
        }
        quiesce(common);
        Report.stats("common-main-fork", common);

        // A fork cancelled while it waits behind the common pool's workers, held.
        int parallelism = ForkJoinPool.getCommonPoolParallelism();
        Gate gate = new Gate();
        List<ForkJoinTask<?>> held = HeldWorkers.hold(common, parallelism, gate);
        ForkJoinScenario.Fib doomed = new ForkJoinScenario.Fib(FIB_N);
        doomed.fork();
        boolean forkCancelled = doomed.cancel(false);
        gate.open();
        for (ForkJoinTask<?> task : held) {
            task.join();
        }
        quiesce(common);
        Report.stats("common-cancel", common);

        // A parallel stream inside a custom pool's task is part of that task.
        ForkJoinPool custom = new ForkJoinPool(2);
        long insideSum = custom.submit(() -> LongStream.rangeClosed(1, STREAM_SIZE).parallel().map(x -> x % 5).sum()).get();
        custom.shutdown();
        boolean customTerminated = custom.awaitTermination(30, TimeUnit.SECONDS);
        Report.stats("custom-stream", custom);
        quiesce(common);
        Report.stats("common-after-custom", common);

        // CompletableFuture's async stages given the common pool, and its default executor.
        int stages = CompletableFuture.supplyAsync(() -> 20, common).thenApplyAsync(x -> x + 1, common).get();
        String asyncFailure;
        try {
            CompletableFuture.runAsync(() -> {
                throw new IllegalStateException("async failure");
            }, common).join();
            asyncFailure = "none";
        } catch (CompletionException e) {
            asyncFailure = e.getCause().getClass().getSimpleName();
        }
        int byDefault = CompletableFuture.supplyAsync(() -> 7).get();
        quiesce(common);
        Report.stats("common-cf", common);

        Report.result("common", "submitted=" + submitted, "shutDown=" + shutDown, "forked=" + forked.get(),
                "streamSum=" + streamSum,
                "mainForked=" + mainForked, "forkFailure=" + forkFailure, "forkCancelled=" + forkCancelled, "collected=" + collected.size(), "insideSum=" + insideSum,
                "customTerminated=" + customTerminated, "stages=" + stages, "asyncFailure=" + asyncFailure,
                "byDefault=" + byDefault);
    }

    private static void quiesce(ForkJoinPool common) {
        if (!common.awaitQuiescence(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the common pool did not become quiescent");
        }
    }
}
