package io.futurist.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.scenarios.LiveScenario;
import io.futurist.agent.testing.AgentCli;
import io.futurist.agent.testing.Books;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.RunningChild;
import io.futurist.agent.testing.ScenarioOutput;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MBeans of an attached agent, as the application itself reads them from its platform
 * MBean server: one per live executor under {@code io.futurist:type=Executor}, agreeing with
 * the lookup, gone once the executor has terminated; and none at all with {@code jmx=false},
 * where {@code stats} says in one line why it cannot work.
 */
class JmxIT {

    private static final int TASKS = 100;
    private static final List<String> POOLS = List.of("busy", "busyfj", "idle", "idlefj");

    private static RunningChild published;
    private static RunningChild unpublished;
    private static ChildJvm.Result attachPublished;
    private static ChildJvm.Result attachUnpublished;
    private static ScenarioOutput batch;
    private static ScenarioOutput mbeans;
    private static ScenarioOutput fixedGone;
    private static ScenarioOutput forkJoinGone;
    private static ScenarioOutput unpublishedBatch;
    private static ScenarioOutput census;
    private static ChildJvm.Result statsUnpublished;
    private static ChildJvm.Result publishedEnd;
    private static ChildJvm.Result unpublishedEnd;

    @BeforeAll
    static void attachWithAndWithoutJmx() {
        published = ChildJvm.running(LiveScenario.class).start();
        unpublished = ChildJvm.running(LiveScenario.class).start();
        for (RunningChild child : List.of(published, unpublished)) {
            child.started();
            child.request("hold");
        }
        List<ChildJvm.Result> attaches = AgentCli.runAll(List.of(
                new Object[] {"attach", published.pid()}, new Object[] {"attach", unpublished.pid(), "jmx=false"}));
        attachPublished = attaches.get(0);
        attachUnpublished = attaches.get(1);
        for (RunningChild child : List.of(published, unpublished)) {
            child.request("release");
        }
        batch = published.request("batch first " + TASKS);
        mbeans = published.request("jmx first");
        fixedGone = published.request("shutdown busy gone");
        forkJoinGone = published.request("shutdown busyfj gone");
        unpublishedBatch = unpublished.request("batch first " + TASKS);
        census = unpublished.request("census off");
        statsUnpublished = AgentCli.run("stats", unpublished.pid());
        publishedEnd = published.finish();
        unpublishedEnd = unpublished.finish();
    }

    @AfterAll
    static void stopChildren() {
        for (RunningChild child : new RunningChild[] {published, unpublished}) {
            if (child != null) {
                child.close();
            }
        }
    }

    @Test
    void bothAttachesSucceed() {
        AgentCli.assertOneLineSuccess(attachPublished, "futurist: attached to JVM " + published.pid() + " (active jmx=true)");
        AgentCli.assertOneLineSuccess(attachUnpublished, "futurist: attached to JVM " + unpublished.pid() + " (active jmx=false)");
        publishedEnd.requireSuccess();
        unpublishedEnd.requireSuccess();
    }

    @Test
    void everyLiveExecutorHasAnMBeanThatAgreesWithTheLookup() {
        for (String pool : POOLS) {
            ScenarioOutput.Line lookup = batch.stats("first-" + pool);
            ScenarioOutput.Line mbean = mbeans.line("jmx", "first-" + pool);
            assertTrue(mbean.flag("registered"), mbean::text);
            assertTrue(mbean.get("objectName").startsWith("io.futurist:type=Executor,id=" + lookup.get("id") + ","), mbean::text);
            assertEquals(lookup.get("id"), mbean.get("Id"), mbean::text);
            assertEquals(lookup.get("name"), mbean.get("Name"), mbean::text);
            assertEquals(lookup.get("type"), mbean.get("Type"), mbean::text);
            assertEquals(lookup.get("site"), mbean.get("CreationSite"), mbean::text);
            assertEquals(lookup.get("alive"), mbean.get("Alive"), mbean::text);
            for (String number : List.of("Submitted", "Executed", "Failures", "Cancelled", "Rejected", "Active", "Queued")) {
                String field = Character.toLowerCase(number.charAt(0)) + number.substring(1);
                assertEquals(lookup.get(field), mbean.get(number), () -> pool + " " + number + ": " + mbean.text());
            }
            assertEquals(TASKS, mbean.number("Submitted"), mbean::text);
        }
        ScenarioOutput.Line domain = mbeans.line("jmx", "first");
        assertTrue(domain.flag("agent"), domain::text);
        assertTrue(domain.number("count") >= POOLS.size() + 1, domain::text);
    }

    @Test
    void anExecutorsMBeanGoesAwayOnceItHasTerminated() {
        for (ScenarioOutput answer : List.of(fixedGone, forkJoinGone)) {
            ScenarioOutput.Line stats = answer.stats("gone");
            Books.of(TASKS, TASKS, 0, 0, 0).assertTerminated(stats);
            ScenarioOutput.Line mbean = answer.line("jmx", "gone");
            assertTrue(mbean.flag("gone"), mbean::text);
        }
    }

    @Test
    void withJmxFalseThereAreNoFuturistMBeans() {
        ScenarioOutput.Line none = census.line("jmx", "off");
        assertEquals(0, none.number("count"), none::text);
        assertTrue(!none.flag("agent"), none::text);
        // The agent is active nonetheless: it counts.
        assertEquals("true", unpublishedBatch.env().get("agentActive"));
        Books.of(TASKS, TASKS, 0, 0, 0).and("active", 0).and("queued", 0).assertOn(unpublishedBatch.stats("first-busy"));
    }

    @Test
    void statsOfAnAgentWithoutJmxSaysWhyInOneLine() {
        AgentCli.assertOneLineFailure(statsUnpublished, 1, "jmx=false");
    }
}
