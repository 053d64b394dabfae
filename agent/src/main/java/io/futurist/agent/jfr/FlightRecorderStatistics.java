package io.futurist.agent.jfr;

import io.futurist.agent.probe.Faults;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;

/**
 * Puts Futurist's statistics into JDK Flight Recorder recordings: the periodic event
 * {@code io.futurist.ExecutorStatistics} (see {@link ExecutorStatisticsEvent}), and the events
 * of single tasks, {@code io.futurist.SlowRun}, {@code io.futurist.SlowQueueWait} and
 * {@code io.futurist.Rejection} (see {@link ThresholdEvents}).
 *
 * <p>Defining and registering an event initialises the whole flight recorder, which takes
 * hundreds of milliseconds; a JVM that never records should not pay that at start-up. So the
 * agent only listens (a few classes of {@code jdk.jfr}) and defines the event when the flight
 * recorder initialises — at once if it already has ({@code -XX:StartFlightRecording}), else when
 * the first recording is made ({@code jcmd <pid> JFR.start}, JDK Mission Control, the
 * application's own {@code jdk.jfr.Recording}), before that recording starts.
 *
 * <p>Contained: a JVM without the {@code jdk.jfr} module, or a flight recorder that refuses
 * the event, costs one {@code futurist:} line and nothing else.
 */
public final class FlightRecorderStatistics {

    private static final Object LOCK = new Object();
    /** Guarded by {@link #LOCK}: the registered event, once the recorder initialised. */
    private static ExecutorStatisticsEvent event;
    /** Guarded by {@link #LOCK}: whether events are wanted (between start and stop). */
    private static boolean wanted;
    /** Guarded by {@link #LOCK}: whether the listener is in place (it stays, across detaches). */
    private static boolean listening;
    /** Guarded by {@link #LOCK}: whether a thread is defining the event now. */
    private static boolean defining;

    private FlightRecorderStatistics() {
    }

    /** Starts putting the statistics into recordings, now or once the flight recorder initialises. */
    public static void start() {
        synchronized (LOCK) {
            wanted = true;
        }
        try {
            boolean first;
            synchronized (LOCK) {
                first = !listening;
                listening = true;
            }
            if (first) {
                // Called at once, on this thread, when the recorder has initialised already.
                FlightRecorder.addListener(new FlightRecorderListener() {
                    @Override
                    public void recorderInitialized(FlightRecorder recorder) {
                        define();
                    }
                });
            } else if (FlightRecorder.isInitialized()) {
                define(); // again after a detach
            }
        } catch (Throwable unavailable) {
            refused(unavailable);
        }
    }

    /** Withdraws the event (detach); recordings get no more of it. */
    public static void stop() {
        ExecutorStatisticsEvent withdrawn;
        synchronized (LOCK) {
            wanted = false;
            withdrawn = event;
            event = null;
        }
        try {
            ThresholdEvents.withdraw();
        } catch (Throwable unavailable) {
            // No jdk.jfr: nothing was defined.
        }
        if (withdrawn != null) {
            try {
                withdrawn.unregister();
            } catch (Throwable ignored) {
                // Nothing to withdraw from a recorder that is gone.
            }
        }
    }

    /**
     * Defines and registers the event unless it is not wanted or is already. The registration
     * runs outside {@link #LOCK}: it takes the flight recorder's own locks, which the thread that
     * initialises the recorder already holds when it calls the listener.
     */
    private static void define() {
        synchronized (LOCK) {
            if (!wanted || event != null || defining) {
                return;
            }
            defining = true;
        }
        ExecutorStatisticsEvent defined = null;
        try {
            defined = ExecutorStatisticsEvent.register();
            ThresholdEvents.define();
        } catch (Throwable refused) {
            refused(refused);
        }
        boolean keep;
        synchronized (LOCK) {
            defining = false;
            keep = wanted;
            if (keep) {
                event = defined;
            }
        }
        if (!keep && defined != null) {
            defined.unregister(); // a detach came while it was being defined
        }
    }

    private static void refused(Throwable failure) {
        Faults.warnOnce("jfr", "JDK Flight Recorder events are off (" + failure + "); statistics are still recorded");
    }
}
