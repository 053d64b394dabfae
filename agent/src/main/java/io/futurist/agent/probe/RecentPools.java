package io.futurist.agent.probe;

import io.futurist.internal.ExecutorRecord;
import io.futurist.internal.ExecutorRegistry;
import java.lang.ref.WeakReference;

/**
 * The records of the fork/join pools looked up lately, in front of the registry: a pool's
 * submissions and its workers' runs each need the pool's record (a run cannot carry it from
 * the submission), and while a few pools are busy this answers with one array read and one
 * comparison instead of a map look-up.
 *
 * <p>Concurrency: a small direct-mapped array indexed by the pool's identity hash, read and
 * written without locks or fences. Each slot holds an immutable {@link Recent} (final fields,
 * so a reader that sees one sees it whole); a racing write only replaces one answer by another
 * equally right one, and a miss asks the registry. Pools are held weakly, so a pool stays
 * collectable; a slot keeps at most one small record alive after its pool is gone, until
 * another pool takes the slot. A record never changes for its pool (the registry keeps one per
 * executor and only drops it once the executor is collected), so an answer never goes stale.
 */
final class RecentPools {

    private static final ExecutorRegistry REGISTRY = ExecutorRegistry.global();
    private static final int SLOTS = 16;
    private static final Recent[] RECENT = new Recent[SLOTS];

    private RecentPools() {
    }

    /** The record of {@code pool}, or {@code null} when it is not tracked (nothing is remembered then). */
    static ExecutorRecord find(Object pool) {
        int slot = System.identityHashCode(pool) & (SLOTS - 1);
        Recent recent = RECENT[slot];
        if (recent != null && recent.pool.get() == pool) {
            return recent.record;
        }
        ExecutorRecord record = REGISTRY.find(pool);
        if (record != null) {
            RECENT[slot] = new Recent(pool, record);
        }
        return record;
    }

    /** A pool, weakly, and its record. */
    private static final class Recent {
        final WeakReference<Object> pool;
        final ExecutorRecord record;

        Recent(Object pool, ExecutorRecord record) {
            this.pool = new WeakReference<>(pool);
            this.record = record;
        }
    }
}
