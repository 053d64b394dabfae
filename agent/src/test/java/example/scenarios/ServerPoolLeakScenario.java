package example.scenarios;

import java.lang.ref.WeakReference;
import java.lang.reflect.Constructor;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Paths;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A web server's request pool classes loaded by a throwaway class loader, as a web application
 * or a redeployed server would load them: the pool ({@code args[0]}: {@code tomcat} or
 * {@code jetty}, its jars in the other arguments) is built, runs {@value #TASKS} tasks, is shut
 * down, and its loader dropped; then the collector runs, with bounded patience, until a weak
 * reference to the loader clears. Whatever the agent keeps for such a pool — its record, its
 * shape reader, the per-thread state of its workers, the instrumentation — must not keep the
 * loader alive.
 */
public final class ServerPoolLeakScenario {

    public static final int TASKS = 10;
    private static final long GC_PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(20);

    private ServerPoolLeakScenario() {
    }

    public static void main(String[] args) throws Exception {
        Report.env();
        URL[] jars = new URL[args.length - 1];
        for (int i = 1; i < args.length; i++) {
            jars[i - 1] = Paths.get(args[i]).toUri().toURL();
        }
        WeakReference<ClassLoader> loader = runAndDrop(args[0], jars);
        long deadline = System.nanoTime() + GC_PATIENCE_NANOS;
        int collections = 0;
        while (loader.get() != null && System.nanoTime() < deadline) {
            System.gc();
            collections++;
            Thread.sleep(20);
        }
        Report.result("loader", "collected=" + (loader.get() == null), "collections=" + collections);
    }

    /** Builds, uses and shuts down the pool in a loader of its own; keeps only a weak reference to the loader. */
    private static WeakReference<ClassLoader> runAndDrop(String server, URL[] jars) throws Exception {
        URLClassLoader loader = new URLClassLoader("webapp", jars, ClassLoader.getPlatformClassLoader());
        Executor pool = server.equals("tomcat") ? tomcat(loader) : jetty(loader);
        if (pool.getClass().getClassLoader() != loader) {
            throw new IllegalStateException("the pool was not loaded by the throwaway loader");
        }
        CountDownLatch ran = new CountDownLatch(TASKS);
        for (int i = 0; i < TASKS; i++) {
            pool.execute(ran::countDown);
        }
        ran.await();
        stop(pool);
        Report.stats("pool", pool);
        loader.close();
        return new WeakReference<>(loader);
    }

    private static Executor tomcat(ClassLoader loader) throws Exception {
        Class<?> type = loader.loadClass("org.apache.tomcat.util.threads.ThreadPoolExecutor");
        Constructor<?> constructor = type.getConstructor(int.class, int.class, long.class, TimeUnit.class, BlockingQueue.class);
        return (Executor) constructor.newInstance(2, 2, 0L, TimeUnit.SECONDS, new LinkedBlockingQueue<Runnable>());
    }

    private static Executor jetty(ClassLoader loader) throws Exception {
        Class<?> type = loader.loadClass("org.eclipse.jetty.util.thread.QueuedThreadPool");
        Object pool = type.getConstructor().newInstance();
        type.getMethod("start").invoke(pool);
        return (Executor) pool;
    }

    private static void stop(Executor pool) throws Exception {
        if (pool instanceof ExecutorService) {
            ExecutorService service = (ExecutorService) pool;
            service.shutdown();
            if (!service.awaitTermination(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the pool did not terminate");
            }
        } else {
            pool.getClass().getMethod("stop").invoke(pool);
        }
    }
}
