package io.futurist.agent.probe;

import io.futurist.internal.ExecutorRecord;
import io.futurist.internal.ExecutorRegistry;
import java.lang.ref.WeakReference;

/**
 * The thread-per-task executor looked up last, with its record: what a submission and a run
 * of such an executor ask for first, without a look-up in the registry.
 *
 * <p>Why: a thread-per-task executor's task is a few hundred nanoseconds of the JDK's own
 * work (a virtual thread made, started, mounted, ended), and the registry's look-up — a key
 * object and a {@code ConcurrentHashMap} search — was about a tenth of the agent's share of
 * it, paid twice per task (bench/PROFILE.md §15). An application nearly always submits to one
 * such executor at a time, so one remembered pair answers almost every look-up with a
 * reference comparison; another executor replaces the pair and is found in the registry as
 * before.
 *
 * <p>Concurrency: the pair is immutable and published through a volatile field; a thread
 * reads it once per look-up. The registry never maps an executor to another record while the
 * executor lives (records are only added, and an attach after a detach resets a record in
 * place), so a remembered pair stays right for as long as its executor is reachable. The
 * executor is held weakly: a forgotten executor is not kept alive by being the last one used.
 */
final class RecentExecutor extends WeakReference<Object> {

    private static final ExecutorRegistry REGISTRY = ExecutorRegistry.global();

    /** The last pair looked up; {@code null} before the first. */
    private static volatile RecentExecutor last;

    private final ExecutorRecord record;

    private RecentExecutor(Object executor, ExecutorRecord record) {
        super(executor);
        this.record = record;
    }

    /** The record of {@code executor}, registering it (creation site unknown) on first sight. */
    static ExecutorRecord registered(Object executor) {
        RecentExecutor recent = last;
        if (recent != null && recent.get() == executor && executor != null) {
            return recent.record;
        }
        return remember(executor, TaskLedger.recordOf(executor));
    }

    /** The record of {@code executor}, or {@code null} when it is not tracked. */
    static ExecutorRecord find(Object executor) {
        RecentExecutor recent = last;
        if (recent != null && recent.get() == executor && executor != null) {
            return recent.record;
        }
        ExecutorRecord record = REGISTRY.find(executor);
        return record == null ? null : remember(executor, record);
    }

    private static ExecutorRecord remember(Object executor, ExecutorRecord record) {
        last = new RecentExecutor(executor, record);
        return record;
    }
}
