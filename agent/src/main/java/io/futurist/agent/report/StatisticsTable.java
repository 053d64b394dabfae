package io.futurist.agent.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders executors as an aligned plain-text table, one row each: what the exit report and
 * the {@code stats} command print.
 */
public final class StatisticsTable {

    private static final String[] HEADERS = {"name", "type", "alive", "submitted", "executed", "failures",
        "cancelled", "rejected", "active", "queued", "avg run", "p99 run", "avg queue", "created at"};
    /** Columns that hold numbers are right-aligned. */
    private static final boolean[] NUMERIC = {false, false, false, true, true, true, true, true, true, true,
        true, true, true, false};

    private StatisticsTable() {
    }

    /** The table for {@code executors}, ending with a newline. */
    public static String render(List<ExecutorRow> executors) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADERS);
        for (ExecutorRow r : executors) {
            rows.add(new String[] {r.name, simpleName(r.type), r.alive ? "yes" : "no",
                Long.toString(r.submitted), Long.toString(r.executed), Long.toString(r.failures),
                Long.toString(r.cancelled), Long.toString(r.rejected), Long.toString(r.active),
                Long.toString(r.queued), duration(r.averageRuntimeNanos), duration(r.runtimeP99Nanos),
                duration(r.averageQueueTimeNanos), r.creationSite});
        }
        return format(rows);
    }

    /** Aligns {@code rows} (the first is the header) into columns. */
    public static String format(List<String[]> rows) {
        int columns = HEADERS.length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                String cell = row[c];
                String pad = " ".repeat(widths[c] - cell.length());
                line.append(NUMERIC[c] ? pad + cell : cell + (c == columns - 1 ? "" : pad));
                if (c < columns - 1) {
                    line.append("  ");
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** A duration for people: 850ns, 12.3µs, 4.56ms, 1.20s. */
    public static String duration(long nanos) {
        if (nanos < 1_000) {
            return nanos + "ns";
        }
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%.1fµs", nanos / 1e3);
        }
        if (nanos < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.2fms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.2fs", nanos / 1e9);
    }

    private static String simpleName(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }
}
