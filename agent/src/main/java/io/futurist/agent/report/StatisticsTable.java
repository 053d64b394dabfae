package io.futurist.agent.report;

import io.futurist.Statistic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Renders executors as an aligned plain-text table, one row each: what the exit report and
 * the {@code stats} command print.
 *
 * <p>The table is for people, so it is narrower than the JSON: each column shows one or a few
 * {@link Statistic}s, and a few statistics are left out on purpose ({@link #LEFT_OUT}: totals,
 * which are average × count, the median, the shape's rarer sizes, and the utilization and queue
 * fill of the last interval, which {@code top} shows live and which mean little in an exit report). A test checks that every
 * statistic is either shown or left out here, so a new one is a decision, not an omission.
 * Compact cells: {@code queued} is {@code 5/100} (queued / queue capacity) where the queue is
 * bounded, else {@code 5}; {@code threads} is {@code 3/8} (pool size / maximum pool size, or
 * parallelism for a {@code ForkJoinPool}); {@code -} where there is no value.
 */
public final class StatisticsTable {

    /** The statistics the table does not show; the JSON and JMX carry them. */
    public static final Set<Statistic> LEFT_OUT = Collections.unmodifiableSet(EnumSet.of(Statistic.RUNTIME,
            Statistic.QUEUE_TIME, Statistic.RUNTIME_P50, Statistic.TIMED_RUNS, Statistic.CORE_POOL_SIZE,
            Statistic.LARGEST_POOL_SIZE, Statistic.SLOW_RUNS, Statistic.SLOW_QUEUE_WAITS,
            Statistic.UTILIZATION, Statistic.QUEUE_FILL));
    private static final String NONE = "-";

    /** One column: its header, how it aligns, which statistics it shows, and its cell for a row. */
    private static final class Column {
        final String header;
        final boolean numeric;
        final Set<Statistic> shows;
        final BiFunction<ExecutorRow, DurationText, String> cell;

        Column(String header, boolean numeric, Set<Statistic> shows, BiFunction<ExecutorRow, DurationText, String> cell) {
            this.header = header;
            this.numeric = numeric;
            this.shows = shows;
            this.cell = cell;
        }

        static Column text(String header, BiFunction<ExecutorRow, DurationText, String> cell) {
            return new Column(header, false, EnumSet.noneOf(Statistic.class), cell);
        }

        static Column count(Statistic statistic) {
            return new Column(statistic.key(), true, EnumSet.of(statistic), (r, units) -> number(r.value(statistic)));
        }

        static Column duration(String header, Statistic statistic) {
            return new Column(header, true, EnumSet.of(statistic), (r, units) -> {
                OptionalLong nanos = r.value(statistic);
                return nanos.isPresent() ? units.format(nanos.getAsLong()) : NONE;
            });
        }
    }

    private static final List<Column> COLUMNS = List.of(
            Column.text("name", (r, units) -> r.name()),
            Column.text("type", (r, units) -> simpleName(r.type())),
            Column.text("alive", (r, units) -> r.alive() ? "yes" : "no"),
            Column.count(Statistic.SUBMITTED),
            Column.count(Statistic.EXECUTED),
            Column.count(Statistic.FAILURES),
            Column.count(Statistic.CANCELLED),
            Column.count(Statistic.REJECTED),
            Column.count(Statistic.ACTIVE),
            new Column("queued", true, EnumSet.of(Statistic.QUEUED, Statistic.QUEUE_CAPACITY),
                    (r, units) -> fraction(r.value(Statistic.QUEUED), r.value(Statistic.QUEUE_CAPACITY))),
            Column.duration("avg run", Statistic.AVERAGE_RUNTIME),
            Column.duration("p99 run", Statistic.RUNTIME_P99),
            Column.duration("max run", Statistic.MAX_RUNTIME),
            Column.duration("avg queue", Statistic.AVERAGE_QUEUE_TIME),
            Column.duration("p99 queue", Statistic.QUEUE_TIME_P99),
            new Column("threads", true, EnumSet.of(Statistic.POOL_SIZE, Statistic.MAXIMUM_POOL_SIZE, Statistic.PARALLELISM),
                    (r, units) -> fraction(r.value(Statistic.POOL_SIZE), r.value(Statistic.MAXIMUM_POOL_SIZE).isPresent()
                            ? r.value(Statistic.MAXIMUM_POOL_SIZE) : r.value(Statistic.PARALLELISM))),
            Column.text("created at", (r, units) -> r.creationSite()));

    private StatisticsTable() {
    }

    /** The column headers, in order. */
    public static List<String> headers() {
        List<String> headers = new ArrayList<>();
        for (Column column : COLUMNS) {
            headers.add(column.header);
        }
        return headers;
    }

    /** The statistics some column shows. */
    public static Set<Statistic> shown() {
        Set<Statistic> shown = EnumSet.noneOf(Statistic.class);
        for (Column column : COLUMNS) {
            shown.addAll(column.shows);
        }
        return shown;
    }

    /**
     * The table for {@code executors}, ending with a newline.
     *
     * @param units how durations are written: {@link DurationText#forStream} of the stream it goes to
     */
    public static String render(List<ExecutorRow> executors, DurationText units) {
        List<String[]> rows = new ArrayList<>();
        rows.add(headers().toArray(new String[0]));
        for (ExecutorRow row : executors) {
            String[] cells = new String[COLUMNS.size()];
            for (int c = 0; c < cells.length; c++) {
                cells[c] = COLUMNS.get(c).cell.apply(row, units);
            }
            rows.add(cells);
        }
        return format(rows);
    }

    /** Aligns {@code rows} (the first is the header) into this table's columns. */
    public static String format(List<String[]> rows) {
        int columns = COLUMNS.size();
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
                line.append(COLUMNS.get(c).numeric ? pad + cell : cell + (c == columns - 1 ? "" : pad));
                if (c < columns - 1) {
                    line.append("  ");
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String number(OptionalLong value) {
        return value.isPresent() ? Long.toString(value.getAsLong()) : NONE;
    }

    /** {@code part/whole}, or {@code part} alone where there is no whole. */
    private static String fraction(OptionalLong part, OptionalLong whole) {
        return whole.isPresent() ? number(part) + "/" + whole.getAsLong() : number(part);
    }

    private static String simpleName(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }
}
