package io.futurist.agent.probe;

import io.futurist.internal.ExecutorRecord;
import java.lang.ref.WeakReference;
import java.util.Arrays;

/**
 * The fork/join pools tracked now, for the few events that cannot tell their pool: a task run
 * by a thread that is not one of its pool's workers (a caller helping in {@code join},
 * {@code get} or {@code invoke}, a worker of another pool helping a {@code CompletableFuture}
 * along), and a cancellation, which any thread may make. Each pool keeps its pending tasks in
 * its own record, so such an event asks every pool in turn; a worker's runs of its own pool's
 * tasks never come here. A {@linkplain MarkedTasks marked task}'s mark is looked up here too,
 * when it is not the running worker's pool's.
 *
 * <p>Concurrency: a copy-on-write array, read without a lock, replaced under this class's lock
 * when a pool is added; pools are held weakly (a pool stays collectable), and a collected or
 * terminated pool's entry is dropped at the next addition. The records are held strongly: they
 * are small, and they go with their pool's entry.
 */
final class KnownForkJoinPools {

    private static final Known[] NONE = new Known[0];
    private static volatile Known[] known = NONE;

    private KnownForkJoinPools() {
    }

    /** Adds {@code pool}, tracked as {@code record}, unless it is known already. */
    static synchronized void add(Object pool, ExecutorRecord record) {
        Known[] now = known;
        int kept = 0;
        Known[] next = new Known[now.length + 1];
        for (Known entry : now) {
            Object alive = entry.pool.get();
            if (alive == pool) {
                return;
            }
            if (alive != null && !entry.record.isTerminated()) {
                next[kept++] = entry;
            }
        }
        next[kept++] = new Known(pool, record);
        known = Arrays.copyOf(next, kept);
    }

    /** The records of the pools known now, in the order they became known; do not modify. */
    static Known[] all() {
        return known;
    }

    /** A pool, weakly, with its record. */
    static final class Known {
        final WeakReference<Object> pool;
        final ExecutorRecord record;

        Known(Object pool, ExecutorRecord record) {
            this.pool = new WeakReference<>(pool);
            this.record = record;
        }
    }
}
