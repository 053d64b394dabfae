package io.futurist.agent.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lines a scenario printed for its test, parsed.
 *
 * <p>Format (written by {@code example.scenarios.Report}): one record per line,
 * {@code #kind<TAB>label<TAB>key=value<TAB>key=value...}; values may hold spaces but no tabs.
 * Every other stdout line is ignored. A {@code (kind, label)} pair appears at most once.
 */
public final class ScenarioOutput {

    private final List<Line> lines;
    private final String context;

    private ScenarioOutput(List<Line> lines, String context) {
        this.lines = lines;
        this.context = context;
    }

    /**
     * Parses {@code stdout}.
     *
     * @param context shown in every failure message (the child's command and output)
     */
    public static ScenarioOutput parse(String stdout, String context) {
        List<Line> lines = new ArrayList<>();
        for (String text : stdout.split("\\R")) {
            if (!text.startsWith("#")) {
                continue;
            }
            String[] parts = text.substring(1).split("\t", -1);
            if (parts.length < 2) {
                throw new AssertionError("malformed scenario line '" + text + "'\n" + context);
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 2; i < parts.length; i++) {
                int equals = parts[i].indexOf('=');
                if (equals <= 0) {
                    throw new AssertionError("malformed field '" + parts[i] + "' in '" + text + "'\n" + context);
                }
                fields.put(parts[i].substring(0, equals), parts[i].substring(equals + 1));
            }
            Line line = new Line(parts[0], parts[1], Collections.unmodifiableMap(fields), text, context);
            for (Line earlier : lines) {
                if (earlier.kind.equals(line.kind) && earlier.label.equals(line.label)) {
                    throw new AssertionError("duplicate scenario line #" + line.kind + " " + line.label + "\n" + context);
                }
            }
            lines.add(line);
        }
        return new ScenarioOutput(Collections.unmodifiableList(lines), context);
    }

    /** The line of {@code kind} for {@code label}; fails if there is none. */
    public Line line(String kind, String label) {
        for (Line line : lines) {
            if (line.kind.equals(kind) && line.label.equals(label)) {
                return line;
            }
        }
        throw new AssertionError("the scenario printed no #" + kind + " line for '" + label + "'\n" + context);
    }

    /** Whether there is a line of {@code kind} for {@code label}. */
    public boolean has(String kind, String label) {
        return lines.stream().anyMatch(line -> line.kind.equals(kind) && line.label.equals(label));
    }

    /** {@code #stats} of {@code label}: what {@code Futurist.statistics/isAlive} said in-process. */
    public Line stats(String label) {
        return line("stats", label);
    }

    /** {@code #result} of {@code label}: the application's own outcome. */
    public Line result(String label) {
        return line("result", label);
    }

    /** {@code #tracked} of {@code label}: the {@code TrackedExecutor} of a pool the scenario built. */
    public Line tracked(String label) {
        return line("tracked", label);
    }

    /** The single {@code #env} line: the child's Java version and what it saw of Futurist. */
    public Line env() {
        return line("env", "jvm");
    }

    /** Every line of {@code kind}, in order, as printed. */
    public List<String> texts(String kind) {
        List<String> texts = new ArrayList<>();
        for (Line line : lines) {
            if (line.kind.equals(kind)) {
                texts.add(line.text);
            }
        }
        return texts;
    }

    /** Child command and output, for failure messages. */
    public String context() {
        return context;
    }

    /** One parsed line. */
    public static final class Line {
        private final String kind;
        private final String label;
        private final Map<String, String> fields;
        private final String text;
        private final String context;

        Line(String kind, String label, Map<String, String> fields, String text, String context) {
            this.kind = kind;
            this.label = label;
            this.fields = fields;
            this.text = text;
            this.context = context;
        }

        /** The field {@code key}; fails if the line has none. */
        public String get(String key) {
            String value = fields.get(key);
            if (value == null) {
                throw new AssertionError("no '" + key + "' in '" + text + "'\n" + context);
            }
            return value;
        }

        /** The field {@code key} as a number. */
        public long number(String key) {
            String value = get(key);
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new AssertionError("'" + key + "' is not a number in '" + text + "'\n" + context);
            }
        }

        /** The field {@code key} as {@code true}/{@code false}. */
        public boolean flag(String key) {
            String value = get(key);
            if (!value.equals("true") && !value.equals("false")) {
                throw new AssertionError("'" + key + "' is not true/false in '" + text + "'\n" + context);
            }
            return Boolean.parseBoolean(value);
        }

        /** All fields, in printed order. */
        public Map<String, String> fields() {
            return fields;
        }

        /** The line as printed, for messages. */
        public String text() {
            return text;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
