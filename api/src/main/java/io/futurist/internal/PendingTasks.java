package io.futurist.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Predicate;

/**
 * The tasks an executor has accepted and not yet started, each with the time it was accepted.
 *
 * <p>Why it exists: the JDK's executors keep no per-task bookkeeping we could read, and
 * wrapping tasks changes what applications see ({@code remove}, {@code getQueue},
 * {@code shutdownNow}'s list). So the accepted-at time lives here, keyed by the task's
 * identity, and the entry doubles as a <em>token</em>: whoever removes it — the worker that
 * starts the task, {@code remove}, {@code shutdownNow}, the rejection path, the sweep at
 * termination — is the one that accounts for the task, exactly once. That is what makes
 * {@code submitted == executed + cancelled} hold.
 *
 * <p>Design: open addressing by identity hash in a chain of levels, each twice the size of the
 * one before and created only when the previous one is crowded. A key slot goes
 * {@code null → RESERVED → task → null}: the writer reserves a slot by compare-and-set, writes
 * the time, then publishes the task with a volatile write, so a reader that sees the task
 * sees its time. A taker reads the time and then clears the slot by compare-and-set; only the
 * winner of that race returns the time. Look-ups scan a small window of every level and never
 * stop at an empty slot, so removal needs no tombstones. Nothing allocates once the levels
 * exist; nothing blocks.
 *
 * <p>Memory: entries hold tasks strongly, but only while they are queued, when the executor's
 * queue holds them too. A task dropped from the queue behind the executor's back (for example
 * with {@code getQueue().clear()}) stays here until the executor terminates.
 */
public final class PendingTasks {

    /** What {@link #take(Object)} returns for a task that is not here. */
    public static final long MISSING = Long.MIN_VALUE;

    private static final Object RESERVED = new Object();
    private static final int FIRST_LEVEL_SIZE = 64;
    private static final int LEVELS = 16;
    private static final int WINDOW = 8;

    private final AtomicReferenceArray<Level> levels = new AtomicReferenceArray<>(LEVELS);
    /**
     * Where a task goes when its windows are full in every level: in practice only the same
     * task object queued more than {@code WINDOW * LEVELS} times at once, whose copies all hash
     * alike. Scanned only while it is not empty.
     */
    private final ConcurrentLinkedQueue<Overflow> overflow = new ConcurrentLinkedQueue<>();
    private final AtomicInteger overflowSize = new AtomicInteger();

    /**
     * Remembers that {@code task} was accepted at {@code nanoTime}.
     *
     * @return true: there is always room (a crowded table spills into a slower overflow list)
     */
    public boolean put(Object task, long nanoTime) {
        return put(task, nanoTime, null);
    }

    /**
     * Remembers that {@code task} was accepted at {@code nanoTime} by {@code owner}, for a table
     * shared by several executors (tasks of a {@code ForkJoinPool} may run in any thread, so
     * the run cannot tell which pool it belongs to).
     *
     * @return true: there is always room
     */
    public boolean put(Object task, long nanoTime, Object owner) {
        int hash = spread(System.identityHashCode(task));
        for (int l = 0; l < LEVELS; l++) {
            Level level = level(l);
            int mask = level.keys.length() - 1;
            boolean queuedAlready = false;
            for (int probe = 0; probe < WINDOW; probe++) {
                int slot = (hash + probe) & mask;
                Object key = level.keys.get(slot);
                if (key == null && level.keys.compareAndSet(slot, null, RESERVED)) {
                    level.times[slot] = nanoTime;
                    level.owners[slot] = owner;
                    level.keys.set(slot, task);
                    return true;
                }
                queuedAlready |= key == task;
            }
            if (queuedAlready) {
                // The same task queued many times: its copies all hash alike, so more levels
                // would not help, only cost memory. They wait in the overflow list instead.
                break;
            }
        }
        overflow.add(new Overflow(task, nanoTime, owner));
        overflowSize.incrementAndGet();
        return true;
    }

    /**
     * Removes {@code task} and returns when it was accepted, or {@link #MISSING} when it is not
     * here (never accepted while tracked, or already taken by someone else).
     */
    public long take(Object task) {
        int hash = spread(System.identityHashCode(task));
        for (int l = 0; l < LEVELS; l++) {
            Level level = levels.get(l);
            if (level == null) {
                break;
            }
            int mask = level.keys.length() - 1;
            for (int probe = 0; probe < WINDOW; probe++) {
                int slot = (hash + probe) & mask;
                if (level.keys.get(slot) == task) {
                    long time = level.times[slot];
                    if (level.keys.compareAndSet(slot, task, null)) {
                        return time;
                    }
                    // Lost the race for this entry; the same task may be queued twice, look on.
                }
            }
        }
        if (overflowSize.get() > 0) {
            for (Overflow entry : overflow) {
                if (entry.task == task && entry.claim()) {
                    overflow.remove(entry);
                    overflowSize.decrementAndGet();
                    return entry.time;
                }
            }
        }
        return MISSING;
    }

    /**
     * The owner {@code task} was {@link #put(Object, long, Object) put} with, without removing
     * it; {@code null} when the task is not here.
     */
    public Object ownerOf(Object task) {
        int hash = spread(System.identityHashCode(task));
        for (int l = 0; l < LEVELS; l++) {
            Level level = levels.get(l);
            if (level == null) {
                break;
            }
            int mask = level.keys.length() - 1;
            for (int probe = 0; probe < WINDOW; probe++) {
                int slot = (hash + probe) & mask;
                if (level.keys.get(slot) == task) {
                    Object owner = level.owners[slot];
                    // Re-check: the slot may have been taken and reused while we read.
                    if (level.keys.get(slot) == task) {
                        return owner;
                    }
                }
            }
        }
        if (overflowSize.get() > 0) {
            for (Overflow entry : overflow) {
                if (entry.task == task && !entry.claimed.get()) {
                    return entry.owner;
                }
            }
        }
        return null;
    }

    /**
     * Removes every task of {@code owner} (any owner when {@code null}) that {@code which}
     * selects.
     *
     * @return how many tasks were removed by this call
     */
    public int takeAll(Object owner, Predicate<Object> which) {
        int taken = 0;
        for (int l = 0; l < LEVELS; l++) {
            Level level = levels.get(l);
            if (level == null) {
                break;
            }
            for (int slot = 0; slot < level.keys.length(); slot++) {
                Object key = level.keys.get(slot);
                if (key != null && key != RESERVED && (owner == null || level.owners[slot] == owner)
                        && which.test(key) && level.keys.compareAndSet(slot, key, null)) {
                    taken++;
                }
            }
        }
        if (overflowSize.get() > 0) {
            for (Overflow entry : overflow) {
                if ((owner == null || entry.owner == owner) && which.test(entry.task) && entry.claim()) {
                    overflow.remove(entry);
                    overflowSize.decrementAndGet();
                    taken++;
                }
            }
        }
        return taken;
    }

    /**
     * Removes every task that {@code which} selects, counting each one this call won.
     *
     * @return how many tasks were removed by this call
     */
    public int takeAll(Predicate<Object> which) {
        return takeAll(null, which);
    }

    /** How many tasks are here now; a moment's answer under concurrency. */
    public int size() {
        int size = 0;
        for (int l = 0; l < LEVELS; l++) {
            Level level = levels.get(l);
            if (level == null) {
                break;
            }
            for (int slot = 0; slot < level.keys.length(); slot++) {
                Object key = level.keys.get(slot);
                if (key != null && key != RESERVED) {
                    size++;
                }
            }
        }
        return size + overflowSize.get();
    }

    private Level level(int index) {
        Level level = levels.get(index);
        if (level == null) {
            levels.compareAndSet(index, null, new Level(FIRST_LEVEL_SIZE << index));
            level = levels.get(index);
        }
        return level;
    }

    private static int spread(int hash) {
        // Identity hashes are well mixed already; fold the high bits in for small tables.
        return hash ^ (hash >>> 16);
    }

    /** A task that found no slot; claimed once, by compare-and-set, like a slot. */
    private static final class Overflow {
        final Object task;
        final long time;
        final Object owner;
        final AtomicBoolean claimed = new AtomicBoolean();

        Overflow(Object task, long time, Object owner) {
            this.task = task;
            this.time = time;
            this.owner = owner;
        }

        boolean claim() {
            return claimed.compareAndSet(false, true);
        }
    }

    /** One open-addressing table. */
    private static final class Level {
        final AtomicReferenceArray<Object> keys;
        final long[] times;
        final Object[] owners;

        Level(int size) {
            keys = new AtomicReferenceArray<>(size);
            times = new long[size];
            owners = new Object[size];
        }
    }
}
