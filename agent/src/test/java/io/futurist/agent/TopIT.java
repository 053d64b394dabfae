package io.futurist.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.scenarios.HealthScenario;
import io.futurist.agent.testing.AgentCli;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.RunningChild;
import io.futurist.agent.testing.TmuxSession;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code top}: against a {@link HealthScenario} with a busy pool and a quiet one, the busy pool
 * is the first row — in one frame printed to a pipe ({@code --once}), and in the live view in a
 * real terminal (tmux), which Ctrl-C ends cleanly, with the terminal given back. A JVM that
 * exits under a running {@code top} ends it with one line and status 0; a terminal too narrow
 * is refused in one line.
 */
class TopIT {

    private static final Duration SCREEN_LIMIT = Duration.ofSeconds(60);
    private static RunningChild child;

    @BeforeAll
    static void startBusyAndQuietPools() {
        child = ChildJvm.running(HealthScenario.class, "live").withAgent().start();
        child.started();
        child.request("pools");
    }

    @AfterAll
    static void stopChild() {
        if (child != null) {
            child.close();
        }
    }

    @Test
    void onceToAPipePrintsOneFrameEightyColumnsWideBusiestFirst() {
        ChildJvm.Result once = AgentCli.run("top", child.pid(), "--once", "--interval", "1");
        assertEquals(0, once.exitCode(), once::describe);
        assertEquals("", once.stderr(), once::describe);
        List<String> lines = once.stdoutLines();
        assertTrue(lines.get(0).startsWith("futurist top: JVM " + child.pid() + ","), once::describe);
        assertTrue(lines.get(0).contains("p99 since start"), once::describe);
        assertFalse(lines.get(0).contains("Ctrl-C"), once::describe);
        assertTrue(lines.get(1).matches("name\\s+tasks/s\\s+active\\s+util\\s+queued\\s+rej/s\\s+p99 run\\s+fail/s"
                + "\\s+p99 queue"), lines.get(1));
        assertTrue(lines.get(2).startsWith("busy-*"), once::describe);
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("quiet-*")), once::describe);
        for (String line : lines) {
            assertTrue(line.length() <= 80, () -> "wider than 80 columns: '" + line + "'");
            assertFalse(line.contains("\u001b"), () -> "a terminal escape in a pipe: '" + line + "'");
        }
    }

    @Test
    void theLiveViewRefreshesInPlaceAndCtrlCEndsItCleanly() {
        Assumptions.assumeTrue(TmuxSession.unavailable() == null, TmuxSession.unavailable());
        try (TmuxSession terminal = TmuxSession.start(100, 30,
                AgentCli.command("top", child.pid(), "--interval", "1"), SCREEN_LIMIT)) {
            String screen = terminal.awaitScreen("a frame with the pools", s -> s.contains("busy-*") && s.contains("quiet-*"));
            List<String> rows = Arrays.asList(screen.split("\n"));
            assertTrue(rows.get(0).startsWith("futurist top: JVM " + child.pid()), screen);
            assertTrue(rows.get(0).contains("Ctrl-C quits"), screen);
            assertTrue(rows.get(2).startsWith("busy-*"), () -> "the busy pool is not the first row:\n" + screen);
            // In place: a second frame replaces the first instead of scrolling below it.
            String first = rows.get(0);
            String later = terminal.awaitScreen("the next frame", s -> !s.startsWith(first));
            assertEquals(1, later.split("futurist top:", -1).length - 1, () -> "frames scrolled:\n" + later);
            terminal.sendKeys("C-c");
            int status = terminal.awaitExit();
            String after = terminal.screen();
            assertEquals(130, status, after);
            assertFalse(after.contains("tasks/s"), () -> "the frame stayed on the screen:\n" + after);
            assertFalse(after.contains("Exception") || after.contains("\tat "), () -> "a stack trace:\n" + after);
        }
    }

    @Test
    void aTerminalTooNarrowIsRefusedInOneLine() {
        Assumptions.assumeTrue(TmuxSession.unavailable() == null, TmuxSession.unavailable());
        try (TmuxSession terminal = TmuxSession.start(50, 20, AgentCli.command("top", child.pid()), SCREEN_LIMIT)) {
            int status = terminal.awaitExit();
            String screen = terminal.screen();
            assertEquals(1, status, screen);
            assertTrue(screen.startsWith("futurist: the terminal is 50 columns wide; top needs at least 60"), screen);
        }
    }

    @Test
    void aJvmThatExitsEndsTopWithOneLine() {
        Assumptions.assumeTrue(TmuxSession.unavailable() == null, TmuxSession.unavailable());
        RunningChild leaving = ChildJvm.running(HealthScenario.class, "live").withAgent().start();
        leaving.started();
        try (TmuxSession terminal = TmuxSession.start(100, 30,
                AgentCli.command("top", leaving.pid(), "--interval", "1"), SCREEN_LIMIT)) {
            terminal.awaitScreen("a frame", s -> s.contains("futurist top: JVM " + leaving.pid()));
            leaving.finish().requireSuccess();
            int status = terminal.awaitExit();
            String screen = terminal.screen();
            assertEquals(0, status, screen);
            assertTrue(screen.startsWith("futurist: JVM " + leaving.pid() + " has exited\n"), screen);
        } finally {
            leaving.close();
        }
    }
}
