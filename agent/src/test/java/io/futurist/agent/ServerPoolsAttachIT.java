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
 * agent; Jetty's acceptor and selector, jobs started before the attach, are not counted. A
 * detach restores the servers' classes (requests are answered, nothing more is counted), and a
 * second attach counts afresh.
 */
class ServerPoolsAttachIT {

    private static final int BEFORE = 5;
    private static final int AFTER = 12;
    private static final int DETACHED = 3;
    private static final int AGAIN = 7;
    private static final int JETTY_JOBS_PER_REQUEST = 4;

    private static RunningChild child;
    private static ScenarioOutput before;
    private static ChildJvm.Result attach;
    private static ScenarioOutput after;
    private static ChildJvm.Result detach;
    private static ScenarioOutput detached;
    private static ChildJvm.Result attachAgain;
    private static ScenarioOutput again;
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
        detach = AgentCli.run("detach", child.pid());
        // Nothing more is counted: the numbers are those of the last step at once.
        detached = child.request("requests detached " + DETACHED + " " + AFTER + " " + JETTY_JOBS_PER_REQUEST * AFTER);
        attachAgain = AgentCli.run("attach", child.pid());
        again = child.request("requests again " + AGAIN + " " + AGAIN + " " + JETTY_JOBS_PER_REQUEST * AGAIN);
        stopped = child.request("stop " + AGAIN + " " + JETTY_JOBS_PER_REQUEST * AGAIN);
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
    void detachStopsCountingAndAttachingAgainCountsAfresh() {
        AgentCli.assertOneLineSuccess(detach, "futurist: detached from JVM " + child.pid());
        long jobs = (long) JETTY_JOBS_PER_REQUEST * AFTER;
        Books.of(AFTER, AFTER, 0, 0, 0).assertOn(detached.stats("detached-tomcat"));
        Books.of(jobs, jobs, 0, 0, 0).assertOn(detached.stats("detached-jetty"));
        AgentCli.assertOneLineSuccess(attachAgain, "futurist: attached to JVM " + child.pid());
        Books.of(AGAIN, AGAIN, 0, 0, 0).and("active", 0).and("queued", 0).assertOn(again.stats("again-tomcat"));
        long jobsAgain = (long) JETTY_JOBS_PER_REQUEST * AGAIN;
        Books.of(jobsAgain, jobsAgain, 0, 0, 0).and("active", 0).and("queued", 0).assertOn(again.stats("again-jetty"));
    }

    @Test
    void booksBalanceWhenTheServersStop() {
        Books.of(AGAIN, AGAIN, 0, 0, 0).assertTerminated(stopped.stats("stopped-tomcat"));
        long jobs = (long) JETTY_JOBS_PER_REQUEST * AGAIN;
        Books.of(jobs, jobs, 0, 0, 0).assertTerminated(stopped.stats("stopped-jetty"));
    }

    @Test
    void responsesAreTheSameBeforeAndAfterTheAttach() {
        for (String server : List.of("tomcat", "jetty")) {
            String first = before.result("before-" + server).get("outcomes");
            List<ScenarioOutput> answers = List.of(after, detached, again);
            List<String> tags = List.of("after", "detached", "again");
            for (int i = 0; i < answers.size(); i++) {
                String seen = answers.get(i).result(tags.get(i) + "-" + server).get("outcomes");
                // The same answers to the same requests: each step sends /ok/0, /ok/1, ...
                assertTrue(seen.startsWith(first) || first.startsWith(seen), () -> server + ": " + first + " / " + seen);
            }
        }
    }
}
