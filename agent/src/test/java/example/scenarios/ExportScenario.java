package example.scenarios;

import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A workload with known numbers for the exporters' tests (Prometheus, JFR): one pool,
 * {@value #POOL}, of two daemon workers and a queue of four, that ends up with 11 tasks
 * submitted, 10 executed, 2 failures, 1 cancelled, 2 rejected, none active or queued. The pool
 * stays alive, so it is among the live executors an exporter shows.
 *
 * <p>Modes: {@code serve} — after the workload, answers requests until stdin closes
 * ({@code stats} prints the numbers again); {@code exit} — prints the numbers and ends (a
 * recording started with {@code -XX:StartFlightRecording} is written at exit);
 * {@code record <file>} — the application records with {@code jdk.jfr.Recording}, with
 * Futurist's event at the end of the recording, and writes it to {@code file}.
 */
public final class ExportScenario {

    /** The name Futurist gives the pool (after its workers' names). */
    static final String POOL = "orders-*";

    private ExportScenario() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length == 0 ? "exit" : args[0];
        AutoCloseable recording = mode.equals("record") ? FlightRecording.start() : null;
        ThreadPoolExecutor pool = workload();
        printNumbers();
        if (recording != null) {
            FlightRecording.stopAndWrite(recording, Path.of(args[1]));
        }
        if (mode.equals("serve")) {
            Conversation.run(words -> {
                if (words[1].equals("one")) {
                    // One more task, e.g. after an attach, which counts from then on.
                    long completed = pool.getCompletedTaskCount();
                    pool.submit(() -> { }).get();
                    settle(pool, completed + 1);
                }
                printNumbers();
            });
        }
        Report.result("done", "pool=" + pool.getCompletedTaskCount());
    }

    static ThreadPoolExecutor workload() throws Exception {
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(4), task -> {
            Thread thread = new Thread(task, "orders-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        Gate gate = new Gate();
        CountDownLatch held = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
            pool.execute(() -> {
                held.countDown();
                gate.pass();
            });
        }
        held.await();
        Future<?> doomed = pool.submit(() -> { });
        for (int i = 0; i < 3; i++) {
            pool.execute(() -> { });
        }
        int rejected = 0;
        for (int i = 0; i < 2; i++) {
            try {
                pool.execute(() -> { });
            } catch (RejectedExecutionException full) {
                rejected++;
            }
        }
        doomed.cancel(false);
        gate.open();
        settle(pool, 6); // the queue empty again (the JDK counts the cancelled task too, its worker took it off the queue)
        int failed = 0;
        for (int i = 0; i < 5; i++) {
            int n = i;
            // One at a time: five at once could find the queue still full with idle workers not yet woken.
            Future<Integer> result = pool.submit(() -> {
                if (n < 2) {
                    throw new IllegalStateException("order " + n + " is malformed");
                }
                return n;
            });
            try {
                result.get();
            } catch (ExecutionException expected) {
                failed++;
            }
        }
        settle(pool, 11);
        Report.result("workload", "rejected=" + rejected, "failed=" + failed);
        return pool;
    }

    private static void printNumbers() {
        if (Report.futuristPresent()) {
            Report.print("stats", "orders", ExportView.exported(POOL));
            Report.result("executors", ExportView.executors());
        }
        Report.result("threads", "agent=" + agentThreads());
    }

    /** The names of the live threads the agent started (its names begin with futurist-), sorted. */
    private static String agentThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith("futurist-")).sorted().collect(java.util.stream.Collectors.joining(","));
    }

    /** Waits until {@code pool} has completed {@code completed} tasks and, with Futurist, recorded them. */
    private static void settle(ThreadPoolExecutor pool, long completed) throws InterruptedException {
        while (pool.getCompletedTaskCount() < completed || pool.getActiveCount() > 0) {
            Thread.sleep(1); // a bounded wait for a condition: the scenario's time limit bounds it
        }
        if (Report.futuristPresent()) {
            ExportView.awaitSettled(pool);
        }
    }

    /** The application's own recording: Futurist's event once, when the recording ends. */
    private static final class FlightRecording {
        static AutoCloseable start() {
            jdk.jfr.Recording recording = new jdk.jfr.Recording();
            recording.enable("io.futurist.ExecutorStatistics").with("period", "endChunk");
            recording.setToDisk(true);
            recording.start();
            return recording;
        }

        static void stopAndWrite(AutoCloseable handle, Path file) throws Exception {
            jdk.jfr.Recording recording = (jdk.jfr.Recording) handle;
            recording.stop();
            recording.dump(file);
            recording.close();
        }
    }
}
