package io.futurist.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.scenarios.NamesScenario;
import io.futurist.agent.testing.Books;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.ScenarioOutput;
import io.futurist.agent.testing.StatsTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code -javaagent:futurist-agent.jar=options}: the exit report, accepted options, and
 * invalid ones, which cost one line on stderr and leave the application alone.
 */
class AgentOptionsIT {

    private static final String REPORT_HEADER = "futurist: executor statistics at exit (";
    private static final List<String> VALID = List.of("jmx=false", "report=none,jmx=true");
    private static final List<String> INVALID = List.of("bogus", "report=maybe", "jmx=yes", "report=exit,colour=red");

    /** By option string; {@code null} for the run without the agent. */
    private static final Map<String, ChildJvm.Result> RUNS = new LinkedHashMap<>();

    @BeforeAll
    static void runScenarios() {
        List<String> options = new ArrayList<>();
        options.add(null);
        options.add("report=exit");
        options.addAll(VALID);
        options.addAll(INVALID);
        List<ChildJvm> children = new ArrayList<>();
        for (String option : options) {
            ChildJvm child = ChildJvm.running(NamesScenario.class);
            children.add(option == null ? child : child.withAgent(option));
        }
        List<ChildJvm.Result> results = ChildJvm.runAll(children);
        for (int i = 0; i < options.size(); i++) {
            RUNS.put(options.get(i), results.get(i).requireSuccess());
        }
    }

    @Test
    void reportAtExitPrintsEveryExecutorWithItsNumbers() {
        ChildJvm.Result run = RUNS.get("report=exit");
        ScenarioOutput output = run.output();
        List<String> lines = List.of(run.stderr().split("\\R"));
        int header = indexOfPrefix(lines, REPORT_HEADER);
        assertTrue(header >= 0, run::describe);
        assertEquals(1, run.futuristLines().size(), "only the report's header line: " + run.futuristLines());
        String count = lines.get(header).substring(REPORT_HEADER.length());
        int executors = Integer.parseInt(count.substring(0, count.indexOf(' ')));
        assertTrue(lines.get(header + 1).matches("name\\s+type\\s+alive\\s+submitted\\s+executed\\s+failures\\s+cancelled"
                + "\\s+rejected\\s+active\\s+queued\\s+.*created at"), lines.get(header + 1));
        assertTrue(lines.size() >= header + 2 + executors, run::describe);

        Map<String, String[]> rows = new LinkedHashMap<>();
        for (String row : lines.subList(header + 2, header + 2 + executors)) {
            String[] cells = row.split("\\s{2,}");
            assertEquals(StatsTable.COLUMNS.size(), cells.length, row);
            assertEquals(null, rows.put(cells[0], cells), () -> "two rows named " + cells[0]);
        }
        assertRow(rows, output.tracked("parsers").get("name"), "ThreadPoolExecutor", 2, output.tracked("parsers").get("site"));
        assertRow(rows, output.tracked("default").get("name"), "ThreadPoolExecutor", 1, output.tracked("default").get("site"));
        assertRow(rows, output.tracked("idle").get("name"), "ThreadPoolExecutor", 0, output.tracked("idle").get("site"));
        assertRow(rows, output.tracked("scheduled").get("name"), "ScheduledThreadPoolExecutor", 1,
                output.tracked("scheduled").get("site"));
        assertRow(rows, output.tracked("indexers").get("name"), "ThreadPoolExecutor", 0, output.tracked("indexers").get("site"));
    }

    @Test
    void withoutReportAtExitThereIsNoReport() {
        for (String option : VALID) {
            assertFalse(RUNS.get(option).stderr().contains(REPORT_HEADER), option);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jmx=false", "report=none,jmx=true"})
    void validOptionsAreAcceptedSilently(String option) {
        ChildJvm.Result run = RUNS.get(option);
        assertEquals("[]", run.futuristLines().toString(), run::describe);
        ScenarioOutput output = run.output();
        assertEquals("true", output.env().get("agentActive"));
        Books.of(2, 2, 0, 0, 0).assertTerminated(output.stats("parsers"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bogus", "report=maybe", "jmx=yes", "report=exit,colour=red"})
    void invalidOptionCostsOneLineAndTheApplicationRunsAsWithout(String option) {
        ChildJvm.Result run = RUNS.get(option);
        List<String> said = run.futuristLines();
        assertEquals(1, said.size(), run::describe);
        assertTrue(said.get(0).startsWith("futurist:"), said.get(0));
        assertFalse(run.stderr().contains(REPORT_HEADER), run::describe);
        ScenarioOutput output = run.output();
        assertEquals("false", output.env().get("agentActive"));
        assertEquals("false", output.stats("parsers").get("tracked"));
        assertEquals(RUNS.get(null).output().texts("result"), output.texts("result"));
    }

    @Test
    void namesAndApplicationResultsDoNotDependOnTheAgent() {
        assertEquals(RUNS.get(null).output().texts("result"), RUNS.get("jmx=false").output().texts("result"));
        assertEquals(RUNS.get(null).output().texts("result"), RUNS.get("report=exit").output().texts("result"));
    }

    private static void assertRow(Map<String, String[]> rows, String name, String type, long tasks, String site) {
        String[] row = rows.get(name);
        assertTrue(row != null, () -> "no row for " + name + " in " + rows.keySet());
        assertEquals(type, row[1], name);
        assertEquals("no", row[2], name + " alive");
        assertEquals(Long.toString(tasks), row[3], name + " submitted");
        assertEquals(Long.toString(tasks), row[4], name + " executed");
        assertEquals("0", row[5], name + " failures");
        assertEquals("0", row[6], name + " cancelled");
        assertEquals("0", row[7], name + " rejected");
        assertEquals("0", row[8], name + " active");
        assertTrue(row[9].matches("0(/\\d+)?"), name + " queued: " + row[9]);
        assertEquals(site, row[row.length - 1], name + " created at");
    }

    private static int indexOfPrefix(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
