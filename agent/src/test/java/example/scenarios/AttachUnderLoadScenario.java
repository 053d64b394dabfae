package example.scenarios;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * An application under steady load — two threads feeding a thread pool and a fork/join pool
 * (and {@code CompletableFuture} stages across both) batch after batch — into which a test
 * attaches the agent, detaches it and attaches it again from outside, with the command line.
 * Every task has an id, counts its runs, and returns a value derived from its id, so the
 * application itself can tell whether a task was lost, ran twice, or came back with a wrong
 * value.
 *
 * <p>Prints {@code #ready} once the pools are warm (their workers predate any attach). Between
 * batches it watches the agent's state property: {@code #state} lines record each change. Two
 * batches after the second attach it stops, shuts the pools down and prints {@code #result load}
 * and, through the attached agent, {@code #stats} of both pools. Gives up after {@code args[0]}
 * seconds without seeing attach, detach, attach.
 */
public final class AttachUnderLoadScenario {

    static final int MAX_TASKS = 4_000_000;
    static final int BATCH = 400;
    /** The pace the feeders keep to (together): thousands a second, for minutes within MAX_TASKS. */
    static final int TASKS_PER_SECOND = 20_000;

    private static final AtomicIntegerArray RUNS = new AtomicIntegerArray(MAX_TASKS);
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final LongAdder WRONG_VALUES = new LongAdder();
    private static final LongAdder FAILED = new LongAdder();

    /** Which agent state each feeder saw last: 0 none, 1 attached, 2 detached, 3 attached again. */
    private static final AtomicInteger STAGE = new AtomicInteger();
    private static final int[] BATCHES_PER_STAGE = new int[4];
    private static final AtomicInteger BATCHES_AFTER_REATTACH = new AtomicInteger();

    private AttachUnderLoadScenario() {
    }

    static long valueOf(int id) {
        return id * 31L + 7;
    }

    public static void main(String[] args) throws Exception {
        Report.env();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[0]));
        ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(2);
        ForkJoinPool forkJoin = new ForkJoinPool(2);
        AtomicBoolean stop = new AtomicBoolean();
        long started = System.nanoTime();
        batch(pool, forkJoin); // warm: the workers now run the JDK's original loop
        Report.print("ready", "pid", "pid=" + ProcessHandle.current().pid());
        System.out.flush();
        List<Thread> feeders = new ArrayList<>();
        for (int f = 0; f < 2; f++) {
            Thread feeder = new Thread(() -> {
                while (!stop.get()) {
                    int stage = observe();
                    batch(pool, forkJoin);
                    synchronized (BATCHES_PER_STAGE) {
                        BATCHES_PER_STAGE[stage]++;
                    }
                    if ((stage == 3 && BATCHES_AFTER_REATTACH.incrementAndGet() >= 4)
                            || System.nanoTime() > deadline || IDS.get() > MAX_TASKS - 10 * BATCH) {
                        stop.set(true);
                    }
                    keepPace(started);
                }
            }, "feeder-" + f);
            feeders.add(feeder);
            feeder.start();
        }
        for (Thread feeder : feeders) {
            feeder.join();
        }
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        pool.shutdown();
        forkJoin.shutdown();
        boolean terminated = pool.awaitTermination(60, TimeUnit.SECONDS) & forkJoin.awaitTermination(60, TimeUnit.SECONDS);
        int tasks = IDS.get();
        int lost = 0;
        int twice = 0;
        for (int id = 0; id < tasks; id++) {
            int runs = RUNS.get(id);
            lost += runs == 0 ? 1 : 0;
            twice += runs > 1 ? 1 : 0;
        }
        int publishers = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            publishers += thread.getName().equals("futurist-jmx-publisher") ? 1 : 0;
        }
        Report.result("load", "stage=" + STAGE.get(), "tasks=" + tasks, "perSecond=" + tasks / seconds, "lost=" + lost,
                "ranTwice=" + twice, "wrongValues=" + WRONG_VALUES.sum(), "failed=" + FAILED.sum(),
                "terminated=" + terminated, "batchesBeforeAttach=" + BATCHES_PER_STAGE[0],
                "batchesAttached=" + BATCHES_PER_STAGE[1], "batchesDetached=" + BATCHES_PER_STAGE[2],
                "batchesReattached=" + BATCHES_PER_STAGE[3], "publisherThreads=" + publishers);
        if (STAGE.get() == 3) {
            Report.print("stats", "pool", FuturistView.stats(pool));
            Report.print("stats", "forkJoin", FuturistView.stats(forkJoin));
        }
    }

    /** Pacing, not synchronisation: a feeder ahead of {@link #TASKS_PER_SECOND} waits until it is not. */
    private static void keepPace(long started) {
        long due = started + IDS.get() * 1_000_000_000L / TASKS_PER_SECOND;
        long ahead = due - System.nanoTime();
        if (ahead > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(ahead);
        }
    }

    /** Moves through the stages as the agent's state property changes; prints each change. */
    private static int observe() {
        synchronized (STAGE) {
            String state = System.getProperty("futurist.agent");
            int stage = STAGE.get();
            boolean active = state != null && state.startsWith("active");
            boolean detached = "detached".equals(state);
            int next = stage == 0 && active ? 1 : stage == 1 && detached ? 2 : stage == 2 && active ? 3 : stage;
            if (next != stage) {
                STAGE.set(next);
                Report.print("state", "stage" + next, "property=" + state, "tasksSoFar=" + IDS.get());
            }
            return next;
        }
    }

    /** One batch: tasks on both pools and async stages across them; checks every value. */
    private static void batch(ExecutorService pool, ForkJoinPool forkJoin) {
        List<Future<Long>> futures = new ArrayList<>(BATCH);
        List<Integer> ids = new ArrayList<>(BATCH);
        List<CompletableFuture<Long>> stages = new ArrayList<>();
        List<Integer> stageIds = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            int id = IDS.getAndIncrement();
            ids.add(id);
            ExecutorService target = i % 3 == 0 ? forkJoin : pool;
            futures.add(target.submit(() -> {
                RUNS.incrementAndGet(id);
                return valueOf(id);
            }));
            if (i % 20 == 0) {
                int stageId = IDS.getAndIncrement();
                stageIds.add(stageId);
                stages.add(CompletableFuture.supplyAsync(() -> {
                    RUNS.incrementAndGet(stageId);
                    return (long) stageId;
                }, forkJoin).thenApplyAsync(AttachUnderLoadScenario::valueOfId, pool));
            }
        }
        for (int i = 0; i < futures.size(); i++) {
            check(futures.get(i), ids.get(i));
        }
        for (int i = 0; i < stages.size(); i++) {
            check(stages.get(i), stageIds.get(i));
        }
    }

    private static long valueOfId(long id) {
        return valueOf((int) id);
    }

    private static void check(Future<Long> future, int id) {
        try {
            if (future.get(60, TimeUnit.SECONDS) != valueOf(id)) {
                WRONG_VALUES.increment();
            }
        } catch (Exception e) {
            FAILED.increment();
        }
    }
}
