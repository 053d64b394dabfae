package io.futurist.agent.probe;

import io.futurist.PoolShape;
import io.futurist.internal.PoolShapes;
import io.futurist.internal.ShapeReader;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.concurrent.BlockingQueue;

/**
 * Reads the shape of a web server's request pool — threads now, core (Jetty: minimum), maximum,
 * largest, queue capacity — when a snapshot is taken, through the pool's own getters, found by
 * name: Tomcat's {@code getPoolSize}, {@code getCorePoolSize}, {@code getMaximumPoolSize},
 * {@code getLargestPoolSize}, {@code getQueue}; Jetty's {@code getThreads},
 * {@code getMinThreads}, {@code getMaxThreads}, {@code getQueue} (Jetty keeps no largest size).
 *
 * <p>Nothing here pins an application's class loader: the method handles of a pool class are
 * looked up once and kept in a {@link ClassValue}, which stores them on that class itself (the
 * agent's side holds no reference to them); the registry reads the shape through its weak
 * reference to the pool ({@link PoolShapes}). A getter that is missing leaves its figure
 * absent; a failure is said once.
 *
 * <p>Thread safety: the handles are immutable once computed ({@link ClassValue} publishes them
 * safely); reading a shape calls the pool's own thread-safe getters.
 */
public final class ServerPoolShapes implements ShapeReader {

    private static final ServerPoolShapes READER = new ServerPoolShapes();

    private static final ClassValue<Getters> GETTERS = new ClassValue<Getters>() {
        @Override
        protected Getters computeValue(Class<?> type) {
            return new Getters(type);
        }
    };

    private ServerPoolShapes() {
    }

    /** Reads the pools of the classes named {@code classNames} (and their subclasses) from now on. */
    public static void readPoolsOf(Iterable<String> classNames) {
        for (String className : classNames) {
            PoolShapes.add(className, READER);
        }
    }

    /** The shape of {@code pool} now; {@link PoolShape#NONE} if it cannot be read. */
    @Override
    public PoolShape read(Object pool) {
        try {
            Getters getters = GETTERS.get(pool.getClass());
            int capacity = -1;
            Object queue = getters.queue == null ? null : (Object) getters.queue.invokeExact(pool);
            if (queue instanceof BlockingQueue) {
                BlockingQueue<?> tasks = (BlockingQueue<?>) queue;
                long total = (long) tasks.remainingCapacity() + tasks.size();
                capacity = total >= Integer.MAX_VALUE ? -1 : (int) total;
            }
            return PoolShape.threadPool(getters.read(getters.poolSize, pool), getters.read(getters.corePoolSize, pool),
                    getters.read(getters.maximumPoolSize, pool), getters.read(getters.largestPoolSize, pool), capacity);
        } catch (Throwable unreadable) {
            Faults.warnOnce("shape:" + pool.getClass().getName(), "cannot read the shape of "
                    + pool.getClass().getName() + ", it is left out: " + unreadable);
            return PoolShape.NONE;
        }
    }

    /** The getters of one pool class, as handles of type {@code (Object)int} or {@code (Object)Object}; {@code null} where absent. */
    private static final class Getters {
        final MethodHandle poolSize;
        final MethodHandle corePoolSize;
        final MethodHandle maximumPoolSize;
        final MethodHandle largestPoolSize;
        final MethodHandle queue;

        Getters(Class<?> type) {
            poolSize = getter(type, int.class, "getPoolSize", "getThreads");
            corePoolSize = getter(type, int.class, "getCorePoolSize", "getMinThreads");
            maximumPoolSize = getter(type, int.class, "getMaximumPoolSize", "getMaxThreads");
            largestPoolSize = getter(type, int.class, "getLargestPoolSize");
            queue = getter(type, Object.class, "getQueue");
        }

        int read(MethodHandle getter, Object pool) throws Throwable {
            return getter == null ? -1 : (int) getter.invokeExact(pool);
        }

        /** The first of {@code names} that {@code type} or a superclass declares without parameters. */
        private static MethodHandle getter(Class<?> type, Class<?> returned, String... names) {
            for (String name : names) {
                for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                    try {
                        Method method = c.getDeclaredMethod(name);
                        // Jetty's getQueue is protected: allowed where the pool's package is open
                        // to us (the class path); elsewhere the figure is absent.
                        method.setAccessible(true);
                        return MethodHandles.lookup().unreflect(method)
                                .asType(MethodType.methodType(returned, Object.class));
                    } catch (NoSuchMethodException notHere) {
                        // Look in the superclass.
                    } catch (ReflectiveOperationException | RuntimeException closed) {
                        break;
                    }
                }
            }
            return null;
        }
    }
}
