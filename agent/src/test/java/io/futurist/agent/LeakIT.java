package io.futurist.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.scenarios.LeakScenario;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.ScenarioOutput;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Host safety, leaks ({@link LeakScenario}): with the agent, executors, tasks, results and a
 * redeployed application's class loader are collectable, and 100,000 short-lived executors leave
 * the registry and the heap where they were. The same scenario without the agent (with fewer
 * executors) shows that what it expects of the collector holds in the first place.
 */
class LeakIT {

    static final int EXECUTORS = 100_000;
    /** The target of docs/CONTRACT.md §6: heap after GC back within 5 MB. */
    static final long HEAP_TOLERANCE_KB = 5 * 1024;

    private static ChildJvm.Result with;
    private static ChildJvm.Result without;

    @BeforeAll
    static void runScenarios() {
        List<ChildJvm.Result> results = ChildJvm.runAll(List.of(
                ChildJvm.running(LeakScenario.class, Integer.toString(EXECUTORS)).withAgent()
                        .timeout(Duration.ofSeconds(180)),
                ChildJvm.running(LeakScenario.class, Integer.toString(EXECUTORS / 10))));
        results.forEach(ChildJvm.Result::requireSuccess);
        with = results.get(0);
        without = results.get(1);
    }

    @Test
    void withoutTheAgentEverythingIsCollected() {
        ScenarioOutput output = without.output();
        assertEquals("none", output.result("tasks").get("notCollected"), without::describe);
        assertEquals("none", output.result("redeploy").get("notCollected"), without::describe);
        assertEquals(EXECUTORS / 10, output.result("churn").number("collected"), without::describe);
    }

    @Test
    void tasksResultsFuturesAndExceptionsAreCollectableWhileTheirExecutorsLive() {
        ScenarioOutput.Line tasks = with.output().result("tasks");
        assertEquals("true", tasks.get("poolsAlive"), tasks::text);
        assertTrue(tasks.number("tracked") >= 30, tasks::text);
        assertEquals("none", tasks.get("notCollected"), with::describe);
    }

    @Test
    void aRedeployedApplicationsClassLoaderIsNotPinned() {
        ScenarioOutput.Line redeploy = with.output().result("redeploy");
        assertEquals(without.output().result("redeploy").get("checksum"), redeploy.get("checksum"));
        assertEquals("none", redeploy.get("notCollected"), with::describe);
    }

    @Test
    void manyShortLivedExecutorsLeaveRegistryAndHeapWhereTheyWere() {
        ScenarioOutput.Line churn = with.output().result("churn");
        assertEquals(EXECUTORS, churn.number("collected"), () -> "executors still reachable: " + churn);
        assertTrue(churn.number("abandoned") >= EXECUTORS / 5, churn::text);
        assertEquals(churn.number("registryBefore"), churn.number("registryAfter"), churn::text);
        assertTrue(churn.number("heapGrowthKb") < HEAP_TOLERANCE_KB, () -> "heap grew: " + churn);
    }

    @Test
    void theAgentSaysNothing() {
        assertEquals("true", with.output().env().get("agentActive"));
        assertEquals("[]", with.futuristLines().toString(), with::describe);
    }
}
