package io.futurist.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.scenarios.HealthScenario;
import io.futurist.agent.testing.AgentCli;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.JsonText;
import io.futurist.agent.testing.RunningChild;
import io.futurist.agent.testing.ScenarioOutput;
import io.futurist.agent.testing.Scrape;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code leaks}: in a {@link HealthScenario} that builds a pool per request and never shuts it
 * down (twelve requests), and abandons one more pool, {@code leaks} names both creation sites —
 * the scenario's methods — with exactly how many executors each left idle, calls the
 * pool-per-request site out as one that keeps making executors, and leaves the busy pool out.
 * Over JMX, each executor shows its idle time, utilization, queue fill and whether it refuses
 * work, and the agent's MBean the same report.
 */
class LeaksIT {

    private static final int REQUESTS = 12;
    private static final String PER_REQUEST = "example.scenarios.HealthScenario.handleRequest(HealthScenario.java:";
    private static final String ABANDONED = "example.scenarios.HealthScenario.abandonPool(HealthScenario.java:";
    /** An idle row: executors, threads (a number, or - where the pool's size is not known), idle for, site. */
    private static final Pattern ROW = Pattern.compile("\\s*(\\d+)\\s+(\\d+|-)\\s+(\\d+)s\\s+(\\S.*)");

    private static RunningChild child;
    private static ChildJvm.Result text;
    private static ChildJvm.Result json;
    private static ChildJvm.Result notYet;
    private static ScenarioOutput jmx;
    private static String metrics;

    @BeforeAll
    static void leakPools() {
        child = ChildJvm.running(HealthScenario.class, "live").withAgent("prometheus=127.0.0.1:0").start();
        child.started();
        metrics = Scrape.endpointOf(child::stderr, Duration.ofSeconds(60));
        child.request("pools");
        child.request("requests " + REQUESTS);
        child.request("abandon");
        notYet = AgentCli.run("leaks", child.pid());
        // The agent reads every executor once a second: poll until it has seen them idle for a second.
        long deadline = System.nanoTime() + 60_000_000_000L;
        do {
            text = AgentCli.run("leaks", child.pid(), "--idle", "1");
        } while (!(text.stdout().contains(PER_REQUEST) && text.stdout().contains(ABANDONED)) && System.nanoTime() < deadline);
        json = AgentCli.run("leaks", child.pid(), "--json", "--idle", "1");
        jmx = child.request("mbeans");
    }

    @AfterAll
    static void stopChild() {
        if (child != null) {
            child.close();
        }
    }

    @Test
    void namesEachLeakingSiteWithExactlyHowManyExecutorsAndThreads() {
        assertEquals(0, text.exitCode(), text::describe);
        assertEquals("", text.stderr(), text::describe);
        List<String> lines = text.stdoutLines();
        assertTrue(lines.get(0).matches("\\d+ executors idle for 1 s or more and never shut down, from \\d+"
                + " creation sites"), text::describe);
        assertEquals("executors  threads  idle for  created at", lines.get(1).trim(), text::describe);
        assertSite(lines, PER_REQUEST, REQUESTS);
        assertSite(lines, ABANDONED, 1);
        // The quiet pool is idle and never shut down; the busy pool beside it, built at the same place, is not idle.
        assertSite(lines, "example.scenarios.HealthScenario.startBusyAndQuiet(HealthScenario.java:", 1);
    }

    @Test
    void callsOutTheSiteThatKeepsMakingPools() {
        List<String> lines = text.stdoutLines();
        int callOut = lines.indexOf("creation sites that keep making executors (10 or more so far):");
        assertTrue(callOut > 0, text::describe);
        List<String> sites = lines.subList(callOut + 1, lines.size());
        assertEquals(1, sites.size(), text::describe);
        assertTrue(sites.get(0).matches("  " + Pattern.quote(PER_REQUEST) + "\\d+\\): " + REQUESTS + " created, "
                + REQUESTS + " never shut down"), text::describe);
    }

    @Test
    void jsonHasTheSameSites() {
        assertEquals(0, json.exitCode(), json::describe);
        String out = json.stdout().trim();
        assertTrue(out.startsWith("{\"pid\":" + child.pid() + ",\"idleSeconds\":1,\"idleKnown\":true,\"idle\":[{"), out);
        assertTrue(Pattern.compile(Pattern.quote(PER_REQUEST) + "\\d+\\)\",\"executors\":" + REQUESTS
                + ",\"threads\":(" + 2 * REQUESTS + "|null),").matcher(out).find(), out);
        assertTrue(out.contains("\"keepMakingExecutors\":[{\"creationSite\":\"" + PER_REQUEST), out);
        assertTrue(out.contains("\"created\":" + REQUESTS + ",\"neverShutDown\":" + REQUESTS + "}],\"stuck\":[]}"), out);
    }

    @Test
    void withTheDefaultMinuteNothingYoungIsALeakButTheProlificSiteIsNamed() {
        assertEquals(0, notYet.exitCode(), notYet::describe);
        List<String> lines = notYet.stdoutLines();
        assertEquals("no executor has been idle for 60 s or more without being shut down", lines.get(0),
                notYet::describe);
        assertTrue(lines.get(1).startsWith("creation sites that keep making executors"), notYet::describe);
    }

    @Test
    void jmxShowsEachExecutorsHealthAndTheAgentsLeaks() {
        ScenarioOutput.Line quiet = jmx.line("jmx", "quiet");
        ScenarioOutput.Line busy = jmx.line("jmx", "busy");
        assertTrue(quiet.number("idleMillis") >= 1000, quiet::text);
        assertEquals(-1, busy.number("idleMillis"), busy::text);
        assertEquals("false", busy.get("rejecting"), busy::text);
        assertEquals("false", quiet.get("rejecting"), quiet::text);
        // Where the agent knows the pools' size: the busy pool's two threads never rest, the quiet pool's never work.
        assertTrue(busy.get("utilization").equals("NaN") || Double.parseDouble(busy.get("utilization")) > 0.5, busy::text);
        assertTrue(quiet.get("utilization").equals("NaN") || Double.parseDouble(quiet.get("utilization")) == 0, quiet::text);
        assertEquals("NaN", busy.get("queueFill"), "an unbounded queue has no fill: " + busy.text());
        ScenarioOutput.Line agent = jmx.line("jmx", "agent");
        assertEquals("no executor has been idle for 60 s or more without being shut down", agent.get("leaks"), agent::text);
        assertEquals(3, agent.number("lines"), agent::text);
    }

    /** The site's row shows {@code executors}, and twice as many threads where the pool's size is known. */
    /**
     * Utilization and queue fill are statistics of the schema, so {@code stats --json} and the
     * Prometheus scrape carry them: the busy pool's two threads are (nearly) always running, the
     * quiet pool's never; neither has a bounded queue, so neither has a fill.
     */
    @Test
    void statsJsonAndPrometheusShowTheBusyPoolsUtilization() {
        // Known once the agent has read the pools over a whole interval of five readings, a second
        // apart; the quiet pool's first interval may still have seen its two tasks end.
        long deadline = System.nanoTime() + 60_000_000_000L;
        Map<String, Map<?, ?>> pools;
        do {
            pools = statsJson();
        } while ((pools.get("busy-*").get("utilizationPercent") == JsonText.NULL
                || !Long.valueOf(0).equals(pools.get("quiet-*").get("utilizationPercent"))) && System.nanoTime() < deadline);
        Map<?, ?> busy = pools.get("busy-*");
        Map<?, ?> quiet = pools.get("quiet-*");
        long busyPercent = (Long) busy.get("utilizationPercent");
        assertTrue(busyPercent > 50 && busyPercent <= 100, busy::toString);
        assertEquals(0L, quiet.get("utilizationPercent"), quiet::toString);
        assertEquals(JsonText.NULL, busy.get("queueFillPercent"), "an unbounded queue has no fill: " + busy);
        assertEquals(JsonText.NULL, quiet.get("queueFillPercent"), quiet::toString);

        Scrape scrape = Scrape.get(metrics);
        String busyLabels = "name=\"busy-*\",type=\"java.util.concurrent.ThreadPoolExecutor\"";
        String quietLabels = "name=\"quiet-*\",type=\"java.util.concurrent.ThreadPoolExecutor\"";
        double busyRatio = Double.parseDouble(scrape.value("executor_utilization_ratio", busyLabels));
        assertTrue(busyRatio > 0.5 && busyRatio <= 1, scrape::body);
        assertEquals("0", scrape.value("executor_utilization_ratio", quietLabels), scrape::body);
        assertTrue(!scrape.has("executor_queue_fill_ratio", busyLabels), scrape::body);
        assertTrue(scrape.body().contains("# TYPE executor_utilization_ratio gauge\n"), scrape::body);
    }

    /** The executors of {@code stats --json} by name. */
    private static Map<String, Map<?, ?>> statsJson() {
        ChildJvm.Result stats = AgentCli.run("stats", child.pid(), "--json");
        assertEquals(0, stats.exitCode(), stats::describe);
        Map<String, Map<?, ?>> byName = new HashMap<>();
        for (Object executor : (List<?>) ((Map<?, ?>) JsonText.parse(stats.stdout())).get("executors")) {
            byName.put((String) ((Map<?, ?>) executor).get("name"), (Map<?, ?>) executor);
        }
        return byName;
    }

    private static void assertSite(List<String> lines, String site, int executors) {
        String row = lines.stream().filter(line -> line.contains(site)).findFirst().orElseThrow(
                () -> new AssertionError("no row for " + site + "\n" + text.describe()));
        Matcher cells = ROW.matcher(row);
        assertTrue(cells.matches(), row);
        assertEquals(executors, Integer.parseInt(cells.group(1)), row);
        if (!cells.group(2).equals("-")) {
            assertEquals(2 * executors, Integer.parseInt(cells.group(2)), row);
        }
        assertTrue(Integer.parseInt(cells.group(3)) >= 1, row);
    }
}
