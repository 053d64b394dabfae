package io.futurist.agent.report;

import io.futurist.Futurist;
import io.futurist.TrackedExecutor;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The table printed to stderr when the JVM exits ({@code report=exit}). It only reads the
 * registry, takes no lock the application could hold and starts no work on any executor, so
 * it cannot hold up the JVM's shutdown.
 */
public final class ExitReport {

    private ExitReport() {
    }

    /** The report's first line, counting {@code executors} in the right number. */
    static String header(int executors) {
        return "futurist: executor statistics at exit (" + executors + (executors == 1 ? " executor)" : " executors)");
    }

    /** Prints the report; failures are reported in one line instead. */
    public static void print() {
        PrintStream err = System.err;
        try {
            List<TrackedExecutor> executors = Futurist.executors();
            List<ExecutorRow> rows = new ArrayList<>();
            for (TrackedExecutor executor : executors) {
                rows.add(ExecutorRow.of(executor));
            }
            String report = header(rows.size()) + "\n" + StatisticsTable.render(rows, DurationText.forStream(err));
            err.print(report);
            err.flush();
        } catch (Throwable failure) {
            err.println("futurist: could not print the exit report: " + failure);
        }
    }
}
