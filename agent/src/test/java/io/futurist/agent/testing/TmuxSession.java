package io.futurist.agent.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A real terminal for a test: a detached {@code tmux} session of a known size running one
 * command, whose screen the test reads ({@code capture-pane}) and types into
 * ({@code send-keys}). Each session has a tmux server of its own (its own socket), so tests
 * running at the same time, and a developer's own tmux, never see each other.
 *
 * <p>The command runs under {@code sh}, which catches Ctrl-C (so that it survives the
 * command's interruption) and prints {@value #EXIT_MARK}{@code <status>} when the command ends;
 * {@link #awaitExit()} reads that status from the screen.
 */
public final class TmuxSession implements AutoCloseable {

    /** What the screen shows once the command has ended, followed by its exit status. */
    public static final String EXIT_MARK = "command-exit=";
    private static final AtomicInteger SESSIONS = new AtomicInteger();
    private static final long COMMAND_SECONDS = 30;

    private final String socket;
    private final Duration limit;

    private TmuxSession(String socket, Duration limit) {
        this.socket = socket;
        this.limit = limit;
    }

    /** Why tmux cannot be used here, or {@code null} when it can. */
    public static String unavailable() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Paths.get(dir, "tmux"))) {
                return null;
            }
        }
        return "tmux is not installed (apt-get install -y tmux); this test needs a real terminal";
    }

    /** Starts {@code command} in a terminal of {@code columns} by {@code rows}. */
    public static TmuxSession start(int columns, int rows, List<String> command, Duration limit) {
        String socket = "futurist-test-" + ProcessHandle.current().pid() + "-" + SESSIONS.incrementAndGet();
        TmuxSession session = new TmuxSession(socket, limit);
        String script = "trap : INT; " + quoted(command) + "; echo " + EXIT_MARK + "$?; sleep 600";
        session.tmux("new-session", "-d", "-s", "test", "-x", Integer.toString(columns), "-y", Integer.toString(rows),
                "sh -c " + quote(script));
        return session;
    }

    /** The screen now, one string with a line per row (a line the terminal wrapped is one). */
    public String screen() {
        return tmux("capture-pane", "-p", "-J", "-t", "test");
    }

    /** Types {@code keys} (tmux's key names, e.g. {@code C-c}). */
    public void sendKeys(String keys) {
        tmux("send-keys", "-t", "test", keys);
    }

    /**
     * Waits until the screen satisfies {@code wanted} (polled, up to the session's limit).
     *
     * @return the screen that did
     * @throws AssertionError naming {@code what} and showing the last screen, at the limit
     */
    public String awaitScreen(String what, Predicate<String> wanted) {
        long deadline = System.nanoTime() + limit.toNanos();
        String screen = screen();
        while (!wanted.test(screen)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the terminal never showed " + what + " within " + limit.toSeconds()
                        + " s; its screen:\n" + screen);
            }
            try {
                Thread.sleep(100); // polling another process's screen: there is nothing to wait on
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", interrupted);
            }
            screen = screen();
        }
        return screen;
    }

    /** Waits for the command to end and returns its exit status. */
    public int awaitExit() {
        String screen = awaitScreen("the command's end", s -> s.contains(EXIT_MARK));
        String rest = screen.substring(screen.indexOf(EXIT_MARK) + EXIT_MARK.length()).trim();
        return Integer.parseInt(rest.split("\\s+")[0]);
    }

    @Override
    public void close() {
        try {
            tmux("kill-server");
        } catch (AssertionError alreadyGone) {
            // The server ends with its last session.
        }
    }

    private String tmux(String... args) {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new AssertionError("tmux " + String.join(" ", args) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String quoted(List<String> command) {
        List<String> words = new ArrayList<>();
        for (String word : command) {
            words.add(quote(word));
        }
        return String.join(" ", words);
    }

    /** {@code text} as one word for {@code sh}. */
    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
