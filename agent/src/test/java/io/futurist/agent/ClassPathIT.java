package io.futurist.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.scenarios.ThreadPoolScenario;
import example.scenarios.WrapperScenario;
import io.futurist.agent.testing.Books;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.ScenarioOutput;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One registry whatever the class path, and an application that behaves the same with and
 * without the agent.
 */
class ClassPathIT {

    private static ChildJvm.Result agentAndApiJar;
    private static ChildJvm.Result apiJarOnly;
    private static ChildJvm.Result poolsWithAgent;
    private static ChildJvm.Result poolsWithoutFuturist;
    private static ChildJvm.Result agentAndApiModule;

    @BeforeAll
    static void runScenarios() {
        List<ChildJvm.Result> results = ChildJvm.runAll(List.of(
                ChildJvm.running(WrapperScenario.class).withAgent().withApiJar(),
                ChildJvm.running(WrapperScenario.class).withApiJar(),
                ChildJvm.running(ThreadPoolScenario.class).withAgent(),
                ChildJvm.running(ThreadPoolScenario.class),
                // The API jar as the module io.futurist, the application on the class path.
                ChildJvm.running(WrapperScenario.class).withAgent()
                        .withJvmOptions("--module-path", ChildJvm.apiJar().toString(), "--add-modules", "io.futurist")));
        results.forEach(ChildJvm.Result::requireSuccess);
        agentAndApiJar = results.get(0);
        apiJarOnly = results.get(1);
        poolsWithAgent = results.get(2);
        poolsWithoutFuturist = results.get(3);
        agentAndApiModule = results.get(4);
    }

    @Test
    void withTheApiJarOnTheClassPathFuturistStillComesFromTheBootstrapLoader() {
        ScenarioOutput output = agentAndApiJar.output();
        assertEquals("null", output.env().get("loader"), "Futurist.class.getClassLoader()");
        assertEquals("true", output.env().get("agentActive"));
        Books.of(5, 5, 0, 0, 0).assertTerminated(output.stats("single"));
        Books.of(5, 5, 0, 0, 0).assertTerminated(output.stats("unconfigurable-wrapper"));
        assertEquals("[]", agentAndApiJar.futuristLines().toString(), agentAndApiJar::describe);
    }

    @Test
    void withTheAgentAloneFuturistComesFromTheBootstrapLoader() {
        ScenarioOutput output = poolsWithAgent.output();
        assertEquals("null", output.env().get("loader"));
        assertEquals("true", output.env().get("agentActive"));
        assertEquals("true", output.stats("custom").get("tracked"));
    }

    /**
     * A known limit (README, docs/ARCHITECTURE.md §4): on the module path the API module's
     * classes win over the agent's bootstrap copy, for the agent's own classes too, so the agent
     * stands aside, says why once, and the application runs as without it.
     */
    @Test
    void withTheApiJarOnTheModulePathTheAgentStandsAsideAndSaysWhy() {
        ScenarioOutput output = agentAndApiModule.output();
        assertEquals("false", output.env().get("agentActive"));
        assertEquals(0, output.env().number("executors"));
        List<String> said = agentAndApiModule.futuristLines();
        assertEquals(1, said.size(), agentAndApiModule::describe);
        assertTrue(said.get(0).contains("module path") && said.get(0).contains("runs without the agent"), said::toString);
        assertEquals(apiJarOnly.output().texts("result"), output.texts("result"));
    }

    @Test
    void withoutTheAgentTheApiKnowsNothingOfTheJdksPools() {
        ScenarioOutput output = apiJarOnly.output();
        ScenarioOutput.Line env = output.env();
        assertEquals("false", env.get("agentActive"));
        assertNotEquals("null", env.get("loader"), "the API jar's own copy, from the application class loader");
        assertEquals(0, env.number("executors"));
        for (String label : List.of("single", "unconfigurable-wrapper", "unconfigurable-pool", "alive-before")) {
            assertEquals("false", output.stats(label).get("tracked"), label);
            assertEquals("unknown", output.stats(label).get("alive"), label);
        }
        assertEquals("[]", apiJarOnly.futuristLines().toString());
    }

    @Test
    void scenariosRunWithoutFuturistOnTheClassPath() {
        ScenarioOutput output = poolsWithoutFuturist.output();
        assertEquals("absent", output.env().get("futurist"));
        assertEquals("absent", output.stats("custom").get("futurist"));
    }

    @Test
    void applicationResultsAreTheSameWithAndWithoutTheAgent() {
        List<String> withAgent = poolsWithAgent.output().texts("result");
        assertFalse(withAgent.isEmpty());
        assertEquals(withAgent, poolsWithoutFuturist.output().texts("result"));
        List<String> wrappers = agentAndApiJar.output().texts("result");
        assertTrue(wrappers.size() >= 4, wrappers::toString);
        assertEquals(wrappers, apiJarOnly.output().texts("result"));
    }
}
