package io.futurist.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.scenarios.LiveScenario;
import io.futurist.agent.testing.AgentCli;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.RunningChild;
import io.futurist.agent.testing.ScenarioOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way to get the command line wrong: each costs exactly one {@code futurist:} line on
 * stderr, no stack trace, and exit status 2 (bad arguments) or 1 (the target could not do it)
 * — and the JVM the command was aimed at, a running {@link LiveScenario} without the agent,
 * goes on with its work as if nothing happened. A process that is not a JVM ({@code sleep}) is
 * not even knocked at: the Attach API's {@code SIGQUIT} would have killed it.
 */
class CliBadInputIT {

    /** Far above any pid this machine hands out ({@code /proc/sys/kernel/pid_max} is at most 2^22). */
    private static final String NO_SUCH_PID = "99999999";
    private static final String SLEEP = "<sleep>";
    private static final String CHILD = "<child>";

    /** What a case runs, the exit status it must end with, and what its one line must mention. */
    private record Case(String label, List<String> args, int status, List<String> mentions) {
        @Override
        public String toString() {
            return label;
        }
    }

    private static final List<Case> CASES = List.of(
            new Case("no arguments", List.of(), 2, List.of("--help")),
            new Case("unknown command", List.of("frobnicate", CHILD), 2, List.of("unknown command", "frobnicate")),
            new Case("pid not a number", List.of("attach", "abc"), 2, List.of("'abc'", "not a process id")),
            new Case("negative pid", List.of("attach", "-5"), 2, List.of("'-5'")),
            new Case("attach without pid", List.of("attach"), 2, List.of("usage")),
            new Case("attach with too many arguments", List.of("attach", CHILD, "jmx=true", "more"), 2, List.of("usage")),
            new Case("invalid option value", List.of("attach", CHILD, "report=maybe"), 2, List.of("report", "maybe")),
            new Case("unknown option", List.of("attach", CHILD, "colour=red"), 2, List.of("colour")),
            new Case("stats without pid", List.of("stats", "--json"), 2, List.of("usage")),
            new Case("stats --sort without a field", List.of("stats", CHILD, "--sort"), 2, List.of("--sort", "usage")),
            new Case("stats --sort by no such field", List.of("stats", CHILD, "--sort", "speed"), 2,
                    List.of("no field 'speed'", "executed", "queued")),
            new Case("attach to no such process", List.of("attach", NO_SUCH_PID), 1, List.of("no process", NO_SUCH_PID)),
            new Case("detach from no such process", List.of("detach", NO_SUCH_PID), 1, List.of("no process")),
            new Case("attach to a process that is not a JVM", List.of("attach", SLEEP), 1, List.of("not a JVM")),
            new Case("stats of a process that is not a JVM", List.of("stats", SLEEP), 1, List.of("not a JVM")),
            new Case("stats of a JVM without the agent", List.of("stats", CHILD), 1, List.of("not active", "attach")),
            new Case("stats --json of a JVM without the agent", List.of("stats", CHILD, "--json"), 1, List.of("not active")),
            new Case("detach from a JVM without the agent", List.of("detach", CHILD), 1, List.of("not active")),
            new Case("top without pid", List.of("top", "--once"), 2, List.of("usage: top")),
            new Case("top with an interval that is not a number", List.of("top", CHILD, "--interval", "soon"), 2,
                    List.of("--interval", "'soon'")),
            new Case("top with an interval of zero", List.of("top", CHILD, "--interval", "0"), 2, List.of("--interval")),
            new Case("top without an interval's value", List.of("top", CHILD, "--interval"), 2, List.of("--interval")),
            new Case("top with an unknown option", List.of("top", CHILD, "--fast"), 2, List.of("'--fast'")),
            new Case("top of a process that is not a JVM", List.of("top", SLEEP, "--once"), 1, List.of("not a JVM")),
            new Case("top of a JVM without the agent", List.of("top", CHILD, "--once"), 1, List.of("not active", "attach")),
            new Case("leaks without pid", List.of("leaks", "--json"), 2, List.of("usage: leaks")),
            new Case("leaks with an idle time that is not a number", List.of("leaks", CHILD, "--idle", "-3"), 2,
                    List.of("--idle", "'-3'")),
            new Case("leaks of no such process", List.of("leaks", NO_SUCH_PID), 1, List.of("no process")),
            new Case("leaks of a process that is not a JVM", List.of("leaks", SLEEP), 1, List.of("not a JVM")),
            new Case("leaks of a JVM without the agent", List.of("leaks", CHILD), 1, List.of("not active", "attach")));

    private static RunningChild child;
    private static Process sleep;
    private static final Map<String, ChildJvm.Result> RESULTS = new LinkedHashMap<>();
    private static ChildJvm.Result help;
    private static boolean sleepAliveAfterwards;
    private static ScenarioOutput afterwards;
    private static ScenarioOutput end;
    private static ChildJvm.Result finished;
    /** The attach of a user who does not own the child; empty where this test cannot switch users. */
    private static Optional<ChildJvm.Result> otherUser;

    @BeforeAll
    static void runEveryCase() throws IOException {
        child = ChildJvm.running(LiveScenario.class).start();
        child.started();
        sleep = new ProcessBuilder("sleep", "60").start();
        List<Object[]> commands = new ArrayList<>();
        for (Case each : CASES) {
            commands.add(each.args().stream()
                    .map(arg -> arg.equals(CHILD) ? String.valueOf(child.pid()) : arg.equals(SLEEP) ? String.valueOf(sleep.pid()) : arg)
                    .toArray());
        }
        commands.add(new Object[] {"--help"});
        List<ChildJvm.Result> results = AgentCli.runAll(commands);
        for (int i = 0; i < CASES.size(); i++) {
            RESULTS.put(CASES.get(i).label(), results.get(i));
        }
        help = results.get(CASES.size());
        otherUser = AgentCli.runAsNobody("attach", child.pid());
        sleepAliveAfterwards = sleep.isAlive();
        afterwards = child.request("batch afterwards 100");
        end = child.request("end");
        finished = child.finish();
    }

    @AfterAll
    static void stopProcesses() {
        if (sleep != null) {
            sleep.destroyForcibly();
        }
        if (child != null) {
            child.close();
        }
    }

    static Stream<Case> cases() {
        return CASES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void failsWithOneLineAndItsExitStatus(Case bad) {
        AgentCli.assertOneLineFailure(RESULTS.get(bad.label()), bad.status(), bad.mentions().toArray(new String[0]));
    }

    @Test
    void helpExplainsTheCommandsAndDynamicAgentLoading() {
        assertEquals(0, help.exitCode(), help::describe);
        assertEquals("", help.stderr(), help::describe);
        String text = help.stdout();
        for (String mention : List.of("attach <pid>", "stats <pid>", "--json", "detach <pid>", "top <pid>", "--once",
                "--interval", "leaks <pid>", "--idle", "-XX:+EnableDynamicAgentLoading",
                "-XX:-EnableDynamicAgentLoading", "report=", "jmx=")) {
            assertTrue(text.contains(mention), () -> "--help does not mention " + mention + ":\n" + text);
        }
    }

    @Test
    void aJvmOfAnotherUserIsRefusedInOneLine() {
        Assumptions.assumeTrue(otherUser.isPresent(), "needs root and setpriv to run the command line as another user");
        AgentCli.assertOneLineFailure(otherUser.get(), 1, "another user", "attach as the user that runs it");
    }

    @Test
    void aProcessThatIsNotAJvmIsNotKnockedAt() {
        assertTrue(sleepAliveAfterwards, "the sleep process died: the command line sent it SIGQUIT");
    }

    @Test
    void theTargetJvmWorksOnUnharmedAndWithoutTheAgent() {
        finished.requireSuccess();
        for (String pool : List.of("busy", "busyfj", "idle", "idlefj")) {
            ScenarioOutput.Line result = afterwards.result("afterwards-" + pool);
            assertEquals(100, result.number("tasks"), result::text);
            assertEquals(0, result.number("lost"), result::text);
            assertEquals(0, result.number("twice"), result::text);
            assertEquals(0, result.number("wrong"), result::text);
        }
        assertEquals("absent", end.env().get("futurist"), "no agent was loaded: " + end.env());
        assertEquals(List.of(), finished.futuristLines(), finished::describe);
        assertFalse(finished.stderr().contains("loaded dynamically"), finished::describe);
    }
}
