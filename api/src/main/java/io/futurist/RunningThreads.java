package io.futurist;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The threads that are running an executor's tasks now, so that {@code shutdownNow} can
 * interrupt them all: built for an executor that starts a thread per task, where joining and
 * leaving happen once per task.
 *
 * <p>Why not a concurrent set alone: adding to and removing from a {@code ConcurrentHashMap}
 * allocates a node, locks a bin and updates a shared size, and a fresh virtual thread also
 * seeds its random probe on the way; in the virtual-thread benchmark, leaving the set out made
 * the executor about 30% faster (bench/PROFILE.md §10.1). Here a thread takes a slot of a fixed table, found from its id,
 * with one compare-and-set, and leaves it with one store. Consecutive ids (virtual threads get
 * them in start order) land on different cache lines, so threads that run side by side on
 * different carriers do not write the same line. When the slots near a thread's home are taken
 * (more than a few hundred tasks running at once), it joins a concurrent set instead.
 *
 * <p>Interrupting everyone cannot miss a thread that joins concurrently, if the caller follows
 * the protocol: a joining thread joins, then reads the executor's stopping flag; the stopper
 * sets the flag, then calls {@link #interruptAll()}. Joining is a compare-and-set (or a
 * concurrent set's insertion) and the flag is volatile, so at least one of the two sees the
 * other.
 */
final class RunningThreads {

    /** Slots in the table: 1 KB of references. */
    private static final int SLOTS = 256;
    /** Slots of one cache line (16 compressed references); the table holds {@code SLOTS / LINE} lines. */
    private static final int LINE = 16;
    /** Slots a thread tries, from its home on, before it joins the overflow set. */
    private static final int PROBES = 8;
    /** What {@link #join} returns for a thread that is in the overflow set. */
    private static final int OVERFLOW = -1;

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Thread[].class);

    private final Thread[] slots = new Thread[SLOTS];
    private final Set<Thread> overflow = ConcurrentHashMap.newKeySet();

    /**
     * Adds {@code thread} until it {@link #leave leaves}.
     *
     * @return where it was put, for {@link #leave}
     */
    int join(Thread thread) {
        int home = home(thread);
        for (int probe = 0; probe < PROBES; probe++) {
            // Probes stay on the home line: its neighbours belong to other threads' homes.
            int slot = (home & -LINE) | ((home + probe) & (LINE - 1));
            if (SLOT.compareAndSet(slots, slot, null, thread)) {
                return slot;
            }
        }
        overflow.add(thread);
        return OVERFLOW;
    }

    /** Removes {@code thread}, which {@link #join} put at {@code ticket}. */
    void leave(Thread thread, int ticket) {
        if (ticket == OVERFLOW) {
            overflow.remove(thread);
        } else {
            SLOT.setRelease(slots, ticket, null);
        }
    }

    /** Interrupts every thread that is here now. */
    void interruptAll() {
        for (int slot = 0; slot < SLOTS; slot++) {
            Thread thread = (Thread) SLOT.getVolatile(slots, slot);
            if (thread != null) {
                thread.interrupt();
            }
        }
        for (Thread thread : overflow) {
            thread.interrupt();
        }
    }

    /** How many threads are here now; a moment's answer under concurrency. */
    int size() {
        int size = overflow.size();
        for (int slot = 0; slot < SLOTS; slot++) {
            if (SLOT.getVolatile(slots, slot) != null) {
                size++;
            }
        }
        return size;
    }

    /**
     * The slot a thread tries first: the id's low bits pick the line, the next bits the slot in
     * it, so that consecutive ids are a line apart.
     */
    @SuppressWarnings("deprecation") // Thread.getId(): threadId() is Java 19+, and this is the same number.
    private static int home(Thread thread) {
        long id = thread.getId();
        int lines = SLOTS / LINE;
        int line = (int) (id & (lines - 1));
        int inLine = (int) ((id / lines) & (LINE - 1));
        return line * LINE + inLine;
    }
}
