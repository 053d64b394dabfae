package io.futurist.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.scenarios.VirtualThreadScenario;
import io.futurist.agent.testing.AgentCli;
import io.futurist.agent.testing.Books;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.RequiresJava;
import io.futurist.agent.testing.RunningChild;
import io.futurist.agent.testing.ScenarioOutput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link VirtualThreadScenario} in a JVM started without the agent: a virtual-thread executor
 * built and used before {@code attach} is picked up on its first submission after it, and the
 * virtual-thread scheduler, already running at the attach, is still no executor of its own.
 */
@RequiresJava(min = 21, reason = "thread-per-task executors and virtual threads arrived in Java 21")
class VirtualThreadAttachIT {

    private static final int BEFORE = 10;
    private static final int AFTER = 40;

    private static RunningChild child;
    private static ChildJvm.Result attach;
    private static ScenarioOutput after;

    @BeforeAll
    static void converse() {
        child = ChildJvm.running(VirtualThreadScenario.class, "live").start();
        child.started();
        child.request("before " + BEFORE);
        attach = AgentCli.run("attach", child.pid());
        after = child.request("after " + AFTER);
        child.finish().requireSuccess();
    }

    @AfterAll
    static void stopChild() {
        if (child != null) {
            child.close();
        }
    }

    @Test
    void workAfterTheAttachIsCountedExactly() {
        AgentCli.assertOneLineSuccess(attach, "futurist: attached to JVM " + child.pid());
        Books.of(AFTER, AFTER, 0, 0, 0).assertTerminated(after.stats("afterAttach"));
        ScenarioOutput.Line tracked = after.tracked("afterAttachTracked");
        assertEquals(1, tracked.number("count"), tracked::text);
        assertEquals("unknown (created before attach)", tracked.get("site"), tracked::text);
    }

    @Test
    void virtualThreadSchedulerIsNoExecutorOfItsOwnAfterAttach() {
        ScenarioOutput.Line pools = after.tracked("afterAttachForkJoinPools");
        // The common pool may be known (the JDK builds it with ForkJoinPool); no other pool may be.
        assertTrue(pools.number("count") == 0
                || pools.number("count") == 1 && pools.get("name").equals("ForkJoinPool.commonPool"), pools::text);
    }
}
