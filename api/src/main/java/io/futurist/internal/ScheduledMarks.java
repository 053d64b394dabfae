package io.futurist.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Delayed;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's {@code ScheduledFutureTask} as a scheduled pool's {@link PendingTasks} uses it: its
 * sequence number hashes it, and an untimed one-shot keeps its token in itself instead of a
 * pending entry — the scheduled pool's counterpart of the fork/join tasks' tag mark.
 *
 * <p><b>Why.</b> A {@code ScheduledThreadPoolExecutor} makes a fresh {@code ScheduledFutureTask}
 * for every {@code schedule}, {@code execute} and {@code submit}, and hands it to its delay
 * queue, which gives tasks out by time. A pending entry for it costs the submitter a put into
 * a hashed table and the worker a take there: two writes, by two cores, to a line that is
 * nothing else's. The task itself is a line both touch anyway (the queue's heap work reads and
 * writes its fields), so a token there costs the worker a compare-and-set on a line it owns.
 *
 * <p><b>Where.</b> {@code ScheduledFutureTask.outerTask}: the task a periodic run re-queues
 * (itself, or what {@code decorateTask} made of it). The JDK reads it only in a periodic
 * task's {@code run()} (JDK 17 and 25 alike), so for a one-shot it is a field nobody reads. An
 * accepted, untimed one-shot's {@code outerTask} holds its table's {@link Mark} instead of the
 * task; whoever sets it back to the task by compare-and-set — the worker that starts it, a
 * cancellation, {@code remove}, {@code shutdownNow}'s list, a refusal — accounts for it, once,
 * exactly as whoever takes a pending entry does. A mark belongs to one table, and a table to
 * one executor's current books, so a task marked in earlier books (a detach and an attach since)
 * matches no table now and counts nothing, like a task accepted before the attach.
 *
 * <p><b>Which tasks.</b> Only the JDK's own class, only one-shots ({@code isPeriodic()} false,
 * whose {@code outerTask} is the task itself), and only as the queue holds them (the pool's
 * {@code decorateTask} returned the task unchanged: anything else is another class). A
 * one-shot is accepted once ({@code delayedExecute} is private and called once per task),
 * and it is marked before the queue has it, so no other thread can see the field change under
 * it. Periodic tasks, timed tasks (their acceptance time lives in the table) and every task
 * while a slow-task threshold is set (it needs each task's coarse acceptance tick) keep their
 * entries.
 *
 * <p><b>What an entry gave that a mark does not</b>: a termination sweep cannot find marked
 * tasks. A task leaves a scheduled pool unseen only behind its back ({@code getQueue().clear()});
 * such tasks are accounted for when the pool terminates, when its books close
 * ({@code StatisticsRecorder}'s derived count of tasks that never ran), as for fork/join tasks.
 *
 * <p>Needs {@code java.util.concurrent} open to the agent; without it scheduled tasks are
 * hashed by identity and none is marked.
 */
final class ScheduledMarks {

    /** {@code ScheduledThreadPoolExecutor.ScheduledFutureTask}; {@code null} when its fields cannot be reached. */
    private static final Class<?> TYPE;
    /** Its {@code sequenceNumber}, for {@link #sequenceHash}; {@code null} where it cannot be read. */
    private static final VarHandle SEQUENCE;
    /** Its {@code outerTask}, the mark's place; {@code null} where it cannot be written. */
    private static final VarHandle OUTER;

    static {
        Class<?> type = null;
        VarHandle sequence = null;
        VarHandle outer = null;
        try {
            type = Class.forName("java.util.concurrent.ScheduledThreadPoolExecutor$ScheduledFutureTask", false, null);
            // Both need java.util.concurrent open to this class (the agent opens it; nothing else does).
            MethodHandles.Lookup inside = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
            sequence = field(inside, type, "sequenceNumber", long.class);
            outer = field(inside, type, "outerTask", RunnableScheduledFuture.class);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError closed) {
            // Identity hashes and pending entries serve.
        }
        TYPE = type;
        SEQUENCE = sequence;
        OUTER = outer;
    }

    private static VarHandle field(MethodHandles.Lookup inside, Class<?> type, String name, Class<?> fieldType) {
        try {
            return inside.findVarHandle(type, name, fieldType);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError missing) {
            return null; // a JDK without this field: the other one may still serve
        }
    }

    /**
     * Whether a scheduled pool's tasks can be hashed by their sequence number instead of
     * their identity hash (a call into the VM the first time an object is hashed, about 70 ns
     * on the submitting thread, and every scheduled task is fresh): {@code sequenceNumber} is
     * final and unique in the JVM.
     */
    static boolean hashesBySequence() {
        return SEQUENCE != null;
    }

    /** Whether {@code task} is of the JDK's scheduled-task class. */
    static boolean isScheduledTask(Object task) {
        return task.getClass() == TYPE;
    }

    /** The hash of {@code task}, a {@linkplain #isScheduledTask scheduled task}: its sequence number folded to an int. */
    static int sequenceHash(Object task) {
        long sequence = (long) SEQUENCE.get(task);
        return (int) (sequence ^ (sequence >>> 32));
    }

    /** This table's mark. Typed {@code Object} so that the handle's calls match its erased type. */
    private final Object mark = new Mark();

    /** Marks for one table; {@code null} when tasks cannot be marked on this JVM. */
    static ScheduledMarks forTable() {
        return OUTER == null ? null : new ScheduledMarks();
    }

    /**
     * Marks {@code task}, just accepted and not yet queued, if it is a one-shot of the JDK's
     * class whose {@code outerTask} is still itself.
     *
     * @return whether it is marked (else it needs an entry)
     */
    boolean mark(Object task) {
        if (task.getClass() != TYPE || ((RunnableScheduledFuture<?>) task).isPeriodic()
                || OUTER.getOpaque(task) != task) {
            return false;
        }
        // A release store, not a compare-and-set: the task is accepted once, before the queue
        // (and so any other thread) has it; the queue's lock publishes the mark with the task.
        OUTER.setRelease(task, mark);
        return true;
    }

    /** Takes {@code task}'s mark, if it carries this table's: the token, won by one caller only. */
    boolean take(Object task) {
        return holds(task) && OUTER.compareAndSet(task, mark, task);
    }

    /** Whether {@code task} carries this table's mark now. */
    boolean holds(Object task) {
        return task.getClass() == TYPE && OUTER.getAcquire(task) == mark;
    }

    /**
     * What a marked task's {@code outerTask} holds. Never called: the JDK reads
     * {@code outerTask} only for periodic tasks, which are never marked. Its methods answer as
     * a done, never-periodic task would, should anything ever ask.
     */
    private static final class Mark implements RunnableScheduledFuture<Object> {
        @Override
        public boolean isPeriodic() {
            return false;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(Delayed other) {
            return other == this ? 0 : -1;
        }

        @Override
        public void run() {
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean isDone() {
            return true;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }
}
