package io.futurist.agent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Where {@code top} draws: whether standard output is a terminal, how wide and high it is, and
 * the few ANSI sequences that redraw a frame in place.
 *
 * <p>How it tells, robustly on Linux and macOS without native code: {@code [ -t 1 ]} run by
 * {@code sh} with this process's own standard output says whether that is a terminal; the size
 * comes from {@code stty size} on {@code /dev/tty}, read again for every frame so that a resized
 * window is followed. An explicit {@code COLUMNS} in the environment wins over both (the user
 * asked for it); output that is not a terminal, say a pipe, is 80 columns wide. Where
 * {@code sh} or {@code stty} are missing, output counts as not a terminal.
 *
 * <p>The live view draws on the terminal's alternate screen with the cursor hidden, as
 * {@code top} and {@code less} do, and {@link #restore()} gives the terminal back as it was.
 */
final class Terminal {

    /** The width assumed for output that is not a terminal. */
    static final int DEFAULT_COLUMNS = 80;

    private static final String ALTERNATE_SCREEN = "\u001b[?1049h";
    private static final String MAIN_SCREEN = "\u001b[?1049l";
    private static final String HIDE_CURSOR = "\u001b[?25l";
    private static final String SHOW_CURSOR = "\u001b[?25h";
    private static final String HOME_AND_CLEAR = "\u001b[H\u001b[2J";
    private static final long PROBE_SECONDS = 5;

    private final boolean interactive;
    private final PrintStream out;
    private boolean entered;

    private Terminal(boolean interactive, PrintStream out) {
        this.interactive = interactive;
        this.out = out;
    }

    /** The terminal behind standard output, if it is one. */
    static Terminal of(PrintStream out) {
        return new Terminal(out == System.out && run("[ -t 1 ]", true) != null, out);
    }

    /** Whether frames can be redrawn in place. */
    boolean interactive() {
        return interactive;
    }

    /** Columns: {@code COLUMNS} if set, else the terminal's, else {@value #DEFAULT_COLUMNS}. */
    int columns() {
        Integer explicit = positive(System.getenv("COLUMNS"));
        if (explicit != null) {
            return explicit;
        }
        int[] size = interactive ? size() : null;
        return size != null ? size[1] : DEFAULT_COLUMNS;
    }

    /** Rows: {@code LINES} if set, else the terminal's; 0 when unknown (no limit). */
    int rows() {
        Integer explicit = positive(System.getenv("LINES"));
        if (explicit != null) {
            return explicit;
        }
        int[] size = interactive ? size() : null;
        return size != null ? size[0] : 0;
    }

    /** Switches to the alternate screen and hides the cursor, until {@link #restore()}. */
    synchronized void enter() {
        if (interactive && !entered) {
            out.print(ALTERNATE_SCREEN + HIDE_CURSOR);
            out.flush();
            entered = true;
        }
    }

    /** Shows {@code frame}: in place on a terminal, else after the previous one. */
    synchronized void draw(String frame) {
        if (entered) {
            out.print(HOME_AND_CLEAR + frame);
        } else {
            out.print(frame);
            out.println();
        }
        out.flush();
    }

    /** Gives the terminal back as it was: main screen, cursor shown. Safe to call twice, and from a shutdown hook. */
    synchronized void restore() {
        if (entered) {
            out.print(SHOW_CURSOR + MAIN_SCREEN);
            out.flush();
            entered = false;
        }
    }

    private static int[] size() {
        String answer = run("stty size < /dev/tty", false);
        if (answer == null) {
            return null;
        }
        String[] parts = answer.trim().split("\\s+");
        if (parts.length != 2) {
            return null;
        }
        Integer rows = positive(parts[0]);
        Integer columns = positive(parts[1]);
        return rows == null || columns == null ? null : new int[] {rows, columns};
    }

    /**
     * Runs {@code script} with {@code sh}; its standard output, or {@code null} when it failed.
     *
     * @param inheritOutput give it this process's standard output (to test it) instead of reading its own
     */
    private static String run(String script, boolean inheritOutput) {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", script)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.INHERIT);
        if (inheritOutput) {
            builder.redirectOutput(ProcessBuilder.Redirect.INHERIT);
        }
        try {
            Process process = builder.start();
            String text = "";
            if (!inheritOutput) {
                try (InputStream in = process.getInputStream()) {
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            if (!process.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            return process.exitValue() == 0 ? text : null;
        } catch (IOException | RuntimeException unavailable) {
            return null;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static Integer positive(String text) {
        if (text == null) {
            return null;
        }
        try {
            int value = Integer.parseInt(text.trim());
            return value > 0 ? value : null;
        } catch (NumberFormatException notNumber) {
            return null;
        }
    }
}
