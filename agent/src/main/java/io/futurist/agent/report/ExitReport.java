package io.futurist.agent.report;

import io.futurist.Futurist;
import io.futurist.TrackedExecutor;
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

    /** Prints the report; failures are reported in one line instead. */
    public static void print() {
        try {
            List<TrackedExecutor> executors = Futurist.executors();
            StringBuilder report = new StringBuilder();
            report.append("futurist: executor statistics at exit (").append(executors.size()).append(" executors)\n");
            List<ExecutorRow> rows = new ArrayList<>();
            for (TrackedExecutor executor : executors) {
                rows.add(ExecutorRow.of(executor));
            }
            report.append(StatisticsTable.render(rows));
            System.err.print(report);
            System.err.flush();
        } catch (Throwable failure) {
            System.err.println("futurist: could not print the exit report: " + failure);
        }
    }
}
