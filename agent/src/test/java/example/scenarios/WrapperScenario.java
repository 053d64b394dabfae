package example.scenarios;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's delegating wrappers, seen through to the pool inside, and the alive flag across
 * {@code shutdown}, {@code shutdownNow} and (Java 19+) {@code close}.
 */
public final class WrapperScenario {

    private WrapperScenario() {
    }

    public static void main(String[] args) throws Exception {
        Report.env();
        singleThread();
        unconfigurable();
        singleScheduled();
        alive();
    }

    private static void singleThread() throws Exception {
        ExecutorService single = Executors.newSingleThreadExecutor();
        long sum = sumOf(single, 5);
        Report.stats("single-running", single);
        single.shutdown();
        boolean terminated = single.awaitTermination(30, TimeUnit.SECONDS);
        Report.stats("single", single);
        Report.result("single", "terminated=" + terminated, "sum=" + sum);
    }

    private static void unconfigurable() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        ExecutorService wrapper = Executors.unconfigurableExecutorService(pool);
        long sum = sumOf(wrapper, 3) + sumOf(pool, 2);
        wrapper.shutdown();
        boolean terminated = wrapper.awaitTermination(30, TimeUnit.SECONDS);
        Report.stats("unconfigurable-wrapper", wrapper);
        Report.stats("unconfigurable-pool", pool);
        Report.result("unconfigurable", "terminated=" + terminated, "sum=" + sum);
    }

    private static void singleScheduled() throws Exception {
        ScheduledExecutorService scheduled = Executors.newSingleThreadScheduledExecutor();
        int value = scheduled.schedule(() -> 11, 0, TimeUnit.MILLISECONDS).get()
                + scheduled.schedule(() -> 31, 1, TimeUnit.MILLISECONDS).get();
        scheduled.shutdown();
        boolean terminated = scheduled.awaitTermination(30, TimeUnit.SECONDS);
        Report.stats("singleScheduled", scheduled);
        Report.result("singleScheduled", "terminated=" + terminated, "value=" + value);
    }

    private static void alive() throws Exception {
        ExecutorService shutDown = Executors.newFixedThreadPool(1);
        sumOf(shutDown, 1);
        Report.stats("alive-before", shutDown);
        shutDown.shutdown();
        Report.stats("alive-shutdown", shutDown);
        shutDown.awaitTermination(30, TimeUnit.SECONDS);

        ExecutorService shutDownNow = Executors.newFixedThreadPool(1);
        Report.stats("alive-idle", shutDownNow);
        shutDownNow.shutdownNow();
        Report.stats("alive-shutdownNow", shutDownNow);

        // ExecutorService.close() arrived in Java 19; this scenario compiles for 17.
        Method close = closeMethod();
        if (close != null) {
            ExecutorService closed = Executors.newFixedThreadPool(2);
            long sum = sumOf(closed, 3);
            close.invoke(closed);
            Report.stats("alive-close", closed);
            Report.result("close", "available=true", "terminated=" + closed.isTerminated(), "sum=" + sum);
        } else {
            Report.result("close", "available=false");
        }
    }

    private static Method closeMethod() {
        try {
            return ExecutorService.class.getMethod("close");
        } catch (NoSuchMethodException beforeJava19) {
            return null;
        }
    }

    /** Submits {@code count} tasks and waits for all of them; the sum of their results. */
    private static long sumOf(ExecutorService executor, int count) throws Exception {
        List<Future<Integer>> futures = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            int value = i;
            futures.add(executor.submit(() -> value));
        }
        long sum = 0;
        for (Future<Integer> future : futures) {
            sum += future.get();
        }
        return sum;
    }
}
