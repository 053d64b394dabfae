package io.futurist.agent;

import static example.scenarios.VirtualThreadScenario.CANCELLED;
import static example.scenarios.VirtualThreadScenario.HELD;
import static example.scenarios.VirtualThreadScenario.INTERRUPTED;
import static example.scenarios.VirtualThreadScenario.INVOKE_ALL;
import static example.scenarios.VirtualThreadScenario.INVOKE_ALL_FAILURES;
import static example.scenarios.VirtualThreadScenario.INVOKE_ANY;
import static example.scenarios.VirtualThreadScenario.VIRTUAL_THREADS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.scenarios.VirtualThreadScenario;
import io.futurist.agent.testing.Books;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.RequiresJava;
import io.futurist.agent.testing.ScenarioOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link VirtualThreadScenario}: the JDK's thread-per-task executors under {@code -javaagent}
 * and after a dynamic attach, and the virtual-thread scheduler, which is never a pool of its
 * own in the statistics. The executors exist from Java 21 on; on an older JDK only
 * {@link #theAgentIsSilent()} and {@link #olderJdksHaveNoVirtualThreads()} run, and the rest is
 * reported skipped with the reason.
 */
class VirtualThreadIT {

    private static final String THREAD_PER_TASK = "java.util.concurrent.ThreadPerTaskExecutor";
    private static final String ARRIVED = "thread-per-task executors and virtual threads arrived in Java 21";

    private static ChildJvm.Result underAgent;

    private static synchronized ChildJvm.Result underAgent() {
        if (underAgent == null) {
            underAgent = ChildJvm.running(VirtualThreadScenario.class).withAgent().run().requireSuccess();
        }
        return underAgent;
    }

    private static ScenarioOutput output() {
        return underAgent().output();
    }

    /** On every JDK the agent says nothing. */
    @Test
    void theAgentIsSilent() {
        ChildJvm.Result run = underAgent();
        assertEquals("[]", run.futuristLines().toString(), run::describe);
    }

    /** Before Java 21 the scenario, looking for the JDK's virtual-thread executors, finds none and does nothing. */
    @Test
    @RequiresJava(below = 21, reason = "from Java 21 on the scenario finds virtual threads (theScenarioFindsVirtualThreads)")
    void olderJdksHaveNoVirtualThreads() {
        assertEquals("false", output().result("vthreads").get("available"), underAgent()::describe);
    }

    @Test
    @RequiresJava(min = 21, reason = ARRIVED)
    void theScenarioFindsVirtualThreads() {
        assertEquals("true", output().result("vthreads").get("available"), underAgent()::describe);
    }

    @Test
    @RequiresJava(min = 21, reason = ARRIVED)
    void knownWorkloadIsCountedExactly() {
        int tasks = INVOKE_ALL + INVOKE_ANY;
        Books.of(tasks, tasks, INVOKE_ALL_FAILURES, 0, 2).assertTerminated(output().stats("known"));
        ScenarioOutput.Line result = output().result("known");
        assertEquals(INVOKE_ALL_FAILURES, result.number("failedFutures"), result::text);
        assertEquals(2, result.number("refused"), result::text);
        assertTrue(result.flag("terminated"), result::text);
    }

    /**
     * Submitters racing {@code close()} ({@link VirtualThreadScenario}'s {@code closeRace}) in every
     * timing mode: under {@code adaptive} and {@code off} the executor's runs count on their own
     * threads without a pending entry, under {@code all} every task keeps one; either way the
     * books say exactly what the callers saw, refusals included.
     */
    @ParameterizedTest
    @ValueSource(strings = {"timing=adaptive", "timing=off", "timing=all"})
    @RequiresJava(min = 21, reason = ARRIVED)
    void submissionsRacingCloseAreCountedExactly(String timing) {
        ChildJvm.Result run = ChildJvm.running(VirtualThreadScenario.class, "closeRace").withAgent(timing).run()
                .requireSuccess();
        ScenarioOutput.Line result = run.output().result("closeRace");
        assertEquals(0, result.number("mismatches"), result::text);
        assertEquals(VirtualThreadScenario.RACE_ROUNDS * 3, result.number("refused"), result::text);
        assertTrue(result.number("accepted") >= VirtualThreadScenario.RACE_ROUNDS * 30, result::text);
        assertEquals("[]", run.futuristLines().toString(), run::describe);
    }

    /** Virtual threads have no name by default: the executor keeps its own, with the creation site of the application. */
    @Test
    @RequiresJava(min = 21, reason = ARRIVED)
    void unnamedVirtualThreadsLeaveTheExecutorItsOwnName() {
        ScenarioOutput.Line tracked = output().tracked("knownTracked");
        assertEquals(1, tracked.number("count"), tracked::text);
        assertEquals(THREAD_PER_TASK, tracked.get("type"), tracked::text);
        assertEquals("ThreadPerTaskExecutor#" + tracked.get("id"), tracked.get("name"), tracked::text);
        // The scenario builds it in a method of its own (by reflection: it compiles for Java 17).
        assertTrue(tracked.get("site").startsWith(VirtualThreadScenario.class.getName() + ".virtualThreadPerTask("),
                tracked::text);
    }

    @Test
    @RequiresJava(min = 21, reason = ARRIVED)
    void factoriesThatNameTheirThreadsNameTheExecutor() {
        for (String label : new String[] {"namedVirtual", "namedPlatform"}) {
            ScenarioOutput.Line named = output().stats(label);
            assertEquals(1, named.number("count"), named::text);
            assertEquals(THREAD_PER_TASK, named.get("type"), named::text);
            Books.of(1, 1, 0, 0, 0).assertTerminated(named);
        }
    }

    /** Futures cancelled before their threads reached the runner: queued until then, cancelled, never executed. */
    @Test
    @RequiresJava(min = 21, reason = ARRIVED)
    void futuresCancelledBeforeTheirThreadStartedAreCancelled() {
        ScenarioOutput.Line held = output().stats("heldBack");
        Books.of(HELD, 0, 0, 0, 0).and("queued", HELD).and("active", 0).and("poolSize", HELD).assertOn(held);
        assertEquals("absent", held.get("maximumPoolSize"), held::text);
        Books.of(HELD, HELD - CANCELLED, 0, CANCELLED, 0).assertTerminated(output().stats("cancelled"));
        ScenarioOutput.Line result = output().result("cancelled");
        assertEquals(CANCELLED, result.number("cancelled"), result::text);
        assertEquals(HELD - CANCELLED, result.number("ran"), result::text);
    }

    @Test
    @RequiresJava(min = 21, reason = ARRIVED)
    void shutdownNowEndsRunsThatStillCount() {
        Books.of(INTERRUPTED, INTERRUPTED, 1, 0, 0).assertTerminated(output().stats("shutdownNow"));
        ScenarioOutput.Line result = output().result("shutdownNow");
        assertEquals(0, result.number("returned"), result::text);
        assertTrue(result.flag("terminated"), result::text);
    }

    /** The scheduler carried every task and ten thousand parking virtual threads, and is no row of its own. */
    @Test
    @RequiresJava(min = 21, reason = ARRIVED)
    void virtualThreadSchedulerIsNoExecutorOfItsOwn() {
        assertEquals(VIRTUAL_THREADS, output().result("virtualThreads").number("joined"));
        ScenarioOutput.Line pools = output().tracked("forkJoinPools");
        // The common pool may be known (the JDK builds it with ForkJoinPool); no other pool may be.
        assertTrue(pools.number("count") == 0
                || pools.number("count") == 1 && pools.get("name").equals("ForkJoinPool.commonPool"), pools::text);
    }
}
