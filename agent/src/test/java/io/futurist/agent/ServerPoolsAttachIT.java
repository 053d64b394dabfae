package io.futurist.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.scenarios.ServerAttachScenario;
import io.futurist.agent.testing.AgentCli;
import io.futurist.agent.testing.Books;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.RunningChild;
import io.futurist.agent.testing.ScenarioOutput;
import io.futurist.agent.testing.ServerJars;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link ServerAttachScenario}: a Tomcat and a Jetty that served requests before the agent was
 * attached. Their pool classes are retransformed at the attach; the pools, built before it, are
 * picked up on their first submission after it and count exactly the requests sent afterwards —
 * Tomcat's workers, already inside the pool's loop, through the hooks for workers older than the
 * agent; Jetty's acceptor and selector, jobs started before the attach, are not counted.
 */
class ServerPoolsAttachIT {

    private static final int BEFORE = 5;
    private static final int AFTER = 12;
    private static final int JETTY_JOBS_PER_REQUEST = 4;

    private static RunningChild child;
    private static ScenarioOutput before;
    private static ChildJvm.Result attach;
    private static ScenarioOutput after;
    private static ScenarioOutput stopped;

    @BeforeAll
    static void converse() {
        List<Path> jars = new ArrayList<>(List.of(ServerJars.of("tomcat-11")));
        jars.addAll(List.of(ServerJars.of("jetty-12")));
        child = ChildJvm.running(ServerAttachScenario.class).withClassPath(jars.toArray(new Path[0])).start();
        child.started();
        before = child.request("requests before " + BEFORE + " 0 0");
        attach = AgentCli.run("attach", child.pid());
        after = child.request("requests after " + AFTER + " " + AFTER + " " + JETTY_JOBS_PER_REQUEST * AFTER);
        stopped = child.request("stop " + AFTER + " " + JETTY_JOBS_PER_REQUEST * AFTER);
        child.finish();
    }

    @AfterAll
    static void stopChild() {
        if (child != null) {
            child.close();
        }
    }

    @Test
    void requestsAfterTheAttachAreCountedExactly() {
        AgentCli.assertOneLineSuccess(attach, "futurist: attached to JVM " + child.pid());
        assertEquals("absent", before.env().get("futurist"), before::context);
        ScenarioOutput.Line tomcat = after.stats("after-tomcat");
        assertEquals("http-nio-127.0.0.1-auto-1-exec-*", tomcat.get("name"), tomcat::text);
        assertEquals("unknown (created before attach)", tomcat.get("site"), tomcat::text);
        Books.of(AFTER, AFTER, 0, 0, 0).and("active", 0).and("queued", 0).assertOn(tomcat);
        assertEquals(10, tomcat.number("poolSize"), tomcat::text);

        ScenarioOutput.Line jetty = after.stats("after-jetty");
        assertTrue(jetty.get("name").matches("qtp\\d+-\\*"), jetty::text);
        assertEquals("unknown (created before attach)", jetty.get("site"), jetty::text);
        long jobs = (long) JETTY_JOBS_PER_REQUEST * AFTER;
        Books.of(jobs, jobs, 0, 0, 0).and("active", 0).and("queued", 0).assertOn(jetty);
        assertEquals(200, jetty.number("maximumPoolSize"), jetty::text);
    }

    @Test
    void booksBalanceWhenTheServersStop() {
        Books.of(AFTER, AFTER, 0, 0, 0).assertTerminated(stopped.stats("stopped-tomcat"));
        long jobs = (long) JETTY_JOBS_PER_REQUEST * AFTER;
        Books.of(jobs, jobs, 0, 0, 0).assertTerminated(stopped.stats("stopped-jetty"));
    }

    @Test
    void responsesAreTheSameBeforeAndAfterTheAttach() {
        for (String server : List.of("tomcat", "jetty")) {
            String first = before.result("before-" + server).get("outcomes");
            String later = after.result("after-" + server).get("outcomes");
            assertTrue(later.startsWith(first), () -> server + ": " + first + " / " + later);
        }
    }
}
