package io.futurist.agent.jmx;

import io.futurist.agent.health.ThresholdReports;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanNotificationInfo;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;

/**
 * The agent MBean's notifications: {@value ThresholdReports#SLOW_RUN} and
 * {@value ThresholdReports#SLOW_QUEUE_WAIT}, one per run or queue wait over the agent's
 * threshold (throttled per executor by {@link ThresholdReports}). The message says it for
 * people; the user data is a {@code CompositeData} with {@code executorId}, {@code executor},
 * {@code taskClass}, {@code elapsedNanos}, {@code thresholdNanos} and {@code dropped} (how many
 * of that executor's notifications the throttle left out just before this one).
 *
 * <p>Design: the crossing is seen on an application thread, which must not run JMX listeners
 * (a remote connector's, or a slow one of the application's own). So it only offers the
 * values to a bounded queue ({@value #CAPACITY}; a full queue drops them), and one daemon
 * thread, {@value #THREAD_NAME}, started on the first notification, builds and sends them. The
 * thread is the agent's own, not an executor's: it cannot recurse into what it reports.
 */
final class SlowTaskNotifications extends NotificationBroadcasterSupport implements ThresholdReports.Notifier {

    static final String THREAD_NAME = "futurist-notifications";
    static final int CAPACITY = 256;

    private static final String[] ITEMS = {"executorId", "executor", "taskClass", "elapsedNanos", "thresholdNanos",
        "dropped"};
    private static final CompositeType DATA = dataType();

    private final ObjectName source;
    private final BlockingQueue<Notification> pending = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong sequence = new AtomicLong();
    private Thread thread; // guarded by this

    SlowTaskNotifications(ObjectName source) {
        super(new MBeanNotificationInfo(new String[] {ThresholdReports.SLOW_RUN, ThresholdReports.SLOW_QUEUE_WAIT},
                Notification.class.getName(), "A task's run or queue wait took longer than the agent's slowRun"
                        + " or slowQueue threshold"));
        this.source = source;
    }

    @Override
    public void notifySlow(String type, long executorId, String executor, String taskClass, long nanos,
                           long thresholdNanos, long dropped) {
        try {
            String what = type.equals(ThresholdReports.SLOW_RUN) ? "a run of " : "a queue wait of ";
            Notification notification = new Notification(type, source, sequence.incrementAndGet(),
                    what + taskClass + " on executor '" + executor + "' took " + nanos / 1_000_000 + " ms (threshold "
                            + thresholdNanos / 1_000_000.0 + " ms)");
            notification.setUserData(new CompositeDataSupport(DATA, ITEMS,
                    new Object[] {executorId, executor, taskClass, nanos, thresholdNanos, dropped}));
            if (pending.offer(notification)) {
                startThread();
            }
        } catch (Throwable refused) {
            // A notification that cannot be built or queued is dropped; the statistics count the crossing.
        }
    }

    /** Stops the thread (detach); queued notifications are dropped. */
    synchronized void stop() {
        if (thread != null) {
            thread.interrupt();
            thread = null;
        }
        pending.clear();
    }

    private synchronized void startThread() {
        if (thread != null) {
            return;
        }
        Thread sender = new Thread(null, this::send, THREAD_NAME, 0, false);
        sender.setDaemon(true);
        sender.setContextClassLoader(null);
        sender.start();
        thread = sender;
    }

    private void send() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Notification next = pending.take();
                try {
                    sendNotification(next);
                } catch (RuntimeException listenerFailed) {
                    // One listener's failure is its own; the others have been called.
                }
            }
        } catch (InterruptedException stopped) {
            // Detached.
        }
    }

    private static CompositeType dataType() {
        try {
            return new CompositeType("io.futurist.SlowTask", "a slow run or queue wait", ITEMS,
                    new String[] {"the executor's id", "the executor's name", "the task's class", "how long it took (ns)",
                        "the threshold it crossed (ns)", "notifications left out just before this one"},
                    new OpenType<?>[] {SimpleType.LONG, SimpleType.STRING, SimpleType.STRING, SimpleType.LONG,
                        SimpleType.LONG, SimpleType.LONG});
        } catch (OpenDataException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
