package io.futurist.agent.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The table {@code futurist-agent.jar stats <pid>} prints, read back and checked for alignment:
 * a header naming the columns of the issue, then one row per executor, every text column
 * starting where its header starts and every number column ending where its header ends.
 * Cells are separated by at least two spaces; a cell may hold single spaces ("created before
 * attach").
 */
public final class StatsTable {

    /** The columns, in order. */
    public static final List<String> COLUMNS = List.of("name", "type", "alive", "submitted", "executed", "failures",
            "cancelled", "rejected", "active", "queued", "avg run", "p99 run", "max run", "avg queue", "p99 queue", "threads",
            "created at");
    private static final List<String> LEFT_ALIGNED = List.of("name", "type", "alive", "created at");
    /** A cell: words separated by single spaces. */
    private static final Pattern CELL = Pattern.compile("\\S+(?: \\S+)*");

    private final List<Map<String, String>> rows;

    private StatsTable(List<Map<String, String>> rows) {
        this.rows = rows;
    }

    /**
     * Reads {@code text}.
     *
     * @throws AssertionError naming the line, if the header or any row is not as described
     */
    public static StatsTable parse(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (!line.isEmpty()) {
                lines.add(line);
            }
        }
        if (lines.isEmpty()) {
            throw new AssertionError("no table at all:\n" + text);
        }
        List<int[]> header = cells(lines.get(0));
        List<String> names = new ArrayList<>();
        for (int[] cell : header) {
            names.add(lines.get(0).substring(cell[0], cell[1]));
        }
        if (!names.equals(COLUMNS)) {
            throw new AssertionError("header " + names + " is not " + COLUMNS + ":\n" + text);
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<int[]> cells = cells(line);
            if (cells.size() != COLUMNS.size()) {
                throw new AssertionError(cells.size() + " cells, not " + COLUMNS.size() + ", in row '" + line + "':\n" + text);
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < COLUMNS.size(); c++) {
                String column = COLUMNS.get(c);
                boolean left = LEFT_ALIGNED.contains(column);
                int[] cell = cells.get(c);
                int[] head = header.get(c);
                if (left ? cell[0] != head[0] : cell[1] != head[1]) {
                    throw new AssertionError("column '" + column + "' is not aligned with its header (" + (left ? "start " + cell[0]
                            + " vs " + head[0] : "end " + cell[1] + " vs " + head[1]) + ") in row '" + line + "':\n" + text);
                }
                row.put(column, line.substring(cell[0], cell[1]));
            }
            rows.add(Collections.unmodifiableMap(row));
        }
        return new StatsTable(Collections.unmodifiableList(rows));
    }

    /** Every row, in printed order, each keyed by {@link #COLUMNS}. */
    public List<Map<String, String>> rows() {
        return rows;
    }

    /** The rows whose {@code name} is {@code name}. */
    public List<Map<String, String>> named(String name) {
        List<Map<String, String>> found = new ArrayList<>();
        for (Map<String, String> row : rows) {
            if (row.get("name").equals(name)) {
                found.add(row);
            }
        }
        return found;
    }

    private static List<int[]> cells(String line) {
        List<int[]> cells = new ArrayList<>();
        Matcher cell = CELL.matcher(line);
        while (cell.find()) {
            cells.add(new int[] {cell.start(), cell.end()});
        }
        return cells;
    }
}
