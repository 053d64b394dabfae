package example.scenarios;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code new ForkJoinPool(2)}s fed through the public entries only a {@code ForkJoinPool} has
 * (the workload every kind runs is {@link ExecutorSuiteScenario}'s), one pool per concern:
 * {@code execute} (naming the pool after its workers), {@code submit(Runnable)}, a failing
 * {@code invoke};
 * {@code invoke} of a task that forks internally; {@code CompletableFuture} stages handed to a
 * pool; {@code invokeAny}; {@code FutureTask}s given to {@code execute}; the public
 * {@code externalSubmit}/{@code lazySubmit} (Java 20+/19+, called reflectively); a custom
 * worker factory's names; {@code close()} (Java 19+, reflectively); submissions refused after
 * {@code shutdown}, also while another thread checks for termination.
 *
 * <p>Every pool is shut down and awaited before its final {@code #stats} line: a joiner learns
 * a task's result inside the run, a moment before the run's end is recorded. Everything the
 * test compares between runs with and without the agent is printed as {@code #result}; thread
 * names and other details that may differ between runs go to lines of other kinds.
 */
public final class ForkJoinScenario {

    /** The Fibonacci number {@code invoke} computes with internal forks. */
    public static final int FIB_N = 20;
    /** Callables given to {@code invokeAny}. */
    public static final int INVOKE_ANY = 4;
    /**
     * Tasks that enter the basic pool: execute, submit(Runnable), a failing invoke. (The entries
     * every kind of executor has, submit(Callable), invokeAll and failures among them, are
     * {@link ExecutorSuiteScenario}'s.)
     */
    public static final int BASIC_TASKS = 1 + 1 + 1;
    /** Submissions refused while another thread keeps checking for termination. */
    public static final int RACED_REJECTIONS = 20_000;

    private ForkJoinScenario() {
    }

    public static void main(String[] args) throws Exception {
        Report.env();
        basics();
        internalForks();
        stages();
        invokeAny();
        futureTasks();
        publicSubmitMethods();
        workerFactoryNames();
        close();
        rejection();
        rejectionWhileAnotherThreadChecksTermination();
    }

    private static void basics() throws Exception {
        long mark = Report.mark();
        int line = Report.here(); ForkJoinPool pool = new ForkJoinPool(2);

        // execute(Runnable): nobody joins it, so a worker runs it.
        AtomicReference<String> worker = new AtomicReference<>();
        CountDownLatch executed = new CountDownLatch(1);
        pool.execute(() -> {
            worker.set(Thread.currentThread().getName());
            executed.countDown();
        });
        executed.await();

        LongAdder runnableSum = new LongAdder();
        pool.submit((Runnable) () -> runnableSum.add(5)).get();

        String invokeFailure;
        try {
            pool.invoke(new FailingAction());
            invokeFailure = "none";
        } catch (IllegalArgumentException e) {
            invokeFailure = e.getClass().getSimpleName();
        }

        Report.tracked("fj", mark, ForkJoinPool.class);
        pool.shutdown();
        boolean terminated = pool.awaitTermination(30, TimeUnit.SECONDS);
        Report.stats("fj", pool);
        Report.result("fj", "terminated=" + terminated, "runnable=" + runnableSum.sum(), "invokeFailure=" + invokeFailure);
        Report.print("threads", "fj", "line=" + line, "worker=" + worker.get());
    }

    /** Forks made while a task runs are part of its run: two tasks, however many forks. */
    private static void internalForks() throws Exception {
        ForkJoinPool pool = new ForkJoinPool(2);
        long fib = pool.invoke(new Fib(FIB_N));
        // A task that, while it runs, invokes a forking task and forks through invokeAll.
        long nested = pool.submit(() -> {
            Fib left = new Fib(FIB_N - 5);
            Fib right = new Fib(FIB_N - 6);
            ForkJoinTask.invokeAll(left, right);
            return new Fib(FIB_N - 4).invoke() + left.join() + right.join();
        }).get();
        pool.shutdown();
        boolean terminated = pool.awaitTermination(30, TimeUnit.SECONDS);
        Report.stats("fib", pool);
        Report.result("fib", "terminated=" + terminated, "fib=" + fib, "nested=" + nested);
    }

    /**
     * {@code CompletableFuture} stages given the pool: each async stage that reaches the pool is
     * a task; a failing stage fails its run; a stage whose source failed completes without
     * reaching the pool.
     */
    private static void stages() throws Exception {
        ForkJoinPool pool = new ForkJoinPool(2);
        int stages = CompletableFuture.supplyAsync(() -> 20, pool).thenApplyAsync(x -> x + 1, pool).get();

        String runFailure;
        try {
            CompletableFuture.runAsync(() -> {
                throw new IllegalStateException("async failure");
            }, pool).join();
            runFailure = "none";
        } catch (CompletionException e) {
            runFailure = e.getCause().getClass().getSimpleName();
        }

        String dependentFailure;
        try {
            CompletableFuture.supplyAsync(() -> {
                if (pool != null) {
                    throw new IllegalStateException("source failure");
                }
                return 1;
            }, pool).thenApplyAsync(x -> x + 1, pool).join();
            dependentFailure = "none";
        } catch (CompletionException e) {
            dependentFailure = e.getCause().getClass().getSimpleName();
        }

        pool.shutdown();
        boolean terminated = pool.awaitTermination(30, TimeUnit.SECONDS);
        Report.stats("stages", pool);
        Report.result("stages", "terminated=" + terminated, "stages=" + stages, "runFailure=" + runFailure,
                "dependentFailure=" + dependentFailure);
    }

    /**
     * {@code invokeAny}: how many callables get submitted before one wins is the JDK's business
     * (and differs between 17 and 25); when all of them fail, all of them ran.
     */
    private static void invokeAny() throws Exception {
        ForkJoinPool pool = new ForkJoinPool(2);
        List<Callable<Integer>> same = new ArrayList<>();
        for (int i = 0; i < INVOKE_ANY; i++) {
            same.add(() -> 9);
        }
        int any = pool.invokeAny(same);
        // The losers are cancelled, some perhaps while running: let those runs end before
        // shutdown (the agent miscounts a run cancelled while it runs that ends after shutdown:
        // a known bug, ForkJoinCancellationIT; not what this part is about).
        pool.awaitQuiescence(30, TimeUnit.SECONDS);
        pool.shutdown();
        boolean terminated = pool.awaitTermination(30, TimeUnit.SECONDS);
        Report.stats("invokeAny", pool);
        Report.result("invokeAny", "terminated=" + terminated, "any=" + any);

        ForkJoinPool failing = new ForkJoinPool(2);
        List<Callable<Integer>> all = new ArrayList<>();
        for (int i = 0; i < INVOKE_ANY; i++) {
            all.add(() -> {
                throw new IllegalStateException("every callable fails");
            });
        }
        String outcome;
        try {
            failing.invokeAny(all);
            outcome = "value";
        } catch (ExecutionException e) {
            outcome = "ExecutionException";
        }
        failing.awaitQuiescence(30, TimeUnit.SECONDS);
        failing.shutdown();
        terminated = failing.awaitTermination(30, TimeUnit.SECONDS);
        Report.stats("invokeAny-failing", failing);
        Report.result("invokeAny-failing", "terminated=" + terminated, "outcome=" + outcome);
    }

    /**
     * {@code FutureTask}s handed to {@code execute} (as {@code AbstractExecutorService} helpers
     * and many applications do): one whose callable fails — the future captures the
     * exception — and one cancelled while it waits behind both workers, held.
     */
    private static void futureTasks() throws Exception {
        ForkJoinPool pool = new ForkJoinPool(2);
        FutureTask<Integer> failing = new FutureTask<>(() -> {
            throw new IllegalStateException("captured by the future");
        });
        pool.execute(failing);
        String captured;
        try {
            failing.get();
            captured = "none";
        } catch (ExecutionException e) {
            captured = e.getCause().getClass().getSimpleName();
        }
        pool.shutdown();
        boolean terminated = pool.awaitTermination(30, TimeUnit.SECONDS);
        Report.stats("futureTask-failure", pool);
        Report.result("futureTask-failure", "terminated=" + terminated, "captured=" + captured);

        ForkJoinPool held = new ForkJoinPool(2);
        Gate gate = new Gate();
        List<ForkJoinTask<?>> holders = HeldWorkers.hold(held, 2, gate);
        LongAdder ran = new LongAdder();
        FutureTask<Void> doomed = new FutureTask<>(ran::increment, null);
        held.execute(doomed);
        boolean cancelled = doomed.cancel(false);
        gate.open();
        for (ForkJoinTask<?> holder : holders) {
            holder.join();
        }
        held.shutdown();
        terminated = held.awaitTermination(30, TimeUnit.SECONDS);
        Report.stats("futureTask-cancelled", held);
        Report.result("futureTask-cancelled", "terminated=" + terminated, "cancelled=" + cancelled, "ran=" + ran.sum());
    }

    /** {@code externalSubmit} (public from Java 20) and {@code lazySubmit} (Java 19), when there. */
    private static void publicSubmitMethods() throws Exception {
        Method externalSubmit = method("externalSubmit", ForkJoinTask.class);
        Method lazySubmit = method("lazySubmit", ForkJoinTask.class);
        if (externalSubmit == null || lazySubmit == null) {
            Report.result("external", "available=false");
            return;
        }
        ForkJoinPool pool = new ForkJoinPool(2);
        Object values = ((ForkJoinTask<?>) externalSubmit.invoke(pool, new Fib(10))).get();
        // lazySubmit wakes no worker: its contract relies on a thread already active in the
        // pool, so an external caller waiting on it can wait forever (seen on JDK 25, with or
        // without the agent). It is called where it is meant to be: inside a task that joins it.
        // From inside a task of the same pool, externalSubmit still enters from outside.
        Object fromWorker = pool.submit(() -> {
            ForkJoinTask<?> lazy = (ForkJoinTask<?>) lazySubmit.invoke(pool, new Fib(11));
            ForkJoinTask<?> external = (ForkJoinTask<?>) externalSubmit.invoke(pool, new Fib(12));
            return lazy.join() + "+" + external.get();
        }).get();
        pool.shutdown();
        boolean terminated = pool.awaitTermination(30, TimeUnit.SECONDS);
        Report.stats("external", pool);
        Report.result("external", "available=true", "terminated=" + terminated, "values=" + values,
                "fromWorker=" + fromWorker);
    }

    /** A pool whose factory names its workers: the record is named after them. */
    private static void workerFactoryNames() throws Exception {
        long mark = Report.mark();
        ForkJoinPool pool = new ForkJoinPool(1, owner -> {
            ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(owner);
            thread.setName("crawler-" + thread.getPoolIndex());
            return thread;
        }, null, false);
        String worker = pool.submit(() -> Thread.currentThread().getName()).get();
        Report.tracked("crawlers", mark, ForkJoinPool.class);
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.SECONDS);
        Report.print("threads", "crawlers", "worker=" + worker);
    }

    private static void close() throws Exception {
        // ExecutorService.close() arrived in Java 19; this scenario compiles for 17.
        Method close = method("close");
        if (close == null) {
            Report.result("close", "available=false");
            return;
        }
        ForkJoinPool pool = new ForkJoinPool(2);
        long sum = 0;
        List<ForkJoinTask<Integer>> tasks = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            int value = i;
            tasks.add(pool.submit(() -> value));
        }
        for (ForkJoinTask<Integer> task : tasks) {
            sum += task.get();
        }
        Report.stats("close-running", pool);
        close.invoke(pool);
        Report.stats("close", pool);
        Report.result("close", "available=true", "terminated=" + pool.isTerminated(), "sum=" + sum);
    }

    /**
     * Refused after shutdown: {@code execute}, {@code submit}, {@code invoke}, once the pool has
     * terminated and its worker has ended, so that nothing else touches the pool meanwhile.
     */
    private static void rejection() throws Exception {
        List<Thread> workers = new CopyOnWriteArrayList<>();
        ForkJoinPool pool = new ForkJoinPool(1, owner -> {
            ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(owner);
            workers.add(thread);
            return thread;
        }, null, false);
        int ran = pool.submit(() -> 1).get();
        pool.shutdown();
        boolean terminated = pool.awaitTermination(30, TimeUnit.SECONDS);
        for (Thread worker : workers) {
            worker.join();
        }
        int refused = 0;
        try {
            pool.execute(() -> { });
        } catch (RejectedExecutionException e) {
            refused++;
        }
        try {
            pool.submit(() -> 2);
        } catch (RejectedExecutionException e) {
            refused++;
        }
        try {
            pool.invoke(new Fib(3));
        } catch (RejectedExecutionException e) {
            refused++;
        }
        Report.stats("rejected", pool);
        Report.result("rejected", "terminated=" + terminated, "ran=" + ran, "refused=" + refused);
    }

    /**
     * Refused while another thread asks whether the pool has terminated (as a monitor or a
     * shutdown hook might): {@link #RACED_REJECTIONS} refusals, each still one rejection.
     */
    private static void rejectionWhileAnotherThreadChecksTermination() throws Exception {
        ForkJoinPool pool = new ForkJoinPool(1);
        int ran = pool.submit(() -> 1).get();
        pool.shutdown();
        boolean terminated = pool.awaitTermination(30, TimeUnit.SECONDS);
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch checking = new CountDownLatch(1);
        Thread checker = new Thread(() -> {
            checking.countDown();
            try {
                while (!stop.get()) {
                    pool.awaitTermination(0, TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "termination-checker");
        checker.start();
        checking.await();
        int refused = 0;
        for (int i = 0; i < RACED_REJECTIONS; i++) {
            try {
                pool.execute(() -> { });
            } catch (RejectedExecutionException e) {
                refused++;
            }
        }
        stop.set(true);
        checker.join();
        Report.stats("rejected-race", pool);
        Report.result("rejected-race", "terminated=" + terminated, "ran=" + ran, "refused=" + refused);
    }

    private static Method method(String name, Class<?>... parameters) {
        try {
            return ForkJoinPool.class.getMethod(name, parameters);
        } catch (NoSuchMethodException older) {
            return null;
        }
    }

    /** Fibonacci by forking one half and computing the other: many internal forks, one task from outside. */
    static final class Fib extends RecursiveTask<Long> {
        private final int n;

        Fib(int n) {
            this.n = n;
        }

        @Override
        protected Long compute() {
            if (n < 2) {
                return (long) n;
            }
            Fib left = new Fib(n - 1);
            left.fork();
            return new Fib(n - 2).compute() + left.join();
        }
    }

    /** Forks two subtasks and then throws. */
    static final class FailingAction extends RecursiveAction {
        @Override
        protected void compute() {
            invokeAll(new Fib(5), new Fib(6));
            throw new IllegalArgumentException("action failed");
        }
    }
}
