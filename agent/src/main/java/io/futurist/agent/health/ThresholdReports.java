package io.futurist.agent.health;

import io.futurist.agent.jfr.ThresholdEvents;
import io.futurist.agent.probe.SlowThresholds;
import io.futurist.internal.ExecutorRecord;

/**
 * Where threshold crossings and refusals go: JFR events ({@link ThresholdEvents}) and JMX
 * notifications (a {@link Notifier}, the agent's MBean).
 *
 * <p>Every slow run and slow wait is an event: their number is bounded by what the threshold
 * lets through, which the user chose, and a recording that wants them wants each. Refusals
 * come in floods when a pool is overloaded, so their events are throttled to
 * {@value #PER_SECOND} per executor and second, each saying how many were left out before it.
 * Notifications are throttled alike, per executor: a JMX client is a person's console or an
 * alerting system, and neither needs a thousand a second.
 *
 * <p>Runs on the application's threads (the worker whose run was slow, the submitter that was
 * refused), so it only builds an event, asks a throttle, and hands a notification to the
 * notifier's own thread; it never blocks on anything but the throttle's short monitor and
 * never throws.
 */
public final class ThresholdReports implements SlowThresholds.Crossings {

    /** Refusal events, and notifications, per executor and second. */
    static final int PER_SECOND = 10;

    /** Sends one notification; implemented by the agent's MBean. */
    public interface Notifier {
        /** Sends a notification of {@code type} about a task of {@code executorId}; returns at once. */
        void notifySlow(String type, long executorId, String executor, String taskClass, long nanos,
                        long thresholdNanos, long dropped);
    }

    /** The JMX notification type of a slow run. */
    public static final String SLOW_RUN = "io.futurist.slowRun";
    /** The JMX notification type of a slow queue wait. */
    public static final String SLOW_QUEUE_WAIT = "io.futurist.slowQueueWait";

    private final Throttle rejections = new Throttle(PER_SECOND);
    private final Throttle notifications = new Throttle(PER_SECOND);
    private volatile Notifier notifier;
    /** False once the JVM turned out to have no {@code jdk.jfr} module. */
    private volatile boolean flightRecorder = true;

    /** Sends notifications through {@code to} from now on ({@code null}: none). */
    public void notifier(Notifier to) {
        notifier = to;
    }

    @Override
    public void slowRun(ExecutorRecord record, Object task, long nanos, long thresholdNanos) {
        crossed(true, record, task, nanos, thresholdNanos);
    }

    @Override
    public void slowQueueWait(ExecutorRecord record, Object task, long nanos, long thresholdNanos) {
        crossed(false, record, task, nanos, thresholdNanos);
    }

    private void crossed(boolean run, ExecutorRecord record, Object task, long nanos, long thresholdNanos) {
        String taskClass = task.getClass().getName();
        if (flightRecorder) {
            try {
                if (run) {
                    ThresholdEvents.slowRun(record.id(), record.name(), taskClass, nanos, thresholdNanos);
                } else {
                    ThresholdEvents.slowQueueWait(record.id(), record.name(), taskClass, nanos, thresholdNanos);
                }
            } catch (LinkageError noJfr) {
                flightRecorder = false;
            }
        }
        Notifier to = notifier;
        if (to != null) {
            long dropped = notifications.pass(record.id(), System.nanoTime());
            if (dropped >= 0) {
                to.notifySlow(run ? SLOW_RUN : SLOW_QUEUE_WAIT, record.id(), record.name(), taskClass, nanos,
                        thresholdNanos, dropped);
            }
        }
    }

    @Override
    public void rejected(ExecutorRecord record, Object task) {
        if (!flightRecorder) {
            return;
        }
        try {
            if (ThresholdEvents.rejectionWanted()) {
                long dropped = rejections.pass(record.id(), System.nanoTime());
                if (dropped >= 0) {
                    ThresholdEvents.rejection(record.id(), record.name(),
                            task == null ? "" : task.getClass().getName(), dropped);
                }
            }
        } catch (LinkageError noJfr) {
            flightRecorder = false;
        }
    }
}
