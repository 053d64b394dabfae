package example.scenarios;

import java.nio.file.Files;
import java.util.concurrent.Executor;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A Tomcat and a Jetty, both serving on 127.0.0.1, started before the agent is attached (the
 * child of {@code RunningChild}): their pool classes are loaded and their threads running when
 * it arrives. Commands, one per stdin line ({@code <id> <command> <args>}):
 * <ul>
 *   <li>{@code requests <tag> <n>} — {@code n} requests to each server, one connection each
 *       ({@code #result <tag>-tomcat}, {@code #result <tag>-jetty}), then each request pool's
 *       statistics once it has had {@code expected} tasks ({@code args[3]} for Tomcat,
 *       {@code args[4]} for Jetty) and finished them ({@code #stats <tag>-tomcat},
 *       {@code #stats <tag>-jetty});</li>
 *   <li>{@code stop <tomcatExpected> <jettyExpected>} — stops both servers and prints the
 *       pools' final statistics ({@code #stats stopped-tomcat}, {@code #stats stopped-jetty}).</li>
 * </ul>
 */
public final class ServerAttachScenario {

    private final Tomcat tomcat = new Tomcat();
    private final Connector tomcatConnector;
    private final Server jetty;
    private final ServerConnector jettyConnector;
    private final QueuedThreadPool jettyPool = new QueuedThreadPool();

    private ServerAttachScenario() throws Exception {
        tomcat.setBaseDir(Files.createTempDirectory("futurist-tomcat").toString());
        tomcat.setPort(0);
        tomcatConnector = tomcat.getConnector();
        tomcatConnector.setProperty("address", "127.0.0.1");
        tomcatConnector.setProperty("maxKeepAliveRequests", "1");
        tomcat.addContext("", null).getPipeline().addValve(new TomcatScenario.Answering());
        tomcat.start();
        jettyPool.setReservedThreads(0);
        jetty = new Server(jettyPool);
        jettyConnector = new ServerConnector(jetty, 1, 1);
        jettyConnector.setHost("127.0.0.1");
        jettyConnector.setPort(0);
        jetty.addConnector(jettyConnector);
        jetty.setHandler(new JettyScenario.Answering());
        jetty.start();
    }

    public static void main(String[] args) throws Exception {
        ServerAttachScenario scenario = new ServerAttachScenario();
        Conversation.run(scenario::answer);
    }

    private void answer(String[] words) throws Exception {
        switch (words[1]) {
            case "requests": {
                String tag = words[2];
                int count = Integer.parseInt(words[3]);
                ServerRequests.outcomes(tag + "-tomcat", ServerRequests.send(tomcatConnector.getLocalPort(), "/ok/", count));
                ServerRequests.outcomes(tag + "-jetty", ServerRequests.send(jettyConnector.getLocalPort(), "/ok/", count));
                ServerRequests.stats(tag + "-tomcat", tomcatPool(), 0, Long.parseLong(words[4]));
                // Jetty's own long-running jobs (selector, acceptor) started before the attach and
                // are not counted, so every counted job must be over before the books are read: a
                // wait that allowed BUSY_FOR_GOOD of them read a request's last job still running.
                ServerRequests.stats(tag + "-jetty", jettyPool, 0, Long.parseLong(words[5]));
                break;
            }
            case "stop": {
                Executor pool = tomcatPool();
                tomcat.stop();
                tomcat.destroy();
                jetty.stop();
                ServerRequests.stats("stopped-tomcat", pool, 0, Long.parseLong(words[2]));
                ServerRequests.stats("stopped-jetty", jettyPool, 0, Long.parseLong(words[3]));
                break;
            }
            default:
                throw new IllegalArgumentException("unknown command " + words[1]);
        }
    }

    private Executor tomcatPool() {
        return tomcatConnector.getProtocolHandler().getExecutor();
    }
}
