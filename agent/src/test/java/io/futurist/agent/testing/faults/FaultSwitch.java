package io.futurist.agent.testing.faults;

/**
 * The switch the fault agent's advice consults, inside the agent's own code: armed, a kind of
 * fault makes every call that meets it throw. {@link FaultAgent} puts this class on the
 * bootstrap class path before anything loads it, so that the agent's bootstrap-loaded classes
 * and the application (class loaders ask their parents first) share one copy.
 *
 * <p>Uses nothing but {@code java.base}: it runs inside bootstrap classes.
 */
public final class FaultSwitch {

    /** The message of every injected fault starts with this. */
    public static final String MESSAGE = "futurist test fault: ";

    private static volatile String armed = ",";

    private FaultSwitch() {
    }

    /** Arms the comma-separated {@code kinds} from now on (replacing what was armed). */
    public static void arm(String kinds) {
        armed = "," + kinds + ",";
    }

    /** Whether {@code kind} is armed. */
    public static boolean isArmed(String kind) {
        return armed.contains("," + kind + ",");
    }

    /** Throws when {@code kind} is armed. */
    public static void hit(String kind) {
        if (isArmed(kind)) {
            throw new IllegalStateException(MESSAGE + kind);
        }
    }

    /** What the agent's probes call instead of {@link System#nanoTime()} under the fault agent. */
    public static long nanoTime() {
        hit("clock");
        return System.nanoTime();
    }
}
