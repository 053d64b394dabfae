package io.futurist.agent.health;

import java.util.HashMap;
import java.util.Map;

/**
 * At most {@code perSecond} reports per executor and second, for what the agent reports about
 * single tasks (refusals, slow runs) where a flood would cost the application more than the
 * reports are worth; counts what it drops, so the next report can say how many were left out.
 *
 * <p>Design: one small window per executor id in a map under this object's monitor. Only
 * rare paths ask (a refusal, a threshold crossing), and the critical section is a map look-up
 * and two additions. The map is bounded: past {@link #MAX_EXECUTORS} executors it starts
 * afresh, which forgets some dropped counts but never keeps dead executors' windows for good.
 */
final class Throttle {

    /** Executors whose windows are kept at once. */
    static final int MAX_EXECUTORS = 1024;
    private static final long SECOND_NANOS = 1_000_000_000L;

    private final int perSecond;
    private final Map<Long, Window> windows = new HashMap<>();

    private static final class Window {
        long second;
        int passed;
        long dropped;
    }

    Throttle(int perSecond) {
        this.perSecond = perSecond;
    }

    /**
     * Whether a report about {@code executorId} may go out at {@code nowNanos} (a
     * {@code System.nanoTime()} reading).
     *
     * @return how many reports about that executor were dropped since the last one that
     *         passed, or -1 when this one is dropped
     */
    synchronized long pass(long executorId, long nowNanos) {
        Window window = windows.get(executorId);
        if (window == null) {
            if (windows.size() >= MAX_EXECUTORS) {
                windows.clear();
            }
            window = new Window();
            window.second = Math.floorDiv(nowNanos, SECOND_NANOS);
            windows.put(executorId, window);
        }
        long second = Math.floorDiv(nowNanos, SECOND_NANOS);
        if (second != window.second) {
            window.second = second;
            window.passed = 0;
        }
        if (window.passed >= perSecond) {
            window.dropped++;
            return -1;
        }
        window.passed++;
        long dropped = window.dropped;
        window.dropped = 0;
        return dropped;
    }
}
