package io.futurist.agent.report;

import io.futurist.PoolShape;
import io.futurist.agent.health.ActivityWatch;
import io.futurist.internal.ExecutorRecord;
import io.futurist.internal.ExecutorRegistry;
import io.futurist.internal.RetiredExecutors;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The table printed to stderr when the JVM exits ({@code report=exit}). It only reads the
 * registry, takes no lock the application could hold and starts no work on any executor, so
 * it cannot hold up the JVM's shutdown.
 *
 * <p>The report is complete and does not depend on when the garbage collector ran: executors
 * that terminated are shown whether or not they were collected. The first
 * {@link RetiredExecutors#INDIVIDUAL} of them (by id) get a row each, like the executors still
 * there; any further ones are summed per creation site — the same rule the registry keeps the
 * collected ones by, so that the report comes out the same either way. Executors collected while
 * never shut down follow, summed per creation site, and then executors that look leaked
 * ({@link LeakReport}), if any.
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
            err.print(text(ExecutorRegistry.global(), ActivityWatch.current(), DurationText.forStream(err)));
            err.flush();
        } catch (Throwable failure) {
            err.println("futurist: could not print the exit report: " + failure);
        }
    }

    /**
     * The report on {@code registry}'s executors, with {@code watch}'s idle times (none if
     * {@code null}), durations in {@code units}.
     */
    static String text(ExecutorRegistry registry, ActivityWatch watch, DurationText units) {
        List<ExecutorRecord> records = registry.records();
        RetiredExecutors.Contents retired = registry.retired();
        List<ExecutorRow> rows = new ArrayList<>();
        List<RetiredExecutors.Retiree> terminated = new ArrayList<>(retired.terminated());
        for (ExecutorRecord record : records) {
            if (record.isTerminated()) {
                // Without the shape: a collected executor's can no longer be read, and a terminated
                // pool's (no threads) says nothing; so the row is the same collected or not.
                terminated.add(new RetiredExecutors.Retiree(record.id(), record.name(), record.type(),
                        record.creationSite(), record.statistics().withShape(PoolShape.NONE)));
            } else {
                rows.add(ExecutorRow.of(record));
            }
        }
        terminated.sort(Comparator.comparingLong(RetiredExecutors.Retiree::id));
        Map<String, RetiredExecutors.Sum> sums = new TreeMap<>();
        for (int i = 0; i < terminated.size(); i++) {
            RetiredExecutors.Retiree gone = terminated.get(i);
            if (i < RetiredExecutors.INDIVIDUAL) {
                rows.add(ExecutorRow.of(gone.id(), gone.name(), gone.type(), gone.creationSite(), false,
                        gone.statistics()));
            } else {
                sums.computeIfAbsent(gone.creationSite(), site -> new RetiredExecutors.Sum(site, gone.type(), true))
                        .add(gone.type(), gone.statistics());
            }
        }
        for (RetiredExecutors.Sum sum : retired.terminatedSums()) {
            sums.computeIfAbsent(sum.creationSite(), site -> new RetiredExecutors.Sum(site, sum.type(), true)).add(sum);
        }
        rows.sort(Comparator.comparingLong(ExecutorRow::id));
        StringBuilder report = new StringBuilder();
        report.append(header(rows.size())).append('\n');
        report.append(StatisticsTable.render(rows, units));
        summed(report, sums.values(), "more terminated executors, summed by creation site", units);
        Map<String, RetiredExecutors.Sum> neverShutDown = new TreeMap<>();
        for (RetiredExecutors.Sum sum : retired.neverShutDownSums()) {
            neverShutDown.put(sum.creationSite(), sum);
        }
        summed(report, neverShutDown.values(), "executors garbage-collected while never shut down, summed by creation site",
                units);
        if (watch != null) {
            LeakReport leaks = LeakReport.now(registry, watch, LeakReport.DEFAULT_IDLE_SECONDS);
            if (!leaks.isEmpty()) {
                report.append(leaks.findings());
            }
        }
        return report.toString();
    }

    /** Appends a headline and a table of {@code sums}, one row per creation site; nothing when there are none. */
    private static void summed(StringBuilder report, Iterable<RetiredExecutors.Sum> sums, String what,
                               DurationText units) {
        List<ExecutorRow> rows = new ArrayList<>();
        long executors = 0;
        for (RetiredExecutors.Sum sum : sums) {
            executors += sum.executors();
            rows.add(ExecutorRow.of(0, sum.executors() + " executors", sum.type(), sum.creationSite(), false,
                    sum.statistics()));
        }
        if (!rows.isEmpty()) {
            // Part of the report that starts with the one futurist: line, so no prefix of its own.
            report.append(executors).append(' ').append(what).append(":\n");
            report.append(StatisticsTable.render(rows, units));
        }
    }
}
