package example.scenarios;

import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * An embedded Jetty 12 serving real HTTP requests on 127.0.0.1, port 0, with the same steps as
 * {@link TomcatScenario}: {@code args[0]} requests answered {@code 200}, {@code args[1]} whose
 * handler throws (Jetty answers {@code 500}), one job of the pool's own that throws, then the
 * server stops.
 *
 * <p>The pool runs the connector's acceptor and selector as jobs that last as long as the
 * server (two here: one acceptor, one selector), so "quiet" means those two running. The pool
 * keeps no reserved threads ({@code reservedThreads=0}): with them, Jetty hands some work to a
 * reserved thread's job already running instead of submitting it, which makes what a request
 * costs the pool depend on timing.
 */
public final class JettyScenario {

    /** The connector's acceptor and selector: jobs of the pool for the server's life. */
    static final int BUSY_FOR_GOOD = 2;

    /**
     * The jobs one request on a connection of its own costs the pool: the acceptor hands the new
     * connection to the selector ({@code ManagedSelector$Accept}); the connection's read of the
     * request, which handles it and answers (the handler blocks, so the selector does not run it
     * itself); the read that finds the client's close after Jetty shut its output; and the end
     * point's destruction ({@code ManagedSelector$DestroyEndPoint}).
     */
    static final int JOBS_PER_REQUEST = 4;

    private JettyScenario() {
    }

    public static void main(String[] args) throws Exception {
        Report.env();
        int ok = Integer.parseInt(args[0]);
        int failing = Integer.parseInt(args[1]);
        int poolLine = Report.here(); QueuedThreadPool pool = new QueuedThreadPool();
        pool.setReservedThreads(0);
        Server server = new Server(pool);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Answering());
        server.start();
        int port = connector.getLocalPort();
        Report.result("server", "version=" + Server.getVersion(), "pool=" + pool.getClass().getName(),
                "poolLine=" + poolLine);
        ServerRequests.stats("started", pool, BUSY_FOR_GOOD, BUSY_FOR_GOOD);

        ServerRequests.outcomes("ok", ServerRequests.send(port, "/ok/", ok));
        ServerRequests.stats("afterOk", pool, BUSY_FOR_GOOD, BUSY_FOR_GOOD + JOBS_PER_REQUEST * ok);

        ServerRequests.outcomes("failing", ServerRequests.send(port, "/fail/", failing));
        ServerRequests.stats("afterFailing", pool, BUSY_FOR_GOOD,
                BUSY_FOR_GOOD + JOBS_PER_REQUEST * (ok + failing));

        ServerRequests.Failing job = new ServerRequests.Failing();
        pool.execute(job);
        job.await();
        ServerRequests.stats("afterFailingJob", pool, BUSY_FOR_GOOD,
                BUSY_FOR_GOOD + JOBS_PER_REQUEST * (ok + failing) + 1);

        server.stop();
        ServerRequests.stats("stopped", pool, 0, BUSY_FOR_GOOD + JOBS_PER_REQUEST * (ok + failing) + 1);
    }

    /** Answers every request: {@code 200 ok <path>}, or throws for paths under {@code /fail}. */
    static final class Answering extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = request.getHttpURI().getPath();
            if (path.startsWith("/fail")) {
                throw new IllegalStateException("a request of the scenario that fails on purpose: " + path);
            }
            response.setStatus(200);
            response.getHeaders().put("Content-Type", "text/plain");
            Content.Sink.write(response, true, "ok " + path, callback);
            return true;
        }
    }
}
