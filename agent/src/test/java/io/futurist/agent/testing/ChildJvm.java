package io.futurist.agent.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A real child JVM running one scenario main class, with or without the Futurist agent.
 *
 * <p>The child is the JDK the build runs on ({@code futurist.test.java}), its class path is the
 * test classes only ({@code futurist.test.classes}) — like an application that never heard of
 * Futurist — unless {@link #withApiJar()} adds {@code futurist-api.jar}. Both output streams are
 * drained by their own threads while the child runs, so a child printing a lot never blocks; a
 * child still running after the timeout (60 s unless told) is killed and its result says so.
 *
 * <p>Instances are immutable: each {@code with*} returns a new one, so a test class can keep a
 * base configuration in a constant.
 */
public final class ChildJvm {

    /** The time a child may take unless {@link #timeout(Duration)} says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** Environment variables through which a developer's shell could change the child's output. */
    private static final List<String> JVM_ENVIRONMENT = Arrays.asList("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

    private final String mainClass;
    private final List<String> args;
    private final String agentOptions;
    private final boolean agent;
    private final boolean apiJar;
    private final List<String> jvmOptions;
    private final Duration timeout;
    private final List<Path> classPath;

    private ChildJvm(String mainClass, List<String> args, boolean agent, String agentOptions, boolean apiJar,
                     List<String> jvmOptions, Duration timeout, List<Path> classPath) {
        this.mainClass = mainClass;
        this.args = args;
        this.agent = agent;
        this.agentOptions = agentOptions;
        this.apiJar = apiJar;
        this.jvmOptions = jvmOptions;
        this.timeout = timeout;
        this.classPath = classPath;
    }

    /** A child running {@code mainClass} with {@code args}, without the agent. */
    public static ChildJvm running(Class<?> mainClass, String... args) {
        return running(mainClass.getName(), args);
    }

    /** A child running the class named {@code mainClass} with {@code args}, without the agent. */
    public static ChildJvm running(String mainClass, String... args) {
        return new ChildJvm(mainClass, List.of(args), false, null, false, List.of(), DEFAULT_TIMEOUT, List.of());
    }

    /** The same child with {@code -javaagent:futurist-agent.jar} and no options. */
    public ChildJvm withAgent() {
        return new ChildJvm(mainClass, args, true, null, apiJar, jvmOptions, timeout, classPath);
    }

    /** The same child with {@code -javaagent:futurist-agent.jar=options}. */
    public ChildJvm withAgent(String options) {
        return new ChildJvm(mainClass, args, true, options, apiJar, jvmOptions, timeout, classPath);
    }

    /** The same child with {@code futurist-api.jar} on its class path too. */
    public ChildJvm withApiJar() {
        return new ChildJvm(mainClass, args, agent, agentOptions, true, jvmOptions, timeout, classPath);
    }

    /** The same child with extra JVM options before the main class. */
    public ChildJvm withJvmOptions(String... options) {
        List<String> all = new ArrayList<>(jvmOptions);
        all.addAll(Arrays.asList(options));
        return new ChildJvm(mainClass, args, agent, agentOptions, apiJar, List.copyOf(all), timeout, classPath);
    }

    /**
     * The same child with {@code entries} appended to its class path (after the test classes
     * and the API jar), as a library of the application would be.
     */
    public ChildJvm withClassPath(Path... entries) {
        List<Path> all = new ArrayList<>(classPath);
        all.addAll(Arrays.asList(entries));
        return new ChildJvm(mainClass, args, agent, agentOptions, apiJar, jvmOptions, timeout, List.copyOf(all));
    }

    /** The same child with {@code arguments} for its main class instead. */
    public ChildJvm withArguments(String... arguments) {
        return new ChildJvm(mainClass, List.of(arguments), agent, agentOptions, apiJar, jvmOptions, timeout, classPath);
    }

    /** The same child with another time limit. */
    public ChildJvm timeout(Duration limit) {
        return new ChildJvm(mainClass, args, agent, agentOptions, apiJar, jvmOptions, limit, classPath);
    }

    /** The command line this child runs with. */
    public List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(java());
        if (agent) {
            String options = TimingUnderTest.addedTo(agentOptions);
            command.add("-javaagent:" + agentJar() + (options == null ? "" : "=" + options));
        }
        command.addAll(jvmOptions);
        command.add("-cp");
        String classPath = testClasses().toString();
        if (apiJar) {
            classPath += java.io.File.pathSeparator + apiJar();
        }
        for (Path entry : this.classPath) {
            classPath += java.io.File.pathSeparator + entry.toAbsolutePath();
        }
        command.add(classPath);
        command.add(mainClass);
        command.addAll(args);
        return Collections.unmodifiableList(command);
    }

    /** Starts the child, waits for it (killing it at the time limit), and returns what it did. */
    public Result run() {
        return execute(command(), timeout, mainClass);
    }

    /**
     * Starts the child and returns at once, with its stdin open: the test talks to it in lines
     * ({@link RunningChild#request(String)}) while it runs. The time limit applies to each
     * exchange and to its end ({@link RunningChild#finish()}).
     */
    public RunningChild start() {
        return RunningChild.start(command(), mainClass, timeout);
    }

    /**
     * Runs any {@code command} (a JVM or not) to its end, with stdin closed and both outputs
     * drained, killing it at {@code limit}.
     *
     * @param name what to call the process in thread names and messages
     */
    static Result execute(List<String> command, Duration limit, String name) {
        ProcessBuilder builder = processBuilder(command);
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // The child does not read stdin.
        }
        Drain stdout = Drain.start(process.getInputStream(), "stdout of " + name);
        Drain stderr = Drain.start(process.getErrorStream(), "stderr of " + name);
        boolean timedOut;
        String threadDump = "";
        try {
            timedOut = !process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (timedOut) {
                threadDump = threadDump(command, process.pid());
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor();
            }
            stdout.join();
            stderr.join();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + command, e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        return new Result(command, timedOut ? Result.TIMED_OUT : process.exitValue(), timedOut, took,
                stdout.text(), stderr.text() + threadDump);
    }

    /**
     * The threads of a hung child JVM, read with the {@code jcmd} beside its {@code java}
     * before it is killed: a time-out is otherwise a failure nobody can diagnose.
     */
    static String threadDump(List<String> command, long pid) {
        Path jcmd = Path.of(command.get(0)).resolveSibling("jcmd");
        if (!command.get(0).endsWith("java") || !Files.isExecutable(jcmd)) {
            return "";
        }
        Result dump = execute(List.of(jcmd.toString(), Long.toString(pid), "Thread.print"), Duration.ofSeconds(20),
                "jcmd " + pid);
        return "\n--- threads at the time-out (jcmd Thread.print) ---\n" + dump.stdout + dump.stderr;
    }

    /** A process builder for {@code command} whose environment cannot change the JVM's options. */
    static ProcessBuilder processBuilder(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        JVM_ENVIRONMENT.forEach(builder.environment()::remove);
        return builder;
    }

    /**
     * Runs several children at once (they are independent JVMs) and returns their results in
     * the order given: a test class that needs a few runs pays for about one.
     */
    public static List<Result> runAll(List<ChildJvm> children) {
        List<Callable<Result>> runs = new ArrayList<>();
        for (ChildJvm child : children) {
            runs.add(child::run);
        }
        return inParallel(runs, Runtime.getRuntime().availableProcessors(), "a child JVM could not be run");
    }

    /**
     * Runs {@code runs}, {@code atOnce} at a time, and returns their results in the order given.
     *
     * @param failure what to say if one of them fails to run at all
     */
    static List<Result> inParallel(List<Callable<Result>> runs, int atOnce, String failure) {
        ExecutorService runners = Executors.newFixedThreadPool(Math.max(1, Math.min(runs.size(), atOnce)));
        try {
            List<Future<Result>> futures = new ArrayList<>();
            for (Callable<Result> run : runs) {
                futures.add(runners.submit(run));
            }
            List<Result> results = new ArrayList<>();
            for (Future<Result> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(failure, e.getCause());
        } finally {
            runners.shutdownNow();
        }
    }

    /** The {@code java} executable of the JDK under test ({@code futurist.test.java}). */
    public static String java() {
        return requiredProperty("futurist.test.java");
    }

    /** The shaded agent jar the build just packaged. */
    public static Path agentJar() {
        Path jar = Paths.get(requiredProperty("futurist.agent.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no agent jar at " + jar + "; run the tests with 'mvn verify'");
        }
        return jar;
    }

    /** {@code api/target/futurist-api.jar}, found next to the agent module. */
    public static Path apiJar() {
        Path jar = agentJar().getParent().resolve("../../api/target/futurist-api.jar").normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no API jar at " + jar + "; build the api module first");
        }
        return jar;
    }

    private static Path testClasses() {
        return Paths.get(requiredProperty("futurist.test.classes")).toAbsolutePath();
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isEmpty() || value.startsWith("${")) {
            throw new IllegalStateException("system property " + name + " is not set; the agent's failsafe"
                    + " configuration passes it (run 'mvn verify')");
        }
        return value;
    }

    /** What a finished child did. */
    public static final class Result {

        /** The exit code reported for a child killed at its time limit. */
        public static final int TIMED_OUT = -1;

        private final List<String> command;
        private final int exitCode;
        private final boolean timedOut;
        private final Duration took;
        private final String stdout;
        private final String stderr;

        Result(List<String> command, int exitCode, boolean timedOut, Duration took, String stdout, String stderr) {
            this.command = command;
            this.exitCode = exitCode;
            this.timedOut = timedOut;
            this.took = took;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        /** The child's exit code, or {@link #TIMED_OUT}. */
        public int exitCode() {
            return exitCode;
        }

        /** Whether the child was killed at its time limit. */
        public boolean timedOut() {
            return timedOut;
        }

        /** Wall time from start to exit. */
        public Duration took() {
            return took;
        }

        /** Everything the child wrote to stdout. */
        public String stdout() {
            return stdout;
        }

        /** Everything the child wrote to stderr. */
        public String stderr() {
            return stderr;
        }

        /** The non-empty lines of stdout. */
        public List<String> stdoutLines() {
            return lines(stdout);
        }

        /** The non-empty lines of stderr. */
        public List<String> stderrLines() {
            return lines(stderr);
        }

        private static List<String> lines(String text) {
            List<String> lines = new ArrayList<>();
            for (String line : text.split("\\R")) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
            return lines;
        }

        /** The stderr lines the agent wrote: those starting with {@code futurist:}. */
        public List<String> futuristLines() {
            List<String> lines = new ArrayList<>();
            for (String line : stderr.split("\\R")) {
                if (line.startsWith("futurist:")) {
                    lines.add(line);
                }
            }
            return lines;
        }

        /** The scenario lines of stdout. */
        public ScenarioOutput output() {
            return ScenarioOutput.parse(stdout, describe());
        }

        /**
         * Fails unless the child exited with 0 in time.
         *
         * @return this, to chain
         */
        public Result requireSuccess() {
            if (timedOut || exitCode != 0) {
                throw new AssertionError("child JVM " + (timedOut ? "timed out" : "exited with " + exitCode)
                        + "\n" + describe());
            }
            return this;
        }

        /** Command and both outputs, for failure messages. */
        public String describe() {
            return "command: " + String.join(" ", command) + "\nexit: " + exitCode + " after " + took.toMillis()
                    + " ms\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }

    /** Reads one stream to its end on a thread of its own. */
    static final class Drain extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private volatile IOException failure;

        private Drain(InputStream in, String name) {
            super(name);
            this.in = in;
            setDaemon(true);
        }

        static Drain start(InputStream in, String name) {
            Drain drain = new Drain(in, name);
            drain.start();
            return drain;
        }

        @Override
        public void run() {
            try (InputStream stream = in) {
                stream.transferTo(bytes);
            } catch (IOException e) {
                failure = e;
            }
        }

        String text() {
            if (failure != null) {
                throw new UncheckedIOException("lost child output", failure);
            }
            return bytes.toString(StandardCharsets.UTF_8);
        }

        /** What was read so far, while the stream is still open. */
        String textSoFar() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
