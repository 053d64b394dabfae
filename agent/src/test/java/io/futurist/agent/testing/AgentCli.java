package io.futurist.agent.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code java -jar futurist-agent.jar <args>}, run as a user runs it: a process of its own, on
 * the same JDK as the child JVMs it talks to ({@code futurist.test.java}), since the Attach API
 * of one JDK is meant for JVMs of that same JDK.
 */
public final class AgentCli {

    /** Longer than any command needs: an attach takes a second or two, even on a busy machine. */
    private static final Duration LIMIT = Duration.ofSeconds(60);
    /** How many command lines {@link #runAll} runs at the same time: enough to overlap their JVM start-up. */
    private static final int AT_ONCE = 4;

    private AgentCli() {
    }

    /** Runs the command line with {@code args} and returns what it did. */
    public static ChildJvm.Result run(Object... args) {
        return ChildJvm.execute(command(args), LIMIT, "futurist-agent.jar " + args.length + " args");
    }

    /**
     * Runs several command lines, {@value #AT_ONCE} at a time (each a process of its own);
     * results in the order given.
     */
    public static List<ChildJvm.Result> runAll(List<Object[]> commands) {
        List<Callable<ChildJvm.Result>> runs = new ArrayList<>();
        for (Object[] args : commands) {
            runs.add(() -> run(args));
        }
        return ChildJvm.inParallel(runs, AT_ONCE, "the command line could not be run");
    }

    /**
     * Runs the command line with {@code args} as the unprivileged user {@code nobody}
     * ({@code setpriv}), for a JVM that is not that user's; empty when that cannot be done here
     * (not root, no {@code setpriv}, no permission to switch users, or a jar or JDK that
     * {@code nobody} cannot reach).
     */
    public static Optional<ChildJvm.Result> runAsNobody(Object... args) {
        Path setpriv = Paths.get("/usr/bin/setpriv");
        if (!"root".equals(System.getProperty("user.name")) || !Files.isExecutable(setpriv)) {
            return Optional.empty();
        }
        List<String> asNobody = List.of(setpriv.toString(), "--reuid=65534", "--regid=65534", "--clear-groups", "--");
        // Only where nobody may switch users here and read the jar and run the JDK (a checkout
        // under a private home directory is out of its reach): otherwise nothing can be told.
        List<String> probe = new ArrayList<>(asNobody);
        probe.addAll(List.of("/bin/sh", "-c", "test -r \"$0\" && test -x \"$1\"",
                ChildJvm.agentJar().toString(), ChildJvm.java()));
        if (ChildJvm.execute(probe, LIMIT, "access check as nobody").exitCode() != 0) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>(asNobody);
        command.addAll(command(args));
        return Optional.of(ChildJvm.execute(command, LIMIT, "futurist-agent.jar as nobody"));
    }

    /** The command for {@code args}: the test JDK's {@code java -jar futurist-agent.jar args}. */
    public static List<String> command(Object... args) {
        List<String> command = new ArrayList<>();
        command.add(ChildJvm.java());
        command.add("-jar");
        command.add(ChildJvm.agentJar().toString());
        Arrays.stream(args).map(String::valueOf).forEach(command::add);
        return command;
    }

    /**
     * Asserts that the command succeeded with exit status 0, printed exactly one line on stdout
     * starting with {@code prefix}, and nothing on stderr.
     *
     * @return the line
     */
    public static String assertOneLineSuccess(ChildJvm.Result result, String prefix) {
        assertEquals(0, result.exitCode(), result::describe);
        assertEquals(List.of(), result.stderrLines(), result::describe);
        assertEquals(1, result.stdoutLines().size(), result::describe);
        String line = result.stdoutLines().get(0);
        assertTrue(line.startsWith(prefix), () -> "expected a line starting with '" + prefix + "'\n" + result.describe());
        return line;
    }

    /**
     * Asserts that the command failed the way the README promises: exit status {@code status},
     * nothing on stdout, and on stderr exactly one line, starting with {@code futurist:}, with no
     * stack trace, and containing each of {@code mentions} (ignoring case).
     *
     * @return the line
     */
    public static String assertOneLineFailure(ChildJvm.Result result, int status, String... mentions) {
        assertEquals(status, result.exitCode(), result::describe);
        assertEquals("", result.stdout(), result::describe);
        String[] lines = result.stderr().split("\\R", -1);
        int count = lines.length - (lines[lines.length - 1].isEmpty() ? 1 : 0);
        if (count != 1) {
            fail("expected exactly one line on stderr, got " + count + "\n" + result.describe());
        }
        String line = lines[0];
        assertTrue(line.startsWith("futurist: "), () -> "not a futurist: line\n" + result.describe());
        assertTrue(!line.contains("\tat ") && !line.matches(".*\\bat [\\w.$]+\\(.*"), () -> "a stack trace\n" + result.describe());
        for (String mention : mentions) {
            assertTrue(line.toLowerCase().contains(mention.toLowerCase()),
                    () -> "the line does not mention '" + mention + "'\n" + result.describe());
        }
        return line;
    }
}
