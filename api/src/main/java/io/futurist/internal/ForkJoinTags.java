package io.futurist.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ForkJoinTask;

/**
 * A {@code ForkJoinTask}'s tag (the low 16 bits of its {@code status}) written with plain
 * stores, where the JDK's {@code setForkJoinTaskTag} and {@code compareAndSetForkJoinTaskTag}
 * use a compare-and-set. This is for the marks the agent puts on tasks no other thread can
 * touch at that moment.
 *
 * <p><b>Why.</b> A compare-and-set drains the store buffer, and it comes at the worst places. A
 * submitter has just written the fresh task and its future. A worker's first write to the task
 * line would otherwise be its body's. Replacing both with plain stores, which retire without
 * waiting, saved about 30 ns of a common-pool {@code runAsync} (bench/PROFILE.md §27).
 *
 * <p><b>When a plain store is exact.</b> Only while the calling thread is the task's sole owner.
 * Nobody else may write its {@code status} concurrently, or the store would undo their write.
 * {@link #tagUnpublished} is for a task not yet handed to any queue. {@link #untagOwned} is for a
 * task its caller took out of a queue by compare-and-set and is about to run, when no other
 * thread holds it to cancel or join it. The JDK's own code does the same in its constructors
 * (JDK 25's {@code setNoUserHelp}). Everyone else clears a mark by compare-and-set, as before.
 *
 * <p>Needs {@code java.util.concurrent} open to this class (the agent opens it). Without it the
 * JDK's public methods serve: exact, at the old cost.
 */
public final class ForkJoinTags {

    /** The tag's bits in {@code status}. */
    private static final int TAG = 0xFFFF;

    /** {@code ForkJoinTask.status}; {@code null} when it cannot be reached. */
    private static final VarHandle STATUS = statusHandle();

    private ForkJoinTags() {
    }

    private static VarHandle statusHandle() {
        try {
            MethodHandles.Lookup inside = MethodHandles.privateLookupIn(ForkJoinTask.class, MethodHandles.lookup());
            return inside.findVarHandle(ForkJoinTask.class, "status", int.class);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError closed) {
            return null;
        }
    }

    /** Whether tags are written with plain stores here (else through the JDK's compare-and-set). */
    public static boolean plain() {
        return STATUS != null;
    }

    /**
     * Sets {@code task}'s tag to {@code tag}. The task must not yet have been handed to a queue
     * or to another thread; the queue's publication then carries the tag with it.
     */
    public static void tagUnpublished(ForkJoinTask<?> task, short tag) {
        if (STATUS == null) {
            task.setForkJoinTaskTag(tag);
            return;
        }
        int status = (int) STATUS.get(task);
        STATUS.set(task, (status & ~TAG) | (tag & TAG));
    }

    /**
     * Clears {@code task}'s tag if it is {@code tag}. The calling thread must own the task: it
     * took it out of a queue by compare-and-set and is about to run it, and no other thread
     * holds it.
     *
     * @return whether the task carried {@code tag}, which is now cleared
     */
    public static boolean untagOwned(ForkJoinTask<?> task, short tag) {
        if (STATUS == null) {
            return task.compareAndSetForkJoinTaskTag(tag, (short) 0);
        }
        int status = (int) STATUS.get(task);
        if ((status & TAG) != (tag & TAG)) {
            return false;
        }
        STATUS.set(task, status & ~TAG);
        return true;
    }
}
