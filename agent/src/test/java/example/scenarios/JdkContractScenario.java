package example.scenarios;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;

/**
 * What the JDK specifies about its executors, printed as {@code #result} lines that must be the
 * same with and without the agent: the JDK without the agent is the oracle. Every line holds only
 * values the JDK makes deterministic (counts after termination, identities as booleans or
 * labels, exception types) — never hash codes, timings or lambda class names.
 *
 * <p>It also prints {@code #stats} lines (what Futurist saw), which the test reads from the run
 * with the agent only, to show that the agent was really counting what it must not disturb.
 */
public final class JdkContractScenario {

    private JdkContractScenario() {
    }

    public static void main(String[] args) throws Exception {
        Report.env();
        threadNames();
        counts();
        shutdownNowList();
        interruptStatus();
        removeAndPurge();
        scheduledRemoveAndShutdownNow();
        decoratedTasks();
        rejectionHandlers();
        hooksSeeTheTasks();
        callerExceptions();
        forkJoin();
        completableFutures();
        Report.result("done", "ok=true");
    }

    /** The JDK numbers pools and workers with static counters: the agent must not take numbers. */
    private static void threadNames() throws Exception {
        ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(1);
        String tpe = pool.submit(() -> Thread.currentThread().getName()).get();
        shutDownAndWait(pool);
        ForkJoinPool fjp = new ForkJoinPool(1);
        String fj = fjp.submit(() -> Thread.currentThread().getName()).get();
        shutDownAndWait(fjp);
        Report.result("threadNames", "firstPool=" + tpe, "firstForkJoinPool=" + fj);
    }

    /** getTaskCount, getCompletedTaskCount, getActiveCount, getLargestPoolSize, getPoolSize. */
    private static void counts() throws Exception {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 4, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(2));
        Gate gate = new Gate();
        CountDownLatch running = new CountDownLatch(4);
        List<Future<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < 6; i++) { // 2 core workers, 2 queued, 2 extra workers
            int value = i;
            futures.add(pool.submit(() -> {
                running.countDown();
                gate.pass();
                return value * 10;
            }));
        }
        running.await();
        String refused = refusal(() -> pool.submit(() -> 0));
        String held = "active=" + pool.getActiveCount() + ",pool=" + pool.getPoolSize() + ",queue=" + pool.getQueue().size()
                + ",tasks=" + pool.getTaskCount() + ",completed=" + pool.getCompletedTaskCount()
                + ",largest=" + pool.getLargestPoolSize();
        gate.open();
        int sum = 0;
        for (Future<Integer> future : futures) {
            sum += future.get();
        }
        shutDownAndWait(pool);
        Report.stats("counts", pool);
        Report.result("counts", "held=" + held, "refused=" + refused, "sum=" + sum, "tasks=" + pool.getTaskCount(),
                "completed=" + pool.getCompletedTaskCount(), "active=" + pool.getActiveCount(),
                "largest=" + pool.getLargestPoolSize(), "pool=" + pool.getPoolSize(),
                "terminated=" + pool.isTerminated());
    }

    /** shutdownNow returns exactly the queued tasks, the very objects submit and execute received. */
    private static void shutdownNowList() throws Exception {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        CountDownLatch holding = new CountDownLatch(1);
        AtomicReference<String> heldSaw = new AtomicReference<>("nothing");
        Future<?> held = pool.submit(() -> {
            holding.countDown();
            try {
                new CountDownLatch(1).await(30, TimeUnit.SECONDS);
                heldSaw.set("timeout");
            } catch (InterruptedException e) {
                heldSaw.set("interrupted,flagAfterCatch=" + Thread.currentThread().isInterrupted());
            }
        });
        holding.await();
        Labels labels = new Labels();
        labels.put(pool.submit(() -> 1), "submitCallable");
        labels.put(pool.submit(() -> { }), "submitRunnable");
        labels.put(pool.submit(() -> { }, "value"), "submitRunnableWithResult");
        Runnable lambda = () -> { };
        pool.execute(lambda);
        labels.put(lambda, "executedLambda");
        NamedTask named = new NamedTask();
        pool.execute(named);
        labels.put(named, "executedNamedTask");
        List<Runnable> neverRun = pool.shutdownNow();
        boolean terminated = pool.awaitTermination(30, TimeUnit.SECONDS);
        held.get();
        StringBuilder elements = new StringBuilder();
        StringBuilder states = new StringBuilder();
        for (Runnable task : neverRun) {
            elements.append(elements.length() == 0 ? "" : ",").append(labels.of(task));
            if (task instanceof Future) {
                Future<?> future = (Future<?>) task;
                states.append(states.length() == 0 ? "" : ",").append(future.isDone()).append('/').append(future.isCancelled());
            }
        }
        Report.stats("shutdownNow", pool);
        Report.result("shutdownNow", "size=" + neverRun.size(), "elements=" + elements, "doneCancelled=" + states,
                "held=" + heldSaw.get(), "terminated=" + terminated, "completed=" + pool.getCompletedTaskCount(),
                "tasks=" + pool.getTaskCount());
    }

    /** A worker clears a task's leftover interrupt before the next task, and afterExecute sees the flag. */
    private static void interruptStatus() throws Exception {
        AtomicReference<String> after = new AtomicReference<>();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>()) {
            @Override
            protected void afterExecute(Runnable r, Throwable t) {
                after.compareAndSet(null, "afterExecuteSawFlag=" + Thread.currentThread().isInterrupted());
            }
        };
        Future<?> interrupting = pool.submit(() -> Thread.currentThread().interrupt());
        Future<Boolean> next = pool.submit(() -> Thread.currentThread().isInterrupted());
        interrupting.get();
        boolean nextSawFlag = next.get();
        Future<Boolean> sameThreadFlag = pool.submit(() -> {
            Thread.currentThread().interrupt();
            return Thread.interrupted();
        });
        boolean cleared = sameThreadFlag.get();
        shutDownAndWait(pool);
        Report.result("interrupt", after.get(), "nextTaskSawFlag=" + nextSawFlag, "taskClearedOwnFlag=" + cleared,
                "callerFlag=" + Thread.currentThread().isInterrupted());
    }

    /** remove and purge: what they return and what is left in the queue. */
    private static void removeAndPurge() throws Exception {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        Gate gate = new Gate();
        CountDownLatch holding = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        pool.execute(() -> {
            holding.countDown();
            gate.pass();
        });
        holding.await();
        Runnable first = ran::incrementAndGet;
        Runnable second = ran::incrementAndGet;
        pool.execute(first);
        pool.execute(second);
        Future<Integer> kept = pool.submit(() -> ran.incrementAndGet());
        Future<?> removedFuture = pool.submit(ran::incrementAndGet);
        Future<?> cancelledFuture = pool.submit(ran::incrementAndGet);
        Future<?> cancelledInterrupting = pool.submit(ran::incrementAndGet);
        boolean removeFirst = pool.remove(first);
        boolean removeFirstAgain = pool.remove(first);
        boolean removeFuture = pool.remove((Runnable) removedFuture);
        boolean removeStranger = pool.remove(() -> { });
        boolean cancel = cancelledFuture.cancel(false);
        boolean cancelInterrupting = cancelledInterrupting.cancel(true);
        int beforePurge = pool.getQueue().size();
        pool.purge();
        int afterPurge = pool.getQueue().size();
        boolean queueIsFutures = pool.getQueue().contains(second) && pool.getQueue().contains((Runnable) kept);
        gate.open();
        int keptValue = kept.get();
        shutDownAndWait(pool);
        Report.stats("remove", pool);
        Report.result("remove", "removeFirst=" + removeFirst, "removeFirstAgain=" + removeFirstAgain,
                "removeFuture=" + removeFuture, "removeStranger=" + removeStranger, "cancel=" + cancel,
                "cancelInterrupting=" + cancelInterrupting, "beforePurge=" + beforePurge, "afterPurge=" + afterPurge,
                "queueHeldTheVeryObjects=" + queueIsFutures, "ran=" + ran.get(), "kept=" + keptValue,
                "removedFutureDone=" + removedFuture.isDone(), "tasks=" + pool.getTaskCount(),
                "completed=" + pool.getCompletedTaskCount());
    }

    /** ScheduledThreadPoolExecutor: cancel, the remove-on-cancel policy, purge, remove, shutdownNow. */
    private static void scheduledRemoveAndShutdownNow() throws Exception {
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1);
        Labels labels = new Labels();
        ScheduledFuture<?> a = pool.schedule(() -> { }, 1, TimeUnit.HOURS);
        ScheduledFuture<Integer> b = pool.schedule(() -> 2, 1, TimeUnit.HOURS);
        ScheduledFuture<?> c = pool.scheduleAtFixedRate(() -> { }, 1, 1, TimeUnit.HOURS);
        ScheduledFuture<?> d = pool.scheduleWithFixedDelay(() -> { }, 1, 1, TimeUnit.HOURS);
        ScheduledFuture<?> e = pool.schedule(() -> { }, 2, TimeUnit.HOURS);
        ScheduledFuture<?> f = pool.schedule(() -> { }, 3, TimeUnit.HOURS);
        labels.put(a, "a").put(b, "b").put(c, "fixedRate").put(d, "fixedDelay").put(e, "e").put(f, "f");
        int now = pool.submit(() -> 7).get();
        boolean cancelA = a.cancel(false);
        int afterCancel = pool.getQueue().size();
        pool.purge();
        int afterPurge = pool.getQueue().size();
        pool.setRemoveOnCancelPolicy(true);
        boolean cancelB = b.cancel(true);
        int afterRemovingCancel = pool.getQueue().size();
        boolean removeE = pool.remove((Runnable) e);
        boolean removeEAgain = pool.remove((Runnable) e);
        List<Runnable> neverRun = pool.shutdownNow();
        boolean terminated = pool.awaitTermination(30, TimeUnit.SECONDS);
        StringBuilder elements = new StringBuilder();
        for (Runnable task : neverRun) {
            elements.append(elements.length() == 0 ? "" : ",").append(labels.of(task));
        }
        Report.stats("scheduled", pool);
        Report.result("scheduled", "now=" + now, "cancelA=" + cancelA, "queueAfterCancel=" + afterCancel,
                "afterPurge=" + afterPurge, "cancelB=" + cancelB, "afterRemovingCancel=" + afterRemovingCancel,
                "removeE=" + removeE, "removeEAgain=" + removeEAgain, "neverRun=" + elements,
                "fixedRateCancelled=" + c.isCancelled(), "fDone=" + f.isDone(), "terminated=" + terminated,
                "tasks=" + pool.getTaskCount(), "completed=" + pool.getCompletedTaskCount());
        ScheduledThreadPoolExecutor policies = new ScheduledThreadPoolExecutor(1);
        policies.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        ScheduledFuture<?> delayed = policies.schedule(() -> { }, 1, TimeUnit.HOURS);
        ScheduledFuture<?> periodic = policies.scheduleAtFixedRate(() -> { }, 1, 1, TimeUnit.HOURS);
        policies.shutdown();
        boolean policiesTerminated = policies.awaitTermination(30, TimeUnit.SECONDS);
        Report.stats("scheduledPolicies", policies);
        Report.result("scheduledPolicies", "delayedCancelled=" + delayed.isCancelled(),
                "periodicCancelled=" + periodic.isCancelled(), "terminated=" + policiesTerminated,
                "queue=" + policies.getQueue().size());
    }

    /** A subclass decorating its tasks: the decorated task is what runs and what shutdownNow returns. */
    private static void decoratedTasks() throws Exception {
        DecoratingPool pool = new DecoratingPool();
        Labels labels = new Labels();
        ScheduledFuture<Integer> callable = pool.schedule(() -> 3, 0, TimeUnit.MILLISECONDS);
        int value = callable.get();
        Future<?> submitted = pool.submit(() -> { });
        submitted.get();
        // A periodic task that cancels itself in its third run: then it is not re-armed, so
        // exactly three runs happen, whatever the timing.
        CountDownLatch armed = new CountDownLatch(1);
        CountDownLatch thirdRun = new CountDownLatch(1);
        AtomicInteger bodyRuns = new AtomicInteger();
        AtomicReference<ScheduledFuture<?>> self = new AtomicReference<>();
        ScheduledFuture<?> periodic = pool.scheduleAtFixedRate(() -> {
            awaitQuietly(armed);
            if (bodyRuns.incrementAndGet() == 3) {
                self.get().cancel(false);
                thirdRun.countDown();
            }
        }, 0, 1, TimeUnit.MILLISECONDS);
        self.set(periodic);
        armed.countDown();
        thirdRun.await();
        Gate gate = new Gate();
        CountDownLatch holding = new CountDownLatch(1);
        pool.execute(() -> {
            holding.countDown();
            gate.pass();
        });
        holding.await();
        ScheduledFuture<?> later = pool.schedule(() -> { }, 1, TimeUnit.HOURS);
        Future<Integer> queued = pool.submit(() -> 9);
        labels.put(later, "later").put(queued, "queued");
        List<Runnable> neverRun = pool.shutdownNow();
        gate.open();
        boolean terminated = pool.awaitTermination(30, TimeUnit.SECONDS);
        StringBuilder elements = new StringBuilder();
        for (Runnable task : neverRun) {
            elements.append(elements.length() == 0 ? "" : ",").append(labels.of(task))
                    .append(task instanceof DecoratedTask ? ":decorated" : ":plain");
        }
        Report.stats("decorated", pool);
        Report.result("decorated", "value=" + value, "returnedDecorated=" + (callable instanceof DecoratedTask
                && submitted instanceof DecoratedTask && periodic instanceof DecoratedTask),
                "decoratedRuns=" + pool.decoratedRuns.get(), "bodyRuns=" + bodyRuns.get(),
                "periodicCancelled=" + periodic.isCancelled(), "neverRun=" + elements, "terminated=" + terminated,
                "decorations=" + pool.decorations.get(), "completed=" + pool.getCompletedTaskCount());
    }

    /** Rejection handlers get the very Runnable and executor; the JDK policies behave as documented. */
    private static void rejectionHandlers() throws Exception {
        AtomicReference<Runnable> seen = new AtomicReference<>();
        AtomicReference<Object> seenExecutor = new AtomicReference<>();
        RejectedExecutionHandler recording = (r, executor) -> {
            seen.set(r);
            seenExecutor.set(executor);
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1), recording);
        Gate gate = new Gate();
        CountDownLatch holding = new CountDownLatch(1);
        pool.execute(() -> {
            holding.countDown();
            gate.pass();
        });
        holding.await();
        pool.execute(() -> { });
        Runnable refused = () -> { };
        pool.execute(refused);
        boolean sameRunnable = seen.get() == refused;
        boolean sameExecutor = seenExecutor.get() == pool;
        Future<Integer> refusedFuture = pool.submit(() -> 1);
        boolean handlerGotTheFuture = seen.get() == refusedFuture;
        boolean refusedFutureDone = refusedFuture.isDone();
        gate.open();
        shutDownAndWait(pool);
        Runnable afterShutdown = () -> { };
        pool.execute(afterShutdown);
        boolean afterShutdownToHandler = seen.get() == afterShutdown;
        Report.stats("rejectCustom", pool);
        Report.result("rejectCustom", "sameRunnable=" + sameRunnable, "sameExecutor=" + sameExecutor,
                "handlerGotTheFuture=" + handlerGotTheFuture, "refusedFutureDone=" + refusedFutureDone,
                "afterShutdownToHandler=" + afterShutdownToHandler, "tasks=" + pool.getTaskCount(),
                "completed=" + pool.getCompletedTaskCount());

        // DiscardOldestPolicy: the oldest queued task goes, the new one runs.
        ThreadPoolExecutor oldest = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1),
                new ThreadPoolExecutor.DiscardOldestPolicy());
        Gate gate2 = new Gate();
        CountDownLatch holding2 = new CountDownLatch(1);
        StringBuffer order = new StringBuffer();
        oldest.execute(() -> {
            holding2.countDown();
            gate2.pass();
            order.append("held;");
        });
        holding2.await();
        Future<?> discarded = oldest.submit(() -> order.append("discarded;"));
        oldest.execute(() -> order.append("newest;"));
        gate2.open();
        shutDownAndWait(oldest);
        // DiscardPolicy and AbortPolicy
        ThreadPoolExecutor discard = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1),
                new ThreadPoolExecutor.DiscardPolicy());
        discard.shutdown();
        Future<Integer> silentlyDropped = discard.submit(() -> 1);
        String abort = refusal(() -> new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1)) {
            {
                shutdown();
            }
        }.execute(() -> { }));
        Report.result("rejectPolicies", "discardOldestOrder=" + order, "discardedDone=" + discarded.isDone(),
                "discardedCancelled=" + discarded.isCancelled(), "discardDropped=" + !silentlyDropped.isDone(),
                "abort=" + abort, "oldestTasks=" + oldest.getTaskCount(),
                "oldestCompleted=" + oldest.getCompletedTaskCount());
    }

    /** beforeExecute/afterExecute receive the very task objects and the very exception. */
    private static void hooksSeeTheTasks() throws Exception {
        Map<Runnable, String> before = new IdentityHashMap<>();
        Map<Runnable, Throwable> after = new IdentityHashMap<>();
        CountDownLatch executedOne = new CountDownLatch(1);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>()) {
            @Override
            protected void beforeExecute(Thread t, Runnable r) {
                synchronized (before) {
                    before.put(r, t == Thread.currentThread() ? "currentThread" : "other");
                }
            }

            @Override
            protected void afterExecute(Runnable r, Throwable t) {
                synchronized (before) {
                    after.put(r, t);
                }
                executedOne.countDown();
            }
        };
        pool.setThreadFactory(runnable -> {
            Thread thread = new Thread(runnable, "hooks-worker");
            thread.setUncaughtExceptionHandler((t, e) -> { });
            return thread;
        });
        IllegalStateException boom = new IllegalStateException("boom");
        Runnable throwing = () -> {
            throw boom;
        };
        pool.execute(throwing);
        executedOne.await();
        Future<Integer> future = pool.submit(() -> 5);
        int value = future.get();
        Future<?> failing = pool.submit(() -> {
            throw boom;
        });
        String failure = causeOf(failing);
        shutDownAndWait(pool);
        String result;
        synchronized (before) {
            result = "beforeThrowing=" + before.get(throwing) + "\tafterThrowingSameException=" + (after.get(throwing) == boom)
                    + "\tbeforeFuture=" + before.get((Runnable) future) + "\tafterFutureThrowable=" + after.get((Runnable) future)
                    + "\tafterFailingFutureThrowable=" + after.get((Runnable) failing) + "\tentries=" + before.size() + "/" + after.size();
        }
        Report.result("hooks", result.split("\t"));
        Report.result("hooksCaller", "value=" + value, "failure=" + failure, "failureIsTheThrown="
                + (failureCause(failing) == boom), "completed=" + pool.getCompletedTaskCount());
    }

    /** Exceptions callers see: null tasks, rejections, invokeAny/invokeAll, timeouts, cancellation. */
    private static void callerExceptions() throws Exception {
        ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(2);
        ScheduledThreadPoolExecutor scheduled = new ScheduledThreadPoolExecutor(1);
        ForkJoinPool fjp = new ForkJoinPool(2);
        String nulls = "execute=" + refusal(() -> pool.execute(null))
                + ",submit=" + refusal(() -> pool.submit((Runnable) null))
                + ",schedule=" + refusal(() -> scheduled.schedule((Runnable) null, 1, TimeUnit.SECONDS))
                + ",fjpExecute=" + refusal(() -> fjp.execute((Runnable) null))
                + ",fjpSubmit=" + refusal(() -> fjp.submit((Callable<?>) null))
                + ",badPool=" + refusal(() -> new ThreadPoolExecutor(2, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>()));
        List<Callable<Integer>> mixed = List.of(
                () -> {
                    throw new IllegalArgumentException("one");
                },
                () -> 42,
                () -> {
                    throw new IllegalArgumentException("two");
                });
        int any = pool.invokeAny(mixed);
        String allFail;
        try {
            pool.invokeAny(List.<Callable<Integer>>of(() -> {
                throw new IllegalArgumentException("only");
            }));
            allFail = "none";
        } catch (ExecutionException e) {
            allFail = "ExecutionException:" + e.getCause().getClass().getSimpleName() + ":" + e.getCause().getMessage();
        }
        StringBuilder invokeAll = new StringBuilder();
        for (Future<Integer> future : pool.invokeAll(mixed)) {
            invokeAll.append(invokeAll.length() == 0 ? "" : ",").append(future.isDone()).append(':').append(causeOf(future));
        }
        StringBuilder fjpInvokeAll = new StringBuilder();
        for (Future<Integer> future : fjp.invokeAll(mixed)) {
            fjpInvokeAll.append(fjpInvokeAll.length() == 0 ? "" : ",").append(future.isDone()).append(':').append(causeType(future));
        }
        Gate gate = new Gate();
        Future<Integer> slow = pool.submit(() -> {
            gate.pass();
            return 1;
        });
        String timeout;
        try {
            slow.get(1, TimeUnit.MILLISECONDS);
            timeout = "none";
        } catch (TimeoutException expected) {
            timeout = "TimeoutException";
        }
        gate.open();
        int slowValue = slow.get();
        Gate hold = new Gate();
        CountDownLatch holding = new CountDownLatch(2);
        pool.execute(() -> {
            holding.countDown();
            hold.pass();
        });
        pool.execute(() -> {
            holding.countDown();
            hold.pass();
        });
        holding.await();
        Future<Integer> cancelled = pool.submit(() -> 1);
        cancelled.cancel(false);
        String cancellation = causeOf(cancelled);
        hold.open();
        shutDownAndWait(pool);
        String rejected = refusal(() -> pool.submit(() -> 1));
        scheduled.shutdown();
        String scheduledRejected = refusal(() -> scheduled.schedule(() -> 1, 1, TimeUnit.SECONDS));
        fjp.shutdown();
        String fjpRejected = refusal(() -> fjp.submit(() -> 1));
        scheduled.awaitTermination(30, TimeUnit.SECONDS);
        fjp.awaitTermination(30, TimeUnit.SECONDS);
        Report.stats("callers", pool);
        Report.stats("callersForkJoin", fjp);
        Report.result("callers", "nulls=" + nulls, "invokeAny=" + any, "invokeAnyAllFail=" + allFail,
                "invokeAll=" + invokeAll, "fjpInvokeAll=" + fjpInvokeAll, "timeout=" + timeout,
                "slow=" + slowValue, "cancelled=" + cancellation, "rejected=" + rejected,
                "scheduledRejected=" + scheduledRejected, "fjpRejected=" + fjpRejected);
    }

    /** ForkJoinPool: results, quiescence, exceptions, shutdownNow. */
    private static void forkJoin() throws Exception {
        ForkJoinPool pool = new ForkJoinPool(2);
        long fib = pool.invoke(new Fibonacci(20));
        ForkJoinTask<Long> submitted = pool.submit(new Fibonacci(18));
        AtomicInteger executed = new AtomicInteger();
        for (int i = 0; i < 50; i++) {
            pool.execute(executed::incrementAndGet);
        }
        for (int i = 0; i < 20; i++) {
            pool.execute(new Fibonacci(12));
        }
        boolean quiescent = pool.awaitQuiescence(30, TimeUnit.SECONDS);
        String quiet = "awaitQuiescence=" + quiescent + ",isQuiescent=" + pool.isQuiescent()
                + ",queuedSubmissions=" + pool.getQueuedSubmissionCount() + ",queuedTasks=" + pool.getQueuedTaskCount()
                + ",active=" + pool.getActiveThreadCount() + ",executed=" + executed.get();
        long submittedValue = submitted.get();
        IllegalStateException thrown = new IllegalStateException("fj failure");
        ForkJoinTask<Object> failing = pool.submit(() -> {
            throw thrown;
        });
        String failure = "cause=" + causeType(failing) + ",chainHasTheThrown=" + chainContains(failureCause(failing), thrown)
                + ",isCompletedAbnormally=" + failing.isCompletedAbnormally();
        String invokeFailure;
        try {
            pool.invoke(ForkJoinTask.adapt(() -> {
                throw thrown;
            }));
            invokeFailure = "none";
        } catch (IllegalStateException e) {
            invokeFailure = "IllegalStateException,chainHasTheThrown=" + chainContains(e, thrown);
        }
        long external = new Fibonacci(15).fork().join(); // an outside fork goes to the common pool
        long parallel = LongStream.rangeClosed(1, 100_000).parallel().sum();
        Gate gate = new Gate();
        CountDownLatch holding = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
            pool.execute(() -> {
                holding.countDown();
                gate.pass();
            });
        }
        holding.await();
        ForkJoinTask<Integer> queued = pool.submit(() -> 1);
        List<Runnable> neverRun = pool.shutdownNow();
        gate.open();
        boolean terminated = pool.awaitTermination(30, TimeUnit.SECONDS);
        Report.stats("forkJoin", pool);
        Report.result("forkJoin", "fib20=" + fib, "fib18=" + submittedValue, "quiescence=" + quiet, "failure=" + failure,
                "invokeFailure=" + invokeFailure, "externalFork=" + external, "parallelSum=" + parallel,
                "shutdownNowSize=" + neverRun.size(), "queuedCancelled=" + queued.isCancelled(),
                "terminated=" + terminated, "isQuiescentAfter=" + pool.isQuiescent());
    }

    /** CompletableFuture on a pool, a ForkJoinPool and the common pool: results and exceptions. */
    private static void completableFutures() throws Exception {
        ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(2);
        ForkJoinPool fjp = new ForkJoinPool(2);
        List<String> out = new ArrayList<>();
        List<String> names = List.of("pool", "forkJoinPool", "commonPool");
        List<java.util.concurrent.Executor> executors = List.of(pool, fjp, ForkJoinPool.commonPool());
        for (int i = 0; i < executors.size(); i++) {
            java.util.concurrent.Executor executor = executors.get(i);
            IllegalStateException thrown = new IllegalStateException("cf failure");
            CompletableFuture<Integer> value = CompletableFuture.supplyAsync(() -> 20, executor)
                    .thenApplyAsync(v -> v + 1, executor)
                    .thenCombineAsync(CompletableFuture.supplyAsync(() -> 2, executor), (x, y) -> x * y, executor);
            CompletableFuture<Integer> failing = CompletableFuture.supplyAsync(() -> {
                throw thrown;
            }, executor);
            String join;
            try {
                failing.join();
                join = "none";
            } catch (CompletionException e) {
                join = "CompletionException/causeIsTheThrown=" + (e.getCause() == thrown);
            }
            String get;
            try {
                failing.get();
                get = "none";
            } catch (ExecutionException e) {
                get = "ExecutionException/causeIsTheThrown=" + (e.getCause() == thrown);
            }
            int recovered = failing.exceptionally(e -> -1).join();
            String handled = CompletableFuture.runAsync(() -> {
                throw thrown;
            }, executor).handle((v, e) -> e == null ? "none" : e.getClass().getSimpleName() + "/"
                    + (e.getCause() == thrown)).join();
            CompletableFuture<Void> all = CompletableFuture.allOf(value, CompletableFuture.runAsync(() -> { }, executor));
            all.join();
            out.add(names.get(i) + "=value:" + value.join() + ",join:" + join + ",get:" + get + ",recovered:" + recovered
                    + ",handled:" + handled + ",allDone:" + all.isDone());
        }
        shutDownAndWait(pool);
        fjp.shutdown();
        boolean fjpTerminated = fjp.awaitTermination(30, TimeUnit.SECONDS);
        Report.stats("completablePool", pool);
        Report.stats("completableForkJoin", fjp);
        out.add("fjpTerminated=" + fjpTerminated);
        Report.result("completable", out.toArray(new String[0]));
    }

    // ----- helpers

    private static void shutDownAndWait(java.util.concurrent.ExecutorService pool) throws InterruptedException {
        pool.shutdown();
        if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("pool did not terminate: " + pool);
        }
    }

    /** Runs {@code action}, returning the simple name of what it threw, or {@code none}. */
    private static String refusal(ThrowingAction action) {
        try {
            action.run();
            return "none";
        } catch (Exception e) {
            return e.getClass().getSimpleName();
        }
    }

    private interface ThrowingAction {
        void run() throws Exception;
    }

    /** How {@code future.get()} ends: value, or exception type and cause type. */
    private static String causeOf(Future<?> future) throws InterruptedException {
        try {
            return "value:" + future.get();
        } catch (ExecutionException e) {
            return "ExecutionException/" + e.getCause().getClass().getSimpleName() + "/" + e.getCause().getMessage();
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }

    /**
     * Like {@link #causeOf} without the message: a {@code ForkJoinTask} rethrows in another
     * thread a copy of the exception (its cause the original, its message the original's
     * {@code toString()}), or the original when the caller ran the task itself; which one
     * happens is a race the JDK leaves open.
     */
    private static String causeType(Future<?> future) throws InterruptedException {
        try {
            return "value:" + future.get();
        } catch (ExecutionException e) {
            return "ExecutionException/" + e.getCause().getClass().getSimpleName();
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Throwable failureCause(Future<?> future) throws InterruptedException {
        try {
            future.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private static boolean chainContains(Throwable chain, Throwable wanted) {
        for (Throwable t = chain; t != null; t = t.getCause()) {
            if (t == wanted) {
                return true;
            }
        }
        return false;
    }

    /** Names objects by identity; anything unnamed is described by its type, lambdas normalised. */
    private static final class Labels {
        private final Map<Object, String> names = new IdentityHashMap<>();

        Labels put(Object object, String name) {
            names.put(object, name);
            return this;
        }

        String of(Object object) {
            String name = names.get(object);
            if (name != null) {
                return name;
            }
            String type = object.getClass().getName();
            int lambda = type.indexOf("$$Lambda");
            return "unknown:" + (lambda < 0 ? type : type.substring(0, lambda) + "$$Lambda");
        }
    }

    private static final class NamedTask implements Runnable {
        @Override
        public void run() {
        }
    }

    private static final class Fibonacci extends RecursiveTask<Long> {
        private final int n;

        Fibonacci(int n) {
            this.n = n;
        }

        @Override
        protected Long compute() {
            if (n <= 10) {
                return slow(n);
            }
            Fibonacci left = new Fibonacci(n - 1);
            left.fork();
            return new Fibonacci(n - 2).compute() + left.join();
        }

        private static long slow(int n) {
            return n < 2 ? n : slow(n - 1) + slow(n - 2);
        }
    }

    /** Decorates every task; counts decorations and runs of decorated tasks. */
    static final class DecoratingPool extends ScheduledThreadPoolExecutor {
        final AtomicInteger decorations = new AtomicInteger();
        final AtomicInteger decoratedRuns = new AtomicInteger();

        DecoratingPool() {
            super(1);
        }

        @Override
        protected <V> RunnableScheduledFuture<V> decorateTask(Runnable runnable, RunnableScheduledFuture<V> task) {
            decorations.incrementAndGet();
            return new DecoratedTask<>(task, decoratedRuns);
        }

        @Override
        protected <V> RunnableScheduledFuture<V> decorateTask(Callable<V> callable, RunnableScheduledFuture<V> task) {
            decorations.incrementAndGet();
            return new DecoratedTask<>(task, decoratedRuns);
        }
    }

    /** A wrapper that is not a FutureTask: the agent cannot read its outcome, and must not need to. */
    static final class DecoratedTask<V> implements RunnableScheduledFuture<V> {
        private final RunnableScheduledFuture<V> task;
        private final AtomicInteger runs;

        DecoratedTask(RunnableScheduledFuture<V> task, AtomicInteger runs) {
            this.task = task;
            this.runs = runs;
        }

        @Override
        public void run() {
            runs.incrementAndGet();
            task.run();
        }

        @Override
        public boolean isPeriodic() {
            return task.isPeriodic();
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return task.getDelay(unit);
        }

        @Override
        public int compareTo(Delayed other) {
            return task.compareTo(other instanceof DecoratedTask ? ((DecoratedTask<?>) other).task : other);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return task.cancel(mayInterruptIfRunning);
        }

        @Override
        public boolean isCancelled() {
            return task.isCancelled();
        }

        @Override
        public boolean isDone() {
            return task.isDone();
        }

        @Override
        public V get() throws InterruptedException, ExecutionException {
            return task.get();
        }

        @Override
        public V get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
            return task.get(timeout, unit);
        }
    }
}
