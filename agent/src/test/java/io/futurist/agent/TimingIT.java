package io.futurist.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.scenarios.TimingScenario;
import io.futurist.agent.testing.Books;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.ScenarioOutput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent's {@code timing} option ({@link TimingScenario}): counts are exact in every mode;
 * {@code all} times every run, {@code off} none, and {@code adaptive} (the default) every run
 * of a quiet pool and a sample of a busy one's. A bad value costs one line and the agent.
 */
class TimingIT {

    private static final List<String> OPTIONS = List.of("", "timing=adaptive", "timing=all", "timing=off", "timing=sometimes");
    private static final Map<String, ChildJvm.Result> RUNS = new LinkedHashMap<>();
    private static final int BUSY = 200_000;
    private static final int STAGES = 100_000;

    @BeforeAll
    static void runScenarios() {
        List<ChildJvm> children = new ArrayList<>();
        for (String option : OPTIONS) {
            ChildJvm child = ChildJvm.running(TimingScenario.class);
            children.add(option.isEmpty() ? child.withAgent() : child.withAgent(option));
        }
        List<ChildJvm.Result> results = ChildJvm.runAll(children);
        for (int i = 0; i < OPTIONS.size(); i++) {
            RUNS.put(OPTIONS.get(i), results.get(i).requireSuccess());
        }
    }

    @Test
    void countsAreExactInEveryMode() {
        for (String option : List.of("", "timing=adaptive", "timing=all", "timing=off")) {
            ChildJvm.Result run = RUNS.get(option);
            ScenarioOutput output = run.output();
            assertEquals("[]", run.futuristLines().toString(), run::describe);
            Books.of(150, 150, 0, 0, 0).assertTerminated(output.stats("quiet"));
            Books.of(BUSY, BUSY, 0, 0, 0).assertTerminated(output.stats("busy"));
            Books.of(BUSY, BUSY, 0, 0, 0).assertTerminated(output.stats("actors"));
            Books.of(STAGES, STAGES, STAGES / 10, 0, 0).assertTerminated(output.stats("stages"));
        }
    }

    @Test
    void allTimesEveryRun() {
        ScenarioOutput output = RUNS.get("timing=all").output();
        for (String pool : List.of("quiet", "busy", "actors")) {
            ScenarioOutput.Line stats = output.stats(pool);
            assertEquals(stats.number("executed"), stats.number("timedRuns"), stats::text);
            assertTrue(stats.number("runtimeNanos") > 0, stats::text);
        }
    }

    @Test
    void offTimesNothing() {
        ScenarioOutput output = RUNS.get("timing=off").output();
        for (String pool : List.of("quiet", "busy", "actors", "stages")) {
            ScenarioOutput.Line stats = output.stats(pool);
            assertEquals(0, stats.number("timedRuns"), stats::text);
            assertEquals(0, stats.number("runtimeNanos"), stats::text);
            assertEquals(0, stats.number("queueTimeNanos"), stats::text);
        }
    }

    @Test
    void adaptiveTimesAQuietPoolInFullAndSamplesBusyOnes() {
        for (String option : List.of("", "timing=adaptive")) {
            ScenarioOutput output = RUNS.get(option).output();
            ScenarioOutput.Line quiet = output.stats("quiet");
            assertEquals(quiet.number("executed"), quiet.number("timedRuns"), quiet::text);
            for (String pool : List.of("busy", "actors")) {
                ScenarioOutput.Line busy = output.stats(pool);
                assertTrue(busy.number("timedRuns") > 0 && busy.number("timedRuns") < busy.number("executed"), busy::text);
                assertTrue(busy.number("runtimeNanos") > 0, busy::text);
            }
        }
    }

    @Test
    void aBadValueCostsOneLineAndTheAgent() {
        ChildJvm.Result run = RUNS.get("timing=sometimes");
        List<String> said = run.futuristLines();
        assertEquals(1, said.size(), run::describe);
        assertTrue(said.get(0).startsWith("futurist:") && said.get(0).contains("timing"), said.get(0));
        ScenarioOutput output = run.output();
        assertEquals("false", output.env().get("agentActive"));
        assertFalse(output.stats("busy").get("tracked").equals("true"), run::describe);
    }
}
