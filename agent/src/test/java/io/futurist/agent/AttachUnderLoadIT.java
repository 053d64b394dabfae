package io.futurist.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.scenarios.AttachUnderLoadScenario;
import io.futurist.agent.testing.AgentCli;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.RunningChild;
import io.futurist.agent.testing.ScenarioOutput;
import io.futurist.agent.testing.TimingUnderTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Host safety, attach under load ({@link AttachUnderLoadScenario}): while thousands of tasks a
 * second flow through a thread pool and a fork/join pool, the command line attaches the agent,
 * detaches it and attaches it again. No task is lost, runs twice or comes back with a wrong
 * value; the process stays healthy, with one JMX publisher thread at the end; and each pool's
 * numbers start afresh at the second attach and balance once the pools have terminated.
 *
 * <p>The conversation happens once, in order, before the tests: after each command line
 * returns, the test tells the child the stage it is in, and the child answers once its feeders
 * have run whole batches in that stage.
 */
class AttachUnderLoadIT {

    private static RunningChild child;
    private static long pid;
    private static ChildJvm.Result attach;
    private static ChildJvm.Result detach;
    private static ChildJvm.Result attachAgain;
    private static ScenarioOutput attached;
    private static ScenarioOutput detached;
    private static ScenarioOutput attachedAgain;
    private static ScenarioOutput end;
    private static ChildJvm.Result finished;

    @BeforeAll
    static void attachDetachAttach() {
        child = ChildJvm.running(AttachUnderLoadScenario.class).timeout(Duration.ofSeconds(120)).start();
        child.started();
        pid = child.pid();
        attach = attach(pid);
        attached = child.request("stage 1");
        detach = AgentCli.run("detach", pid);
        detached = child.request("stage 2");
        attachAgain = attach(pid);
        attachedAgain = child.request("stage 3");
        end = child.request("end");
        finished = child.finish();
    }

    /** {@code attach <pid>}, with the timing mode under test if one is named. */
    private static ChildJvm.Result attach(long pid) {
        String timing = TimingUnderTest.option();
        return timing == null ? AgentCli.run("attach", pid) : AgentCli.run("attach", pid, timing);
    }

    @AfterAll
    static void stopChild() {
        if (child != null) {
            child.close();
        }
    }

    @Test
    void everyCommandSucceededAndTheAgentWasActiveDetachedActive() {
        AgentCli.assertOneLineSuccess(attach, "futurist: attached to JVM " + pid);
        AgentCli.assertOneLineSuccess(detach, "futurist: detached from JVM " + pid);
        AgentCli.assertOneLineSuccess(attachAgain, "futurist: attached to JVM " + pid);
        assertTrue(attached.result("stage-1").get("property").startsWith("active"), attached::context);
        assertEquals("detached", detached.result("stage-2").get("property"), detached::context);
        assertTrue(attachedAgain.result("stage-3").get("property").startsWith("active"), attachedAgain::context);
    }

    @Test
    void noTaskWasLostRunTwiceOrCorrupted() {
        finished.requireSuccess();
        ScenarioOutput.Line load = end.result("load");
        assertEquals(0, load.number("lost"), load::text);
        assertEquals(0, load.number("ranTwice"), load::text);
        assertEquals(0, load.number("wrongValues"), load::text);
        assertEquals(0, load.number("failed"), load::text);
        assertEquals("true", load.get("terminated"), load::text);
        assertTrue(load.number("perSecond") >= 1000, () -> "not under load: " + load);
    }

    @Test
    void theProcessStaysHealthyWithOnePublisherAndNoInternalError() {
        ScenarioOutput.Line load = end.result("load");
        assertEquals(1, load.number("publisherThreads"), load::text);
        List<String> said = finished.futuristLines();
        assertTrue(said.stream().noneMatch(line -> line.contains("internal error")), said::toString);
    }

    @Test
    void aThreadPoolsBooksSinceTheSecondAttachBalance() {
        assertCountedSinceTheSecondAttachAndBalanced(end.stats("pool"));
    }

    @Test
    void aForkJoinPoolsBooksSinceTheSecondAttachBalance() {
        assertCountedSinceTheSecondAttachAndBalanced(end.stats("forkJoin"));
    }

    @Test
    void noTaskThatRanIsCountedCancelledAfterReattaching() {
        ScenarioOutput.Line pool = end.stats("pool");
        assertEquals(0, pool.number("cancelled"), () -> pool + "\n" + finished.describe());
        ScenarioOutput.Line forkJoin = end.stats("forkJoin");
        assertEquals(0, forkJoin.number("cancelled"), () -> forkJoin + "\n" + finished.describe());
    }

    /** Counted since the second attach, and balanced after termination. */
    private static void assertCountedSinceTheSecondAttachAndBalanced(ScenarioOutput.Line stats) {
        assertEquals("true", stats.get("tracked"), stats::text);
        assertTrue(stats.number("submitted") > 0, stats::text);
        // Every task id is at most one task per pool; ids handed out before the detach was over must not count.
        long afterDetach = end.result("load").number("tasks") - detached.result("stage-2").number("tasksSoFar");
        assertTrue(stats.number("submitted") <= afterDetach, () -> "counts from before the second attach: " + stats);
        assertEquals(stats.number("submitted"), stats.number("executed") + stats.number("cancelled"),
                () -> "books kept since the second attach do not balance: " + stats + "\n" + finished.describe());
        assertEquals(0, stats.number("active") + stats.number("queued"), stats::text);
    }
}
