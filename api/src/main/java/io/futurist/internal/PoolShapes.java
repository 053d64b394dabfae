package io.futurist.internal;

import io.futurist.PoolShape;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * Which {@link ShapeReader} reads which executor: the JDK's {@code ThreadPoolExecutor} (its
 * subclasses and {@code ScheduledThreadPoolExecutor} included) and {@code ForkJoinPool} built in,
 * others {@linkplain #add added} by name; everything else has no shape.
 *
 * <p>The choice is made once per executor class and kept in a {@link ClassValue} (so a class
 * loader can still be collected); a reader added later is seen by the next look-up, because
 * each kept choice remembers how many readers had been added when it was made.
 */
public final class PoolShapes {

    private static final Map<String, ShapeReader> ADDED = new ConcurrentHashMap<>();
    private static volatile int added;

    private static final ClassValue<Choice> CHOICES = new ClassValue<Choice>() {
        @Override
        protected Choice computeValue(Class<?> type) {
            return new Choice(added, choose(type));
        }
    };

    private PoolShapes() {
    }

    /**
     * Reads executors whose class, or one of its superclasses, is named {@code className} with
     * {@code reader}; for executors the JDK does not have (a web server's request pool), found
     * by name because their classes are not visible here. An added reader wins over the built-in
     * ones.
     */
    public static synchronized void add(String className, ShapeReader reader) {
        ADDED.put(className, reader);
        added++;
    }

    /** The reader for executors of class {@code type}; {@link ShapeReader#NONE} when they have no shape. */
    public static ShapeReader readerFor(Class<?> type) {
        Choice choice = CHOICES.get(type);
        if (choice.added != added) {
            CHOICES.remove(type);
            choice = CHOICES.get(type);
        }
        return choice.reader;
    }

    private static ShapeReader choose(Class<?> type) {
        if (!ADDED.isEmpty()) {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                ShapeReader reader = ADDED.get(c.getName());
                if (reader != null) {
                    return reader;
                }
            }
        }
        if (ThreadPoolExecutor.class.isAssignableFrom(type)) {
            return ThreadPool.INSTANCE;
        }
        if (ForkJoinPool.class.isAssignableFrom(type)) {
            return ForkJoin.INSTANCE;
        }
        return ShapeReader.NONE;
    }

    /** A choice and how many readers had been added when it was made. */
    private static final class Choice {
        final int added;
        final ShapeReader reader;

        Choice(int added, ShapeReader reader) {
            this.added = added;
            this.reader = reader;
        }
    }

    /** {@code ThreadPoolExecutor}: its getters, each under the pool's main lock for a moment. */
    enum ThreadPool implements ShapeReader {
        INSTANCE;

        @Override
        public PoolShape read(Object executor) {
            ThreadPoolExecutor pool = (ThreadPoolExecutor) executor;
            return PoolShape.threadPool(pool.getPoolSize(), pool.getCorePoolSize(), pool.getMaximumPoolSize(),
                    pool.getLargestPoolSize(), QueueCapacity.of(pool.getQueue()));
        }
    }

    /** {@code ForkJoinPool}: its threads now and its target parallelism; no lock taken. */
    enum ForkJoin implements ShapeReader {
        INSTANCE;

        @Override
        public PoolShape read(Object executor) {
            ForkJoinPool pool = (ForkJoinPool) executor;
            return PoolShape.forkJoinPool(pool.getPoolSize(), pool.getParallelism());
        }
    }

    /**
     * How many tasks a pool's queue can hold. The JDK's bounded queues keep their bound in a
     * final field, read where {@code java.util.concurrent} is open to Futurist (the agent opens
     * it); elsewhere the bound is {@code remainingCapacity() + size()}, read until the size holds
     * still across the two reads, so that a task arriving in between cannot add itself to it.
     */
    static final class QueueCapacity {

        private static final ClassValue<Field> BOUND = new ClassValue<Field>() {
            @Override
            protected Field computeValue(Class<?> type) {
                for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                    String field = boundField(c.getName());
                    if (field != null) {
                        try {
                            Field bound = c.getDeclaredField(field);
                            bound.setAccessible(true);
                            return bound;
                        } catch (NoSuchFieldException | RuntimeException closed) {
                            return null; // not open to us, or another JDK: ask the queue instead
                        }
                    }
                }
                return null;
            }
        };

        private QueueCapacity() {
        }

        private static String boundField(String className) {
            switch (className) {
                case "java.util.concurrent.ArrayBlockingQueue":
                    return "items";
                case "java.util.concurrent.LinkedBlockingQueue":
                case "java.util.concurrent.LinkedBlockingDeque":
                    return "capacity";
                default:
                    return null;
            }
        }

        /** The bound of {@code queue}; {@link Integer#MAX_VALUE} when it has none. */
        static int of(BlockingQueue<?> queue) {
            if (queue instanceof SynchronousQueue) {
                return 0;
            }
            Field bound = BOUND.get(queue.getClass());
            if (bound != null) {
                try {
                    Object value = bound.get(queue);
                    return value instanceof Object[] ? ((Object[]) value).length : (Integer) value;
                } catch (IllegalAccessException | RuntimeException closed) {
                    // Fall back to asking the queue.
                }
            }
            int remaining = queue.remainingCapacity();
            if (remaining == Integer.MAX_VALUE) {
                return remaining;
            }
            for (int attempt = 0; attempt < 3; attempt++) {
                int before = queue.size();
                remaining = queue.remainingCapacity();
                if (queue.size() == before) {
                    return (int) Math.min(Integer.MAX_VALUE, (long) remaining + before);
                }
            }
            return (int) Math.min(Integer.MAX_VALUE, (long) remaining + queue.size());
        }
    }
}
