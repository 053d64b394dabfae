package io.futurist.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry keys executors by identity, weakly, and forgets the collected ones. */
class ExecutorRegistryTest {

    private final ExecutorRegistry registry = new ExecutorRegistry();

    @Test
    void registeringTwiceGivesTheSameRecord() {
        Object executor = new Object();
        ExecutorRecord record = registry.register(executor, "a.B.c(B.java:1)");
        assertSame(record, registry.register(executor, "x.Y.z(Y.java:2)"));
        assertSame(record, registry.find(executor));
        assertEquals("a.B.c(B.java:1)", record.creationSite());
        assertEquals(1, registry.size());
    }

    @Test
    void equalExecutorsAreStillTwoExecutors() {
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        assertEquals(first, second);
        ExecutorRecord a = registry.register(first, "here");
        ExecutorRecord b = registry.register(second, "here");
        assertNotSame(a, b);
        assertNotEquals(a.id(), b.id());
        assertSame(a, registry.find(first));
        assertSame(b, registry.find(second));
    }

    @Test
    void unknownExecutorsAreNotFound() {
        assertNull(registry.find(new Object()));
        assertNull(registry.find(null));
    }

    @Test
    void aLaterRegistrationFillsInAnUnknownCreationSite() {
        Object executor = new Object();
        ExecutorRecord record = registry.register(executor, ExecutorRecord.UNKNOWN_SITE);
        registry.register(executor, "app.Main.main(Main.java:4)");
        assertEquals("app.Main.main(Main.java:4)", record.creationSite());
    }

    @Test
    void removedExecutorsAreForgotten() {
        Object executor = new Object();
        registry.register(executor, "here");
        registry.remove(executor);
        assertNull(registry.find(executor));
        assertTrue(registry.records().isEmpty());
        assertEquals(0, registry.size());
    }

    @Test
    void recordsAreListedInOrderOfRegistration() {
        List<Object> executors = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            executors.add(new Object());
            registry.register(executors.get(i), "here");
        }
        List<ExecutorRecord> records = registry.records();
        assertEquals(20, records.size());
        for (int i = 0; i < 20; i++) {
            assertSame(registry.find(executors.get(i)), records.get(i));
        }
    }

    @Test
    void collectedExecutorsArePurged() {
        Object kept = new Object();
        registry.register(kept, "here");
        WeakReference<Object> dropped = registerAndDrop();
        for (int attempt = 0; attempt < 50 && dropped.get() != null; attempt++) {
            System.gc();
        }
        assertNull(dropped.get(), "the registry must not keep its executors reachable");
        assertEquals(1, registry.records().size());
        // A cleared reference reaches the queue a moment later, from the JVM's reference handler thread.
        for (int attempt = 0; attempt < 50 && registry.size() != 1; attempt++) {
            System.gc();
        }
        assertEquals(1, registry.size(), "the collected executor's entry must be purged");
        assertSame(registry.find(kept), registry.records().get(0));
    }

    @Test
    void collectedExecutorsAreKeptOneByOneOrSummedPerCreationSite() {
        List<WeakReference<Object>> dropped = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            dropped.add(registerUseAndDrop("app.Jobs.run(Jobs.java:7)", i < 2));
        }
        dropped.add(registerUseAndDrop("app.Other.make(Other.java:3)", true));
        for (int attempt = 0; attempt < 50 && registry.size() != 0; attempt++) {
            System.gc();
        }
        assertEquals(0, registry.size(), "the collected executors' entries must be purged");
        RetiredExecutors.Contents retired = registry.retired();
        assertEquals(List.of(), retired.terminatedSums());
        assertEquals(List.of(1L, 2L, 4L), retired.terminated().stream().map(RetiredExecutors.Retiree::id).toList());
        assertEquals(1, retired.terminated().get(0).statistics().executed());
        assertEquals("app.Other.make(Other.java:3)", retired.terminated().get(2).creationSite());
        RetiredExecutors.Sum neverShutDown = retired.neverShutDownSums().get(0);
        assertEquals(1, retired.neverShutDownSums().size());
        assertEquals("app.Jobs.run(Jobs.java:7)", neverShutDown.creationSite());
        assertEquals(1, neverShutDown.executors());
        assertEquals(1, neverShutDown.statistics().submitted());
    }

    @Test
    void beyondTheFirstHundredTerminatedExecutorsTheRestAreSummedPerSite() {
        List<WeakReference<Object>> dropped = new ArrayList<>();
        for (int i = 0; i < RetiredExecutors.INDIVIDUAL + 5; i++) {
            dropped.add(registerUseAndDrop(i % 2 == 0 ? "app.A.a(A.java:1)" : "app.B.b(B.java:2)", true));
        }
        for (int attempt = 0; attempt < 50 && registry.size() != 0; attempt++) {
            System.gc();
        }
        assertEquals(0, registry.size(), "the collected executors' entries must be purged");
        RetiredExecutors.Contents retired = registry.retired();
        assertEquals(RetiredExecutors.INDIVIDUAL, retired.terminated().size());
        assertEquals(RetiredExecutors.INDIVIDUAL, retired.terminated().get(RetiredExecutors.INDIVIDUAL - 1).id(),
                "the smallest ids are kept, whatever order they were collected in");
        long summed = retired.terminatedSums().stream().mapToLong(RetiredExecutors.Sum::executors).sum();
        assertEquals(5, summed);
        assertEquals(5, retired.terminatedSums().stream().mapToLong(s -> s.statistics().executed()).sum());
    }

    /** Registers an executor that ran one task, optionally terminated, and drops it. */
    private WeakReference<Object> registerUseAndDrop(String site, boolean terminated) {
        Object executor = new Object();
        ExecutorRecord record = registry.register(executor, site);
        record.recorder().submitted();
        record.recorder().started(100);
        record.recorder().finished(1_000, false);
        if (terminated) {
            record.markTerminated();
        }
        return new WeakReference<>(executor);
    }

    private WeakReference<Object> registerAndDrop() {
        Object executor = new Object();
        registry.register(executor, "here");
        return new WeakReference<>(executor);
    }

    @Test
    void agentActivityIsAFlagTheAgentSets() {
        assertFalse(registry.isAgentActive());
        registry.agentActive(true);
        assertTrue(registry.isAgentActive());
        registry.agentActive(false);
        assertFalse(registry.isAgentActive());
    }
}
