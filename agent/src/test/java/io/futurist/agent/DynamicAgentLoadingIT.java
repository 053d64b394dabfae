package io.futurist.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.scenarios.LiveScenario;
import io.futurist.agent.testing.AgentCli;
import io.futurist.agent.testing.Books;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.RequiresJava;
import io.futurist.agent.testing.RunningChild;
import io.futurist.agent.testing.ScenarioOutput;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * JEP 451 (Java 21+): a JVM started with {@code -XX:-EnableDynamicAgentLoading} refuses
 * {@code attach}, which says so in one line naming the flag, and the JVM works on; a JVM
 * started without the flag accepts the agent and prints the JVM's own warning about it.
 */
@RequiresJava(min = 21, reason = "dynamic agent loading can be switched off from Java 21 on (JEP 451)")
class DynamicAgentLoadingIT {

    private static final String JVM_WARNING = "WARNING: A Java agent has been loaded dynamically";
    private static final int TASKS = 50;

    private static RunningChild refusing;
    private static RunningChild accepting;
    private static ChildJvm.Result refused;
    private static ChildJvm.Result accepted;
    private static ScenarioOutput refusingBatch;
    private static ScenarioOutput acceptingBatch;
    private static ChildJvm.Result refusingEnd;
    private static ChildJvm.Result acceptingEnd;

    @BeforeAll
    static void attachToBoth() {
        refusing = ChildJvm.running(LiveScenario.class).withJvmOptions("-XX:-EnableDynamicAgentLoading").start();
        accepting = ChildJvm.running(LiveScenario.class).start();
        for (RunningChild child : List.of(refusing, accepting)) {
            child.started();
            child.request("hold");
        }
        List<ChildJvm.Result> attaches = AgentCli.runAll(List.of(
                new Object[] {"attach", refusing.pid()}, new Object[] {"attach", accepting.pid()}));
        refused = attaches.get(0);
        accepted = attaches.get(1);
        for (RunningChild child : List.of(refusing, accepting)) {
            child.request("release");
        }
        refusingBatch = refusing.request("batch after " + TASKS);
        acceptingBatch = accepting.request("batch after " + TASKS);
        refusingEnd = refusing.finish();
        acceptingEnd = accepting.finish();
    }

    @AfterAll
    static void stopChildren() {
        for (RunningChild child : new RunningChild[] {refusing, accepting}) {
            if (child != null) {
                child.close();
            }
        }
    }

    @Test
    void attachToAJvmThatForbidsItFailsInOneLineNamingTheFlag() {
        AgentCli.assertOneLineFailure(refused, 1, "-XX:+EnableDynamicAgentLoading", String.valueOf(refusing.pid()));
    }

    @Test
    void theRefusingJvmWorksOnUnharmedWithoutTheAgent() {
        refusingEnd.requireSuccess();
        assertEquals("absent", refusingBatch.env().get("futurist"), refusingBatch::context);
        for (String pool : List.of("busy", "busyfj", "idle", "idlefj")) {
            ScenarioOutput.Line result = refusingBatch.result("after-" + pool);
            assertEquals(TASKS, result.number("tasks"), result::text);
            assertEquals(0, result.number("lost") + result.number("twice") + result.number("wrong"), result::text);
        }
        assertEquals(List.of(), refusingEnd.futuristLines(), refusingEnd::describe);
        assertFalse(refusingEnd.stderr().contains(JVM_WARNING), refusingEnd::describe);
    }

    @Test
    void aJvmStartedNormallyAcceptsTheAgentWithTheJvmsWarning() {
        AgentCli.assertOneLineSuccess(accepted, "futurist: attached to JVM " + accepting.pid());
        acceptingEnd.requireSuccess();
        assertTrue(acceptingEnd.stderr().contains(JVM_WARNING), acceptingEnd::describe);
        assertEquals("true", acceptingBatch.env().get("agentActive"), acceptingBatch::context);
        for (String pool : List.of("busy", "busyfj")) {
            Books.of(TASKS, TASKS, 0, 0, 0).and("active", 0).and("queued", 0).assertOn(acceptingBatch.stats("after-" + pool));
        }
    }
}
