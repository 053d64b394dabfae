package io.futurist.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import example.scenarios.OverridingPoolScenario;
import io.futurist.agent.testing.AgentCli;
import io.futurist.agent.testing.Books;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.RunningChild;
import io.futurist.agent.testing.ScenarioOutput;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link OverridingPoolScenario}: after an attach, pools whose class overrides
 * {@code beforeExecute} without {@code super} (Spring's {@code ThreadPoolTaskExecutor} does)
 * are counted exactly by workers that predate the attach — those busy in a task and those
 * waiting for work at the time — so that {@code queued} returns to 0 and every submitted task
 * is executed; and the common pool, used before the attach, is known at once.
 */
class AttachOverridingPoolIT {

    private static final int FIRST = 60;
    private static final int SECOND = 40;
    private static final List<String> POOLS = List.of("busyov", "idleov");

    private static RunningChild child;
    private static ScenarioOutput release;
    private static ScenarioOutput first;
    private static ScenarioOutput second;
    private static ScenarioOutput end;
    private static ChildJvm.Result attach;

    @BeforeAll
    static void converse() {
        child = ChildJvm.running(OverridingPoolScenario.class).start();
        child.started();
        child.request("hold");
        attach = AgentCli.run("attach", child.pid());
        release = child.request("release");
        first = child.request("batch first " + FIRST);
        second = child.request("batch second " + SECOND);
        end = child.request("end");
        child.finish().requireSuccess();
    }

    @AfterAll
    static void stopChild() {
        if (child != null) {
            child.close();
        }
    }

    @Test
    void attached() {
        AgentCli.assertOneLineSuccess(attach, "futurist: attached to JVM ");
        assertEquals(0, release.result("release-busyov").number("wrong"), release::context);
    }

    /**
     * Today's code saw no run of the first task each idle worker took after the attach (its
     * {@code getTask()} call was under way, and the pool's own {@code beforeExecute} never
     * reaches the JDK's): three tasks stayed queued for good, and executed fell three short.
     */
    @Test
    void everyTaskSubmittedAfterTheAttachIsExecutedAndNothingStaysQueued() {
        for (String pool : POOLS) {
            assertEquals(0, first.result("first-" + pool).number("lost"), first::context);
            Books.of(FIRST, FIRST, 0, 0, 0).and("active", 0).and("queued", 0).assertOn(first.stats("first-" + pool));
            Books.of(FIRST + SECOND, FIRST + SECOND, 0, 0, 0).and("active", 0).and("queued", 0)
                    .assertOn(second.stats("second-" + pool));
            Books.of(FIRST + SECOND, FIRST + SECOND, 0, 0, 0).assertTerminated(end.stats("end-" + pool));
        }
    }

    /** Today's code registered the common pool on its first task after the attach only. */
    @Test
    void theCommonPoolUsedBeforeTheAttachIsKnownAtOnce() {
        ScenarioOutput.Line common = first.stats("first-common");
        assertEquals("true", common.get("tracked"), common::text);
        Books.of(0, 0, 0, 0, 0).assertOn(common); // the child's own JDK, on this machine: the same parallelism
        assertEquals(String.valueOf(ForkJoinPool.getCommonPoolParallelism()), common.get("parallelism"), common::text);
    }
}
