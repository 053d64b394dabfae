package io.futurist.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.scenarios.NamesScenario;
import io.futurist.agent.testing.Books;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.ScenarioOutput;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link NamesScenario}: names and creation sites in {@code Futurist.executors()}. */
class NamesIT {

    private static final String THREAD_POOL = "java.util.concurrent.ThreadPoolExecutor";
    private static final String SCENARIO = NamesScenario.class.getName();
    /** Between type and id in the name of a pool whose workers never started ({@code ThreadPoolExecutor-3}). */
    private static final String ID_SEPARATOR = "#";

    private static ChildJvm.Result run;
    private static ScenarioOutput output;

    @BeforeAll
    static void runScenario() {
        run = ChildJvm.running(NamesScenario.class).withAgent().run().requireSuccess();
        output = run.output();
    }

    @Test
    void poolIsNamedAfterItsWorkerThreads() {
        ScenarioOutput.Line parsers = output.tracked("parsers");
        assertEquals(1, parsers.number("count"));
        assertEquals("parser-1,parser-2", output.result("parsers").get("workers"));
        assertEquals("parser-*", parsers.get("name"));
        assertEquals(THREAD_POOL, parsers.get("type"));
        Books.of(2, 2, 0, 0, 0).assertTerminated(output.stats("parsers"));
    }

    @Test
    void defaultPoolIsNamedAfterTheJdksThreadNames() {
        ScenarioOutput.Line plain = output.tracked("default");
        String worker = output.result("default").get("workers");
        assertTrue(worker.matches("pool-\\d+-thread-1"), worker);
        assertEquals(worker.substring(0, worker.length() - 1) + "*", plain.get("name"));
    }

    @Test
    void poolWithoutWorkersIsNamedAfterItsTypeAndId() {
        ScenarioOutput.Line idle = output.tracked("idle");
        assertEquals("ThreadPoolExecutor" + ID_SEPARATOR + idle.number("id"), idle.get("name"));
        ScenarioOutput.Line indexers = output.tracked("indexers");
        assertEquals("ThreadPoolExecutor" + ID_SEPARATOR + indexers.number("id"), indexers.get("name"));
    }

    @Test
    void creationSiteIsTheApplicationLineThatBuiltThePool() {
        assertSite("parsers", "main");
        assertSite("default", "main");
        assertSite("idle", "main");
        assertSite("scheduled", "main");
        assertSite("indexers", "buildIndexers");
        assertEquals("java.util.concurrent.ScheduledThreadPoolExecutor", output.tracked("scheduled").get("type"));
        assertEquals(THREAD_POOL, output.tracked("indexers").get("type"), "newSingleThreadExecutor's pool inside");
    }

    @Test
    void idsFollowTheOrderOfDiscovery() {
        long parsers = output.tracked("parsers").number("id");
        assertTrue(parsers < output.tracked("default").number("id"));
        assertTrue(output.tracked("default").number("id") < output.tracked("idle").number("id"));
        assertTrue(output.tracked("idle").number("id") < output.tracked("scheduled").number("id"));
        assertTrue(output.tracked("scheduled").number("id") < output.tracked("indexers").number("id"));
    }

    private static void assertSite(String label, String method) {
        ScenarioOutput.Line tracked = output.tracked(label);
        assertEquals(1, tracked.number("count"), tracked::text);
        long line = output.result(label).number("line");
        assertEquals(SCENARIO + "." + method + "(NamesScenario.java:" + line + ")", tracked.get("site"));
    }
}
