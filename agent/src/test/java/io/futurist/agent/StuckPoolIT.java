package io.futurist.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.scenarios.HealthScenario;
import io.futurist.agent.testing.AgentCli;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.RunningChild;
import io.futurist.agent.testing.ScenarioOutput;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code leaks} names a pool that is stuck — shut down, a task waiting, no thread left to run
 * it — which the JDK leaves behind when a {@code ThreadPoolExecutor} is shut down while a
 * submitter is making its first worker ({@link HealthScenario#strandPool()}); and stops naming
 * it once {@code shutdownNow} has taken the task back and the pool has ended.
 */
class StuckPoolIT {

    private static final String SITE = "example.scenarios.HealthScenario.strandPool(HealthScenario.java:";
    private static final Pattern STUCK = Pattern.compile("\"stuck\":\\[\\{\"name\":\"([^\"]+)\",\"creationSite\":\""
            + Pattern.quote(SITE) + "\\d+\\)\",\"waiting\":1,\"stuckMillis\":(\\d+)}]");

    private static RunningChild child;
    private static ScenarioOutput.Line strand;
    private static ChildJvm.Result json;
    private static ChildJvm.Result text;
    private static ScenarioOutput drain;
    private static ChildJvm.Result after;

    @BeforeAll
    static void strandAPool() {
        child = ChildJvm.running(HealthScenario.class, "live").withAgent().start();
        child.started();
        strand = child.request("strand").result("strand");
        // The agent reads every executor once a second, and calls one stuck after two readings.
        long deadline = System.nanoTime() + 60_000_000_000L;
        do {
            json = AgentCli.run("leaks", child.pid(), "--json");
        } while (!STUCK.matcher(json.stdout()).find() && System.nanoTime() < deadline);
        text = AgentCli.run("leaks", child.pid());
        drain = child.request("drain");
        deadline = System.nanoTime() + 60_000_000_000L;
        do {
            after = AgentCli.run("leaks", child.pid(), "--json");
        } while (!after.stdout().contains("\"stuck\":[]") && System.nanoTime() < deadline);
    }

    @AfterAll
    static void stopChild() {
        if (child != null) {
            child.close();
        }
    }

    @Test
    void theJdkLeavesThePoolStuck() {
        assertEquals(1, strand.number("queued"), strand::text);
        assertEquals(0, strand.number("poolSize"), strand::text);
        assertEquals("false", strand.get("terminated"), strand::text);
    }

    @Test
    void leaksNamesTheStuckPoolWithItsWaitingTask() {
        assertEquals(0, json.exitCode(), json::describe);
        Matcher stuck = STUCK.matcher(json.stdout());
        assertTrue(stuck.find(), json::describe);
        assertTrue(Long.parseLong(stuck.group(2)) >= 1000, json::stdout);
        List<String> lines = text.stdoutLines();
        int headline = lines.indexOf("1 executor shut down and stuck: tasks wait and no thread is left to run them;"
                + " shutdownNow() takes them back");
        assertTrue(headline >= 0, text::describe);
        assertTrue(lines.get(headline + 1).matches("waiting  stuck for  executor\\s+created at"), text::describe);
        assertTrue(lines.get(headline + 2).matches("\\s*1\\s+\\d+s\\s+" + Pattern.quote(stuck.group(1)) + "\\s+"
                + Pattern.quote(SITE) + "\\d+\\)"), text::describe);
    }

    @Test
    void onceShutdownNowTakesTheTaskBackThePoolEndsAndIsNoLongerNamed() {
        ScenarioOutput.Line drained = drain.result("drain");
        assertEquals(1, drained.number("drained"), drained::text);
        assertEquals("true", drained.get("terminated"), drained::text);
        assertTrue(after.stdout().contains("\"stuck\":[]"), after::describe);
    }
}
