package io.futurist.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.scenarios.AgentThreadsScenario;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.ScenarioOutput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Host safety, no recursion or deadlock ({@link AgentThreadsScenario}): the agent's threads are
 * its own (the JMX publisher, the reader of idle times), named so that nobody mistakes them for
 * a pool's workers; its own work runs on no instrumented executor; it never waits on an application's lock; and a JVM with the exit report
 * on ends when told to, busy executors and all.
 */
class AgentThreadsIT {

    /** What the JDK's own pools call their threads; no agent thread may look like that. */
    private static final Pattern POOL_WORKER = Pattern.compile("^(pool-|ForkJoinPool|ForkJoinPool\\.commonPool-).*");
    private static final String OPEN_LANG = "--add-opens=java.base/java.lang=ALL-UNNAMED";
    /** Far beyond what ending takes even on a busy machine; a hang hits it. */
    private static final Duration EXIT_BOUND = Duration.ofSeconds(60);

    private static ChildJvm.Result without;
    private static ChildJvm.Result with;
    private static ChildJvm.Result exitFromMain;
    private static ChildJvm.Result exitFromWorker;

    @BeforeAll
    static void runScenarios() {
        ChildJvm inventory = ChildJvm.running(AgentThreadsScenario.class, "inventory").withJvmOptions(OPEN_LANG);
        List<ChildJvm.Result> results = ChildJvm.runAll(List.of(
                inventory,
                inventory.withAgent("report=exit"),
                ChildJvm.running(AgentThreadsScenario.class, "exit-main").withAgent("report=exit").timeout(EXIT_BOUND),
                ChildJvm.running(AgentThreadsScenario.class, "exit-worker").withAgent("report=exit").timeout(EXIT_BOUND)));
        without = results.get(0).requireSuccess();
        with = results.get(1).requireSuccess();
        exitFromMain = results.get(2);
        exitFromWorker = results.get(3);
    }

    @Test
    void theAgentAddsOnlyItsOwnThreadsNamedAfterItself() {
        TreeSet<String> added = names(with.output().line("threads", "start"));
        added.removeAll(names(without.output().line("threads", "start")));
        assertEquals("[futurist-health, futurist-jmx-publisher]", added.toString(), with::describe);
        TreeSet<String> hooks = names(with.output().line("threads", "hooks"));
        hooks.removeAll(names(without.output().line("threads", "hooks")));
        // No "Logging-Cleaner" either: the JDK registers that hook when java.util.logging initialises,
        // and the agent must not initialise it (see BehaviourUnchangedIT.theLoggingManagerIsStillTheApplicationsToChoose).
        assertEquals("[futurist-exit-report]", hooks.toString(), with::describe);
        List<String> all = new ArrayList<>(added);
        all.addAll(hooks);
        for (String name : all) {
            assertFalse(POOL_WORKER.matcher(name).matches(), () -> "an agent thread looks like a pool worker: " + name);
            assertTrue(name.startsWith("futurist-"), name);
        }
    }

    @Test
    void theAgentsThreadsAreDaemonsSoTheyNeverHoldTheJvmUp() {
        assertEquals("[futurist-health, futurist-jmx-publisher]",
                names(with.output().line("threads", "start"), "daemonAgentThreads").toString());
    }

    @Test
    void theAgentsOwnWorkRunsOnNoInstrumentedExecutor() {
        ScenarioOutput.Line ownWork = with.output().result("ownWork");
        assertEquals("true", ownWork.get("jmxPublished"), with::describe);
        assertEquals(0, ownWork.number("executorsKnown"), () -> "the agent used executors of its own: " + ownWork);
    }

    @Test
    void noAgentThreadEverWaitsOnAnApplicationLock() {
        ScenarioOutput.Line dumps = with.output().result("dumps");
        assertTrue(dumps.number("samples") >= 5 && dumps.number("agentThreadSightings") >= 5, dumps::text);
        assertEquals("true", dumps.get("ledgerBalanced"), dumps::text);
        assertEquals("none", dumps.get("suspicious"), dumps::text);
        assertEquals("[]", with.futuristLines().stream().filter(line -> !line.contains("statistics at exit"))
                .toList().toString(), with::describe);
    }

    @ParameterizedTest
    @ValueSource(strings = {"main", "worker"})
    void withTheExitReportOnAJvmWithBusyExecutorsEndsWhenToldTo(String from) {
        ChildJvm.Result run = from.equals("main") ? exitFromMain : exitFromWorker;
        assertFalse(run.timedOut(), () -> "did not end within " + EXIT_BOUND + "\n" + run.describe());
        assertEquals(3, run.exitCode(), run::describe);
        ScenarioOutput output = run.output();
        assertEquals(2, output.result("busy").number("fixedActive"), run::describe);
        assertEquals("true", output.result("hook").get("ran"), "the application's own exit hook ran: " + run.describe());
        List<String> lines = Arrays.asList(run.stderr().split("\\R"));
        int header = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("futurist: executor statistics at exit (")) {
                header = i;
            }
        }
        assertTrue(header >= 0, run::describe);
        String busyPool = lines.stream().filter(line -> line.startsWith("pool-1-thread-*")).findFirst().orElse("");
        assertTrue(busyPool.matches("pool-1-thread-\\*\\s+ThreadPoolExecutor\\s+yes\\s+102\\s+0\\s+0\\s+0\\s+0\\s+2\\s+100\\s.*"),
                () -> "the stuck pool's row: '" + busyPool + "'\n" + run.describe());
    }

    private static TreeSet<String> names(ScenarioOutput.Line line) {
        return names(line, "names");
    }

    private static TreeSet<String> names(ScenarioOutput.Line line, String key) {
        String names = line.get(key);
        return names.isEmpty() ? new TreeSet<>() : new TreeSet<>(Arrays.asList(names.split(",")));
    }
}
