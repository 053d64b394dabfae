package io.futurist.agent.probe;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Contains the agent's own failures: each kind is reported once on stderr, and the hook that
 * failed stops recording so that a broken part costs nothing and cannot fail again per task.
 */
public final class Faults {

    /** The kinds of hooks that can fail independently. */
    public enum Hook {
        /** Counting tasks as they are accepted or refused. */
        SUBMISSION,
        /** Timing runs. */
        RUN,
        /** Shutdown, removal, cancellation, termination. */
        LIFECYCLE,
        /** Recording where executors are built. */
        CREATION;

        volatile boolean disabled;

        /** Whether this hook still records. */
        public boolean enabled() {
            return !disabled;
        }
    }

    private static final ConcurrentHashMap<String, Boolean> REPORTED = new ConcurrentHashMap<>();

    private Faults() {
    }

    /** Disables {@code hook} and says so once. Never throws. */
    public static void failed(Hook hook, Throwable fault) {
        try {
            hook.disabled = true;
            if (REPORTED.putIfAbsent(hook.name(), Boolean.TRUE) == null) {
                System.err.println("futurist: internal error while " + describe(hook)
                        + ", that part of the statistics is now off, the application is not affected: " + fault);
            }
        } catch (Throwable ignored) {
            // Nothing left to do safely: even reporting failed.
        }
    }

    /** Reports a one-off problem once per distinct message, without disabling anything. */
    public static void warnOnce(String message) {
        warnOnce("message:" + message, message);
    }

    /**
     * Reports a problem once per {@code kind}, without disabling anything. For failures that can
     * recur with details that differ each time (the name of the MBean refused, say): the first
     * one's {@code message} is said, later ones of the same kind are not, so that the cost in
     * lines is bounded by the kinds of failure, not by the executors or tasks they hit.
     *
     * @param kind    what makes two failures the same, e.g. the operation and the exception class
     * @param message the line to print after {@code futurist: }
     */
    public static void warnOnce(String kind, String message) {
        try {
            if (REPORTED.putIfAbsent("kind:" + kind, Boolean.TRUE) == null) {
                System.err.println("futurist: " + message);
            }
        } catch (Throwable ignored) {
            // As above.
        }
    }

    private static String describe(Hook hook) {
        switch (hook) {
            case SUBMISSION:
                return "counting submitted tasks";
            case RUN:
                return "timing task runs";
            case LIFECYCLE:
                return "tracking shutdown and cancellation";
            default:
                return "recording executor creation";
        }
    }
}
