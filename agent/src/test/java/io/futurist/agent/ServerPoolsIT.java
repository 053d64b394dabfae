package io.futurist.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.scenarios.JettyScenario;
import example.scenarios.TomcatScenario;
import io.futurist.agent.testing.Books;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.ScenarioOutput;
import io.futurist.agent.testing.ServerJars;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Real web servers under the agent, serving real HTTP requests ({@link TomcatScenario},
 * {@link JettyScenario}): the request pool is tracked by its class name, named after its
 * threads, counts exactly what the server hands it per request, shows its shape, and ends with
 * balanced books; and the responses are the same as without the agent.
 *
 * <p>What a request costs the pool, with one request per connection: Tomcat (NIO connector)
 * submits one task (the socket processor that reads the request, answers and closes); Jetty 12
 * four jobs (see {@link JettyScenario#JOBS_PER_REQUEST}). A request whose handling throws is not
 * a failed task: both servers catch the exception and answer 500, and the task ends normally.
 * A job of the pool itself that throws is a failure.
 */
class ServerPoolsIT {

    private static final int OK = 20;
    private static final int FAILING = 3;
    private static final String TOMCAT_POOL = "org.apache.tomcat.util.threads.ThreadPoolExecutor";
    private static final String JETTY_POOL = "org.eclipse.jetty.util.thread.QueuedThreadPool";

    @ParameterizedTest
    @ValueSource(strings = {"tomcat-11", "tomcat-10.1", "tomcat-9.0"})
    void tomcatRequestPoolCountsOneTaskPerRequest(String server) {
        ScenarioOutput output = run(TomcatScenario.class, server, true);
        assertEquals(server.substring("tomcat-".length()), version(output), "the Tomcat version on the class path");
        ScenarioOutput.Line started = output.stats("started");
        assertEquals(TOMCAT_POOL, started.get("type"));
        assertEquals("1", started.get("count"), started::text);
        assertEquals("http-nio-127.0.0.1-auto-1-exec-*", started.get("name"));
        // The application's call that started the server: Tomcat's own frames are skipped.
        assertEquals(TomcatScenario.class.getName() + ".main(TomcatScenario.java:"
                + output.result("server").get("startLine") + ")", started.get("site"));
        // The connector's defaults: 10 threads started with the pool, at most 200, an unbounded queue.
        Books.of(0, 0, 0, 0, 0).and("poolSize", 10).and("corePoolSize", 10).and("maximumPoolSize", 200)
                .and("largestPoolSize", 10).assertOn(started);
        assertEquals("absent", started.get("queueCapacity"));

        Books.of(OK, OK, 0, 0, 0).and("active", 0).and("queued", 0).and("timedRuns", OK)
                .assertGrowth(started, output.stats("afterOk"));
        assertTrue(output.stats("afterOk").number("runtimeNanos") > 0);
        Books.of(FAILING, FAILING, 0, 0, 0).assertGrowth(output.stats("afterOk"), output.stats("afterFailing"));
        Books.of(1, 1, 1, 0, 0).assertGrowth(output.stats("afterFailing"), output.stats("afterFailingJob"));
        Books.of(OK + FAILING + 1, OK + FAILING + 1, 1, 0, 0).assertTerminated(output.stats("stopped"));
    }

    @Test
    void jettyRequestPoolCountsFourJobsPerRequest() {
        ScenarioOutput output = run(JettyScenario.class, "jetty-12", true);
        ScenarioOutput.Line started = output.stats("started");
        assertEquals(JETTY_POOL, started.get("type"));
        assertEquals("1", started.get("count"), started::text);
        assertTrue(started.get("name").matches("qtp\\d+-\\*"), started::text);
        assertEquals(JettyScenario.class.getName() + ".main(JettyScenario.java:"
                + output.result("server").get("poolLine") + ")", started.get("site"));
        // The acceptor and the selector run as jobs for the server's life.
        Books.of(2, 0, 0, 0, 0).and("active", 2).and("queued", 0).and("poolSize", 8).and("corePoolSize", 8)
                .and("maximumPoolSize", 200).assertOn(started);
        assertEquals("absent", started.get("largestPoolSize"), "Jetty keeps no largest size");
        assertEquals("absent", started.get("queueCapacity"), "the default queue grows without bound");

        int perRequest = 4;
        Books.of(perRequest * OK, perRequest * OK, 0, 0, 0).and("active", 0).and("queued", 0)
                .assertGrowth(started, output.stats("afterOk"));
        Books.of(perRequest * FAILING, perRequest * FAILING, 0, 0, 0)
                .assertGrowth(output.stats("afterOk"), output.stats("afterFailing"));
        Books.of(1, 1, 1, 0, 0).assertGrowth(output.stats("afterFailing"), output.stats("afterFailingJob"));
        long all = 2 + perRequest * (OK + FAILING) + 1;
        Books.of(all, all, 1, 0, 0).assertTerminated(output.stats("stopped"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tomcat-11", "jetty-12"})
    void responsesAreTheSameWithoutTheAgent(String server) {
        Class<?> scenario = server.startsWith("tomcat") ? TomcatScenario.class : JettyScenario.class;
        ScenarioOutput with = run(scenario, server, true);
        ScenarioOutput without = run(scenario, server, false);
        for (String label : List.of("ok", "failing")) {
            assertEquals(without.result(label).text(), with.result(label).text());
        }
        assertEquals("200:ok /ok/0", with.result("ok").get("outcomes").split(",")[0]);
        assertTrue(with.result("failing").get("outcomes").startsWith("500:"));
    }

    private static ScenarioOutput run(Class<?> scenario, String server, boolean agent) {
        ChildJvm child = ChildJvm.running(scenario, Integer.toString(OK), Integer.toString(FAILING))
                .withClassPath(ServerJars.of(server));
        ChildJvm.Result result = (agent ? child.withAgent() : child).run().requireSuccess();
        assertEquals(List.of(), result.futuristLines(), "the agent said nothing");
        return result.output();
    }

    private static String version(ScenarioOutput output) {
        String version = output.result("server").get("version");
        return version.substring(0, version.indexOf('.', version.indexOf('.') + 1)).replaceFirst("^(11)\\.0$", "11");
    }
}
