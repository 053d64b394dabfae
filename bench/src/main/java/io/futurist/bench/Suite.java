package io.futurist.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the whole suite on the JDK it runs on and writes the results: every JMH case in each of
 * its variants (bare JVM, JVM with {@code -javaagent}, Micrometer's and Dropwizard's wrappers),
 * then start-up time, heap per executor and executor churn in child JVMs.
 *
 * <p>Why one driver rather than JMH's own command line: the agent's case needs a fork with
 * {@code -javaagent}, the bare case one without, and their ratio is only meaningful if both are
 * measured close together on a machine whose load drifts. So the variants of a case run back
 * to back, one fork each, and each round runs them in the opposite order of the round before;
 * a variant's score pools the measurement iterations of all rounds.
 *
 * <p>Usage: {@code java -jar futurist-bench.jar --agent AGENT_JAR --demo DEMO_JAR --results DIR
 * [--rounds 2] [--warmup 3] [--iterations 5] [--seconds 1] [--startup-runs 10] [--only REGEX]
 * [--no-extras] [--page-only]}. Writes {@code DIR/results/jdkN.md} and rebuilds {@code DIR/RESULTS.md}
 * from every {@code jdk*.md} there ({@code --page-only}: only that).
 */
public final class Suite {

    /**
     * JVM options of every fork: a fixed heap, so GC behaves alike across variants, touched at
     * start. Without the pre-touch, every page of a young generation of hundreds of MB faults
     * on first allocation (costly in a VM) until the first collections have cycled it: a
     * benchmark that allocates a few KB per operation measured 40–80 µs instead of 2 µs for
     * its first seconds, and the wrappers, which allocate per task, would pay more of it.
     */
    static final List<String> FORK_JVM_ARGS = List.of("-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch");

    private final Map<String, String> options;
    private final String agentJar;
    private final int feature = Runtime.version().feature();
    private final Map<String, List<Double>> iterations = new LinkedHashMap<>();
    private final Map<String, String> units = new LinkedHashMap<>();
    /** CPU nanoseconds per task of each measurement iteration, where the benchmark counts them ({@link CpuCost}). */
    private final Map<String, List<Double>> cpuPerTask = new LinkedHashMap<>();
    private final Map<String, String> failures = new LinkedHashMap<>();

    private Suite(Map<String, String> options) {
        this.options = options;
        this.agentJar = Path.of(options.getOrDefault("agent", "agent/target/futurist-agent.jar")).toAbsolutePath().toString();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + args[i]);
            }
            String key = args[i].substring(2);
            options.put(key, key.equals("no-extras") || key.equals("page-only") ? "true" : args[++i]);
        }
        new Suite(options).run();
    }

    private void run() throws Exception {
        if (options.containsKey("page-only")) {
            // Rebuild RESULTS.md from the sections already there, without measuring anything.
            Path dir = Path.of(options.getOrDefault("results", "bench"));
            Files.writeString(dir.resolve("RESULTS.md"), Report.page(dir.resolve("results")));
            return;
        }
        Instant started = Instant.now();
        String loadAtStart = Machine.loadAverage();
        Pattern only = Pattern.compile(options.getOrDefault("only", ".*"));
        List<List<Variant>> cases = new ArrayList<>();
        for (List<Variant> group : Variant.all(feature)) {
            List<Variant> chosen = new ArrayList<>();
            group.stream().filter(v -> only.matcher(v.label()).find()).forEach(chosen::add);
            if (!chosen.isEmpty()) {
                cases.add(chosen);
            }
        }
        int rounds = integer("rounds", 2);
        for (int round = 0; round < rounds; round++) {
            for (List<Variant> group : cases) {
                List<Variant> order = new ArrayList<>(group);
                if (round % 2 == 1) {
                    Collections.reverse(order);
                }
                for (Variant variant : order) {
                    if (round == 0 || variant.everyRound()) {
                        measure(variant, round);
                    }
                }
            }
        }
        Map<String, Score> scores = new LinkedHashMap<>();
        iterations.forEach((label, values) -> scores.put(label, Score.of(values, units.get(label))));
        Map<String, Score> cpu = new LinkedHashMap<>();
        cpuPerTask.forEach((label, values) -> cpu.put(label, Score.of(values, "ns")));

        Extras extras = new Extras();
        if (!options.containsKey("no-extras")) {
            ChildJvm jvm = new ChildJvm(agentJar, benchJar());
            extras.startup(jvm, required("demo"), integer("startup-runs", 10));
            extras.heap(jvm);
            extras.churn(jvm, integer("churn", 100_000));
        }

        Report report = new Report(feature, scores, cpu, failures, extras, Machine.describe(), loadAtStart,
                Machine.loadAverage(), Duration.between(started, Instant.now()),
                String.format("%d round(s) × 1 fork per variant, %d × %d s warm-up, %d × %d s measurement",
                        rounds, integer("warmup", 3), integer("seconds", 1), integer("iterations", 5), integer("seconds", 1)));
        Path dir = Path.of(options.getOrDefault("results", "bench"));
        Path section = dir.resolve("results").resolve("jdk" + feature + ".md");
        Files.createDirectories(section.getParent());
        Files.writeString(section, report.section());
        Files.writeString(dir.resolve("RESULTS.md"), Report.page(section.getParent()));
        System.out.println(report.section());
        System.out.println("futurist-bench: wrote " + section + " and " + dir.resolve("RESULTS.md"));
    }

    private void measure(Variant variant, int round) {
        System.out.printf("%n=== futurist-bench: %s (round %d, load %s, %s)%n", variant.label(), round + 1,
                Machine.loadAverage(), Instant.now());
        ChainedOptionsBuilder builder = new OptionsBuilder()
                .include("^" + Pattern.quote(variant.benchmark().getName() + "." + variant.method()) + "$")
                .forks(1)
                .warmupIterations(variant.warmup() > 0 ? variant.warmup() : integer("warmup", 3))
                .warmupTime(TimeValue.seconds(integer("seconds", 1)))
                .measurementIterations(integer("iterations", 5))
                .measurementTime(TimeValue.seconds(integer("seconds", 1)))
                .shouldFailOnError(true);
        variant.params().forEach(builder::param);
        List<String> jvmArgs = new ArrayList<>(FORK_JVM_ARGS);
        jvmArgs.addAll(variant.jvmArgs());
        if (variant.agent()) {
            jvmArgs.add(0, "-javaagent:" + agentJar + (variant.agentOptions() == null ? "" : "=" + variant.agentOptions()));
        }
        if (jvmArgs.stream().anyMatch(arg -> arg.contains(Variant.FREE_PORT))) {
            // The fork's scraper learns the agent's port from its own command line, not the agent's stderr.
            String port = String.valueOf(freePort());
            jvmArgs.replaceAll(arg -> arg.replace(Variant.FREE_PORT, port));
        }
        builder.jvmArgs(jvmArgs.toArray(new String[0]));
        // The annotations' jvmArgsAppend would be replaced by ours anyway: state it once, here.
        builder.jvmArgsAppend(variant.jvmArgsAppend().toArray(new String[0]));
        try {
            for (RunResult result : new Runner(builder.build()).run()) {
                for (BenchmarkResult benchmark : result.getBenchmarkResults()) {
                    for (IterationResult iteration : benchmark.getIterationResults()) {
                        iterations.computeIfAbsent(variant.label(), k -> new ArrayList<>())
                                .add(iteration.getPrimaryResult().getScore());
                        units.put(variant.label(), iteration.getPrimaryResult().getScoreUnit());
                        Result<?> cpuNanos = iteration.getSecondaryResults().get("cpuNanos");
                        Result<?> tasks = iteration.getSecondaryResults().get("tasks");
                        if (cpuNanos != null && tasks != null && tasks.getScore() > 0) {
                            cpuPerTask.computeIfAbsent(variant.label(), k -> new ArrayList<>())
                                    .add(cpuNanos.getScore() / tasks.getScore());
                        }
                    }
                }
            }
        } catch (RunnerException | RuntimeException failed) {
            failures.put(variant.label(), String.valueOf(failed.getMessage()).lines().findFirst().orElse("failed"));
            failed.printStackTrace(System.out);
        }
    }

    /**
     * A loopback port free right now. Another process could take it before the fork listens;
     * then the agent says so on stderr and the scraper fails the variant, which the report shows.
     */
    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException failed) {
            throw new java.io.UncheckedIOException(failed);
        }
    }

    private String required(String key) {
        String value = options.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing --" + key);
        }
        return value;
    }

    private int integer(String key, int fallback) {
        return options.containsKey(key) ? Integer.parseInt(options.get(key)) : fallback;
    }

    private static String benchJar() throws Exception {
        return Path.of(Suite.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
