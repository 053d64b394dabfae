package io.futurist.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The acceptance times of the tasks chosen for timing of a thread-per-task executor whose runs
 * count without a {@link PendingTasks} entry, kept by the id of the thread each task was
 * accepted as.
 *
 * <p>Why not the pending table: such an executor's run needs no token to count exactly once
 * (a thread starts once, and the agent counts only the run on the task's own thread), so an
 * untimed task should touch nothing shared at all; but a run must learn cheaply whether its
 * task was chosen for timing, and a pending table's miss is a full search. Here a run looks at
 * one slot, chosen by its thread's id, and compares one number.
 *
 * <p><b>Concurrency.</b> Sixty-four slots of (thread id, time), each written by the submitter
 * of a timed task and cleared by that task's run or refusal. A put claims the slot by
 * compare-and-set of its id to {@code WRITING} (so two puts never interleave their writes),
 * writes the time, then publishes the id with a release store; a put that finds another put
 * writing the slot keeps nothing. A take reads the id with acquire, then the time, then clears
 * the id by compare-and-set, and keeps the time only if that succeeds: any put that started
 * meanwhile moved the id first, so a take returns its own task's time or nothing. Two timed
 * tasks whose threads' ids are 64 apart and which wait at the same moment share a slot: the
 * later put wins and the earlier task's run finds no time, so it counts untimed (it is counted
 * all the same; only one timing sample is lost, whatever the task's length).
 */
public final class TimedThreads {

    /** What {@link #take} returns when the thread has no time here. */
    public static final long MISSING = PendingTasks.MISSING;

    private static final int SLOTS = 64;
    /** A slot's id while a put writes it (thread ids are positive). */
    private static final long WRITING = -1L;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

    /** Thread ids, 0 for a free slot (no thread has id 0). */
    private final long[] ids = new long[SLOTS];
    private final long[] times = new long[SLOTS];

    /**
     * Keeps {@code acceptedAt} for the task accepted as the thread {@code threadId}, replacing
     * whatever its slot held; nothing when another put is writing the slot at this moment.
     */
    public void put(long threadId, long acceptedAt) {
        int slot = (int) threadId & (SLOTS - 1);
        long held = (long) SLOT.getAcquire(ids, slot);
        if (held == WRITING || !SLOT.compareAndSet(ids, slot, held, WRITING)) {
            return;
        }
        SLOT.setOpaque(times, slot, acceptedAt); // published by the release store of the id
        SLOT.setRelease(ids, slot, threadId);
    }

    /**
     * Takes the time kept for the thread {@code threadId}.
     *
     * @return the time, or {@link #MISSING} when none is kept (the task was not chosen for
     *         timing, or a task 64 thread ids away took its slot)
     */
    public long take(long threadId) {
        int slot = (int) threadId & (SLOTS - 1);
        if ((long) SLOT.getAcquire(ids, slot) != threadId) {
            return MISSING;
        }
        long acceptedAt = (long) SLOT.getAcquire(times, slot);
        return SLOT.compareAndSet(ids, slot, threadId, 0L) ? acceptedAt : MISSING;
    }
}
