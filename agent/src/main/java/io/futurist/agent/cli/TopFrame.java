package io.futurist.agent.cli;

import io.futurist.agent.report.DurationText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * One frame of {@code top}: a headline, then a row per executor, busiest first, fitted to the
 * terminal's width — long names are cut, and the columns that matter least are left out when
 * even a short name would not fit.
 */
final class TopFrame {

    /** Narrower than this, a frame would say too little to be of use. */
    static final int MIN_COLUMNS = 60;
    /** The name column is never cut shorter than this. */
    private static final int MIN_NAME = 12;

    /** The columns after the name, most wanted first: the last ones go when the terminal is narrow. */
    private enum Column {
        TASKS("tasks/s", 8),
        ACTIVE("active", 6),
        UTILIZATION("util", 5),
        QUEUED("queued", 7),
        REJECTIONS("rej/s", 6),
        P99_RUN("p99 run", 8),
        FAILURES("fail/s", 6),
        P99_QUEUE("p99 queue", 9);

        final String header;
        final int width;

        Column(String header, int width) {
            this.header = header;
            this.width = width;
        }
    }

    /** One executor over the last interval. */
    static final class Row {
        final long id;
        final String name;
        final double tasksPerSecond;
        final double failuresPerSecond;
        final double rejectionsPerSecond;
        /** Active over the most threads, in [0, 1]; {@code NaN} when the pool's size is not known. */
        final double utilization;
        final long active;
        /**
         * How many threads were busy on average over the interval (run time finished in it over
         * its length), or {@link #active} if more: the key that orders the rows.
         */
        final double busyThreads;
        final long queued;
        final long p99RunNanos;
        final long p99QueueNanos;

        Row(long id, String name, double tasksPerSecond, double failuresPerSecond, double rejectionsPerSecond,
            double utilization, long active, double busyThreads, long queued, long p99RunNanos, long p99QueueNanos) {
            this.id = id;
            this.name = name;
            this.tasksPerSecond = tasksPerSecond;
            this.failuresPerSecond = failuresPerSecond;
            this.rejectionsPerSecond = rejectionsPerSecond;
            this.utilization = utilization;
            this.active = active;
            this.busyThreads = Math.max(active, busyThreads);
            this.queued = queued;
            this.p99RunNanos = p99RunNanos;
            this.p99QueueNanos = p99QueueNanos;
        }

        String cell(Column column, DurationText units) {
            switch (column) {
                case TASKS:
                    return rate(tasksPerSecond);
                case ACTIVE:
                    return Long.toString(active);
                case UTILIZATION:
                    return Double.isNaN(utilization) ? "" : String.format(Locale.ROOT, "%.0f%%", utilization * 100);
                case QUEUED:
                    return Long.toString(queued);
                case REJECTIONS:
                    return rate(rejectionsPerSecond);
                case P99_RUN:
                    return units.format(p99RunNanos);
                case FAILURES:
                    return rate(failuresPerSecond);
                default:
                    return units.format(p99QueueNanos);
            }
        }
    }

    /**
     * Busiest first: most threads busy (on average over the interval, or running now if more),
     * then most tasks per second, then most waiting; then by id. The average keeps a pool that
     * works all the time above one that is caught running a task at the moment of the read (the
     * JMX connection's own thread, serving {@code top}'s read, is always such a one).
     */
    static final Comparator<Row> BUSIEST_FIRST = Comparator.comparingDouble((Row r) -> -r.busyThreads)
            .thenComparingDouble(r -> -r.tasksPerSecond).thenComparingLong(r -> -r.queued)
            .thenComparingLong(r -> r.id);

    private TopFrame() {
    }

    /**
     * The frame, each line at most {@code columns} wide, at most {@code rows} lines (0: no limit).
     *
     * @param headline what the frame shows, cut to fit
     * @param units    how durations are written, as the output can print them
     */
    static String render(String headline, List<Row> executors, int columns, int rows, DurationText units) {
        List<Row> sorted = new ArrayList<>(executors);
        sorted.sort(BUSIEST_FIRST);
        List<Column> shown = new ArrayList<>(List.of(Column.values()));
        int longestName = "name".length();
        for (Row row : sorted) {
            longestName = Math.max(longestName, row.name.length());
        }
        while (columns - fixedWidth(shown) < MIN_NAME && !shown.isEmpty()) {
            shown.remove(shown.size() - 1);
        }
        int nameWidth = Math.max(1, Math.min(longestName, columns - fixedWidth(shown)));
        StringBuilder frame = new StringBuilder(cut(headline, columns)).append('\n');
        StringBuilder header = new StringBuilder(pad("name", nameWidth));
        for (Column column : shown) {
            header.append(' ').append(leftPad(column.header, column.width));
        }
        frame.append(header.toString().stripTrailing()).append('\n');
        int room = rows <= 0 ? Integer.MAX_VALUE : Math.max(1, rows - 3);
        for (int i = 0; i < sorted.size(); i++) {
            if (i == room && sorted.size() > room + 1) {
                frame.append("... ").append(sorted.size() - room).append(" more\n");
                break;
            }
            Row row = sorted.get(i);
            StringBuilder line = new StringBuilder(pad(cut(row.name, nameWidth), nameWidth));
            for (Column column : shown) {
                line.append(' ').append(leftPad(row.cell(column, units), column.width));
            }
            frame.append(line.toString().stripTrailing()).append('\n');
        }
        return frame.toString();
    }

    private static int fixedWidth(List<Column> shown) {
        int width = 0;
        for (Column column : shown) {
            width += column.width + 1;
        }
        return width;
    }

    /** {@code text} at most {@code width} long: a cut one ends in {@code ~}. */
    static String cut(String text, int width) {
        return text.length() <= width ? text : text.substring(0, Math.max(0, width - 1)) + "~";
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }

    private static String leftPad(String text, int width) {
        return " ".repeat(Math.max(0, width - text.length())) + text;
    }

    private static String rate(double perSecond) {
        return perSecond >= 99_999.5 ? String.format(Locale.ROOT, "%.0f", perSecond)
                : String.format(Locale.ROOT, "%.1f", perSecond);
    }
}
