package io.futurist.agent.probe;

import java.util.concurrent.ForkJoinPool;

/**
 * The JDK's scheduler of virtual threads (Java 21+): a {@code ForkJoinPool} that
 * {@code java.lang.VirtualThread} builds for itself, whose "tasks" are the mounts of virtual
 * threads on its carrier threads. It is left out of the statistics entirely.
 *
 * <p>Why left out rather than shown under a name: it is not a pool of the application. Every
 * mount, every wake-up after a park or a blocking call, is a task there, so its counts measure
 * how often virtual threads block, not work the application handed it — the application's work
 * is counted where it submitted it (a thread-per-task executor, Futurist's
 * {@code GreenExecutor}). Counting it would also cost every mount a table entry and three clock
 * reads, far more than the thread-per-task executor's own numbers cost.
 *
 * <p>How it is recognised: by its thread factory, which {@code VirtualThread} itself defines
 * (a lambda whose nest host is {@code java.lang.VirtualThread}, loaded by the bootstrap
 * loader) — on JDK 21 and 25 alike, however the pool's size is configured. The pool is
 * recognised once, when it is built or, after a dynamic attach, on its first submission; from
 * then on a reference comparison tells it apart. Its mounts run on its own
 * {@code jdk.internal.misc.CarrierThread} workers, which {@link #isCarrier} tells by their
 * exact class: a run on a carrier thread is the scheduler's own, and is turned away before any
 * look-up.
 *
 * <p>Concurrency: the recognised pool is published through a volatile field, written at most
 * once per JVM with the same value by whichever thread recognises it first.
 */
public final class VirtualThreadScheduler {

    private static final String VIRTUAL_THREAD = "java.lang.VirtualThread";

    /** {@code jdk.internal.misc.CarrierThread}, or {@code null} on a JDK without virtual threads. */
    private static final Class<?> CARRIER_THREAD = carrierThreadClass();

    /** The scheduler once recognised, else {@code null}. */
    private static volatile Object scheduler;

    private VirtualThreadScheduler() {
    }

    /** Whether {@code pool} is the scheduler already recognised: a reference comparison. */
    static boolean is(Object pool) {
        return pool == scheduler && pool != null;
    }

    /**
     * Whether {@code pool}, seen for the first time, is the virtual-thread scheduler; remembers
     * it if so. Reads the pool's thread factory and its class's nest host: meant for a pool's
     * construction or first sighting, not for every task.
     */
    static boolean recognise(Object pool) {
        if (CARRIER_THREAD == null || !(pool instanceof ForkJoinPool)) {
            return false;
        }
        if (is(pool)) {
            return true;
        }
        Object factory = ((ForkJoinPool) pool).getFactory();
        if (factory == null) {
            return false;
        }
        Class<?> host = factory.getClass().getNestHost();
        if (host.getClassLoader() == null && host.getName().equals(VIRTUAL_THREAD)) {
            scheduler = pool;
            return true;
        }
        return false;
    }

    /** Whether {@code thread} is one of the scheduler's carrier threads (outside any virtual thread it carries). */
    static boolean isCarrier(Thread thread) {
        return thread.getClass() == CARRIER_THREAD && CARRIER_THREAD != null;
    }

    private static Class<?> carrierThreadClass() {
        try {
            return Class.forName("jdk.internal.misc.CarrierThread", false, null);
        } catch (ClassNotFoundException | LinkageError absent) {
            return null;
        }
    }
}
