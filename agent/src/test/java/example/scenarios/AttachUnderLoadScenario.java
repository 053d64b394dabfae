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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * An application under steady load — two threads feeding a thread pool and a fork/join pool
 * (and {@code CompletableFuture} stages across both) batch after batch — into which a test
 * attaches the agent, detaches it and attaches it again from outside, with the command line
 * (the child of {@code RunningChild}). Every task has an id, counts its runs, and returns a
 * value derived from its id, so the application itself can tell whether a task was lost, ran
 * twice, or came back with a wrong value.
 *
 * <p>The pools are warm before it answers {@code start} (their workers predate any attach), and
 * the feeders run from then until {@code end}, whatever the test does meanwhile. Commands, one
 * per line on stdin, {@code <id> <command> <args>}, each answer ending with
 * {@code #done<TAB><id>}:
 * <ul>
 *   <li>{@code stage <n>} — from now on batches count towards stage {@code n} (the test says
 *       which after each command line returns); answers once each feeder has finished
 *       {@value #BATCHES_PER_STAGE} batches begun in it, with {@code #result stage-<n>}: the
 *       agent's state property then, and the tasks so far;</li>
 *   <li>{@code end} — stops the feeders, shuts both pools down and waits for their end; then
 *       {@code #result load} (what the application saw) and {@code #stats pool},
 *       {@code #stats forkJoin} (what the agent counted).</li>
 * </ul>
 * When stdin ends the scenario exits with status 0; a command that fails prints
 * {@code #failed<TAB><id>} and exits with 3.
 */
public final class AttachUnderLoadScenario {

    static final int MAX_TASKS = 4_000_000;
    static final int BATCH = 400;
    /** The pace the feeders keep to (together): thousands a second, for minutes within MAX_TASKS. */
    static final int TASKS_PER_SECOND = 20_000;
    /** Batches each feeder finishes in a stage before {@code stage} answers. */
    static final int BATCHES_PER_STAGE = 2;
    private static final int FEEDERS = 2;
    private static final long LIMIT_SECONDS = 60;

    private final AtomicIntegerArray runs = new AtomicIntegerArray(MAX_TASKS);
    private final AtomicInteger ids = new AtomicInteger();
    private final LongAdder wrongValues = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(2);
    private final ForkJoinPool forkJoin = new ForkJoinPool(2);
    private final List<Thread> feeders = new ArrayList<>();
    private final long started = System.nanoTime();
    private volatile boolean stop;

    /** Guards the stage bookkeeping below; feeders notify it after each batch. */
    private final Object stages = new Object();
    private int stage;
    /** Per stage and feeder: batches begun and finished in that stage. */
    private final int[][] batches = new int[8][FEEDERS];
    private boolean exhausted;

    private AttachUnderLoadScenario() {
    }

    static long valueOf(int id) {
        return id * 31L + 7;
    }

    public static void main(String[] args) throws Exception {
        AttachUnderLoadScenario scenario = new AttachUnderLoadScenario();
        scenario.batch(); // warm: the workers now run the JDK's original loop
        scenario.startFeeders();
        Conversation.run(scenario::answer);
        scenario.stopFeeders();
        System.exit(0);
    }

    private void answer(String[] words) throws Exception {
        switch (words[1]) {
            case "stage":
                awaitStage(Integer.parseInt(words[2]));
                break;
            case "end":
                end();
                break;
            default:
                throw new IllegalArgumentException("unknown command " + String.join(" ", words));
        }
    }

    private void startFeeders() {
        for (int f = 0; f < FEEDERS; f++) {
            int feeder = f;
            Thread thread = new Thread(() -> feed(feeder), "feeder-" + f);
            feeders.add(thread);
            thread.start();
        }
    }

    private void feed(int feeder) {
        while (!stop) {
            int current;
            synchronized (stages) {
                current = stage;
            }
            batch();
            synchronized (stages) {
                if (current == stage) { // a batch that straddles a stage change counts for neither
                    batches[current][feeder]++;
                }
                if (ids.get() > MAX_TASKS - 10 * BATCH) {
                    exhausted = true;
                    stop = true;
                }
                stages.notifyAll();
            }
            keepPace();
        }
    }

    /** Moves to stage {@code next} and waits until every feeder finished its batches in it. */
    private void awaitStage(int next) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS);
        synchronized (stages) {
            stage = next;
            while (!stageDone(next)) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || exhausted) {
                    throw new IllegalStateException("the feeders did not finish " + BATCHES_PER_STAGE
                            + " batches each in stage " + next + (exhausted ? ": out of task ids" : " in time"));
                }
                TimeUnit.NANOSECONDS.timedWait(stages, left);
            }
        }
        Report.result("stage-" + next, "property=" + System.getProperty("futurist.agent"), "tasksSoFar=" + ids.get());
    }

    private boolean stageDone(int which) {
        for (int count : batches[which]) {
            if (count < BATCHES_PER_STAGE) {
                return false;
            }
        }
        return true;
    }

    private void stopFeeders() throws InterruptedException {
        stop = true;
        for (Thread feeder : feeders) {
            feeder.join();
        }
    }

    private void end() throws InterruptedException {
        stopFeeders();
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        pool.shutdown();
        forkJoin.shutdown();
        boolean terminated = pool.awaitTermination(LIMIT_SECONDS, TimeUnit.SECONDS)
                & forkJoin.awaitTermination(LIMIT_SECONDS, TimeUnit.SECONDS);
        int tasks = ids.get();
        int lost = 0;
        int twice = 0;
        for (int id = 0; id < tasks; id++) {
            int count = runs.get(id);
            lost += count == 0 ? 1 : 0;
            twice += count > 1 ? 1 : 0;
        }
        int publishers = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            publishers += thread.getName().equals("futurist-jmx-publisher") ? 1 : 0;
        }
        Report.result("load", "tasks=" + tasks, "perSecond=" + tasks / seconds, "lost=" + lost, "ranTwice=" + twice,
                "wrongValues=" + wrongValues.sum(), "failed=" + failed.sum(), "terminated=" + terminated,
                "publisherThreads=" + publishers);
        Report.stats("pool", pool);
        Report.stats("forkJoin", forkJoin);
    }

    /** Pacing, not synchronisation: a feeder ahead of {@link #TASKS_PER_SECOND} waits until it is not. */
    private void keepPace() {
        long due = started + ids.get() * 1_000_000_000L / TASKS_PER_SECOND;
        long ahead = due - System.nanoTime();
        if (ahead > 0) {
            LockSupport.parkNanos(ahead);
        }
    }

    /** One batch: tasks on both pools and async stages across them; checks every value. */
    private void batch() {
        List<Future<Long>> futures = new ArrayList<>(BATCH);
        List<Integer> taskIds = new ArrayList<>(BATCH);
        List<CompletableFuture<Long>> stagesOfBatch = new ArrayList<>();
        List<Integer> stageIds = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            int id = ids.getAndIncrement();
            taskIds.add(id);
            ExecutorService target = i % 3 == 0 ? forkJoin : pool;
            futures.add(target.submit(() -> {
                runs.incrementAndGet(id);
                return valueOf(id);
            }));
            if (i % 20 == 0) {
                int stageId = ids.getAndIncrement();
                stageIds.add(stageId);
                stagesOfBatch.add(CompletableFuture.supplyAsync(() -> {
                    runs.incrementAndGet(stageId);
                    return (long) stageId;
                }, forkJoin).thenApplyAsync(AttachUnderLoadScenario::valueOfId, pool));
            }
        }
        for (int i = 0; i < futures.size(); i++) {
            check(futures.get(i), taskIds.get(i));
        }
        for (int i = 0; i < stagesOfBatch.size(); i++) {
            check(stagesOfBatch.get(i), stageIds.get(i));
        }
    }

    private static long valueOfId(long id) {
        return valueOf((int) id);
    }

    private void check(Future<Long> future, int id) {
        try {
            if (future.get(LIMIT_SECONDS, TimeUnit.SECONDS) != valueOf(id)) {
                wrongValues.increment();
            }
        } catch (Exception e) {
            failed.increment();
        }
    }
}
