package example.scenarios;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.tomcat.util.threads.TaskQueue;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;

/**
 * Refusals by Tomcat's pool, whose {@code execute} catches its rejection handler's refusal and
 * tries to queue the task after all:
 * <ul>
 *   <li>{@code full}: one thread, held; a {@code TaskQueue} of one, filled; the next task is
 *       refused twice inside Tomcat (handler, then the retry into the full queue) and once for
 *       the caller: one rejection. After a shutdown, one more;</li>
 *   <li>{@code discarding}: the same with a handler that drops the task without throwing: the
 *       handler ran, so it is a rejection, and {@code execute} returns normally;</li>
 *   <li>{@code plainQueue}: a JDK queue, which Tomcat does not retry: the handler's refusal
 *       goes straight to the caller.</li>
 * </ul>
 * Each pool ends terminated; {@code #stats <label>} its books, {@code #result <label>} what the
 * caller saw.
 */
public final class TomcatRejectionScenario {

    private TomcatRejectionScenario() {
    }

    public static void main(String[] args) throws Exception {
        Report.env();
        TaskQueue fullQueue = new TaskQueue(1);
        ThreadPoolExecutor full = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, fullQueue);
        fullQueue.setParent(full);
        refuse("full", full);

        TaskQueue discardingQueue = new TaskQueue(1);
        ThreadPoolExecutor discarding = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, discardingQueue,
                (task, pool) -> { });
        discardingQueue.setParent(discarding);
        refuse("discarding", discarding);

        refuse("plainQueue", new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1)));
    }

    /** Holds the one thread, fills the queue, submits one more, releases, then submits after a shutdown. */
    private static void refuse(String label, ThreadPoolExecutor pool) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch ran = new CountDownLatch(2);
        pool.execute(() -> {
            started.countDown();
            await(release);
            ran.countDown();
        });
        started.await();
        pool.execute(ran::countDown);
        String overflow = submit(pool);
        release.countDown();
        ran.await();
        pool.shutdown();
        String afterShutdown = submit(pool);
        pool.awaitTermination(20, TimeUnit.SECONDS);
        Report.result(label, "overflow=" + overflow, "afterShutdown=" + afterShutdown);
        Report.stats(label, pool);
    }

    private static String submit(ThreadPoolExecutor pool) {
        try {
            pool.execute(() -> { });
            return "accepted";
        } catch (RejectedExecutionException refused) {
            return "refused";
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
