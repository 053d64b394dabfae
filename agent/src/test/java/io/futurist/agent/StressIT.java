package io.futurist.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.scenarios.StressScenario;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.ScenarioOutput;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Host safety, concurrency: {@link StressScenario} for {@value #SECONDS} seconds with the agent —
 * fresh executors fed by eight threads that also cancel, while a ninth shuts them down at a
 * random point. The seed changes every run and is in every failure message.
 */
class StressIT {

    /** How long the rounds go on; with JVM start-up the test takes about this plus five seconds. */
    static final int SECONDS = 12;

    private static final long SEED = System.nanoTime();
    private static ChildJvm.Result run;
    private static ScenarioOutput output;

    @BeforeAll
    static void runScenario() {
        run = ChildJvm.running(StressScenario.class, Integer.toString(SECONDS), Long.toString(SEED)).withAgent()
                .timeout(Duration.ofSeconds(SECONDS + 90)).run().requireSuccess();
        output = run.output();
    }

    @Test
    void everyKindOfExecutorWentThroughManyRoundsAndTheAgentStayedQuiet() {
        assertEquals("true", output.env().get("agentActive"), run::describe);
        for (String kind : List.of("FIXED", "BOUNDED_ABORT", "BOUNDED_DISCARD_OLDEST", "SCHEDULED", "FORK_JOIN")) {
            ScenarioOutput.Line line = output.result(kind);
            assertTrue(line.number("rounds") >= 4, line::text);
            assertTrue(line.number("ran") > 0 && line.number("neverRan") > 0, () -> "no cancellation happened: " + line);
        }
        assertTrue(output.result("SCHEDULED").number("shutdownNowRounds") > 0, run::describe);
        assertEquals("[]", run.futuristLines().toString(), run::describe);
    }

    @ParameterizedTest
    @ValueSource(strings = {"FIXED", "BOUNDED_ABORT", "BOUNDED_DISCARD_OLDEST", "SCHEDULED"})
    void theAgentAgreesWithWhatTheApplicationCounted(String kind) {
        ScenarioOutput.Line line = output.result(kind);
        assertEquals(0, line.number("disagreements"), () -> "seed " + SEED + ": " + line + "\n" + violations());
    }

    @Test
    @Disabled("bug: rarely (about one ForkJoinPool round in 1,000, JDK 25, always a round where shutdownNow came"
            + " before any task ran) one to three accepted tasks are left pending after the pool terminated: submitted"
            + " is right, cancelled is short by as many, queued shows them (#violation FORK_JOIN ... queued=expected:0,"
            + "agent:1). A count is lost, not a task: at that moment the agent's pending table holds nothing of that"
            + " pool, its queues are empty and every future is done; seen twice in the first round of a fresh JVM."
            + " Run StressScenario with -Dstress.kinds=FORK_JOIN, 30 s, four JVMs at once to see it")
    void theAgentAgreesWithWhatTheApplicationCountedForForkJoinPools() {
        ScenarioOutput.Line line = output.result("FORK_JOIN");
        assertEquals(0, line.number("disagreements"), () -> "seed " + SEED + ": " + line + "\n" + violations());
    }

    private static String violations() {
        return String.join("\n", output.texts("violation"));
    }
}
