package example.scenarios;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.scheduling.concurrent.LookAlikeTaskExecutor;

/**
 * Creation sites that name the application: a pool subclass built by its constructor and by a
 * static factory of its own, a pool built by a framework's factory (a look-alike of Spring's
 * {@code ThreadPoolTaskExecutor}), one from {@code Executors}; each {@code #tracked} line with the
 * creation stack, and a {@code #result} line with the source line that built the pool. With the
 * argument {@code early}, also the pool that a second agent's {@code premain} built before
 * Futurist's ({@code #stats early}).
 */
public final class CreationSitesScenario {

    private CreationSitesScenario() {
    }

    public static void main(String[] args) throws Exception {
        Report.env();
        long mark = Report.mark();
        int line = Report.here(); OwnPool own = new OwnPool();
        Report.tracked("subclass", mark, OwnPool.class);
        Report.result("subclass", "line=" + line);
        own.shutdown();

        mark = Report.mark();
        line = Report.here(); OwnPool made = OwnPool.create();
        Report.tracked("factory", mark, OwnPool.class);
        Report.result("factory", "line=" + line);
        made.shutdown();

        mark = Report.mark();
        LookAlikeTaskExecutor framework = new LookAlikeTaskExecutor();
        line = Report.here(); framework.initialize();
        Report.tracked("framework", mark, framework.getThreadPoolExecutor().getClass());
        Report.result("framework", "line=" + line);
        framework.getThreadPoolExecutor().shutdown();

        mark = Report.mark();
        line = Report.here(); ExecutorService fixed = fixedPool();
        Report.tracked("executors", mark, ThreadPoolExecutor.class);
        Report.result("executors", "line=" + fixedPoolLine, "caller=" + line);
        fixed.shutdown();

        if (args.length > 0 && args[0].equals("early")) {
            ThreadPoolExecutor early = (ThreadPoolExecutor) Class.forName("example.agents.EarlyPoolAgent")
                    .getField("pool").get(null);
            early.submit(() -> { }).get();
            Report.lookup("early", early, "early-*");
            early.shutdown();
        }
    }

    private static int fixedPoolLine;

    private static ExecutorService fixedPool() {
        fixedPoolLine = Report.here(); return Executors.newFixedThreadPool(1);
    }

    /** The application's own pool class. */
    static final class OwnPool extends ThreadPoolExecutor {
        OwnPool() {
            super(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        }

        static OwnPool create() {
            return new OwnPool();
        }
    }
}
