package io.futurist.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.scenarios.StressScenario;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.ScenarioOutput;
import io.futurist.agent.testing.TimingUnderTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Host safety, concurrency: {@link StressScenario} for {@link #SECONDS} seconds with the agent —
 * fresh executors fed by eight threads that also cancel, while a ninth shuts them down at a
 * random point. The seed changes every run and is in every failure message.
 */
class StressIT {

    /**
     * How long the rounds go on; with JVM start-up the test takes about this plus five seconds.
     * Half as long in the build's extra runs under other timing modes.
     */
    static final int SECONDS = TimingUnderTest.seconds(12);

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
    @ValueSource(strings = {"FIXED", "BOUNDED_ABORT", "BOUNDED_DISCARD_OLDEST", "SCHEDULED", "FORK_JOIN"})
    void theAgentAgreesWithWhatTheApplicationCounted(String kind) {
        ScenarioOutput.Line line = output.result(kind);
        assertEquals(0, line.number("disagreements"), () -> "seed " + SEED + ": " + line + "\n" + violations());
    }

    private static String violations() {
        return String.join("\n", output.texts("violation"));
    }
}
