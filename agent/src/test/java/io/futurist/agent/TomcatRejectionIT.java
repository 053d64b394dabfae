package io.futurist.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import example.scenarios.TomcatRejectionScenario;
import io.futurist.agent.testing.Books;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.ScenarioOutput;
import io.futurist.agent.testing.ServerJars;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link TomcatRejectionScenario}: each refusal by Tomcat's pool counts once, whatever Tomcat retries inside. */
class TomcatRejectionIT {

    private static ScenarioOutput output;

    @BeforeAll
    static void runScenario() {
        ChildJvm.Result result = ChildJvm.running(TomcatRejectionScenario.class).withClassPath(ServerJars.of("tomcat-11"))
                .withAgent().run().requireSuccess();
        assertEquals(List.of(), result.futuristLines(), "the agent said nothing");
        output = result.output();
    }

    @Test
    void fullPoolRefusesOnceAfterItsOwnRetry() {
        assertEquals("refused", output.result("full").get("overflow"));
        assertEquals("refused", output.result("full").get("afterShutdown"));
        Books.of(2, 2, 0, 0, 2).assertTerminated(output.stats("full"));
    }

    @Test
    void handlerThatDropsTheTaskIsARefusal() {
        assertEquals("accepted", output.result("discarding").get("overflow"), "the handler returned normally");
        assertEquals("accepted", output.result("discarding").get("afterShutdown"));
        Books.of(2, 2, 0, 0, 2).assertTerminated(output.stats("discarding"));
    }

    @Test
    void plainQueueRefusalGoesStraightToTheCaller() {
        assertEquals("refused", output.result("plainQueue").get("overflow"));
        Books.of(2, 2, 0, 0, 2).assertTerminated(output.stats("plainQueue"));
    }
}
