package io.futurist.agent.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM that is still running, and the conversation with it: the test writes one command
 * per line to its stdin, the child answers with scenario lines and ends each answer with
 * {@code #done<TAB>id}. Startup is the answer with id {@value #STARTUP}.
 *
 * <p>Protocol, as {@code example.scenarios.LiveScenario} speaks it: the test sends
 * {@code <id> <command> <args...>}, with an id of its own choosing, and reads until the child's
 * {@code #done<TAB><id>}. The child ends when its stdin ends ({@link #finish()}). Nothing here
 * waits by time: every wait is for a line, bounded by the child's time limit.
 *
 * <p>Both streams are drained by their own threads, as for {@link ChildJvm#run()}; stdout is
 * also handed over line by line.
 */
public final class RunningChild implements AutoCloseable {

    /** The id of the answer a child gives when it has started. */
    public static final String STARTUP = "start";

    private static final String DONE = "#done\t";
    /** Put on the line queue when stdout ends. */
    private static final String END = new String("end of stdout");

    private final List<String> command;
    private final String name;
    private final Duration timeout;
    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> transcript = new ArrayList<>();
    private final ChildJvm.Drain stderr;
    private final Thread stdoutReader;
    private final long started = System.nanoTime();
    private int requests;

    private RunningChild(List<String> command, String name, Duration timeout, Process process) {
        this.command = command;
        this.name = name;
        this.timeout = timeout;
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.stderr = ChildJvm.Drain.start(process.getErrorStream(), "stderr of " + name);
        this.stdoutReader = new Thread(this::readStdout, "stdout of " + name);
        stdoutReader.setDaemon(true);
        stdoutReader.start();
    }

    static RunningChild start(List<String> command, String name, Duration timeout) {
        try {
            return new RunningChild(command, name, timeout, ChildJvm.processBuilder(command).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** The child's process id: what the command line is given. */
    public long pid() {
        return process.pid();
    }

    /** Whether the child still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until the child has started: its answer {@value #STARTUP}. */
    public ScenarioOutput started() {
        return awaitAnswer(STARTUP);
    }

    /**
     * Sends {@code command} (words separated by spaces) and returns the child's answer.
     *
     * @throws AssertionError if the child ends, or does not answer within its time limit
     */
    public ScenarioOutput request(String command) {
        String id = Integer.toString(++requests);
        try {
            stdin.write(id + " " + command + "\n");
            stdin.flush();
        } catch (IOException e) {
            throw new AssertionError("cannot send '" + command + "': the child is gone\n" + describe(), e);
        }
        return awaitAnswer(id);
    }

    /** Everything the child wrote to stderr so far. */
    public String stderr() {
        return stderr.textSoFar();
    }

    /**
     * Ends the conversation: closes the child's stdin, which tells it to finish, and waits for
     * it to exit (killing it at its time limit).
     */
    public ChildJvm.Result finish() {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // Already gone: its exit status says how.
        }
        boolean timedOut;
        String threadDump = "";
        try {
            timedOut = !process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (timedOut) {
                threadDump = ChildJvm.threadDump(command, process.pid());
                close();
                process.waitFor();
            }
            stdoutReader.join();
            stderr.join();
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
        return new ChildJvm.Result(command, timedOut ? ChildJvm.Result.TIMED_OUT : process.exitValue(), timedOut,
                Duration.ofNanos(System.nanoTime() - started), stdoutSoFar(), stderr.text() + threadDump);
    }

    /** Kills the child if it still runs; for clean-up after a failed test. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Command, conversation so far and stderr, for failure messages. */
    public String describe() {
        return "command: " + String.join(" ", command) + "\n" + (process.isAlive() ? "running" : "exit: " + process.exitValue())
                + " after " + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms\n--- stdout ---\n"
                + stdoutSoFar() + "\n--- stderr ---\n" + stderr();
    }

    private ScenarioOutput awaitAnswer(String id) {
        long deadline = System.nanoTime() + timeout.toNanos();
        StringBuilder answer = new StringBuilder();
        while (true) {
            String line;
            try {
                line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            if (line == null) {
                throw new AssertionError("no answer '" + id + "' from the child within " + timeout.toSeconds() + " s\n"
                        + describe());
            }
            if (line == END) {
                lines.add(END); // for whoever asks next
                throw new AssertionError("the child ended before answering '" + id + "'\n" + describe());
            }
            if (line.equals(DONE + id)) {
                return ScenarioOutput.parse(answer.toString(), "answer '" + id + "' of " + name + "\n" + describe());
            }
            answer.append(line).append('\n');
        }
    }

    private String stdoutSoFar() {
        synchronized (transcript) {
            return String.join("\n", transcript);
        }
    }

    private void readStdout() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                synchronized (transcript) {
                    transcript.add(line);
                }
                lines.add(line);
            }
        } catch (IOException e) {
            synchronized (transcript) {
                transcript.add("(stdout lost: " + e + ")");
            }
        } finally {
            lines.add(END);
        }
    }
}
