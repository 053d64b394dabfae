package io.futurist.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import example.scenarios.ShapeScenario;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.ScenarioOutput;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link ShapeScenario}: every pool's shape in its statistics — size, core, maximum, largest,
 * queue capacity, parallelism — read when the statistics are asked for; and the common pool
 * known from the agent's start, before its first task.
 */
class PoolShapeIT {

    private static final String ABSENT = "absent";
    private static final String MAX = String.valueOf(Integer.MAX_VALUE);

    private static ChildJvm.Result run;
    private static ScenarioOutput output;

    @BeforeAll
    static void runScenario() {
        run = ChildJvm.running(ShapeScenario.class).withAgent().withApiJar().run().requireSuccess();
        output = run.output();
    }

    @Test
    void agentIsSilent() {
        assertEquals("[]", run.futuristLines().toString(), run::describe);
    }

    /** Today's code found the common pool only on its first task: the lookup said nothing before. */
    @Test
    void theCommonPoolIsKnownFromTheStartWithItsShape() {
        ScenarioOutput.Line common = output.stats("common-at-start");
        ScenarioOutput.Line itself = output.result("common-at-start");
        assertEquals("true", common.get("tracked"), common::text);
        assertEquals(0, common.number("submitted"), common::text);
        assertShape(common, itself.get("poolSize"), ABSENT, ABSENT, ABSENT, ABSENT, itself.get("parallelism"));
    }

    @Test
    void threadPoolWithABoundedQueue() {
        assertShape(output.stats("tpe-new"), "0", "2", "4", "0", "100", ABSENT);
        assertShape(output.stats("tpe-core"), "2", "2", "4", "2", "100", ABSENT);
        ScenarioOutput.Line full = output.stats("tpe-full");
        assertShape(full, "4", "2", "4", "4", "100", ABSENT);
        assertEquals(100, full.number("queued"), full::text);
        assertEquals(4, full.number("active"), full::text);
        assertShape(output.stats("tpe-terminated"), "0", "2", "4", "4", "100", ABSENT);
    }

    @Test
    void forkJoinPoolHasAParallelismAndNoCoreOrQueueBound() {
        assertShape(output.stats("fjp-new"), "0", ABSENT, ABSENT, ABSENT, ABSENT, "3");
        assertShape(output.stats("fjp-busy"), output.result("fjp-busy").get("poolSize"), ABSENT, ABSENT, ABSENT,
                ABSENT, "3");
    }

    @Test
    void scheduledPoolHasAnUnboundedQueue() {
        ScenarioOutput.Line itself = output.result("stpe");
        assertShape(output.stats("stpe"), itself.get("poolSize"), "2", MAX, itself.get("largestPoolSize"), ABSENT,
                ABSENT);
    }

    @Test
    void factoriesQueues() {
        // A cached pool hands tasks over a SynchronousQueue: it holds none.
        assertShape(output.stats("cached"), "1", "0", MAX, "1", "0", ABSENT);
        // A LinkedBlockingQueue without a bound: unbounded, so absent. Behind the JDK's wrapper too.
        assertShape(output.stats("fixed"), "1", "3", "3", "1", ABSENT, ABSENT);
        assertShape(output.stats("single"), "1", "1", "1", "1", ABSENT, ABSENT);
    }

    @Test
    void synchronousExecutorHasNoShape() {
        ScenarioOutput.Line direct = output.stats("synchronous");
        assertEquals(1, direct.number("executed"), direct::text);
        assertShape(direct, ABSENT, ABSENT, ABSENT, ABSENT, ABSENT, ABSENT);
    }

    private static void assertShape(ScenarioOutput.Line line, String poolSize, String core, String maximum,
                                    String largest, String queueCapacity, String parallelism) {
        assertEquals("true", line.get("tracked"), line::text);
        Map<String, String> expected = Map.of("poolSize", poolSize, "corePoolSize", core, "maximumPoolSize", maximum,
                "largestPoolSize", largest, "queueCapacity", queueCapacity, "parallelism", parallelism);
        expected.forEach((key, value) -> assertEquals(value, line.get(key), () -> key + " in " + line.text()));
    }
}
