package io.futurist.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.scenarios.FaultScenario;
import io.futurist.agent.testing.Books;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.ScenarioOutput;
import io.futurist.agent.testing.faults.FaultAgent;
import io.futurist.agent.testing.faults.RefusingMBeanServerBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Host safety, fault containment: {@link FaultScenario} runs its workload before and after a
 * fault is planted in the agent's own code by a second, test-only agent ({@link FaultAgent}),
 * or while the platform MBean server refuses the agent's MBeans
 * ({@link RefusingMBeanServerBuilder}). The application's results never change; the agent says
 * one line per kind of failure, not per task, and what does not depend on the broken part goes
 * on. To save JVMs, each run carries one planted fault in the statistics (and the histogram run
 * also a failing exit report) and one JMX refusal, which touch different parts and say different
 * lines.
 */
class FaultContainmentIT {

    private static ChildJvm.Result baseline;
    /** A broken clock, and JMX refusing every executor's MBean. */
    private static ChildJvm.Result clock;
    /**
     * A throwing histogram and a failing exit report, and JMX refusing the first executor's MBean
     * (an executor alive throughout).
     */
    private static ChildJvm.Result histogram;
    /** A full registry, and JMX refusing the agent's own MBean. */
    private static ChildJvm.Result registry;

    @BeforeAll
    static void runScenarios() throws IOException {
        Path faultAgent = faultAgentJar();
        ChildJvm faulty = ChildJvm.running(FaultScenario.class).withAgent()
                .withJvmOptions("-javaagent:" + faultAgent, "-Dnet.bytebuddy.safe=true",
                        "-Djavax.management.builder.initial=" + RefusingMBeanServerBuilder.class.getName())
                .withClassPath(byteBuddyJar());
        List<ChildJvm.Result> results = ChildJvm.runAll(List.of(
                ChildJvm.running(FaultScenario.class, "none"),
                withArgs(faulty, "clock").withJvmOptions("-Dfuturist.test.refuse=executors"),
                withArgs(faulty.withAgent("report=exit"), "histogram,report", "anchor")
                        .withJvmOptions("-Dfuturist.test.refuse=first"),
                withArgs(faulty, "registry").withJvmOptions("-Dfuturist.test.refuse=all")));
        results.forEach(ChildJvm.Result::requireSuccess);
        baseline = results.get(0);
        clock = results.get(1);
        histogram = results.get(2);
        registry = results.get(3);
    }

    @Test
    void theApplicationsResultsNeverChange() {
        List<String> expected = phaseResults(baseline);
        assertEquals(3, expected.size(), baseline::describe);
        assertEquals(1, new HashSet<>(expected).size(), () -> "the workload is not deterministic: " + expected);
        for (ChildJvm.Result run : List.of(clock, histogram, registry)) {
            assertEquals(expected, phaseResults(run), run::describe);
            assertFalse(run.stderr().contains("faultagent:"), () -> "a fault could not be planted\n" + run.describe());
        }
    }

    @Test
    void theFaultsWerePlantedInTheAgentsBootstrapClasses() {
        for (ChildJvm.Result run : List.of(clock, histogram, registry)) {
            ScenarioOutput.Line armed = run.output().result("armed");
            assertEquals("true", armed.get("armed"), run::describe);
            assertEquals("true", armed.get("bootstrapCopy"), run::describe);
        }
    }

    @Test
    void aBrokenClockCostsOneLinePerHookAndCreationAndShutdownAreStillTracked() {
        List<String> lines = faultLines(clock, "clock");
        assertTrue(lines.size() >= 1 && lines.size() <= 4, () -> lines + "\n" + clock.describe());
        assertEquals(clock.futuristLines().stream().filter(line -> !line.contains("JMX")).collect(Collectors.toList()),
                lines, "every line the agent said is about the fault (or the JMX refusal)");
        ScenarioOutput.Line after = clock.output().stats("phase3-pool");
        assertEquals("true", after.get("tracked"), "executors built after the fault are still registered");
        assertEquals("false", after.get("alive"), "shutdown is still tracked");
    }

    @Test
    void aThrowingHistogramCostsOneLineAndSubmissionsAreStillCountedExactly() {
        List<String> lines = faultLines(histogram, "histogram");
        assertEquals(1, lines.size(), histogram::describe);
        assertTrue(lines.get(0).contains("timing task runs"), lines::toString);
        Books.of(256, 253, 1, 3, 0).assertTerminated(histogram.output().stats("phase1-pool"));
        for (String phase : List.of("phase2", "phase3")) {
            ScenarioOutput output = histogram.output();
            assertEquals(256, output.stats(phase + "-pool").number("submitted"), phase);
            assertEquals(20, output.stats(phase + "-scheduled").number("submitted"), phase);
            assertEquals(53, output.stats(phase + "-forkJoin").number("submitted"), phase);
        }
    }

    /**
     * Once run timing is off, runs are still counted (without their times), so the conservation
     * law of docs/CONTRACT.md §3 keeps holding: nothing that ran is counted cancelled, nothing stays active.
     */
    @Test
    void afterRunTimingIsOffRunsAreStillCountedAndTheBooksBalance() {
        ScenarioOutput output = histogram.output();
        for (String phase : List.of("phase2", "phase3")) {
            Books.of(256, 253, 1, 3, 0).assertTerminated(output.stats(phase + "-pool"));
            Books.of(20, 20, 0, 0, 0).assertTerminated(output.stats(phase + "-scheduled"));
            Books.of(53, 53, 0, 0, 0).assertTerminated(output.stats(phase + "-forkJoin"));
            Books.of(1, 1, 0, 0, 0).and("active", 0).and("queued", 0).assertOn(output.stats(phase + "-live"));
        }
    }

    @Test
    void aFullRegistryCostsAtMostOneLinePerHook() {
        List<String> lines = faultLines(registry, "registry");
        assertTrue(lines.size() >= 1 && lines.size() <= 4, () -> lines + "\n" + registry.describe());
        Books.of(256, 253, 1, 3, 0).assertTerminated(registry.output().stats("phase1-pool"));
    }

    @Test
    void aFailingExitReportCostsOneLineAndTheJvmStillExitsNormally() {
        List<String> lines = faultLines(histogram, "report");
        assertEquals(1, lines.size(), histogram::describe);
        assertTrue(lines.get(0).startsWith("futurist: could not print the exit report"), lines::toString);
        assertFalse(histogram.stderr().contains("futurist: executor statistics at exit"), histogram::describe);
        assertEquals(0, histogram.exitCode());
    }

    @Test
    void aRefusedAgentMBeanCostsOneLineAndStatisticsAreStillRecorded() {
        List<String> lines = registry.futuristLines().stream().filter(line -> line.contains("JMX")).collect(Collectors.toList());
        assertEquals(1, lines.size(), registry::describe);
        assertTrue(lines.get(0).startsWith("futurist: JMX publication is off"), lines::toString);
        Books.of(256, 253, 1, 3, 0).assertTerminated(registry.output().stats("phase1-pool"));
    }

    @Test
    void refusedExecutorMBeansLeaveTheStatisticsAlone() {
        Books.of(256, 253, 1, 3, 0).assertTerminated(clock.output().stats("phase1-pool"));
        for (String phase : List.of("phase1", "phase2", "phase3")) {
            assertEquals(0, clock.output().result("published-" + phase).number("mbeans"));
        }
    }

    @Test
    void refusedExecutorMBeansCostOneLineInAll() {
        List<String> lines = clock.futuristLines().stream().filter(line -> line.contains("JMX")).collect(Collectors.toList());
        assertEquals(1, lines.size(), clock::describe);
    }

    @Test
    void oneRefusedExecutorMBeanDoesNotHideTheOthers() {
        for (String phase : List.of("phase1", "phase2", "phase3")) {
            ScenarioOutput.Line published = histogram.output().result("published-" + phase);
            assertEquals(published.number("liveExecutors") - 1, published.number("mbeans"), published::text);
        }
    }

    // ----- helpers

    private static ChildJvm withArgs(ChildJvm template, String... args) {
        return template.withArguments(args);
    }

    /** The values of {@code #result phase1..3}, without their labels. */
    private static List<String> phaseResults(ChildJvm.Result run) {
        return run.output().texts("result").stream().filter(text -> text.startsWith("#result\tphase"))
                .map(text -> text.substring(text.indexOf('\t', "#result\t".length()) + 1)).collect(Collectors.toList());
    }

    /** The agent's lines about the fault {@code kind}; fails if the agent said something about no fault. */
    private static List<String> faultLines(ChildJvm.Result run, String kind) {
        List<String> lines = run.futuristLines().stream().filter(line -> line.contains("futurist test fault: " + kind))
                .collect(Collectors.toList());
        assertEquals(lines.size(), new HashSet<>(lines).size(), () -> "the same line twice: " + lines);
        return lines;
    }

    private static Path byteBuddyJar() {
        try {
            return Paths.get(net.bytebuddy.ByteBuddy.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A jar holding only a manifest: the agent's classes come from the child's class path. */
    private static Path faultAgentJar() throws IOException {
        Path jar = Files.createTempFile("futurist-fault-agent-", ".jar");
        jar.toFile().deleteOnExit();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", FaultAgent.class.getName());
        manifest.getMainAttributes().putValue("Can-Retransform-Classes", "true");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream manifestOnly = new JarOutputStream(out, manifest)) {
            manifestOnly.flush();
        }
        return jar;
    }
}
