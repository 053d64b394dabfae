package io.futurist.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.scenarios.ExitReportScenario;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.StatsTable;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The exit report ({@code report=exit}) of a JVM whose stderr is US-ASCII prints microseconds as
 * {@code us}, where a JVM whose stderr is UTF-8 prints {@code µs}; both are aligned tables with
 * a header that counts the executors in the right number. The stream's charset is set the way
 * each JDK reads it: {@code stderr.encoding} (Java 19+) and {@code sun.stderr.encoding} (Java 17).
 * The scenario also reports which units the agent chose for its stderr, so that the choice is
 * checked even when load stretches every duration past the microseconds.
 */
class ExitReportIT {

    private static final String HEADER = "futurist: executor statistics at exit (";
    private static final List<String> DURATIONS = List.of("avg run", "p99 run", "max run", "avg queue", "p99 queue");
    private static final Pattern ASCII_DURATION = Pattern.compile("\\d+ns|\\d+\\.\\dus|\\d+\\.\\d\\dms|\\d+\\.\\d\\ds");
    private static final Pattern UTF8_DURATION = Pattern.compile("\\d+ns|\\d+\\.\\dµs|\\d+\\.\\d\\dms|\\d+\\.\\d\\ds");

    private static ChildJvm.Result ascii;
    private static ChildJvm.Result utf8;

    @BeforeAll
    static void runWithEachCharset() {
        ChildJvm child = ChildJvm.running(ExitReportScenario.class).withAgent("report=exit");
        List<ChildJvm.Result> runs = ChildJvm.runAll(List.of(
                child.withJvmOptions("-Dstderr.encoding=US-ASCII", "-Dsun.stderr.encoding=US-ASCII"),
                child.withJvmOptions("-Dstderr.encoding=UTF-8", "-Dsun.stderr.encoding=UTF-8")));
        ascii = runs.get(0).requireSuccess();
        utf8 = runs.get(1).requireSuccess();
    }

    @Test
    void anAsciiStreamGetsUsAndNothingItCannotEncode() {
        List<Map<String, String>> rows = report(ascii);
        for (char c : ascii.stderr().toCharArray()) {
            assertTrue(c < 0x80, () -> "not ASCII: '" + c + "'\n" + ascii.describe());
        }
        assertFalse(ascii.stderr().contains("?s"), ascii::describe);
        assertDurations(rows, ASCII_DURATION, ascii);
        assertEquals("ASCII", ascii.output().result("units").get("stderr"), ascii::describe);
    }

    @Test
    void aUtf8StreamGetsTheMicroSign() {
        assertDurations(report(utf8), UTF8_DURATION, utf8);
        assertEquals("MICRO_SIGN", utf8.output().result("units").get("stderr"), utf8::describe);
    }

    /**
     * Every duration cell is in a unit the stream can print. (Whether any falls in the
     * microseconds depends on the machine's load; the scenario's "units" line says which units
     * the report chose either way.)
     */
    private static void assertDurations(List<Map<String, String>> rows, Pattern unit, ChildJvm.Result run) {
        for (Map<String, String> row : rows) {
            for (String column : DURATIONS) {
                assertTrue(unit.matcher(row.get(column)).matches(), () -> column + " '" + row.get(column) + "'\n" + run.describe());
            }
        }
    }

    /** The report's rows, after checking its header counts them in the right number. */
    private static List<Map<String, String>> report(ChildJvm.Result run) {
        String stderr = run.stderr();
        int at = stderr.indexOf(HEADER);
        assertTrue(at >= 0, run::describe);
        String[] lines = stderr.substring(at).split("\\R");
        String count = lines[0].substring(HEADER.length());
        int executors = Integer.parseInt(count.substring(0, count.indexOf(' ')));
        assertEquals(executors == 1 ? " executor)" : " executors)", count.substring(count.indexOf(' ')), lines[0]);
        StringBuilder table = new StringBuilder();
        for (int i = 1; i <= executors + 1; i++) {
            table.append(lines[i]).append('\n');
        }
        StatsTable parsed = StatsTable.parse(table.toString());
        assertEquals(1, parsed.named("spinner-*").size(), run::describe);
        assertEquals(String.valueOf(40), parsed.named("spinner-*").get(0).get("executed"), run::describe);
        return parsed.rows();
    }
}
