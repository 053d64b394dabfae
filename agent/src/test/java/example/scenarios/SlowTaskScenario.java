package example.scenarios;

import io.futurist.ExecutorStatistics;
import io.futurist.Futurist;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.MBeanServer;
import javax.management.MBeanServerDelegate;
import javax.management.MBeanServerNotification;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

/**
 * A workload with a known number of slow runs and slow queue waits, for an agent started with
 * {@code slowRun} and {@code slowQueue} of {@value #THRESHOLD_MS} ms, recorded by the
 * application's own {@code jdk.jfr.Recording} (written to the file named by the first argument)
 * and listened to over JMX (the agent MBean's notifications):
 * <ul>
 *   <li>{@code slow-*}, one worker: a task that runs {@value #SLOW_MS} ms (one slow run), a task
 *       queued behind it (one slow queue wait: the slow task starts sleeping only after this
 *       one is queued), then {@value #FAST} fast tasks one after another (nothing slow);</li>
 *   <li>a {@code ForkJoinPool} of parallelism 1: one task that runs {@value #SLOW_MS} ms;</li>
 *   <li>{@code refusing-*}, one worker and no queue, held busy: {@value #REFUSALS} refusals.</li>
 * </ul>
 * Prints {@code #result slow}, {@code #result forkjoin} (their {@code slowRuns},
 * {@code slowQueueWaits}, {@code executed}, {@code timedRuns}) and {@code #result notifications}
 * (how many of each type, and each one's executor, task class and elapsed milliseconds).
 */
public final class SlowTaskScenario {

    static final int THRESHOLD_MS = 100;
    static final int SLOW_MS = 300;
    static final int FAST = 20;
    static final int REFUSALS = 3;
    /** Slow runs (one per pool) and slow waits (one): what the notifications must add up to. */
    static final int CROSSINGS = 3;

    private SlowTaskScenario() {
    }

    public static void main(String[] args) throws Exception {
        List<String> notes = new ArrayList<>();
        CountDownLatch allNotified = new CountDownLatch(CROSSINGS);
        listen(notes, allNotified);
        jdk.jfr.Recording recording = new jdk.jfr.Recording();
        for (String event : List.of("io.futurist.SlowRun", "io.futurist.SlowQueueWait", "io.futurist.Rejection")) {
            recording.enable(event);
        }
        recording.start();

        ThreadPoolExecutor slow = pool("slow", new LinkedBlockingQueue<>());
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch queuedBehind = new CountDownLatch(1);
        CountDownLatch bothRan = new CountDownLatch(1);
        slow.execute(new SlowTask(slowStarted, queuedBehind));
        slowStarted.await();
        slow.execute(new QueuedBehind(bothRan));
        queuedBehind.countDown();
        bothRan.await();
        for (int i = 0; i < FAST; i++) {
            slow.submit(() -> { }).get();
        }

        ForkJoinPool forkJoin = new ForkJoinPool(1);
        forkJoin.invoke(new SlowAction());

        ThreadPoolExecutor refusing = pool("refusing", new SynchronousQueue<>());
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(1);
        refusing.execute(() -> {
            busy.countDown();
            await(release);
        });
        busy.await();
        int refused = 0;
        for (int i = 0; i < REFUSALS; i++) {
            try {
                refusing.execute(new Refused());
            } catch (RejectedExecutionException expected) {
                refused++;
            }
        }
        release.countDown();

        // Each crossing is counted before it is notified: once all are notified, the numbers are final.
        boolean notified = allNotified.await(30, TimeUnit.SECONDS);
        recording.stop();
        recording.dump(Path.of(args[0]));
        recording.close();
        numbers("slow", slow);
        numbers("forkjoin", forkJoin);
        synchronized (notes) {
            Report.result("notifications", "all=" + notified, "count=" + notes.size(), "list=" + String.join(";", notes));
        }
        Report.result("refused", "count=" + refused);
        slow.shutdown();
        forkJoin.shutdown();
        refusing.shutdown();
    }

    /** Listens to the agent MBean's notifications, once the agent has published it. */
    private static void listen(List<String> notes, CountDownLatch allNotified) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName agent = new ObjectName("io.futurist:type=Agent");
        CountDownLatch published = new CountDownLatch(1);
        NotificationListener registration = (notification, handback) -> {
            if (notification instanceof MBeanServerNotification
                    && agent.equals(((MBeanServerNotification) notification).getMBeanName())) {
                published.countDown();
            }
        };
        server.addNotificationListener(MBeanServerDelegate.DELEGATE_NAME, registration, null, null);
        if (!server.isRegistered(agent)) {
            published.await(30, TimeUnit.SECONDS);
        }
        server.removeNotificationListener(MBeanServerDelegate.DELEGATE_NAME, registration);
        server.addNotificationListener(agent, (Notification notification, Object handback) -> {
            CompositeData data = (CompositeData) notification.getUserData();
            synchronized (notes) {
                notes.add(notification.getType() + "," + data.get("executor") + "," + data.get("taskClass") + ","
                        + ((Long) data.get("elapsedNanos") / 1_000_000) + "," + data.get("dropped"));
            }
            allNotified.countDown();
        }, null, null);
    }

    private static void numbers(String label, Executor executor) {
        ExecutorStatistics s = Futurist.statistics(executor).orElseThrow();
        Report.result(label, "slowRuns=" + s.slowRuns(), "slowQueueWaits=" + s.slowQueueWaits(),
                "executed=" + s.executed(), "timedRuns=" + s.timedRuns());
    }

    private static ThreadPoolExecutor pool(String name, java.util.concurrent.BlockingQueue<Runnable> queue) {
        AtomicInteger threads = new AtomicInteger();
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, queue, task -> {
            Thread thread = new Thread(task, name + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The slow run: starts sleeping only once the next task is queued behind it. */
    static final class SlowTask implements Runnable {
        private final CountDownLatch started;
        private final CountDownLatch queuedBehind;

        SlowTask(CountDownLatch started, CountDownLatch queuedBehind) {
            this.started = started;
            this.queuedBehind = queuedBehind;
        }

        @Override
        public void run() {
            started.countDown();
            await(queuedBehind);
            sleep(SLOW_MS);
        }
    }

    /** The task that waits behind the slow one. */
    static final class QueuedBehind implements Runnable {
        private final CountDownLatch ran;

        QueuedBehind(CountDownLatch ran) {
            this.ran = ran;
        }

        @Override
        public void run() {
            ran.countDown();
        }
    }

    /** The fork/join pool's slow run. */
    static final class SlowAction extends java.util.concurrent.RecursiveAction {
        private static final long serialVersionUID = 1L;

        @Override
        protected void compute() {
            sleep(SLOW_MS);
        }
    }

    /** The task the busy pool refuses. */
    static final class Refused implements Runnable {
        @Override
        public void run() {
        }
    }
}
