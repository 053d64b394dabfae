package example.agents;

import java.lang.instrument.Instrumentation;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A second, test-only Java agent given before Futurist's {@code -javaagent}, as an observability
 * agent often is: its {@code premain} builds a pool before Futurist's hooks are in place, which
 * the application uses later ({@link #pool}).
 */
public final class EarlyPoolAgent {

    /** The pool built in {@code premain}; its threads are {@code early-1}, ... */
    public static volatile ThreadPoolExecutor pool;

    private EarlyPoolAgent() {
    }

    public static void premain(String options, Instrumentation instrumentation) {
        AtomicInteger threads = new AtomicInteger();
        pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> new Thread(task, "early-" + threads.incrementAndGet()));
    }
}
