package io.futurist.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.scenarios.JdkContractScenario;
import example.scenarios.StartupSideEffectsScenario;
import io.futurist.agent.testing.Books;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.Java;
import io.futurist.agent.testing.RequiresJava;
import io.futurist.agent.testing.ScenarioOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Host safety, behaviour: everything the JDK specifies about its executors is the same with the
 * agent as without it ({@link JdkContractScenario} prints it; the run without the agent is the
 * oracle). On JDK 17 the same comparison runs again under a {@code SecurityManager} with a
 * permissive policy, which changes how the JDK's executors make threads and what they check.
 */
class BehaviourUnchangedIT {

    /** The first Java that needs more than {@code -Djava.security.manager} to enable a SecurityManager. */
    private static final int SECURITY_MANAGER_RETIRED = 18;
    private static final boolean SECURITY_MANAGER = Java.feature() < SECURITY_MANAGER_RETIRED;

    private static ChildJvm.Result without;
    private static ChildJvm.Result with;
    private static ChildJvm.Result withoutUnderSecurityManager;
    private static ChildJvm.Result withUnderSecurityManager;
    private static ChildJvm.Result startWithout;
    private static ChildJvm.Result startWith;

    @BeforeAll
    static void runScenarios() {
        ChildJvm base = ChildJvm.running(JdkContractScenario.class);
        ChildJvm start = ChildJvm.running(StartupSideEffectsScenario.class);
        List<ChildJvm> children = new ArrayList<>(List.of(base, base.withAgent(), start, start.withAgent()));
        if (SECURITY_MANAGER) {
            ChildJvm secured = base.withJvmOptions("-Djava.security.manager", "-Djava.security.policy==" + permissivePolicy());
            children.add(secured);
            children.add(secured.withAgent());
        }
        List<ChildJvm.Result> results = ChildJvm.runAll(children);
        results.forEach(ChildJvm.Result::requireSuccess);
        without = results.get(0);
        with = results.get(1);
        startWithout = results.get(2);
        startWith = results.get(3);
        if (SECURITY_MANAGER) {
            withoutUnderSecurityManager = results.get(4);
            withUnderSecurityManager = results.get(5);
        }
    }

    @Test
    void theScenarioRanToItsEnd() {
        assertEquals("true", without.output().result("done").get("ok"), without::describe);
        assertEquals("absent", without.output().env().get("futurist"));
        assertEquals("true", with.output().env().get("agentActive"), with::describe);
    }

    @Test
    void everythingTheJdkSpecifiesIsTheSameWithTheAgent() {
        assertSameResults(without, with);
    }

    @Test
    void theAgentSaysNothingAndCountedWhatItMustNotDisturb() {
        assertEquals("[]", with.futuristLines().toString(), with::describe);
        assertCounted(with.output());
    }

    @Test
    @RequiresJava(below = SECURITY_MANAGER_RETIRED, reason = "the SecurityManager can only be enabled on Java 17 without extra flags")
    void underASecurityManagerEverythingIsTheSameWithTheAgent() {
        assertEquals("true", withoutUnderSecurityManager.output().result("done").get("ok"),
                withoutUnderSecurityManager::describe);
        assertSameResults(withoutUnderSecurityManager, withUnderSecurityManager);
        assertEquals("[]", withUnderSecurityManager.futuristLines().toString(), withUnderSecurityManager::describe);
        assertCounted(withUnderSecurityManager.output());
    }

    @Test
    void theAgentAddsOnlyItsDocumentedSystemPropertiesAndLeavesHandlersAndLoadersAlone() {
        ScenarioOutput.Line plain = startWithout.output().result("found");
        ScenarioOutput.Line agent = startWith.output().result("found");
        TreeSet<String> added = new TreeSet<>(Arrays.asList(agent.get("properties").split(",")));
        added.removeAll(Arrays.asList(plain.get("properties").split(",")));
        added.remove("user.timezone"); // see theDefaultTimeZoneIsStillTheApplicationsToChoose
        assertEquals("[futurist.agent, io.futurist.agent.shaded.bytebuddy.safe]", added.toString(), startWith::describe);
        assertEquals(plain.get("uncaughtHandler"), agent.get("uncaughtHandler"));
        assertEquals("true", agent.get("contextLoaderIsSystemLoader"));
    }

    @Test
    void theLoggingManagerIsStillTheApplicationsToChoose() {
        assertEquals(StartupSideEffectsScenario.ApplicationLogManager.class.getName(),
                startWithout.output().result("logManager").get("class"), startWithout::describe);
        assertEquals(startWithout.output().result("logManager").text(), startWith.output().result("logManager").text());
    }

    /**
     * With {@code jmx=true} (the default) the agent makes no platform MBean server of its own: it
     * publishes into the one the application makes, after it chose its logging manager.
     */
    @Test
    void theAgentMakesNoMBeanServerAndPublishesIntoTheApplicationsOne() {
        assertEquals("0", startWithout.output().result("found").get("mbeanServers"), startWithout::describe);
        assertEquals("0", startWith.output().result("found").get("mbeanServers"), startWith::describe);
        assertEquals("true", startWith.output().result("jmx").get("agentPublished"), startWith::describe);
        assertEquals("[]", startWith.futuristLines().toString(), startWith::describe);
    }

    @Test
    void theDefaultTimeZoneIsStillTheApplicationsToChoose() {
        assertEquals("Pacific/Kiritimati", startWithout.output().result("timeZone").get("id"));
        assertEquals(startWithout.output().result("timeZone").text(), startWith.output().result("timeZone").text());
    }

    /** Line by line, so that a failure names the first line that differs. */
    private static void assertSameResults(ChildJvm.Result oracle, ChildJvm.Result agent) {
        List<String> expected = oracle.output().texts("result");
        List<String> actual = agent.output().texts("result");
        assertTrue(expected.size() >= 15, () -> "too few result lines: " + expected);
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            String want = i < expected.size() ? expected.get(i) : "(nothing)";
            String got = i < actual.size() ? actual.get(i) : "(nothing)";
            assertEquals(want, got, "result line " + i + " differs with the agent\n--- without the agent ---\n"
                    + oracle.describe() + "\n--- with the agent ---\n" + agent.describe());
        }
    }

    /** The agent really watched these executors: exact books, balanced after termination. */
    private static void assertCounted(ScenarioOutput output) {
        Books.of(6, 6, 0, 0, 1).assertTerminated(output.stats("counts"));
        Books.of(6, 1, 0, 5, 0).assertTerminated(output.stats("shutdownNow"));
        Books.of(7, 3, 0, 4, 0).assertTerminated(output.stats("remove"));
        Books.of(2, 2, 0, 0, 3).assertTerminated(output.stats("rejectCustom"));
        for (String label : List.of("scheduled", "scheduledPolicies", "decorated", "callers", "callersForkJoin",
                "forkJoin", "completablePool", "completableForkJoin")) {
            ScenarioOutput.Line line = output.stats(label);
            assertEquals("true", line.get("tracked"), line::text);
            assertEquals(line.number("submitted"), line.number("executed") + line.number("cancelled"),
                    () -> "books do not balance after termination: " + line.text());
        }
    }

    private static Path permissivePolicy() {
        try {
            Path policy = Files.createTempFile("futurist-permissive-", ".policy");
            policy.toFile().deleteOnExit();
            Files.writeString(policy, "grant {\n    permission java.security.AllPermission;\n};\n");
            return policy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
