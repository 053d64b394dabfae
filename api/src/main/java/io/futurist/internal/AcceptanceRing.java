package io.futurist.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Predicate;

/**
 * Accepted tasks with their acceptance times, in acceptance order, found again by reference
 * without an identity hash: the front of {@link PendingTasks} for executors whose queue hands
 * tasks out in the order they came. See {@link PendingTasks} for the protocol around it; this
 * class only keeps slots.
 *
 * <p>A put claims the first free slot from the tail with one compare-and-set; the tail is only
 * a hint, moved with a plain store, because racing submitters settle between them in one more
 * probe. A take compares references in a window around a cursor that follows the queue's head
 * ({@link #takeNear}), or in every slot ({@link #takeAnywhere}). A slot's key goes
 * {@code null → RESERVED → task → TAKING → null}: the putter reserves it, writes the time,
 * publishes the task with a release store; a taker marks the key {@code TAKING} by
 * compare-and-set (only the winner goes on), reads the time, tells the table
 * ({@link PendingTasks#taken}, for searches of the same task under way) and frees the slot.
 * A search that meets a lost compare-and-set or a {@code TAKING} key says so in its
 * {@link PendingTasks.Search}: see {@link PendingTasks#take} for why.
 */
final class AcceptanceRing {

    /** What a take returns for a task that is not here. */
    static final long MISSING = PendingTasks.MISSING;

    private static final Object RESERVED = new Object();
    private static final Object TAKING = PendingTasks.TAKING;
    /** Positions searched before and after the cursor by {@link #takeNear}. */
    private static final int BEHIND = 2;
    private static final int AHEAD = 14;
    /** Positions a put tries from the tail before it gives up. */
    private static final int PROBES = 4;
    /**
     * Where the tail and the cursor live in {@link #indexes}: 128 bytes apart and away from the
     * array's ends, so the submitters that move the tail and the workers that move the cursor
     * do not write the same cache line, nor one that holds anything else.
     */
    private static final int TAIL = 7;
    private static final int CURSOR = 23;
    /**
     * How far behind the last found position the cursor may lag before a taker moves it: fewer
     * writes to a line all workers read, still inside the search window.
     */
    private static final int CURSOR_SLACK = 6;

    private static final VarHandle KEYS = MethodHandles.arrayElementVarHandle(Object[].class);
    private static final VarHandle INDEX = MethodHandles.arrayElementVarHandle(long[].class);

    /** The table this ring is part of, told of every take. */
    private final PendingTasks table;
    /** The tasks ({@code null} when free, {@code RESERVED} while written, {@code TAKING} while taken). */
    private final Object[] keys;
    /** When each slot's task was accepted. */
    private final long[] times;
    private final int mask;
    /**
     * At {@link #TAIL}, the next position a put tries (a hint that only grows, but for racing
     * submitters; a position's slot is {@code position & mask}). At {@link #CURSOR}, a hint of
     * where the queue's head is: just after a position where a take found its task.
     */
    private final long[] indexes = new long[CURSOR + 8];

    /** A ring of {@code capacity} slots, a power of two, part of {@code table}. */
    AcceptanceRing(PendingTasks table, int capacity) {
        this.table = table;
        keys = new Object[capacity];
        times = new long[capacity];
        mask = capacity - 1;
    }

    int capacity() {
        return keys.length;
    }

    /** Puts {@code task}, accepted at {@code nanoTime}; false when the slots near the tail are all taken. */
    boolean put(Object task, long nanoTime) {
        long position = (long) INDEX.getOpaque(indexes, TAIL);
        for (long end = position + PROBES; position < end; position++) {
            int slot = (int) position & mask;
            // No read first: the slot's line was last written by a worker's claim, and a read
            // would fetch it shared only to ask for it exclusively again.
            if (KEYS.compareAndSet(keys, slot, null, RESERVED)) {
                INDEX.setOpaque(indexes, TAIL, position + 1);
                times[slot] = nanoTime;
                KEYS.setRelease(keys, slot, task);
                return true;
            }
        }
        return false;
    }

    /**
     * Takes {@code task} where it nearly always is: around the cursor, then among the newest
     * positions (a worker handed its task directly, a refused task; the cursor stays then).
     */
    long takeNear(Object task) {
        long time = take(task, (long) INDEX.getOpaque(indexes, CURSOR) - BEHIND, BEHIND + AHEAD, true, null);
        return time != MISSING ? time : take(task, (long) INDEX.getOpaque(indexes, TAIL) - AHEAD, AHEAD, false, null);
    }

    /**
     * Takes {@code task} from any slot: a task removed from deep in the queue, or never accepted
     * here. The last lap's positions cover every slot once, each at its newest possible
     * position, so the cursor lands where the queue's head is even after it lost track.
     * What it met on the way that another taker did goes into {@code search}.
     */
    long takeAnywhere(Object task, PendingTasks.Search search) {
        return take(task, (long) INDEX.getOpaque(indexes, TAIL) - keys.length, keys.length, true, search);
    }

    /**
     * Takes {@code task} from the positions {@code from .. from + count - 1}, and with
     * {@code follow} moves the cursor just past the position where it was found. With a
     * {@code search}, notes there a slot caught being taken (see {@link PendingTasks#take}).
     */
    private long take(Object task, long from, int count, boolean follow, PendingTasks.Search search) {
        for (long position = from, end = from + count; position < end; position++) {
            int slot = (int) position & mask;
            Object key = KEYS.getVolatile(keys, slot);
            if (key == task) {
                if (KEYS.compareAndSet(keys, slot, task, TAKING)) {
                    long time = times[slot];
                    table.taken(task);
                    KEYS.setRelease(keys, slot, null);
                    if (follow) {
                        // A hint: racing takers may set it a little back or forth, which the
                        // window absorbs, and a wrong one costs one search of the whole ring.
                        long lag = position + 1 - (long) INDEX.getOpaque(indexes, CURSOR);
                        if (lag < 0 || lag > CURSOR_SLACK) {
                            INDEX.setOpaque(indexes, CURSOR, position + 1);
                        }
                    }
                    return time;
                }
                PendingTasks.contended(search);
            } else if (key == TAKING) {
                PendingTasks.contended(search);
            }
        }
        return MISSING;
    }

    /** Whether {@code task} is in a slot now (a look at every slot, for a rare path). */
    boolean holds(Object task) {
        for (int slot = 0; slot < keys.length; slot++) {
            if (KEYS.getAcquire(keys, slot) == task) {
                return true;
            }
        }
        return false;
    }

    /** Removes every task that {@code which} selects; returns how many this call removed. */
    int takeAll(Predicate<Object> which) {
        int taken = 0;
        for (int slot = 0; slot < keys.length; slot++) {
            Object key = KEYS.getAcquire(keys, slot);
            if (key != null && key != RESERVED && key != TAKING && which.test(key)
                    && KEYS.compareAndSet(keys, slot, key, TAKING)) {
                table.taken(key);
                KEYS.setRelease(keys, slot, null);
                taken++;
            }
        }
        return taken;
    }

    /** How many tasks are here now; a moment's answer under concurrency. */
    int size() {
        int size = 0;
        for (int slot = 0; slot < keys.length; slot++) {
            Object key = KEYS.getAcquire(keys, slot);
            if (key != null && key != RESERVED && key != TAKING) {
                size++;
            }
        }
        return size;
    }
}
