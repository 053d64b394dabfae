package example.scenarios;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.concurrent.Executor;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ValveBase;

/**
 * An embedded Tomcat serving real HTTP requests on 127.0.0.1, port 0: {@code args[0]} requests
 * answered {@code 200}, then {@code args[1]} requests whose handling throws (Tomcat answers
 * {@code 500}), then one job of the request pool's own that throws, then the server stops. The
 * request pool's statistics are printed after each step ({@code #stats}), the responses as the
 * client saw them ({@code #result}).
 *
 * <p>Requests are answered by a valve of the web application's pipeline rather than a servlet:
 * the valve API is the same in Tomcat 9.0 ({@code javax.servlet}) and 10.1/11
 * ({@code jakarta.servlet}), so this one class runs on all three. Each request has a connection
 * of its own and the server keeps none alive, so the connector hands its pool exactly one task
 * per request: the poller sees the new connection readable once, and the task that reads the
 * request writes the response and closes the connection.
 */
public final class TomcatScenario {

    private TomcatScenario() {
    }

    public static void main(String[] args) throws Exception {
        Report.env();
        int ok = Integer.parseInt(args[0]);
        int failing = Integer.parseInt(args[1]);
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("futurist-tomcat").toString());
        tomcat.setPort(0);
        Connector connector = tomcat.getConnector();
        connector.setProperty("address", "127.0.0.1");
        connector.setProperty("maxKeepAliveRequests", "1");
        Context context = tomcat.addContext("", null);
        context.getPipeline().addValve(new Answering());
        int startLine = Report.here(); tomcat.start();
        int port = connector.getLocalPort();
        Executor pool = connector.getProtocolHandler().getExecutor();
        Report.result("server", "version=" + org.apache.catalina.util.ServerInfo.getServerNumber(),
                "pool=" + pool.getClass().getName(), "startLine=" + startLine);
        ServerRequests.stats("started", pool, 0, 0);

        ServerRequests.outcomes("ok", ServerRequests.send(port, "/ok/", ok));
        ServerRequests.stats("afterOk", pool, 0, ok);

        ServerRequests.outcomes("failing", ServerRequests.send(port, "/fail/", failing));
        ServerRequests.stats("afterFailing", pool, 0, ok + failing);

        ServerRequests.Failing job = new ServerRequests.Failing();
        pool.execute(job);
        job.await();
        ServerRequests.stats("afterFailingJob", pool, 0, ok + failing + 1);

        tomcat.stop();
        tomcat.destroy();
        ServerRequests.stats("stopped", pool, 0, ok + failing + 1);
    }

    /** Answers every request: {@code 200 ok <path>}, or throws for paths under {@code /fail}. */
    static final class Answering extends ValveBase {
        @Override
        public void invoke(Request request, Response response) throws IOException {
            String path = request.getRequestURI();
            if (path.startsWith("/fail")) {
                throw new IllegalStateException("a request of the scenario that fails on purpose: " + path);
            }
            response.setStatus(200);
            response.setContentType("text/plain");
            PrintWriter body = response.getWriter();
            body.print("ok " + path);
            body.flush();
        }
    }
}
