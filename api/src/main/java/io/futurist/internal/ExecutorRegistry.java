package io.futurist.internal;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every executor Futurist tracks in this JVM, keyed by identity and held weakly.
 *
 * <p>There is one registry per JVM: when the agent is active this class is loaded by the
 * bootstrap class loader, so the JDK's executors (which live there) and the application's
 * {@code io.futurist.Futurist} see the same instance whatever class loader asks.
 *
 * <p>Keys are weak references compared by identity, so a tracked executor stays collectable;
 * entries of collected executors are purged from a {@link ReferenceQueue} whenever an
 * executor registers or the registry is listed, so the map never grows past the executors
 * that are alive plus those collected since the last registration. What purged executors
 * did is kept, within bounds ({@link #retired()}).
 */
public final class ExecutorRegistry {

    private static final ExecutorRegistry GLOBAL = new ExecutorRegistry();

    private final ConcurrentHashMap<Object, ExecutorRecord> records = new ConcurrentHashMap<>();
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
    private final AtomicLong ids = new AtomicLong();
    private final RetiredExecutors retired = new RetiredExecutors();
    private volatile boolean agentActive;

    /** A registry of its own, for tests; the product uses {@link #global()}. */
    public ExecutorRegistry() {
    }

    /** The JVM-wide registry. */
    public static ExecutorRegistry global() {
        return GLOBAL;
    }

    /** The record of {@code executor}, or {@code null} when it is not tracked. */
    public ExecutorRecord find(Object executor) {
        return executor == null ? null : records.get(new Lookup(executor));
    }

    /**
     * The record of {@code executor}, created if it is not tracked yet.
     *
     * @param creationSite where it was built, or {@link ExecutorRecord#UNKNOWN_SITE}
     */
    public ExecutorRecord register(Object executor, String creationSite) {
        ExecutorRecord existing = find(executor);
        if (existing != null) {
            existing.creationSite(creationSite);
            return existing;
        }
        purgeCollected();
        ExecutorRecord fresh = new ExecutorRecord(ids.incrementAndGet(), executor, creationSite);
        ExecutorRecord raced = records.putIfAbsent(new WeakKey(executor, collected), fresh);
        return raced == null ? fresh : raced;
    }

    /**
     * The record of {@code executor}, created if it is not tracked yet, built where
     * {@code creationStack} says ({@link CreationSite#stack}): its first frame is the creation
     * site, {@code "unknown"} when it is empty.
     */
    public ExecutorRecord register(Object executor, List<String> creationStack) {
        ExecutorRecord record = register(executor, creationStack.isEmpty() ? CreationSite.UNKNOWN : creationStack.get(0));
        record.creationStack(creationStack);
        return record;
    }

    /** Forgets {@code executor}; later lookups answer as if it was never tracked. */
    public void remove(Object executor) {
        records.remove(new Lookup(executor));
    }

    /** The records of executors not yet collected, in order of discovery. */
    public List<ExecutorRecord> records() {
        purgeCollected();
        List<ExecutorRecord> list = new ArrayList<>(records.size());
        List<Object> cleared = new ArrayList<>();
        records.forEach((key, record) -> {
            if (((WeakKey) key).get() != null) {
                list.add(record);
            } else {
                cleared.add(key);
            }
        });
        // Collected, but not queued yet by the reference handler: retired now, so that a report
        // does not depend on that thread's timing either.
        for (Object key : cleared) {
            retire(key);
        }
        list.sort(Comparator.comparingLong(ExecutorRecord::id));
        return list;
    }

    /** How many executors are tracked, counting collected ones not yet purged. */
    public int size() {
        purgeCollected();
        return records.size();
    }

    /** Whether the Futurist agent is instrumenting this JVM's executors. */
    public boolean isAgentActive() {
        return agentActive;
    }

    /** Set by the agent when its instrumentation is installed or removed. */
    public void agentActive(boolean active) {
        agentActive = active;
    }

    /**
     * What the executors collected so far did: collected executors leave the registry, and
     * their final statistics are kept there, bounded (see {@link RetiredExecutors}).
     */
    public RetiredExecutors.Contents retired() {
        purgeCollected();
        return retired.contents();
    }

    private void purgeCollected() {
        Object stale;
        while ((stale = collected.poll()) != null) {
            retire(stale);
        }
    }

    /** Removes a collected executor's entry and keeps what it did; only the thread that removes the entry folds it. */
    private void retire(Object key) {
        ExecutorRecord gone = records.remove(key);
        if (gone != null) {
            retired.fold(gone);
        }
    }

    /**
     * The stored key: weak, identity-compared, remembering its hash after the referent is gone
     * so that the purge can still find it.
     */
    private static final class WeakKey extends WeakReference<Object> {
        private final int hash;

        WeakKey(Object referent, ReferenceQueue<Object> queue) {
            super(referent, queue);
            this.hash = System.identityHashCode(referent);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            Object referent = get();
            if (referent == null) {
                return false;
            }
            if (other instanceof WeakKey) {
                return referent == ((WeakKey) other).get();
            }
            return other instanceof Lookup && referent == ((Lookup) other).target;
        }
    }

    /** A short-lived strong key for look-ups, so that finding allocates no reference object. */
    private static final class Lookup {
        private final Object target;

        Lookup(Object target) {
            this.target = target;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(target);
        }

        @Override
        public boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            return other instanceof WeakKey && ((WeakKey) other).get() == target;
        }
    }
}
