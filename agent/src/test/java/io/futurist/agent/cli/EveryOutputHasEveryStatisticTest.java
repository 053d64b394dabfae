package io.futurist.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.futurist.ExecutorStatistics;
import io.futurist.PoolShape;
import io.futurist.Statistic;
import io.futurist.TrackedExecutor;
import io.futurist.agent.jmx.JmxNames;
import io.futurist.agent.report.DurationText;
import io.futurist.agent.report.ExecutorRow;
import io.futurist.agent.report.StatisticsTable;
import io.futurist.agent.testing.FixedExecutor;
import io.futurist.agent.testing.JsonText;
import io.futurist.agent.testing.StatsTable;
import io.futurist.internal.ExecutorRegistry;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One schema drives every output: adding a {@link Statistic} without it reaching the JSON of
 * {@code stats}, the JMX attributes, the list the command line reads over JMX, or the table
 * (shown, or left out on purpose) fails here. (The MBean's own attribute list is checked in
 * {@code ExecutorViewTest}.)
 */
class EveryOutputHasEveryStatisticTest {

    @Test
    void jsonHasEveryStatisticInOrderAfterTheIdentity() {
        ExecutorRow row = ExecutorRow.of(registered());
        Map<?, ?> json = (Map<?, ?>) JsonText.parse(row.toJson());
        List<String> expected = new ArrayList<>(List.of("id", "name", "type", "creationSite", "alive"));
        for (Statistic statistic : Statistic.values()) {
            expected.add(statistic.key());
        }
        assertEquals(expected, new ArrayList<>(json.keySet()));
    }

    @Test
    void jsonWritesAnAbsentShapeAsNull() {
        ExecutorRow row = ExecutorRow.of(registered());
        Map<?, ?> json = (Map<?, ?>) JsonText.parse(row.toJson());
        for (Statistic statistic : Statistic.values()) {
            Object value = json.get(statistic.key());
            assertEquals(statistic.isOptional() ? JsonText.NULL : (Object) statistic.read(ExecutorStatistics.EMPTY)
                    .getAsLong(), value, statistic.key());
        }
    }

    @Test
    void jmxAndTheCommandLineNameEveryStatistic() {
        List<String> attributes = Arrays.asList(Commands.ATTRIBUTES);
        assertEquals(JmxNames.attributes(), attributes, "the command line reads what the agent publishes");
        for (Statistic statistic : Statistic.values()) {
            assertTrue(attributes.contains(JmxNames.attribute(statistic)), statistic.key());
        }
        assertEquals(JmxNames.IDENTITY.size() + Statistic.values().length, attributes.size());
    }

    @Test
    void theTableShowsEveryStatisticOrLeavesItOutOnPurpose() {
        Set<Statistic> shown = StatisticsTable.shown();
        for (Statistic statistic : Statistic.values()) {
            assertTrue(shown.contains(statistic) ^ StatisticsTable.LEFT_OUT.contains(statistic),
                    statistic.key() + ": shown or left out, exactly one");
        }
        assertEquals(EnumSet.allOf(Statistic.class).size(), shown.size() + StatisticsTable.LEFT_OUT.size());
        assertEquals(StatsTable.COLUMNS, StatisticsTable.headers(), "the test's reader knows every column");
    }

    @Test
    void theTableShowsTheShapeCompactly() {
        ExecutorStatistics shaped = ExecutorStatistics.EMPTY.withShape(PoolShape.threadPool(3, 2, 8, 5, 100));
        ExecutorStatistics forkJoin = ExecutorStatistics.EMPTY.withShape(PoolShape.forkJoinPool(5, 4));
        String table = StatisticsTable.render(List.of(ExecutorRow.of(new FixedExecutor(1, "bounded", shaped)),
                ExecutorRow.of(new FixedExecutor(2, "fj", forkJoin)), ExecutorRow.of(new FixedExecutor(3, "plain", ExecutorStatistics.EMPTY))),
                DurationText.MICRO_SIGN);
        StatsTable parsed = StatsTable.parse(table);
        assertEquals("0/100", parsed.named("bounded").get(0).get("queued"));
        assertEquals("3/8", parsed.named("bounded").get(0).get("threads"));
        assertEquals("0", parsed.named("fj").get(0).get("queued"));
        assertEquals("5/4", parsed.named("fj").get(0).get("threads"));
        assertEquals("-", parsed.named("plain").get(0).get("threads"));
        assertEquals("0ns", parsed.named("plain").get(0).get("max run"));
    }

    /** The contract describes every statistic: its table in docs/CONTRACT.md §3.1 names each key. */
    @Test
    void theContractDescribesEveryStatistic() throws Exception {
        String contract = Files.readString(Paths.get("..", "docs", "CONTRACT.md"));
        for (Statistic statistic : Statistic.values()) {
            assertTrue(contract.contains("| `" + statistic.key() + "` |"), statistic.key() + " is not in docs/CONTRACT.md §3.1");
        }
    }

    private static TrackedExecutor registered() {
        return new ExecutorRegistry().register(new Object(), "here");
    }
}
