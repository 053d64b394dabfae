package io.futurist.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.futurist.agent.report.DurationText;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A frame of {@code top}: busiest first, fitted to the width, blank where a number is not known. */
class TopFrameTest {

    private static final List<TopFrame.Row> ROWS = List.of(
            new TopFrame.Row(1, "quiet-*", 0, 0, 0, 0, 0, 0, 0, 1_000, 2_000),
            new TopFrame.Row(2, "a-pool-with-a-rather-long-name-indeed-*", 12.5, 0, 0, Double.NaN, 1, 0.01, 0, 5_000, 0),
            new TopFrame.Row(3, "busy-*", 1500, 2.5, 1, 0.0, 0, 3.8, 17, 2_500_000, 9_000_000));

    @Test
    void busiestFirstAndEveryColumnAtEightyColumns() {
        String frame = TopFrame.render("futurist top: JVM 1", ROWS, 80, 0, DurationText.MICRO_SIGN);
        List<String> lines = frame.lines().toList();
        assertEquals("name               tasks/s active  util  queued  rej/s  p99 run fail/s p99 queue", lines.get(1));
        assertEquals("busy-*              1500.0      0    0%      17    1.0   2.50ms    2.5    9.00ms", lines.get(2));
        assertEquals("a-pool-with-a-ra~     12.5      1             0    0.0    5.0µs    0.0       0ns", lines.get(3));
        assertTrue(lines.get(4).startsWith("quiet-*"));
        lines.forEach(line -> assertTrue(line.length() <= 80, line));
    }

    @Test
    void aPoolWhoseTasksAreStuckIsBusierThanOneThatFinishesTasksOnAverage() {
        List<TopFrame.Row> rows = List.of(
                new TopFrame.Row(1, "steady-*", 900, 0, 0, Double.NaN, 1, 1.5, 0, 1_000, 0),
                new TopFrame.Row(2, "stuck-*", 0, 0, 0, 1.0, 4, 0, 0, 0, 0));
        List<String> lines = TopFrame.render("h", rows, 80, 0, DurationText.ASCII).lines().toList();
        assertTrue(lines.get(2).startsWith("stuck-*"), lines.get(2));
        assertTrue(lines.get(3).startsWith("steady-*"), lines.get(3));
    }

    @Test
    void narrowTerminalsLoseTheLeastWantedColumnsFirst() {
        String headline = "futurist top: JVM 1 with a headline longer than sixty columns for sure";
        String frame = TopFrame.render(headline, ROWS, 60, 0, DurationText.MICRO_SIGN);
        List<String> lines = frame.lines().toList();
        assertEquals("name            tasks/s active  util  queued  rej/s  p99 run", lines.get(1));
        lines.forEach(line -> assertTrue(line.length() <= 60, line));
        assertTrue(lines.get(0).endsWith("~"));
    }

    @Test
    void rowsBeyondTheTerminalsHeightAreCounted() {
        String frame = TopFrame.render("h", ROWS, 80, 4, DurationText.ASCII);
        assertEquals(List.of("busy-*", "... 2 more"), frame.lines().skip(2).map(l -> l.split(" ")[0].equals("...")
                ? l : l.split(" ")[0]).toList());
    }

    @Test
    void intervalsAreSecondsWithinBounds() throws CliException {
        assertEquals(0.5, Top.interval("0.5"));
        assertEquals(2, Top.interval("2"));
        for (String bad : List.of("0", "-1", "soon", "NaN", "3601")) {
            CliException refused = assertThrows(CliException.class, () -> Top.interval(bad));
            assertEquals(CliException.USAGE, refused.status());
        }
        assertThrows(CliException.class, () -> Top.requireWidth(59));
    }
}
