package io.futurist.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
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
 * Each slot holds an {@link Entry} (key and time together: one cache line per entry, where
 * parallel arrays cost two), created when the slot is first used and reused
 * afterwards. An entry's key goes {@code null → RESERVED → task → null}: the writer reserves
 * it by compare-and-set, writes the time, then publishes the task with a release
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
 * ring, so a task is always found where it is. The ring starts small ({@value #FIRST_RING}
 * slots, under 1 KB) and grows when a queue gets deeper, up to {@value #MAX_RING} slots (12 KB);
 * the rings it outgrew are still searched for the tasks they hold. A put that finds no free
 * slot in the largest ring (a deeper queue, or tasks dropped from the queue behind the
 * executor's back) goes to the hash levels instead. The ring itself is {@link AcceptanceRing}.
 *
 * <p><b>The same task queued several times.</b> One search is not a snapshot: while it looks,
 * other takers take entries and submitters put new ones. For distinct tasks that is harmless,
 * since nobody else takes the entry a taker looks for. But a worker that dequeued one copy of a
 * task queued many times (the same {@code Runnable} submitted again and again) may see another
 * worker take the very entry it was about to reach, while the entry put for that other
 * worker's copy lands where the search has already been; the search then misses a task that was
 * there all along, its run goes uncounted and a stray entry is swept up as cancelled at the
 * end. So a take that misses the first look registers a {@link Search} and searches again, over
 * every place a task can be, until one search meets no sign of another taker of the same task:
 * a taker marks an entry {@code TAKING} before it clears it and, in between, tells the searches
 * of that task under way ({@link #taken}); a search that meets a {@code TAKING} entry, loses a
 * compare-and-set or is told, searches again. A clean search that misses is exact: an entry
 * that was there when it began was still there when it looked. Each repeat needs another take
 * of the same task, so searches end; a task that is simply not here costs one search more.
 *
 * <p>Memory: entries hold tasks strongly, but only while they are queued, when the executor's
 * queue holds them too. A task dropped from the queue behind the executor's back (for example
 * with {@code getQueue().clear()}) stays here until the executor terminates.
 */
public final class PendingTasks {

    /** What {@link #take(Object)} returns for a task that is not here. */
    public static final long MISSING = Long.MIN_VALUE;

    /**
     * What {@link #take(Object)} returns for a task accepted without its time: an untimed task
     * {@linkplain #putMarked marked} in itself, or one {@linkplain #put put} with this time.
     */
    public static final long UNTIMED = Long.MIN_VALUE + 1;

    private static final Object RESERVED = new Object();
    /** The key of an entry, in the ring or the levels, while its taker reads it and tells the searches. */
    static final Object TAKING = new Object();
    /** What {@code claimSlot} returns when it put the task; never a key. */
    private static final Object PLACED = new Object();
    private static final int FIRST_LEVEL_SIZE = 64;
    private static final int LEVELS = 16;
    private static final int WINDOW = 8;
    /** The largest acceptance ring: deeper queues spill into the hash levels. */
    static final int MAX_RING = 1024;
    /** An acceptance ring's first size: most pools never have more tasks waiting. */
    static final int FIRST_RING = 64;
    /** How much larger a ring grows when a queue outgrows it. */
    private static final int RING_GROWTH = 4;
    private static final AcceptanceRing[] NO_RINGS = new AcceptanceRing[0];

    /**
     * What an executor without a queue of its own passes to {@link #forQueue} when its tasks
     * start in about the order they were accepted: a thread-per-task executor, whose threads
     * are started at submission and wait for a processor (a virtual thread: for a carrier, in
     * its scheduler's first-in-first-out queue) in that order.
     */
    public static final Object STARTED_IN_ORDER = new Object();

    /**
     * What a {@code ScheduledThreadPoolExecutor} passes to {@link #forQueue}: its tasks are the
     * JDK's {@code ScheduledFutureTask}s, each born with a sequence number unique in the JVM,
     * which hashes them without the identity hash — a call into the VM the first time an object
     * is hashed, about 70 ns on the submitting thread, and every scheduled task is fresh. Its
     * delay queue hands tasks out by time, not in the order they came, so a ring would not fit.
     */
    public static final Object SCHEDULED_FUTURES = new Object();

    private static final VarHandle KEY;
    private static final VarHandle DEPTH;
    private static final VarHandle SEARCHING;
    private static final VarHandle DISTURBED;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Entry[].class);
    static {
        try {
            KEY = MethodHandles.lookup().findVarHandle(Entry.class, "key", Object.class);
            DEPTH = MethodHandles.lookup().findVarHandle(PendingTasks.class, "depth", int.class);
            SEARCHING = MethodHandles.lookup().findVarHandle(PendingTasks.class, "searching", int.class);
            DISTURBED = MethodHandles.lookup().findVarHandle(Search.class, "disturbed", int.class);
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

    /** Where tasks go first; {@code null} for a table without a ring. */
    private volatile AcceptanceRing ring;
    /** Rings a deeper queue outgrew, still holding tasks accepted before (never dropped: at most two, 320 slots). */
    private volatile AcceptanceRing[] outgrown = NO_RINGS;
    /** The size {@link #ring} may grow to. */
    private final int maxRing;
    /** Whether {@code ScheduledFutureTask}s are hashed by their sequence number ({@link #SCHEDULED_FUTURES}). */
    private final boolean bySequence;
    /** For a scheduled pool's table: its untimed one-shots' tokens, kept in the tasks ({@link #putMarked}). */
    private final ScheduledMarks marks;

    /** The searches under way ({@link #search}), told of takes of their task. */
    private final ConcurrentLinkedQueue<Search> searches = new ConcurrentLinkedQueue<>();
    /** How many searches are under way: the one read a take pays while there are none. */
    private volatile int searching;

    /** A table without an acceptance ring, for any executor. */
    public PendingTasks() {
        this(0);
    }

    private PendingTasks(int maxRing) {
        this(maxRing, false);
    }

    private PendingTasks(int maxRing, boolean bySequence) {
        this.maxRing = maxRing;
        this.bySequence = bySequence && ScheduledMarks.hashesBySequence();
        this.marks = bySequence ? ScheduledMarks.forTable() : null;
        this.ring = maxRing == 0 ? null : new AcceptanceRing(this, Math.min(FIRST_RING, maxRing));
    }

    /**
     * A table for an executor that queues its tasks in {@code queue}: with an acceptance ring
     * when the queue is one of the JDK's first-in-first-out queues (its exact class, since a
     * subclass may order differently) or {@link #STARTED_IN_ORDER}, sized to how many tasks it can hold up to
     * {@link #MAX_RING}; without one otherwise. Reads only the queue's class and, for an
     * {@link ArrayBlockingQueue}, its capacity. The ring starts at {@value #FIRST_RING} slots
     * and grows when the queue gets deeper.
     */
    public static PendingTasks forQueue(Object queue) {
        Class<?> type = queue == null ? null : queue.getClass();
        if (queue == STARTED_IN_ORDER || type == LinkedBlockingQueue.class || type == LinkedBlockingDeque.class
                || type == LinkedTransferQueue.class) {
            return new PendingTasks(MAX_RING);
        }
        if (type == ArrayBlockingQueue.class) {
            ArrayBlockingQueue<?> bounded = (ArrayBlockingQueue<?>) queue;
            // Room for a full queue plus tasks handed straight to new workers.
            return new PendingTasks(ringSize(bounded.remainingCapacity() + bounded.size() + 64));
        }
        if (queue == SCHEDULED_FUTURES) {
            return new PendingTasks(0, true);
        }
        if (type == SynchronousQueue.class) {
            return new PendingTasks(FIRST_RING); // nothing waits in it: only tasks being handed over
        }
        return new PendingTasks();
    }

    /** The power of two at least {@code wanted}, within {@link #FIRST_RING} and {@link #MAX_RING}. */
    static int ringSize(int wanted) {
        int size = FIRST_RING;
        while (size < wanted && size < MAX_RING) {
            size <<= 1;
        }
        return size;
    }

    /** Whether this table has an acceptance ring. */
    boolean hasRing() {
        return ring != null;
    }

    /** The current acceptance ring's size; 0 without one. */
    int ringCapacity() {
        AcceptanceRing current = ring;
        return current == null ? 0 : current.capacity();
    }

    /**
     * Remembers that {@code task} was accepted at {@code nanoTime}.
     *
     * @return true: there is always room (a crowded table spills into a slower overflow list)
     */
    public boolean put(Object task, long nanoTime) {
        if (putInRing(task, nanoTime)) {
            return true;
        }
        int hash = spread(hash(task));
        boolean queuedAlready = false;
        int known = depth;
        for (int l = known - 1; l >= 0; l--) {
            Entry[] level = levels.get(l);
            int mask = level.length - 1;
            for (int probe = 0; probe < WINDOW; probe++) {
                int slot = (hash + probe) & mask;
                Object key = claimSlot(level, slot, task, nanoTime);
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
                if (claimSlot(level, (hash + probe) & mask, task, nanoTime) == PLACED) {
                    return true;
                }
            }
        }
        Entry spilled = new Entry(this, task, nanoTime);
        spilled.spilled = true;
        overflow.add(spilled);
        overflowSize.incrementAndGet();
        return true;
    }

    /** Puts the task into the acceptance ring, growing it once if it is full near its tail. */
    private boolean putInRing(Object task, long nanoTime) {
        AcceptanceRing current = ring;
        if (current == null) {
            return false;
        }
        if (current.put(task, nanoTime)) {
            return true;
        }
        AcceptanceRing larger = outgrow(current);
        return larger != null && larger.put(task, nanoTime);
    }

    /**
     * Replaces {@code full} with a ring {@value #RING_GROWTH} times larger, up to the table's
     * limit; {@code null} at the limit (the hash levels take the task then). Rare: at most twice
     * per table.
     */
    private synchronized AcceptanceRing outgrow(AcceptanceRing full) {
        AcceptanceRing current = ring;
        if (current != full) {
            return current; // another submitter grew it meanwhile
        }
        if (full.capacity() >= maxRing) {
            return null;
        }
        AcceptanceRing larger = new AcceptanceRing(this, Math.min(maxRing, full.capacity() * RING_GROWTH));
        AcceptanceRing[] rings = Arrays.copyOf(outgrown, outgrown.length + 1);
        rings[rings.length - 1] = full;
        // Outgrown first: a taker that sees the larger ring sees the smaller one among these too.
        outgrown = rings;
        ring = larger;
        return larger;
    }

    /**
     * Puts the task into {@code slot} if that is free.
     *
     * @return {@link #PLACED} when the task is now there, else the key found in the slot
     */
    private Object claimSlot(Entry[] level, int slot, Object task, long nanoTime) {
        Entry entry = (Entry) SLOT.getAcquire(level, slot);
        if (entry == null) {
            // First use of this slot: the entry is born holding the task; the array CAS publishes it.
            if (SLOT.compareAndSet(level, slot, null, new Entry(this, task, nanoTime))) {
                return PLACED;
            }
            entry = (Entry) SLOT.getAcquire(level, slot);
        }
        Object key = KEY.getAcquire(entry);
        if (key == null && KEY.compareAndSet(entry, null, RESERVED)) {
            entry.time = nanoTime;
            KEY.setRelease(entry, task);
            return PLACED;
        }
        return key;
    }

    /**
     * Remembers that {@code task} was accepted without its time, in the task itself when this
     * table can ({@link ScheduledMarks}: a scheduled pool's untimed one-shots), so that its
     * take costs no entry; {@link #take} then returns {@link #UNTIMED} for it. A table that
     * marked tasks cannot {@linkplain #takeAll sweep} them: see {@link #marksTasks()}.
     *
     * @return whether the task is marked; if not, the caller {@linkplain #put puts} it
     */
    public boolean putMarked(Object task) {
        return marks != null && marks.mark(task);
    }

    /**
     * Whether this table may keep tasks' tokens in the tasks ({@link #putMarked}), where
     * {@link #takeAll} does not reach: the executor's books must then close when it
     * terminates, so that a marked task that left unseen counts as never run.
     */
    public boolean marksTasks() {
        return marks != null;
    }

    /**
     * Removes {@code task} and returns when it was accepted, or {@link #MISSING} when it is not
     * here (never accepted while tracked, or already taken by someone else).
     *
     * <p>First where the task nearly always is (around the ring's cursor, or its hash windows
     * for a table without a ring), then everywhere; a miss then is confirmed by a
     * {@link #search}, repeated while it may have missed a copy of the task that another
     * taker's race moved out of its way. Only a task that is not here pays for that.
     */
    public long take(Object task) {
        if (task == null) {
            return MISSING;
        }
        if (marks != null && marks.take(task)) {
            return UNTIMED;
        }
        AcceptanceRing current = ring;
        if (current == null) {
            long time = takeHashed(task, null);
            return time != MISSING ? time : search(task);
        }
        long time = current.takeNear(task);
        if (time == MISSING) {
            time = takeEverywhere(task, null);
        }
        return time != MISSING ? time : search(task);
    }

    /**
     * Takes {@code task} wherever it is, searching again while a search met another taker of
     * the same task (see the class comment): a miss here means the task was not here at some
     * moment of the last search, so a worker that dequeued a copy of it always finds one.
     */
    private long search(Object task) {
        Search search = new Search(task);
        // Registered before the first look: a take of this task from now on either tells the
        // search or leaves a TAKING key or a lost compare-and-set in its way.
        searches.add(search);
        SEARCHING.getAndAdd(this, 1);
        try {
            for (;;) {
                int told = (int) DISTURBED.getVolatile(search);
                search.contended = false;
                long time = takeEverywhere(task, search);
                if (time != MISSING || !search.contended && (int) DISTURBED.getVolatile(search) == told) {
                    return time;
                }
            }
        } finally {
            SEARCHING.getAndAdd(this, -1);
            searches.remove(search);
        }
    }

    /** One look for {@code task} in the hash levels, the overflow list and every ring. */
    private long takeEverywhere(Object task, Search search) {
        long time = takeHashed(task, search);
        AcceptanceRing current = ring;
        if (time == MISSING && current != null) {
            time = current.takeAnywhere(task, search);
            if (time == MISSING) {
                // Accepted before the ring grew: still in a ring it outgrew.
                for (AcceptanceRing smaller : outgrown) {
                    time = smaller.takeAnywhere(task, search);
                    if (time != MISSING) {
                        break;
                    }
                }
            }
        }
        return time;
    }

    /** {@link #take} from the hash levels and the overflow list, noting contention in {@code search}. */
    private long takeHashed(Object task, Search search) {
        if (depth == 0 && overflowSize.get() == 0) {
            return MISSING; // nothing was ever put there: no identity hash needed
        }
        // A lost race does not end the look: the same task may be queued twice. A claim fails
        // only when the entry no longer holds the task, so looking again makes progress.
        for (Entry entry = locate(task, search); entry != null; entry = locate(task, search)) {
            long time = entry.claim(task, search);
            if (time != MISSING) {
                return time;
            }
        }
        return MISSING;
    }

    /**
     * {@code task} was just taken by this table's caller (its key is {@code TAKING}): tells the
     * searches for it under way, before the key is freed. Costs one read while there are none.
     */
    void taken(Object task) {
        if (searching != 0) {
            for (Search search : searches) {
                if (search.task == task) {
                    DISTURBED.getAndAdd(search, 1);
                }
            }
        }
    }

    /** Notes in {@code search}, if any, that another taker was met. */
    static void contended(Search search) {
        if (search != null) {
            search.contended = true;
        }
    }

    /** The entry that holds {@code task} in the hash levels or the overflow list, noting in {@code search} an entry met while being taken; {@code null} if none. */
    private Entry locate(Object task, Search search) {
        int hash = spread(hash(task));
        for (int l = depth - 1; l >= 0; l--) {
            Entry[] level = levels.get(l);
            int mask = level.length - 1;
            for (int probe = 0; probe < WINDOW; probe++) {
                Entry entry = (Entry) SLOT.getAcquire(level, (hash + probe) & mask);
                Object key = entry == null ? null : KEY.getVolatile(entry);
                if (key == task) {
                    return entry;
                }
                if (key == TAKING) {
                    contended(search);
                }
            }
        }
        if (overflowSize.get() > 0) {
            for (Entry entry : overflow) {
                Object key = KEY.getVolatile(entry);
                if (key == task) {
                    return entry;
                }
                if (key == TAKING) {
                    contended(search);
                }
            }
        }
        return null;
    }

    /**
     * Whether {@code task} is here, without removing it: a moment's answer under concurrency,
     * for a rare path (it may look at every slot of the rings).
     */
    public boolean contains(Object task) {
        if (marks != null && marks.holds(task)) {
            return true;
        }
        AcceptanceRing current = ring;
        if (current != null) {
            if (current.holds(task)) {
                return true;
            }
            for (AcceptanceRing smaller : outgrown) {
                if (smaller.holds(task)) {
                    return true;
                }
            }
        }
        return (depth != 0 || overflowSize.get() != 0) && locate(task, null) != null;
    }

    /**
     * Removes every task that {@code which} selects, counting each one this call won; tasks
     * {@linkplain #putMarked marked} in themselves are out of its reach.
     *
     * @return how many tasks were removed by this call
     */
    public int takeAll(Predicate<Object> which) {
        int taken = 0;
        AcceptanceRing current = ring;
        if (current != null) {
            taken += current.takeAll(which);
            for (AcceptanceRing smaller : outgrown) {
                taken += smaller.takeAll(which);
            }
        }
        for (int l = depth - 1; l >= 0; l--) {
            Entry[] level = levels.get(l);
            for (int slot = 0; slot < level.length; slot++) {
                Entry entry = (Entry) SLOT.getAcquire(level, slot);
                Object key = entry == null ? null : KEY.getAcquire(entry);
                if (key != null && key != RESERVED && key != TAKING && which.test(key) && entry.claim(key) != MISSING) {
                    taken++;
                }
            }
        }
        if (overflowSize.get() > 0) {
            for (Entry entry : overflow) {
                Object key = KEY.getAcquire(entry);
                if (key != null && key != TAKING && which.test(key) && entry.claim(key) != MISSING) {
                    taken++;
                }
            }
        }
        return taken;
    }

    /** How many tasks are here now; a moment's answer under concurrency. */
    public int size() {
        int size = 0;
        AcceptanceRing current = ring;
        if (current != null) {
            size += current.size();
            for (AcceptanceRing smaller : outgrown) {
                size += smaller.size();
            }
        }
        for (int l = depth - 1; l >= 0; l--) {
            Entry[] level = levels.get(l);
            for (int slot = 0; slot < level.length; slot++) {
                Entry entry = (Entry) SLOT.getAcquire(level, slot);
                Object key = entry == null ? null : KEY.getAcquire(entry);
                if (key != null && key != RESERVED && key != TAKING) {
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

    /** The task's hash: its sequence number's for a scheduled pool's own tasks, else its identity hash. */
    private int hash(Object task) {
        if (bySequence && ScheduledMarks.isScheduledTask(task)) {
            return ScheduledMarks.sequenceHash(task);
        }
        return System.identityHashCode(task);
    }

    /** Whether this table hashes scheduled tasks by their sequence number (for tests). */
    boolean hashesBySequence() {
        return bySequence;
    }

    private static int spread(int hash) {
        // Identity hashes are well mixed already; fold the high bits in for small tables.
        return hash ^ (hash >>> 16);
    }

    /** One accepted task's place in the hash levels or the overflow list; reused by later tasks. */
    static final class Entry {
        /**
         * The task, {@code null} when free, {@code RESERVED} while being written,
         * {@code TAKING} while being taken; see {@link #KEY}.
         */
        @SuppressWarnings("unused") // accessed through KEY
        private volatile Object key;
        private long time;
        /** The table this entry is part of, told of every take. */
        private final PendingTasks table;
        /** Whether the entry is in its table's overflow list rather than in a slot. */
        private boolean spilled;

        Entry(PendingTasks table, Object task, long time) {
            this.table = table;
            this.time = time;
            KEY.set(this, task); // ordered before the publishing compare-and-set
        }

        /**
         * Removes {@code task} if this entry still holds it.
         *
         * @return when the task was accepted, or {@link #MISSING} when someone else took it first
         */
        long claim(Object task) {
            return claim(task, null);
        }

        /** {@link #claim(Object)}, noting a lost race in {@code search}. */
        long claim(Object task, Search search) {
            if (task == null || !KEY.compareAndSet(this, task, TAKING)) {
                contended(search);
                return MISSING;
            }
            // Marked TAKING, the entry cannot be reused: its time is this task's.
            long time = this.time;
            table.taken(task);
            if (spilled) {
                table.overflow.remove(this);
                table.overflowSize.decrementAndGet();
            }
            KEY.setRelease(this, null);
            return time;
        }
    }

    /**
     * A {@link #take} searching everywhere: the task it looks for, how often another taker of
     * that task told it of a take, and whether its last look met one.
     */
    static final class Search {
        final Object task;
        /** Bumped by {@link #taken} for a take of {@link #task}; see {@link #DISTURBED}. */
        @SuppressWarnings("unused") // accessed through DISTURBED
        private volatile int disturbed;
        /** Written and read by the searching thread only. */
        boolean contended;

        Search(Object task) {
            this.task = task;
        }
    }
}
