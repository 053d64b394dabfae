package io.futurist.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.SynchronousQueue;
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
 * one before and created only when every existing level is crowded where the task hashes.
 * Each slot holds an {@link Entry} (key, time and owner together: one cache line per entry,
 * where three parallel arrays cost three), created when the slot is first used and reused
 * afterwards. An entry's key goes {@code null → RESERVED → task → null}: the writer reserves
 * it by compare-and-set, writes the time and owner, then publishes the task with a release
 * store, and readers read the key with an acquire load, so a reader that sees the task sees
 * its time. A taker reads the time and then clears the key by compare-and-set; only the winner
 * of that race gets the time. Look-ups scan a small window of every level and never stop at
 * an empty slot, so removal needs no tombstones.
 *
 * <p>Levels are visited newest (largest) first, by puts and look-ups alike. A table that
 * once grew for a deep queue then puts its tasks into its largest, least crowded level at the
 * first or second probe, and finds them there, instead of first probing full windows of every
 * smaller level. Older levels drain as their tasks start. Nothing allocates once every slot in
 * use has its entry; nothing blocks.
 *
 * <p><b>The acceptance ring.</b> An identity hash costs a call into the VM the first time an
 * object is hashed (about 70 ns, more than a no-op task), and every task is fresh. For an
 * executor whose queue hands tasks out in the order they came ({@link #forQueue}), tasks go
 * first into a ring in acceptance order, with no hash at all: a put takes the first free
 * position from the tail, a take compares references in a short window around the position
 * where the last take succeeded, because the task a worker starts is nearly always the oldest one
 * still queued. Several workers, several submitters, {@code remove} and a worker handed its
 * first task directly all disorder this a little; the window absorbs the usual cases, and a
 * take that misses it looks at the newest positions, then the hash levels, then the whole
 * ring, so a task is always found where it is. A put whose slot is still taken (a queue deeper
 * than the ring, or a task dropped from the queue behind the executor's back) goes to the hash
 * levels instead. Tasks put with an owner never go to the ring, and {@link #locate} and
 * {@link #ownerOf} see only those: they are for the table {@code ForkJoinPool}s share.
 *
 * <p>Memory: entries hold tasks strongly, but only while they are queued, when the executor's
 * queue holds them too. A task dropped from the queue behind the executor's back (for example
 * with {@code getQueue().clear()}) stays here until the executor terminates.
 */
public final class PendingTasks {

    /** What {@link #take(Object)} returns for a task that is not here. */
    public static final long MISSING = Long.MIN_VALUE;

    private static final Object RESERVED = new Object();
    /** What {@code claimSlot} returns when it put the task; never a key. */
    private static final Object PLACED = new Object();
    private static final int FIRST_LEVEL_SIZE = 64;
    private static final int LEVELS = 16;
    private static final int WINDOW = 8;
    /** The largest acceptance ring: deeper queues spill into the hash levels. */
    static final int MAX_RING = 1024;
    /** Positions searched before and after the ring's cursor on a take. */
    private static final int RING_BEHIND = 2;
    private static final int RING_AHEAD = 14;
    /** Positions a put tries from the tail before it gives the task to the hash levels. */
    private static final int RING_PROBES = 4;

    private static final VarHandle KEY;
    private static final VarHandle DEPTH;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Entry[].class);
    private static final VarHandle RING = MethodHandles.arrayElementVarHandle(Object[].class);
    private static final VarHandle INDEX = MethodHandles.arrayElementVarHandle(long[].class);
    /**
     * Where the ring's tail and cursor live in {@code ringIndexes}: 128 bytes apart and away from
     * the array's ends, so the submitters that move the tail and the workers that move the
     * cursor do not write the same cache line, nor one that holds anything else.
     */
    private static final int TAIL = 7;
    private static final int CURSOR = 23;
    /**
     * How far behind the last found position the cursor may lag before a taker moves it: fewer
     * writes to a line all workers read, still inside the search window.
     */
    private static final int CURSOR_SLACK = 6;

    static {
        try {
            KEY = MethodHandles.lookup().findVarHandle(Entry.class, "key", Object.class);
            DEPTH = MethodHandles.lookup().findVarHandle(PendingTasks.class, "depth", int.class);
        } catch (ReflectiveOperationException impossible) {
            throw new ExceptionInInitializerError(impossible);
        }
    }

    private final AtomicReferenceArray<Entry[]> levels = new AtomicReferenceArray<>(LEVELS);
    /** How many levels exist: levels {@code 0 .. depth - 1}, created in order, never removed. */
    private volatile int depth;
    /**
     * Where a task goes when its windows are full in every level: in practice only the same
     * task object queued more than {@code WINDOW * LEVELS} times at once, whose copies all hash
     * alike. Scanned only while it is not empty.
     */
    private final ConcurrentLinkedQueue<Entry> overflow = new ConcurrentLinkedQueue<>();
    private final AtomicInteger overflowSize = new AtomicInteger();

    /** The acceptance ring's tasks ({@code null} when free, {@code RESERVED} while written); {@code null} without a ring. */
    private final Object[] ringKeys;
    /** When each ring slot's task was accepted. */
    private final long[] ringTimes;
    private final int ringMask;
    /**
     * At {@link #TAIL}, the next ring position a put tries (a hint that only grows, but for
     * racing submitters; a position's slot is {@code position & ringMask}). At {@link #CURSOR}, a hint of where the queue's head
     * is: just after a position where a take found its task, read and written opaquely.
     */
    private final long[] ringIndexes;

    /** A table without an acceptance ring, for any executor. */
    public PendingTasks() {
        this(0);
    }

    private PendingTasks(int ringSize) {
        ringKeys = ringSize == 0 ? null : new Object[ringSize];
        ringTimes = ringSize == 0 ? null : new long[ringSize];
        ringMask = ringSize - 1;
        ringIndexes = ringSize == 0 ? null : new long[CURSOR + 8];
    }

    /**
     * A table for an executor that queues its tasks in {@code queue}: with an acceptance ring
     * when the queue is one of the JDK's first-in-first-out queues (its exact class, since a
     * subclass may order differently), sized to how many tasks it can hold up to
     * {@link #MAX_RING}; without one otherwise. Reads only the queue's class and, for an
     * {@link ArrayBlockingQueue}, its capacity.
     */
    public static PendingTasks forQueue(Object queue) {
        Class<?> type = queue == null ? null : queue.getClass();
        if (type == LinkedBlockingQueue.class || type == LinkedBlockingDeque.class
                || type == LinkedTransferQueue.class) {
            return new PendingTasks(MAX_RING);
        }
        if (type == ArrayBlockingQueue.class) {
            ArrayBlockingQueue<?> bounded = (ArrayBlockingQueue<?>) queue;
            // Room for a full queue plus tasks handed straight to new workers.
            return new PendingTasks(ringSize(bounded.remainingCapacity() + bounded.size() + 64));
        }
        if (type == SynchronousQueue.class) {
            return new PendingTasks(64); // nothing waits in it: only tasks being handed over
        }
        return new PendingTasks();
    }

    /** The power of two at least {@code wanted}, within 64 and {@link #MAX_RING}. */
    static int ringSize(int wanted) {
        int size = 64;
        while (size < wanted && size < MAX_RING) {
            size <<= 1;
        }
        return size;
    }

    /** Whether this table has an acceptance ring. */
    boolean hasRing() {
        return ringKeys != null;
    }

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
        if (ringKeys != null && owner == null && putInRing(task, nanoTime)) {
            return true;
        }
        int hash = spread(System.identityHashCode(task));
        boolean queuedAlready = false;
        int known = depth;
        for (int l = known - 1; l >= 0; l--) {
            Entry[] level = levels.get(l);
            int mask = level.length - 1;
            for (int probe = 0; probe < WINDOW; probe++) {
                int slot = (hash + probe) & mask;
                Object key = claimSlot(level, slot, task, nanoTime, owner);
                if (key == PLACED) {
                    return true;
                }
                queuedAlready |= key == task;
            }
        }
        // Every window is full. The same task queued many times hashes alike everywhere, so more
        // levels would not help it, only cost memory: its copies wait in the overflow list.
        for (int l = known; l < LEVELS && !queuedAlready; l++) {
            Entry[] level = level(l);
            int mask = level.length - 1;
            for (int probe = 0; probe < WINDOW; probe++) {
                if (claimSlot(level, (hash + probe) & mask, task, nanoTime, owner) == PLACED) {
                    return true;
                }
            }
        }
        Entry spilled = new Entry(task, nanoTime, owner);
        spilled.overflowOf = this;
        overflow.add(spilled);
        overflowSize.incrementAndGet();
        return true;
    }

    /**
     * Puts the task at the ring's next free position, looking at most {@link #RING_PROBES}
     * positions from the tail; no hash is taken.
     *
     * <p>The slot's compare-and-set is what makes a position a submitter's own, so the tail is
     * only a hint, moved with a plain store: a second locked instruction per task (an atomic
     * increment) would cost every submission to settle what two racing submitters settle between
     * them in one more probe.
     */
    private boolean putInRing(Object task, long nanoTime) {
        long position = (long) INDEX.getOpaque(ringIndexes, TAIL);
        for (long end = position + RING_PROBES; position < end; position++) {
            int slot = (int) position & ringMask;
            // No read first: the slot's line was last written by a worker's claim, and a read
            // would fetch it shared only to ask for it exclusively again.
            if (RING.compareAndSet(ringKeys, slot, null, RESERVED)) {
                INDEX.setOpaque(ringIndexes, TAIL, position + 1);
                ringTimes[slot] = nanoTime;
                RING.setRelease(ringKeys, slot, task);
                return true;
            }
        }
        return false; // taken by other submitters or held from an earlier lap: the hash levels take it
    }

    /**
     * Puts the task into {@code slot} if that is free.
     *
     * @return {@link #PLACED} when the task is now there, else the key found in the slot
     */
    private static Object claimSlot(Entry[] level, int slot, Object task, long nanoTime, Object owner) {
        Entry entry = (Entry) SLOT.getAcquire(level, slot);
        if (entry == null) {
            // First use of this slot: the entry is born holding the task; the array CAS publishes it.
            if (SLOT.compareAndSet(level, slot, null, new Entry(task, nanoTime, owner))) {
                return PLACED;
            }
            entry = (Entry) SLOT.getAcquire(level, slot);
        }
        Object key = KEY.getAcquire(entry);
        if (key == null && KEY.compareAndSet(entry, null, RESERVED)) {
            entry.time = nanoTime;
            entry.owner = owner;
            KEY.setRelease(entry, task);
            return PLACED;
        }
        return key;
    }

    /**
     * Removes {@code task} and returns when it was accepted, or {@link #MISSING} when it is not
     * here (never accepted while tracked, or already taken by someone else).
     */
    public long take(Object task) {
        if (ringKeys != null && task != null) {
            long time = takeFromRing(task, (long) INDEX.getOpaque(ringIndexes, CURSOR) - RING_BEHIND, RING_BEHIND + RING_AHEAD, true);
            if (time == MISSING) {
                // A worker handed its task directly, or a refused task: the newest positions. Not
                // where the queue's head is, so the cursor stays.
                time = takeFromRing(task, (long) INDEX.getOpaque(ringIndexes, TAIL) - RING_AHEAD, RING_AHEAD, false);
            }
            if (time == MISSING) {
                time = takeHashed(task);
            }
            if (time == MISSING) {
                // Everywhere: a task removed from deep in the queue, or never accepted here. The
                // last lap's positions cover every slot once, each at its newest possible position,
                // so the cursor lands where the queue's head is even after it lost track.
                time = takeFromRing(task, (long) INDEX.getOpaque(ringIndexes, TAIL) - ringKeys.length, ringKeys.length, true);
            }
            return time;
        }
        return takeHashed(task);
    }

    /**
     * Takes {@code task} from the ring positions {@code from .. from + count - 1}, and with
     * {@code follow} moves the cursor just past the position where it was found.
     */
    private long takeFromRing(Object task, long from, int count, boolean follow) {
        for (long position = from, end = from + count; position < end; position++) {
            int slot = (int) position & ringMask;
            if (RING.getAcquire(ringKeys, slot) == task) {
                long time = ringTimes[slot];
                if (RING.compareAndSet(ringKeys, slot, task, null)) {
                    if (follow) {
                        // A hint: racing takers may set it a little back or forth, which the
                        // window absorbs, and a wrong one costs one search of the whole ring.
                        long lag = position + 1 - (long) INDEX.getOpaque(ringIndexes, CURSOR);
                        if (lag < 0 || lag > CURSOR_SLACK) {
                            INDEX.setOpaque(ringIndexes, CURSOR, position + 1);
                        }
                    }
                    return time;
                }
            }
        }
        return MISSING;
    }

    /** {@link #take} from the hash levels and the overflow list. */
    private long takeHashed(Object task) {
        if (depth == 0 && overflowSize.get() == 0) {
            return MISSING; // nothing was ever put there: no identity hash needed
        }
        // A lost race does not end the search: the same task may be queued twice. A claim fails
        // only when the entry no longer holds the task, so searching again makes progress.
        for (Entry entry = locate(task); entry != null; entry = locate(task)) {
            long time = entry.claim(task);
            if (time != MISSING) {
                return time;
            }
        }
        return MISSING;
    }

    /**
     * Where {@code task} is, without removing it: read {@link Entry#owner()}, then
     * {@link Entry#claim(Object) claim} it. One search where {@link #ownerOf(Object)} followed
     * by {@link #take(Object)} makes two.
     *
     * @return the task's entry, or {@code null} when it is not here
     */
    public Entry locate(Object task) {
        int hash = spread(System.identityHashCode(task));
        for (int l = depth - 1; l >= 0; l--) {
            Entry[] level = levels.get(l);
            int mask = level.length - 1;
            for (int probe = 0; probe < WINDOW; probe++) {
                Entry entry = (Entry) SLOT.getAcquire(level, (hash + probe) & mask);
                if (entry != null && KEY.getAcquire(entry) == task) {
                    return entry;
                }
            }
        }
        if (overflowSize.get() > 0) {
            for (Entry entry : overflow) {
                if (KEY.getAcquire(entry) == task) {
                    return entry;
                }
            }
        }
        return null;
    }

    /**
     * The owner {@code task} was {@link #put(Object, long, Object) put} with, without removing
     * it; {@code null} when the task is not here.
     */
    public Object ownerOf(Object task) {
        for (Entry entry = locate(task); entry != null; entry = locate(task)) {
            Object owner = entry.owner;
            // Re-check: the entry may have been taken and reused while we read.
            if (KEY.getAcquire(entry) == task) {
                return owner;
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
        if (ringKeys != null && owner == null) {
            for (int slot = 0; slot < ringKeys.length; slot++) {
                Object key = RING.getAcquire(ringKeys, slot);
                if (key != null && key != RESERVED && which.test(key)
                        && RING.compareAndSet(ringKeys, slot, key, null)) {
                    taken++;
                }
            }
        }
        for (int l = depth - 1; l >= 0; l--) {
            Entry[] level = levels.get(l);
            for (int slot = 0; slot < level.length; slot++) {
                Entry entry = (Entry) SLOT.getAcquire(level, slot);
                Object key = entry == null ? null : KEY.getAcquire(entry);
                if (key != null && key != RESERVED && (owner == null || entry.owner == owner)
                        && which.test(key) && KEY.compareAndSet(entry, key, null)) {
                    taken++;
                }
            }
        }
        if (overflowSize.get() > 0) {
            for (Entry entry : overflow) {
                Object key = KEY.getAcquire(entry);
                if (key != null && (owner == null || entry.owner == owner) && which.test(key)
                        && entry.claim(key) != MISSING) {
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
        if (ringKeys != null) {
            for (int slot = 0; slot < ringKeys.length; slot++) {
                Object key = RING.getAcquire(ringKeys, slot);
                if (key != null && key != RESERVED) {
                    size++;
                }
            }
        }
        for (int l = depth - 1; l >= 0; l--) {
            Entry[] level = levels.get(l);
            for (int slot = 0; slot < level.length; slot++) {
                Entry entry = (Entry) SLOT.getAcquire(level, slot);
                Object key = entry == null ? null : KEY.getAcquire(entry);
                if (key != null && key != RESERVED) {
                    size++;
                }
            }
        }
        return size + overflowSize.get();
    }

    /** Level {@code index}, created if need be; {@link #depth} covers it when this returns. */
    private Entry[] level(int index) {
        Entry[] level = levels.get(index);
        if (level == null) {
            levels.compareAndSet(index, null, new Entry[FIRST_LEVEL_SIZE << index]);
            level = levels.get(index);
        }
        // Raised before any task is put there, so a look-up that follows the put sees the level.
        int known;
        while ((known = depth) <= index) {
            if (DEPTH.compareAndSet(this, known, index + 1)) {
                break;
            }
        }
        return level;
    }

    private static int spread(int hash) {
        // Identity hashes are well mixed already; fold the high bits in for small tables.
        return hash ^ (hash >>> 16);
    }

    /**
     * One accepted task's place in the table, as {@link #locate(Object)} found it. Entries are
     * reused by later tasks, so what {@link #owner()} says is the located task's owner only if
     * {@link #claim(Object)} then succeeds.
     */
    public static final class Entry {
        /** The task, {@code null} when free, {@code RESERVED} while being written; see {@link #KEY}. */
        @SuppressWarnings("unused") // accessed through KEY
        private volatile Object key;
        private long time;
        private Object owner;
        /** The table whose overflow list holds this entry; {@code null} for a slot's entry. */
        private PendingTasks overflowOf;

        Entry(Object task, long time, Object owner) {
            this.time = time;
            this.owner = owner;
            KEY.set(this, task); // ordered before the publishing compare-and-set
        }

        /** The owner the task was put with; read it before {@link #claim(Object)}. */
        public Object owner() {
            return owner;
        }

        /**
         * Removes {@code task} if this entry still holds it.
         *
         * @return when the task was accepted, or {@link #MISSING} when someone else took it first
         */
        public long claim(Object task) {
            long time = this.time;
            if (task == null || !KEY.compareAndSet(this, task, null)) {
                return MISSING;
            }
            PendingTasks table = overflowOf;
            if (table != null) {
                table.overflow.remove(this);
                table.overflowSize.decrementAndGet();
            }
            return time;
        }
    }
}
