package io.futurist.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.scenarios.WrapperScenario;
import io.futurist.agent.testing.Books;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.RequiresJava;
import io.futurist.agent.testing.ScenarioOutput;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link WrapperScenario}: the JDK's delegating wrappers and the alive flag. */
class WrappersIT {

    private static ChildJvm.Result run;
    private static ScenarioOutput output;

    @BeforeAll
    static void runScenario() {
        run = ChildJvm.running(WrapperScenario.class).withAgent().run().requireSuccess();
        output = run.output();
    }

    @Test
    void agentIsSilent() {
        assertEquals("[]", run.futuristLines().toString(), run::describe);
    }

    @Test
    void singleThreadExecutorAnswersWithItsPool() {
        ScenarioOutput.Line running = output.stats("single-running");
        assertTrue(running.flag("alive"));
        assertEquals(5, running.number("submitted"));
        Books.of(5, 5, 0, 0, 0).assertTerminated(output.stats("single"));
        assertEquals(15, output.result("single").number("sum"));
    }

    @Test
    void unconfigurableWrapperAnswersExactlyAsItsPool() {
        ScenarioOutput.Line wrapper = output.stats("unconfigurable-wrapper");
        Books.of(5, 5, 0, 0, 0).assertTerminated(wrapper);
        assertEquals(output.stats("unconfigurable-pool").fields(), wrapper.fields());
        assertEquals(9, output.result("unconfigurable").number("sum"));
    }

    @Test
    void singleThreadScheduledExecutorAnswersWithItsPool() {
        Books.of(2, 2, 0, 0, 0).assertTerminated(output.stats("singleScheduled"));
        assertEquals(42, output.result("singleScheduled").number("value"));
    }

    @Test
    void aliveUntilShutdownOrShutdownNow() {
        assertTrue(output.stats("alive-before").flag("alive"));
        assertFalse(output.stats("alive-shutdown").flag("alive"));
        assertTrue(output.stats("alive-idle").flag("alive"));
        assertFalse(output.stats("alive-shutdownNow").flag("alive"));
        assertEquals("true", output.stats("alive-idle").get("tracked"), "an idle pool is tracked from its construction");
    }

    @Test
    @RequiresJava(min = 19, reason = "ExecutorService.close() arrived in Java 19 (closeIsMissingBeforeJava19)")
    void closeEndsTheExecutorOnJava19AndLater() {
        ScenarioOutput.Line close = output.result("close");
        assertTrue(close.flag("available"), close::text);
        assertTrue(close.flag("terminated"));
        Books.of(3, 3, 0, 0, 0).assertTerminated(output.stats("alive-close"));
    }

    @Test
    @RequiresJava(below = 19, reason = "from Java 19 on the scenario closes the executor (closeEndsTheExecutorOnJava19AndLater)")
    void closeIsMissingBeforeJava19() {
        assertFalse(output.result("close").flag("available"), output.result("close")::text);
        assertFalse(output.has("stats", "alive-close"));
    }
}
