package example.scenarios;

import java.util.StringJoiner;
import java.util.concurrent.Executor;

/**
 * Prints the lines the integration tests parse ({@code io.futurist.agent.testing.ScenarioOutput}):
 * {@code #kind<TAB>label<TAB>key=value...}.
 *
 * <p>This class names no Futurist type, so scenarios also run on a class path without
 * Futurist (no agent, no API jar); {@link FuturistView} is only touched once the API has been
 * found. An agent attached later makes the API appear: until it is found, every call looks
 * again (a failed look-up is not remembered by the class loaders).
 */
public final class Report {

    private static volatile boolean futuristPresent = isPresent();

    private Report() {
    }

    /** Whether {@code io.futurist.Futurist} can be loaded by this application. */
    public static boolean futuristPresent() {
        if (!futuristPresent && isPresent()) {
            futuristPresent = true;
        }
        return futuristPresent;
    }

    /** {@code #env jvm}: whether and from where Futurist is seen. */
    public static void env() {
        if (futuristPresent()) {
            print("env", "jvm", "futurist=present",
                    "agentActive=" + FuturistView.agentActive(), "loader=" + FuturistView.loader(),
                    "executors=" + FuturistView.executorCount());
        } else {
            print("env", "jvm", "futurist=absent");
        }
    }

    /** {@code #stats label}: {@code Futurist.statistics(executor)} and {@code isAlive(executor)} now. */
    public static void stats(String label, Executor executor) {
        if (futuristPresent()) {
            print("stats", label, FuturistView.stats(executor));
        } else {
            print("stats", label, "futurist=absent");
        }
    }

    /** {@code #stats label}: as {@link #stats}, plus the pool's shape ({@code poolSize}, ..., {@code absent} where it has none). */
    public static void shape(String label, Executor executor) {
        if (futuristPresent()) {
            print("stats", label, FuturistView.shape(executor));
        } else {
            print("stats", label, "futurist=absent");
        }
    }

    /**
     * {@code #stats label}: as {@link #stats}, plus the identity of the tracked executor named
     * {@code name} (id, type, creation site) and every number the command line prints.
     */
    public static void lookup(String label, Executor executor, String name) {
        if (futuristPresent()) {
            print("stats", label, FuturistView.lookup(executor, name));
        } else {
            print("stats", label, "futurist=absent");
        }
    }

    /** {@code #result label}: the application's own outcome, as {@code key=value} fields. */
    public static void result(String label, String... fields) {
        print("result", label, fields);
    }

    /**
     * The highest id of the executors tracked now, to find with {@link #tracked} the one built
     * after it; {@code -1} without Futurist.
     */
    public static long mark() {
        return futuristPresent() ? FuturistView.highestId() : -1;
    }

    /**
     * {@code #tracked label}: the {@code TrackedExecutor}(s) of class {@code type} this
     * application built after {@code mark}; {@code count} says how many there are.
     */
    public static void tracked(String label, long mark, Class<?> type) {
        if (futuristPresent()) {
            print("tracked", label, FuturistView.trackedSince(mark, type.getName()));
        } else {
            print("tracked", label, "futurist=absent");
        }
    }

    /** As {@link #tracked}, for the JDK's own executors (the common pool), whatever built them. */
    public static void trackedJdk(String label, long mark, Class<?> type) {
        if (futuristPresent()) {
            print("tracked", label, FuturistView.trackedSince(mark, type.getName(), false));
        } else {
            print("tracked", label, "futurist=absent");
        }
    }

    /** The source line of the caller: for comparing with a creation site on that same line. */
    public static int here() {
        return StackWalker.getInstance().walk(frames -> frames.skip(1).findFirst()).orElseThrow().getLineNumber();
    }

    static void print(String kind, String label, String... fields) {
        StringJoiner line = new StringJoiner("\t", "#" + kind + "\t" + label + (fields.length == 0 ? "" : "\t"), "");
        for (String field : fields) {
            if (field.indexOf('\t') >= 0 || field.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("field holds a tab or newline: " + field);
            }
            line.add(field);
        }
        System.out.println(line);
    }

    private static boolean isPresent() {
        try {
            Class.forName("io.futurist.Futurist", false, Report.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException absent) {
            return false;
        }
    }
}
