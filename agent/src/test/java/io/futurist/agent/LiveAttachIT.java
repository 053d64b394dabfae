package io.futurist.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.scenarios.LiveScenario;
import io.futurist.Statistic;
import io.futurist.agent.testing.AgentCli;
import io.futurist.agent.testing.Books;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.JsonText;
import io.futurist.agent.testing.RunningChild;
import io.futurist.agent.testing.ScenarioOutput;
import io.futurist.agent.testing.StatsTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The command line against a service that was started without the agent ({@link LiveScenario}):
 * {@code attach} while its pools are busy, exact counts for the work submitted afterwards,
 * {@code stats} (JSON and table) against the in-process lookup, a second {@code attach},
 * {@code detach}, and {@code attach} again — one child JVM through all of it, with a load
 * running on pools of its own the whole time.
 *
 * <p>The conversation happens once, in order, before the tests; each test then checks one
 * promise on what was said.
 */
class LiveAttachIT {

    private static final String UNKNOWN_SITE = "unknown (created before attach)";
    private static final String THREAD_POOL = "java.util.concurrent.ThreadPoolExecutor";
    private static final String FORK_JOIN_POOL = "java.util.concurrent.ForkJoinPool";
    /** Pools counted exactly after an attach: those whose workers were busy at the time, and a ForkJoinPool's idle ones. */
    private static final List<String> EXACT = List.of("busy", "busyfj", "idlefj");
    private static final List<String> POOLS = List.of("busy", "busyfj", "idle", "idlefj");
    /** The identity fields of the JSON (docs/CONTRACT.md §4), in its order; every statistic's key follows them. */
    private static final List<String> IDENTITY_FIELDS = List.of("id", "name", "type", "creationSite", "alive");
    /** {@code µs} or, where the output's charset cannot encode {@code µ}, {@code us}. */
    private static final Pattern DURATION = Pattern.compile("\\d+ns|\\d+\\.\\d(µ|u)s|\\d+\\.\\d\\dms|\\d+\\.\\d\\ds");

    private static final int FIRST = 200;
    private static final int SECOND = 100;
    private static final int DETACHED = 100;
    private static final int AGAIN = 150;

    private static RunningChild child;
    private static long pid;
    private static ScenarioOutput release;
    private static ScenarioOutput first;
    private static ScenarioOutput afterStats;
    private static ScenarioOutput second;
    private static ScenarioOutput detached;
    private static ScenarioOutput releaseAgain;
    private static ScenarioOutput again;
    private static ScenarioOutput end;
    private static ChildJvm.Result attach;
    private static ChildJvm.Result json;
    private static ChildJvm.Result sortedJson;
    private static ChildJvm.Result table;
    private static ChildJvm.Result attachTwice;
    private static ChildJvm.Result detach;
    private static ChildJvm.Result statsDetached;
    private static ChildJvm.Result attachAgain;
    private static ChildJvm.Result finished;

    @BeforeAll
    static void converse() {
        child = ChildJvm.running(LiveScenario.class).start();
        child.started();
        pid = child.pid();
        child.request("churn");
        child.request("hold");
        attach = AgentCli.run("attach", pid);
        release = child.request("release");
        first = child.request("batch first " + FIRST);
        json = AgentCli.run("stats", pid, "--json");
        sortedJson = AgentCli.run("stats", pid, "--json", "--sort", "executed");
        table = AgentCli.run("stats", pid);
        afterStats = child.request("look after-stats");
        attachTwice = AgentCli.run("attach", pid);
        second = child.request("batch second " + SECOND);
        detach = AgentCli.run("detach", pid);
        detached = child.request("batch detached " + DETACHED);
        statsDetached = AgentCli.run("stats", pid);
        child.request("hold");
        attachAgain = AgentCli.run("attach", pid);
        releaseAgain = child.request("release");
        again = child.request("batch again " + AGAIN);
        end = child.request("end");
        finished = child.finish();
    }

    @AfterAll
    static void stopChild() {
        if (child != null) {
            child.close();
        }
    }

    @Test
    void attachPrintsOneConfirmationLine() {
        AgentCli.assertOneLineSuccess(attach, "futurist: attached to JVM " + pid);
        assertEquals("true", first.env().get("agentActive"), first::context);
    }

    @Test
    void workSubmittedAfterTheAttachIsCountedExactly() {
        for (String pool : EXACT) {
            ScenarioOutput.Line stats = first.stats("first-" + pool);
            assertEquals("true", stats.get("tracked"), stats::text);
            assertTrue(stats.flag("alive"), stats::text);
            Books.of(FIRST, FIRST, 0, 0, 0).and("active", 0).and("queued", 0).assertOn(stats);
        }
    }

    /**
     * Workers of a fixed pool that wait for work when the agent arrives are inside
     * {@code getTask()}, whose old code has no exit hook: the task such a call returns is
     * counted as submitted, never as executed, and stays queued in the statistics for ever.
     */
    @Test
    void idleFixedPoolIsCountedExactlyAfterAttach() {
        Books.of(FIRST, FIRST, 0, 0, 0).and("active", 0).and("queued", 0).assertOn(first.stats("first-idle"));
        Books.of(FIRST + SECOND, FIRST + SECOND, 0, 0, 0).and("queued", 0).assertOn(second.stats("second-idle"));
        Books.of(AGAIN, AGAIN, 0, 0, 0).and("active", 0).and("queued", 0).assertOn(again.stats("again-idle"));
        Books.of(AGAIN, AGAIN, 0, 0, 0).assertTerminated(end.stats("end-idle"));
    }

    @Test
    void tasksFromBeforeTheAttachFinishCorrectlyAndAreNotCounted() {
        for (ScenarioOutput answer : List.of(release, releaseAgain)) {
            for (String pool : List.of("busy", "busyfj")) {
                ScenarioOutput.Line held = answer.result("release-" + pool);
                assertEquals(3 + 5, held.number("tasks"), held::text);
                assertEquals(0, held.number("wrong"), held::text);
            }
        }
        // They ran after the attach, and FIRST (or AGAIN) is all that was counted.
        assertEquals(FIRST, first.stats("first-busy").number("executed"));
        assertEquals(AGAIN, again.stats("again-busy").number("executed"));
    }

    @Test
    void poolsBuiltBeforeTheAttachHaveAnUnknownCreationSite() {
        for (String pool : POOLS) {
            ScenarioOutput.Line stats = first.stats("first-" + pool);
            assertEquals(1, stats.number("count"), stats::text);
            assertEquals(UNKNOWN_SITE, stats.get("site"), stats::text);
            assertEquals(pool + "-worker-*", stats.get("name"), stats::text);
            assertEquals(pool.endsWith("fj") ? FORK_JOIN_POOL : THREAD_POOL, stats.get("type"), stats::text);
        }
    }

    @Test
    void applicationResultsAreRightThroughAttachDetachAndAttachAgain() {
        finished.requireSuccess();
        assertEquals(0, finished.exitCode());
        for (String pool : POOLS) {
            assertRight(first.result("first-" + pool), FIRST);
            assertRight(second.result("second-" + pool), SECOND);
            assertRight(detached.result("detached-" + pool), DETACHED);
            assertRight(again.result("again-" + pool), AGAIN);
        }
        ScenarioOutput.Line churn = end.result("churn");
        assertTrue(churn.number("tasks") > 0, churn::text);
        assertEquals(0, churn.number("lost"), churn::text);
        assertEquals(0, churn.number("twice"), churn::text);
        assertEquals(0, churn.number("wrong"), churn::text);
        assertEquals("none", churn.get("failure"), churn::text);
    }

    @Test
    void statsJsonParsesAndMatchesTheInProcessLookup() {
        assertEquals(0, json.exitCode(), json::describe);
        assertEquals(List.of(), json.stderrLines(), json::describe);
        assertEquals(1, json.stdoutLines().size(), json::describe);
        Map<?, ?> document = (Map<?, ?>) JsonText.parse(json.stdout());
        assertEquals(List.of("pid", "executors"), new ArrayList<>(document.keySet()), json::stdout);
        assertEquals(pid, document.get("pid"));
        List<?> executors = (List<?>) document.get("executors");
        List<String> fields = new ArrayList<>(IDENTITY_FIELDS);
        for (Statistic statistic : Statistic.values()) {
            fields.add(statistic.key());
        }
        for (Object executor : executors) {
            Map<?, ?> row = (Map<?, ?>) executor;
            assertEquals(fields, new ArrayList<>(row.keySet()), "every field, in order");
            for (String field : IDENTITY_FIELDS) {
                Class<?> type = field.equals("id") ? Long.class : field.equals("alive") ? Boolean.class : String.class;
                assertEquals(type, row.get(field).getClass(), () -> field + " in " + row);
            }
            for (Statistic statistic : Statistic.values()) {
                Object value = row.get(statistic.key());
                // Only a statistic of the pool's shape may be null: where it does not apply.
                if (!(statistic.isOptional() && value == JsonText.NULL)) {
                    assertEquals(Long.class, value.getClass(), () -> statistic.key() + " in " + row);
                }
            }
        }
        for (String pool : POOLS) {
            ScenarioOutput.Line lookup = first.stats("first-" + pool);
            Map<?, ?> row = only(executors, lookup.number("id"));
            assertEquals(lookup.get("name"), row.get("name"), pool);
            assertEquals(lookup.get("type"), row.get("type"), pool);
            assertEquals(lookup.get("site"), row.get("creationSite"), pool);
            assertEquals(lookup.flag("alive"), row.get("alive"), pool);
            for (Statistic statistic : Statistic.values()) {
                String key = statistic.key();
                Object expected = lookup.get(key).equals("null") ? JsonText.NULL : (Object) lookup.number(key);
                assertEquals(expected, row.get(key), pool + " " + key);
            }
        }
    }

    @Test
    void statsSortedByAFieldListsTheSameExecutorsMostFirstTiesById() {
        assertEquals(0, sortedJson.exitCode(), sortedJson::describe);
        assertEquals(List.of(), sortedJson.stderrLines(), sortedJson::describe);
        List<?> byId = (List<?>) ((Map<?, ?>) JsonText.parse(json.stdout())).get("executors");
        List<?> sorted = (List<?>) ((Map<?, ?>) JsonText.parse(sortedJson.stdout())).get("executors");
        // Sorted by the numbers of its own read (the JMX connection's pool works between the two reads).
        List<Object> expected = new ArrayList<>(sorted);
        expected.sort(java.util.Comparator.comparingLong((Object row) -> -(Long) ((Map<?, ?>) row).get("executed"))
                .thenComparingLong(row -> (Long) ((Map<?, ?>) row).get("id")));
        assertEquals(expected, sorted, sortedJson::stdout);
        assertEquals(ids(byId), ids(sorted), sortedJson::stdout);
        assertTrue(byId.size() > 2, json::stdout);
    }

    private static java.util.Set<Object> ids(List<?> rows) {
        java.util.Set<Object> ids = new java.util.TreeSet<>();
        rows.forEach(row -> ids.add(((Map<?, ?>) row).get("id")));
        return ids;
    }

    @Test
    void statsChangesNothingInTheTarget() {
        for (String pool : POOLS) {
            Map<String, String> before = new java.util.LinkedHashMap<>(first.stats("first-" + pool).fields());
            Map<String, String> after = new java.util.LinkedHashMap<>(afterStats.stats("after-stats-" + pool).fields());
            // The agent's own periodic readings change with time, not with stats: the first
            // full interval may end between the two looks (null, then 0).
            for (String reading : List.of("utilizationPercent", "queueFillPercent")) {
                before.remove(reading);
                after.remove(reading);
            }
            assertEquals(before, after, pool);
        }
    }

    @Test
    void statsTableHasAHeaderAndOneAlignedRowPerExecutor() {
        assertEquals(0, table.exitCode(), table::describe);
        assertEquals(List.of(), table.stderrLines(), table::describe);
        StatsTable parsed = StatsTable.parse(table.stdout());
        List<?> executors = (List<?>) ((Map<?, ?>) JsonText.parse(json.stdout())).get("executors");
        assertEquals(executors.size(), parsed.rows().size(), table::stdout);
        for (String pool : POOLS) {
            ScenarioOutput.Line lookup = first.stats("first-" + pool);
            List<Map<String, String>> rows = parsed.named(lookup.get("name"));
            assertEquals(1, rows.size(), table::stdout);
            Map<String, String> row = rows.get(0);
            assertEquals(lookup.get("type").substring(lookup.get("type").lastIndexOf('.') + 1), row.get("type"));
            assertEquals("yes", row.get("alive"));
            for (String number : List.of("submitted", "executed", "failures", "cancelled", "rejected", "active", "queued")) {
                assertEquals(lookup.get(number), row.get(number), pool + " " + number);
            }
            for (String duration : List.of("avg run", "p99 run", "max run", "avg queue", "p99 queue")) {
                assertTrue(DURATION.matcher(row.get(duration)).matches(), () -> duration + ": " + row);
            }
            assertEquals(UNKNOWN_SITE, row.get("created at"));
        }
    }

    @Test
    void attachingTwiceSaysSoAndCountsNothingTwice() {
        String line = AgentCli.assertOneLineSuccess(attachTwice, "futurist: ");
        assertTrue(line.contains("already active"), line);
        for (String pool : EXACT) {
            Books.of(FIRST + SECOND, FIRST + SECOND, 0, 0, 0).and("active", 0).and("queued", 0)
                    .assertOn(second.stats("second-" + pool));
        }
        // The agent started twice in all: the first attach and the one after detach.
        assertEquals(2, count(finished.stderr(), "futurist: agent attached"), finished::describe);
    }

    @Test
    void detachStopsCountingAndTheApplicationRunsOn() {
        AgentCli.assertOneLineSuccess(detach, "futurist: detached from JVM " + pid);
        assertEquals("false", detached.env().get("agentActive"), detached::context);
        for (String pool : POOLS) {
            ScenarioOutput.Line before = second.stats("second-" + pool);
            ScenarioOutput.Line after = detached.stats("detached-" + pool);
            for (String number : List.of("submitted", "executed", "failures", "cancelled", "rejected")) {
                assertEquals(before.number(number), after.number(number), () -> pool + " " + number + " changed: " + after);
            }
        }
        assertEquals(1, count(finished.stderr(), "futurist: agent detached"), finished::describe);
    }

    @Test
    void statsAfterDetachFailsInOneLine() {
        AgentCli.assertOneLineFailure(statsDetached, 1, "not active", String.valueOf(pid));
    }

    @Test
    void attachingAgainCountsNewWorkExactlyFromZero() {
        AgentCli.assertOneLineSuccess(attachAgain, "futurist: attached to JVM " + pid);
        assertEquals("true", again.env().get("agentActive"), again::context);
        ScenarioOutput.Line stats = again.stats("again-busy");
        Books.of(AGAIN, AGAIN, 0, 0, 0).and("active", 0).and("queued", 0).assertOn(stats);
        assertEquals(first.stats("first-busy").get("id"), stats.get("id"), "the same executor, tracked again");
    }

    /**
     * A {@code ForkJoinPool}'s tasks wait in the probe's own table, not in the record's, and
     * resetting a record on the second attach only looks at the record's table.
     */
    @Test
    void forkJoinPoolsCountNewWorkFromZeroAfterAttachingAgain() {
        for (String pool : List.of("busyfj", "idlefj")) {
            Books.of(AGAIN, AGAIN, 0, 0, 0).and("active", 0).and("queued", 0).assertOn(again.stats("again-" + pool));
            Books.of(AGAIN, AGAIN, 0, 0, 0).assertTerminated(end.stats("end-" + pool));
        }
    }

    @Test
    void booksBalanceWhenThePoolsEnd() {
        Books.of(AGAIN, AGAIN, 0, 0, 0).assertTerminated(end.stats("end-busy"));
        for (String pool : List.of("busyfj", "idlefj")) {
            ScenarioOutput.Line stats = end.stats("end-" + pool);
            long submitted = stats.number("submitted");
            Books.of(submitted, submitted, 0, 0, 0).assertTerminated(stats);
        }
    }

    private static void assertRight(ScenarioOutput.Line result, int tasks) {
        assertEquals(tasks, result.number("tasks"), result::text);
        assertEquals(0, result.number("lost"), result::text);
        assertEquals(0, result.number("twice"), result::text);
        assertEquals(0, result.number("wrong"), result::text);
    }

    private static Map<?, ?> only(List<?> executors, long id) {
        List<Map<?, ?>> found = new ArrayList<>();
        for (Object executor : executors) {
            if (Long.valueOf(id).equals(((Map<?, ?>) executor).get("id"))) {
                found.add((Map<?, ?>) executor);
            }
        }
        assertEquals(1, found.size(), () -> "executors with id " + id + ": " + found + "\n" + json.stdout());
        return found.get(0);
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }
}
