package io.futurist.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.scenarios.HealthScenario;
import io.futurist.agent.testing.ChildJvm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The exit report is complete whatever the collector did: {@value #POOLS} pools that terminated
 * are in it whether they were garbage-collected before the exit or not — the first hundred with
 * a row each, the other five summed per creation site — and both reports say the same, but for
 * the times (two runs never take the same nanoseconds).
 */
class CompleteExitReportIT {

    static final int POOLS = 105;
    private static final String SITE = "example.scenarios.HealthScenario.shortLived(HealthScenario.java:";
    /** The columns whose cells are times, which two runs never share. */
    private static final List<String> TIMES = List.of("avg run", "p99 run", "max run", "avg queue", "p99 queue");

    private static ChildJvm.Result collected;
    private static ChildJvm.Result kept;

    @BeforeAll
    static void runBoth() {
        ChildJvm scenario = ChildJvm.running(HealthScenario.class).withAgent("report=exit");
        List<ChildJvm.Result> results = ChildJvm.runAll(List.of(
                scenario.withArguments("exit", Integer.toString(POOLS), "gc"),
                scenario.withArguments("exit", Integer.toString(POOLS), "nogc")));
        collected = results.get(0).requireSuccess();
        kept = results.get(1).requireSuccess();
    }

    @Test
    void everyPoolWasCollectedInTheOneRunAndNoneInTheOther() {
        assertEquals(POOLS, collected.output().result("collect").number("collected"), collected::describe);
    }

    @Test
    void theReportIsTheSameWithAndWithoutGarbageCollection() {
        assertEquals(withoutTimes(report(kept)), withoutTimes(report(collected)));
    }

    @Test
    void theFirstHundredHaveARowEachAndTheRestAreSummedPerSite() {
        List<String> report = report(collected);
        // The hundred, and the common pool, which the agent knows from the start.
        assertEquals("futurist: executor statistics at exit (101 executors)", report.get(0), collected::describe);
        long rows = report.stream().filter(line -> line.contains(SITE) && line.matches("pool-\\d+-thread-\\*\\s+.*")).count();
        assertEquals(100, rows, collected::describe);
        int summed = report.indexOf("5 more terminated executors, summed by creation site:");
        assertTrue(summed > 0, collected::describe);
        String[] sum = report.get(summed + 2).split("\\s{2,}");
        assertEquals(List.of("5 executors", "ThreadPoolExecutor", "no", "15", "15", "0", "0", "0", "0", "0"),
                Arrays.asList(sum).subList(0, 10), report.get(summed + 2));
        assertTrue(sum[sum.length - 1].startsWith(SITE), report.get(summed + 2));
    }

    /** The report's lines, from its header on. */
    private static List<String> report(ChildJvm.Result run) {
        List<String> lines = run.stderrLines();
        int header = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("futurist: executor statistics at exit (")) {
                header = i;
            }
        }
        assertTrue(header >= 0, run::describe);
        return lines.subList(header, lines.size());
    }

    /**
     * Each table row with its time columns blanked out (found by the table's header), the common
     * pool's row left out; other lines as they are.
     */
    private static List<String> withoutTimes(List<String> report) {
        List<String> out = new ArrayList<>();
        List<String> header = List.of();
        for (String line : report) {
            if (line.startsWith("ForkJoinPool.commonPool ")) {
                continue; // registered at start-up, racing the first pools for its id: its place may vary
            }
            String[] cells = line.split("\\s{2,}");
            if (cells[0].equals("name")) {
                header = Arrays.asList(cells);
            } else if (cells.length == header.size()) {
                for (String time : TIMES) {
                    cells[header.indexOf(time)] = "-";
                }
            }
            out.add(String.join(" | ", cells));
        }
        return out;
    }
}
