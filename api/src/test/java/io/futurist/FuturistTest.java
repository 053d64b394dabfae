package io.futurist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.futurist.internal.ExecutorRecord;
import io.futurist.internal.ExecutorRegistry;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The lookup, without the agent: Futurist's own executors are found, listed and forgotten when collected; others are unknown. */
class FuturistTest {

    @Test
    void findsASynchronousExecutor() {
        String name = "lookup-sync-" + System.nanoTime();
        SynchronousExecutor executor = new SynchronousExecutor(name);
        try {
            executor.execute(() -> { });
            executor.execute(() -> { });
            executor.execute(() -> { });

            Optional<ExecutorStatistics> stats = Futurist.statistics(executor);
            assertTrue(stats.isPresent());
            assertEquals(3, stats.get().executed());
            assertEquals(executor.statistics(), stats.get());
            assertEquals(Optional.of(true), Futurist.isAlive(executor));

            TrackedExecutor tracked = listed(name);
            assertEquals(SynchronousExecutor.class.getName(), tracked.type());
            assertTrue(tracked.alive());
            assertEquals(3, tracked.statistics().executed());
            executor.execute(() -> { });
            assertEquals(4, tracked.statistics().executed(), "a listed executor answers for the moment it is asked");
        } finally {
            executor.shutdown();
        }
    }

    @Test
    @RequiresJava(min = 21, reason = "GreenExecutor runs its tasks on virtual threads, which arrived in Java 21")
    void findsAGreenExecutor() throws Exception {
        String name = "lookup-green-" + System.nanoTime();
        GreenExecutor executor = new GreenExecutor(name, 2);
        try {
            executor.submit(() -> { }).get(10, TimeUnit.SECONDS);
            assertEquals(Optional.of(true), Futurist.isAlive(executor));
            TrackedExecutor tracked = listed(name);
            assertEquals(GreenExecutor.class.getName(), tracked.type());
            assertTrue(tracked.creationSite().startsWith(getClass().getName() + ".findsAGreenExecutor("), tracked.creationSite());
        } finally {
            executor.shutdown();
        }
        assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(Optional.of(false), Futurist.isAlive(executor));
        assertEquals(1, Futurist.statistics(executor).map(ExecutorStatistics::executed).orElse(-1L));
    }

    @Test
    void isAliveIsFalseAfterShutdown() {
        String name = "lookup-shut-" + System.nanoTime();
        SynchronousExecutor executor = new SynchronousExecutor(name);
        executor.shutdown();
        assertEquals(Optional.of(false), Futurist.isAlive(executor));
        assertFalse(listed(name).alive());
        assertTrue(Futurist.statistics(executor).isPresent(), "a shut-down executor still has statistics");
    }

    @Test
    void seesThroughTheJdksWrappersToItsOwnExecutorsWithoutTheAgent() throws Exception {
        SynchronousExecutor inside = new SynchronousExecutor();
        inside.submit(() -> 1).get();
        ExecutorService wrapped = Executors.unconfigurableExecutorService(inside);
        ExecutorService twice = Executors.unconfigurableExecutorService(wrapped);
        assertEquals(Optional.of(1L), Futurist.statistics(wrapped).map(ExecutorStatistics::executed));
        assertEquals(Optional.of(1L), Futurist.statistics(twice).map(ExecutorStatistics::executed));
        assertEquals(Optional.of(true), Futurist.isAlive(twice));
        assertEquals(1, inside.statistics().submitted(), "asking submitted nothing");
        inside.shutdown();
        assertEquals(Optional.of(false), Futurist.isAlive(wrapped), "a shut-down executor still answers");
        assertEquals(1, inside.statistics().submitted());
        assertEquals(0, inside.statistics().rejected(), "asking was not a refused submission");
    }

    @Test
    void aWrappedPoolOfTheJdkIsUnknownAndUntouchedWithoutTheAgent() throws InterruptedException {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        ExecutorService wrapped = Executors.unconfigurableExecutorService(pool);
        assertEquals(Optional.empty(), Futurist.statistics(wrapped));
        assertEquals(0, pool.getTaskCount(), "asking submitted nothing to the pool inside");
        assertEquals(0, pool.getPoolSize(), "nor started a worker");
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(Optional.empty(), Futurist.statistics(wrapped), "nor does a terminated pool mind");
    }

    @Test
    void untrackedExecutorsAreUnknown() throws InterruptedException {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        try {
            assertEquals(Optional.empty(), Futurist.statistics(pool));
            assertEquals(Optional.empty(), Futurist.isAlive(pool));
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
        Executor direct = Runnable::run;
        assertEquals(Optional.empty(), Futurist.statistics(direct));
        assertEquals(Optional.empty(), Futurist.isAlive(direct));
    }

    @Test
    void agentIsNotActiveInPlainTests() {
        assertFalse(Futurist.isAgentActive());
    }

    @Test
    void unreachableExecutorDisappearsFromTheList() {
        long[] id = new long[1];
        WeakReference<SynchronousExecutor> ref = abandonedExecutor(id);
        for (int attempt = 0; attempt < 50 && ref.get() != null; attempt++) {
            System.gc();
        }
        assertNull(ref.get(), "the abandoned executor was not collected; the registry must be holding it");
        assertFalse(ids(Futurist.executors()).contains(id[0]));
    }

    private static WeakReference<SynchronousExecutor> abandonedExecutor(long[] id) {
        String name = "abandoned-" + System.nanoTime();
        SynchronousExecutor executor = new SynchronousExecutor(name);
        executor.execute(() -> { });
        id[0] = listed(name).id();
        return new WeakReference<>(executor);
    }

    @Test
    void creationSiteNamesTheTestClassAndMethod() {
        String name = "site-" + System.nanoTime();
        int line = new Throwable().getStackTrace()[0].getLineNumber() + 1;
        SynchronousExecutor executor = new SynchronousExecutor(name);
        try {
            assertEquals(FuturistTest.class.getName() + ".creationSiteNamesTheTestClassAndMethod(FuturistTest.java:" + line + ")",
                    listed(name).creationSite());
            // The listed view hands out the creation stack too, starting with the site.
            assertEquals(listed(name).creationSite(), listed(name).creationStack().get(0));
        } finally {
            executor.shutdown();
        }
    }

    @Test
    void idsAreUniqueAndListedInOrder() throws Exception {
        int threads = 4;
        int perThread = 25;
        ExecutorService builders = Executors.newFixedThreadPool(threads);
        List<SynchronousExecutor> built = new ArrayList<>();
        Set<Long> ids = ConcurrentHashMap.newKeySet();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<SynchronousExecutor>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(builders.submit(() -> {
                    start.await();
                    List<SynchronousExecutor> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        mine.add(new SynchronousExecutor());
                    }
                    return mine;
                }));
            }
            start.countDown();
            for (Future<List<SynchronousExecutor>> result : results) {
                built.addAll(result.get(10, TimeUnit.SECONDS));
            }
            for (SynchronousExecutor executor : built) {
                ids.add(ExecutorRegistry.global().find(executor).id());
            }
            assertEquals(threads * perThread, ids.size());
            List<Long> listed = ids(Futurist.executors());
            assertTrue(listed.containsAll(ids));
            for (int i = 1; i < listed.size(); i++) {
                assertTrue(listed.get(i - 1) < listed.get(i), "executors() not in order of discovery: " + listed);
            }
        } finally {
            builders.shutdownNow();
            built.forEach(SynchronousExecutor::shutdown);
        }
    }

    @Test
    void executorListIsUnmodifiable() {
        SynchronousExecutor executor = new SynchronousExecutor();
        try {
            List<TrackedExecutor> list = Futurist.executors();
            assertFalse(list.isEmpty());
            assertThrows(UnsupportedOperationException.class, () -> list.remove(0));
            assertThrows(UnsupportedOperationException.class, list::clear);
        } finally {
            executor.shutdown();
        }
    }

    /**
     * What an application is handed cannot be cast to anything that changes Futurist's state:
     * the runtime class of every listed executor has no public method beyond those of
     * {@link TrackedExecutor} and {@link Object}.
     */
    @Test
    void listedExecutorsExposeNothingBeyondTrackedExecutor() {
        SynchronousExecutor executor = new SynchronousExecutor();
        try {
            Set<String> allowed = new HashSet<>();
            for (Method method : TrackedExecutor.class.getMethods()) {
                allowed.add(signature(method));
            }
            for (Method method : Object.class.getMethods()) {
                allowed.add(signature(method));
            }
            List<TrackedExecutor> listed = Futurist.executors();
            assertFalse(listed.isEmpty());
            for (TrackedExecutor tracked : listed) {
                Class<?> type = tracked.getClass();
                assertFalse(tracked instanceof ExecutorRecord, "a cast would reach the record's mutators");
                assertFalse(Modifier.isPublic(type.getModifiers()), type + " is public");
                for (Method method : type.getMethods()) {
                    assertTrue(allowed.contains(signature(method)), () -> type.getName() + " exposes " + method);
                }
            }
            long id = ExecutorRegistry.global().find(executor).id();
            assertEquals(ofId(listed, id), ofId(Futurist.executors(), id), "two views of one executor are equal");
        } finally {
            executor.shutdown();
        }
    }

    private static TrackedExecutor ofId(List<TrackedExecutor> executors, long id) {
        return executors.stream().filter(t -> t.id() == id).findFirst().orElseThrow();
    }

    private static String signature(Method method) {
        return method.getName() + Arrays.toString(method.getParameterTypes());
    }

    private static TrackedExecutor listed(String name) {
        List<TrackedExecutor> named = Futurist.executors().stream()
                .filter(t -> t.name().equals(name)).collect(Collectors.toList());
        assertEquals(1, named.size(), () -> "executors named " + name + ": " + named);
        return named.get(0);
    }

    private static List<Long> ids(List<TrackedExecutor> executors) {
        return executors.stream().map(TrackedExecutor::id).collect(Collectors.toList());
    }
}
