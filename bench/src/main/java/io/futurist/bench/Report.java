package io.futurist.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns one run's scores into a Markdown section (one per JDK), and the sections into
 * {@code RESULTS.md}.
 */
final class Report {

    private static final double MIB = 1024.0 * 1024.0;

    private final int feature;
    private final Map<String, Score> scores;
    private final Map<String, Score> cpu;
    private final Map<String, String> failures;
    private final Extras extras;
    private final String machine;
    private final String loadAtStart;
    private final String loadAtEnd;
    private final Duration took;
    private final String settings;

    Report(int feature, Map<String, Score> scores, Map<String, Score> cpu, Map<String, String> failures, Extras extras, String machine,
           String loadAtStart, String loadAtEnd, Duration took, String settings) {
        this.feature = feature;
        this.scores = scores;
        this.cpu = cpu;
        this.failures = failures;
        this.extras = extras;
        this.machine = machine;
        this.loadAtStart = loadAtStart;
        this.loadAtEnd = loadAtEnd;
        this.took = took;
        this.settings = settings;
    }

    /** The whole page: the fixed introduction and every JDK's section found in {@code sections}, oldest JDK first. */
    static String page(Path sections) throws IOException {
        StringBuilder page = new StringBuilder();
        page.append("# Futurist benchmark results\n\n")
            .append("Written by `bench/run.sh` (`io.futurist.bench.Suite`); one section per JDK, each from one run of\n")
            .append("the script on that JDK. Re-run with `bench/run.sh` (default JDK) or\n")
            .append("`JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bench/run.sh`. Targets are docs/CONTRACT.md §6. Why the agent's\n")
            .append("numbers are what they are, with profiles and what to change: `bench/PROFILE.md`.\n\n")
            .append("How to read it:\n")
            .append("- Throughput cases: one operation is a batch of 1,000 tasks awaited on a latch; scores are tasks/s.\n")
            .append("  \"agent\" is the same benchmark in a JVM started with `-javaagent:agent/target/futurist-agent.jar`\n")
            .append("  (default options, so JMX publishing is on); \"micrometer\" is `ExecutorServiceMetrics.monitor(new\n")
            .append("  SimpleMeterRegistry(), pool, \"bench\")` (timers recording), \"dropwizard\" `InstrumentedExecutorService`.\n")
            .append("  \"agent+prometheus\" adds `prometheus=127.0.0.1:PORT` (a port found free) and a thread in the benchmark's JVM\n")
            .append("  that GETs `/metrics` every second; \"agent+micrometer-prometheus\" instead binds `FuturistMetrics` to a\n")
            .append("  `PrometheusMeterRegistry` and calls `scrape()` every second (`Scraper`).\n")
            .append("- Ratios are throughput ratios (higher is better) except `SynchronousExecutor`, a time ratio.\n")
            .append("  Errors are 99.9% confidence half-widths as JMH computes them, pooled over the rounds; a ratio's\n")
            .append("  error adds its two scores' relative errors. With 1 fork, few iterations and other work on the\n")
            .append("  machine the errors are wide: \"within error\" means the target lies inside the interval. Such a\n")
            .append("  row that CPU per task also measures (`CpuCost`, the second table) is then judged on bare / agent CPU per\n")
            .append("  task as well, by the same rule, and the verdict says what that gave.\n")
            .append("- The common-pool case runs with `-Djava.util.concurrent.ForkJoinPool.common.parallelism=2`: on\n")
            .append("  JDK 17 with 2 CPUs the common pool's parallelism is 1, and `CompletableFuture` then runs even\n")
            .append("  `runAsync(r, ForkJoinPool.commonPool())` on a new thread per task, measuring no pool at all.\n")
            .append("  The parallel stream runs with the default parallelism, and 8 warm-up iterations instead of 3 (bare\n")
            .append("  and agent alike): under the agent it takes about 7 s to reach its steady state.\n")
            .append("- Statistics snapshots are measured once (first round only); they have no target.\n")
            .append("- Forks run with `-Xms1g -Xmx1g -XX:+AlwaysPreTouch`. Warm-up is 3 × 1 s, which the bare JVM needs and the\n")
            .append("  agent's does not get enough of: under the agent the JIT is still busy during measurement (see PROFILE.md §2).\n")
            .append("- \"CPU per task\" includes parking and waking threads, which happens more on an idle machine (workers keep\n")
            .append("  up and park after every task): compare it within one section, not across runs.\n")
            .append("- Each section states the load average: other work on the machine widens the errors and lowers scores.\n\n");
        List<Path> files;
        try (Stream<Path> list = Files.list(sections)) {
            files = list.filter(p -> p.getFileName().toString().matches("jdk\\d+\\.md"))
                    .sorted((a, b) -> Integer.compare(featureOf(a), featureOf(b)))
                    .collect(Collectors.toList());
        }
        for (Path file : files) {
            page.append(Files.readString(file)).append('\n');
        }
        return page.toString();
    }

    private static int featureOf(Path file) {
        return Integer.parseInt(file.getFileName().toString().replaceAll("\\D", ""));
    }

    /** This run's section. */
    String section() {
        StringBuilder out = new StringBuilder();
        out.append("## JDK ").append(feature).append(": ").append(System.getProperty("java.runtime.version")).append("\n\n");
        out.append("- Date: ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append('\n');
        out.append("- Machine: ").append(machine).append('\n');
        out.append("- Load average (1/5/15 min): ").append(loadAtStart).append(" at the start, ")
           .append(loadAtEnd).append(" at the end (other developers' builds share the machine)\n");
        out.append("- JMH: ").append(settings).append("; the suite took ")
           .append(took.toMinutes()).append(" min ").append(took.toSecondsPart()).append(" s\n\n");

        out.append("### Against the targets\n\n");
        out.append("| case | measured (ratio of means ± error) | ratio of medians | target | verdict |\n|---|---|---|---|---|\n");
        for (Row row : rows()) {
            Ratio ratio = row.ratio();
            out.append(String.format(Locale.ROOT, "| %s | %.3f ± %.3f | %.3f | %s | %s |%n", ratio.what(), ratio.ratio(),
                    ratio.error(), ratio.medianRatio(), ratio.targetText(), verdict(row)));
        }
        startupRows(out);
        churnRow(out);
        out.append('\n');
        notes(out);

        out.append("### Raw JMH scores\n\n| variant | JVM | score | ± error | median | unit | iterations |\n|---|---|---|---|---|---|---|\n");
        scores.forEach((label, score) -> out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %d |%n",
                label, agentVariant(label) ? "agent" : "bare", number(score.value()), number(score.error()),
                number(score.median()), score.unit(), score.samples())));
        failures.forEach((label, why) -> out.append("| ").append(label).append(" | — | failed: ")
                .append(why.replace('|', '/')).append(" | | | | |\n"));
        out.append('\n');

        cpuTable(out);
        heapTable(out);
        churnDetails(out);
        return out.toString();
    }

    /**
     * The cases of the CPU per task table, with their names there and their targets
     * (docs/CONTRACT.md §6; the no-op case also has one on what the agent adds, 40 ns). Their
     * agent / bare rows in the targets table fall back on this table when throughput cannot decide.
     */
    private static final String[][] CPU_CASES = {{"tpe-noop", "ThreadPoolExecutor, no-op", "0.90; agent − bare ≤ 40 ns"},
            {"tpe-1us", "ThreadPoolExecutor, 1 µs", "0.97"},
            {"tpe-10us", "ThreadPoolExecutor, 10 µs", "0.995"}, {"stpe-oneshot", "ScheduledThreadPoolExecutor one-shot", "0.90"},
            {"commonpool-runasync", "common pool `runAsync`", "0.90"}, {"parallel-stream", "parallel stream (per sum)", "0.98"}};

    /**
     * A row of the targets table: its ratio, and the case whose agent and bare scores it compares
     * ({@code null} for any other ratio), which names the case's CPU per task too.
     */
    private record Row(Ratio ratio, String agentCase) {
    }

    private List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        String[][] pool = {{"noop", "no-op", "0.90"}, {"1us", "1 µs", "0.97"}, {"10us", "10 µs", "0.995"}};
        for (String[] c : pool) {
            String key = "tpe-" + c[0];
            add(rows, "ThreadPoolExecutor, 2 workers, " + c[1] + " tasks: agent / bare", key + "/agent", key + "/bare",
                    Double.parseDouble(c[2]), true);
            add(rows, "… " + c[1] + ": agent / Micrometer", key + "/agent", key + "/micrometer", 1.0, true);
            add(rows, "… " + c[1] + ": agent / Dropwizard", key + "/agent", key + "/dropwizard", 1.0, true);
            add(rows, "… " + c[1] + ": agent `timing=all` / bare", key + "/agent-all", key + "/bare", Double.NaN, true);
            add(rows, "… " + c[1] + ": agent `timing=all` / Dropwizard", key + "/agent-all", key + "/dropwizard", 1.0, true);
            add(rows, "… " + c[1] + ": agent with `prometheus=`, scraped every second / agent", key + "/agent+prometheus",
                    key + "/agent", Double.NaN, true);
            add(rows, "… " + c[1] + ": agent and Micrometer's `FuturistMetrics` on a Prometheus registry, scraped every second / agent",
                    key + "/agent+micrometer-prometheus", key + "/agent", Double.NaN, true);
        }
        add(rows, "actor-style ForkJoinPool (8 chains of tasks each submitting the next from inside the pool): agent / bare",
                "actor-fjp/agent", "actor-fjp/bare", 0.85, true);
        add(rows, "… the same: agent `timing=all` / bare", "actor-fjp/agent-all", "actor-fjp/bare", Double.NaN, true);
        add(rows, "ScheduledThreadPoolExecutor one-shots (schedule, 0 delay): agent / bare",
                "stpe-oneshot/agent", "stpe-oneshot/bare", 0.90, true);
        add(rows, "common pool, `CompletableFuture.runAsync` no-op: agent / bare",
                "commonpool-runasync/agent", "commonpool-runasync/bare", 0.90, true);
        Score streamAgent = scores.get("parallel-stream/agent");
        Score streamBare = scores.get("parallel-stream/bare");
        if (streamAgent != null && streamBare != null) {
            // A throughput ratio from two average times: bare time / agent time.
            rows.add(new Row(Ratio.of("parallel stream sum of 10M longs: agent / bare (throughput = bare time / agent time)",
                    streamBare, streamAgent, 0.98, true), "parallel-stream"));
        }
        add(rows, "`GreenExecutor` / `newVirtualThreadPerTaskExecutor()`, no-op tasks", "vthreads/green", "vthreads/jdk", 0.95, true);
        add(rows, "… the same, both under the agent", "vthreads/green+agent", "vthreads/jdk+agent", Double.NaN, true);
        add(rows, "`newVirtualThreadPerTaskExecutor()`, no-op tasks: agent / bare (tracked; its scheduler left out)",
                "vthreads/jdk+agent", "vthreads/jdk", 0.95, true);
        add(rows, "`SynchronousExecutor.submit` / bare `FutureTask` run (time)", "sync/executor", "sync/futuretask", 1.5, false);
        return rows;
    }

    /**
     * The row's verdict; where throughput cannot decide it (the target lies within the error) and
     * the case's CPU per task was measured, that is judged by the same rule and the verdict says
     * so: on a shared 2-CPU machine a throughput ratio of ± 0.2 says nothing, while CPU per task
     * moves far less (but it has an error too, and parking and waking threads are in it).
     */
    private String verdict(Row row) {
        Ratio ratio = row.ratio();
        String cpuCase = row.agentCase();
        if (!ratio.withinError() || Arrays.stream(CPU_CASES).noneMatch(c -> c[0].equals(cpuCase))) {
            return ratio.verdict();
        }
        Score bare = cpu.get(cpuCase + "/bare");
        Score agent = cpu.get(cpuCase + "/agent");
        if (bare == null || agent == null) {
            return ratio.verdict();
        }
        // The same rule as throughput's, on bare / agent CPU per task with its own error.
        Ratio byCpu = Ratio.of(ratio.what(), bare, agent, ratio.target(), ratio.atLeast());
        return String.format(Locale.ROOT, "%s; by CPU per task, %.3f ± %.3f: %s", ratio.verdict(), byCpu.ratio(),
                byCpu.error(), byCpu.verdict());
    }

    private void add(List<Row> rows, String what, String numerator, String denominator, double target, boolean atLeast) {
        Score n = scores.get(numerator);
        Score d = scores.get(denominator);
        if (n != null && d != null) {
            // Scores are named case/variant: "X/agent" over "X/bare" compares case X.
            String agentCase = numerator.substring(0, numerator.indexOf('/'));
            boolean agentOverBare = numerator.equals(agentCase + "/agent") && denominator.equals(agentCase + "/bare");
            rows.add(new Row(Ratio.of(what, n, d, target, atLeast), agentOverBare ? agentCase : null));
        }
    }

    private void startupRows(StringBuilder out) {
        double[] bare = extras.startup.get("demo/bare");
        double[] agent = extras.startup.get("demo/agent");
        if (bare != null && agent != null) {
            double extra = Extras.median(agent) - Extras.median(bare);
            out.append(String.format(Locale.ROOT, "| JVM start to the demo's first line: with `-javaagent` − without (medians of %d runs) | %+.0f ms (%.0f vs %.0f ms) | | ≤ +300 ms | %s |%n",
                    bare.length, extra, Extras.median(agent), Extras.median(bare), extra <= 300 ? "**met**" : "**missed**"));
        }
        double[] helloBare = extras.startup.get("hello/bare");
        double[] helloAgent = extras.startup.get("hello/agent");
        if (helloBare != null && helloAgent != null) {
            double extra = Extras.median(helloAgent) - Extras.median(helloBare);
            out.append(String.format(Locale.ROOT, "| … the same for a main that only prints a line (agent start-up alone) | %+.0f ms (%.0f vs %.0f ms) | | — | (no target) |%n",
                    extra, Extras.median(helloAgent), Extras.median(helloBare)));
        }
    }

    private void churnRow(StringBuilder out) {
        Map<String, String> c = extras.churn;
        if (c == null) {
            return;
        }
        long heapDelta = Long.parseLong(c.get("heapAfter")) - Long.parseLong(c.get("heapBefore"));
        int before = Integer.parseInt(c.get("executorsBefore"));
        int after = Integer.parseInt(c.get("executorsAfter"));
        // The target bounds growth: a heap that ends smaller than it started (a collection that
        // freed more than the churn left) meets it too.
        boolean met = heapDelta <= 5 * MIB && after <= before;
        out.append(String.format(Locale.ROOT, "| %s executors created and shut down (some abandoned) under the agent | heap after GC %+.2f MiB; `Futurist.executors()` %d → %d | | within 5 MB, registry back | %s |%n",
                number(Double.parseDouble(c.get("executorsChurned"))), heapDelta / MIB, before, after, met ? "**met**" : "**missed**"));
    }

    private void notes(StringBuilder out) {
        out.append("Statistics snapshot cost with 1,000 tracked executors (all have run tasks; agent JVM):\n");
        for (String[] s : new String[][] {{"snapshot/futurist-statistics", "`Futurist.statistics(executor)` (look-up + snapshot)"},
                {"snapshot/tracked-statistics", "`TrackedExecutor.statistics()` (snapshot only)"},
                {"snapshot/all-executors", "`Futurist.executors()` and every executor's `statistics()`"}}) {
            Score score = scores.get(s[0]);
            if (score != null) {
                out.append("- ").append(s[1]).append(": ").append(score).append('\n');
            }
        }
        out.append('\n');
    }

    private void cpuTable(StringBuilder out) {
        if (cpu.isEmpty()) {
            return;
        }
        out.append("### CPU per task (second opinion)\n\n")
           .append("Process CPU time (all threads) per task during the measured batches, mean ± error over the same\n")
           .append("iterations (`CpuCost`). Other processes taking CPUs away move it far less than throughput. \"agent −\n")
           .append("bare\" is what the agent adds to each task; \"bare / agent\" is the throughput ratio the case would\n")
           .append("have if it were CPU-bound on a machine of its own. Caveat: it includes parking and waking threads, which\n")
           .append("happens more on an idle machine (workers keep up and park after every task), so compare it within one run.\n\n")
           .append("| case | bare | agent | Micrometer | Dropwizard | agent − bare | bare / agent | target |\n")
           .append("|---|---|---|---|---|---|---|---|\n");
        for (String[] c : CPU_CASES) {
            Score bare = cpu.get(c[0] + "/bare");
            Score agent = cpu.get(c[0] + "/agent");
            if (bare == null || agent == null) {
                continue;
            }
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s ns | %.3f | %s |%n", c[1], ns(bare), ns(agent),
                    ns(cpu.get(c[0] + "/micrometer")), ns(cpu.get(c[0] + "/dropwizard")),
                    number(agent.value() - bare.value()), bare.value() / agent.value(), c[2].isEmpty() ? "—" : "≥ " + c[2]));
        }
        Score green = cpu.get("vthreads/green");
        Score jdk = cpu.get("vthreads/jdk");
        Score jdkAgent = cpu.get("vthreads/jdk+agent");
        if (jdk != null && jdkAgent != null) {
            out.append(String.format(Locale.ROOT, "| `newVirtualThreadPerTaskExecutor()` | %s | %s | | | %s ns | %.3f | ≥ 0.95 |%n",
                    ns(jdk), ns(jdkAgent), number(jdkAgent.value() - jdk.value()), jdk.value() / jdkAgent.value()));
        }
        if (green != null && jdk != null) {
            out.append(String.format(Locale.ROOT, "| `GreenExecutor` (\"bare\") vs `newVirtualThreadPerTaskExecutor()` (\"agent\" column), no agent | %s | %s | | | %s ns | %.3f | ≥ 0.95 |%n",
                    ns(jdk), ns(green), number(green.value() - jdk.value()), jdk.value() / green.value()));
        }
        out.append('\n');
    }

    private static String ns(Score score) {
        return score == null ? "" : number(score.value()) + " ± " + number(score.error()) + " ns";
    }

    private void heapTable(StringBuilder out) {
        if (extras.heap.isEmpty()) {
            return;
        }
        out.append("### Heap per executor\n\n")
           .append("`ThreadPoolExecutor`s kept reachable; used heap after GC, growth divided by their number. \"idle\": never\n")
           .append("used (10,000 pools); \"used\": each ran one task and its worker timed out (2,000 pools), so both\n")
           .append("histograms and the pending-task table exist. The agent's cost is its column minus \"bare\".\n\n")
           .append("| pools | bare | agent | agent, jmx=false |\n|---|---|---|---|\n");
        for (String kind : new String[] {"idle", "used"}) {
            out.append("| ").append(kind);
            for (String jvm : new String[] {"bare", "agent", "agent,jmx=false"}) {
                Map<String, String> values = extras.heap.get(kind + "/" + jvm);
                out.append(" | ").append(values == null ? "failed" : number(Double.parseDouble(values.get("bytesPerExecutor"))) + " B");
            }
            out.append(" |\n");
        }
        out.append('\n');
    }

    private void churnDetails(StringBuilder out) {
        Map<String, String> c = extras.churn;
        if (c == null && extras.failures.isEmpty()) {
            return;
        }
        out.append("### Churn and other measurements\n\n");
        if (c != null) {
            out.append(String.format(Locale.ROOT, "Churn of %s executors under the agent (mix: see `ExecutorChurn`), %s s. Used heap after GC: "
                    + "%.2f MiB cold, %.2f MiB after a warm-up of %d executors, %.2f MiB after the churn. `Futurist.executors().size()`: "
                    + "%s cold, %s after the warm-up, %s after the churn. Threads left over: %s.%n%n",
                    number(Double.parseDouble(c.get("executorsChurned"))), c.get("churnSeconds"),
                    Long.parseLong(c.get("heapCold")) / MIB, Long.parseLong(c.get("heapBefore")) / MIB, ExecutorChurn.WARM_UP,
                    Long.parseLong(c.get("heapAfter")) / MIB, c.get("executorsCold"), c.get("executorsBefore"),
                    c.get("executorsAfter"), c.get("threadsLeft")));
        }
        extras.startup.forEach((key, times) -> out.append(String.format(Locale.ROOT, "- start-up %s: median %.0f ms, min %.0f, max %.0f%n",
                key, Extras.median(times), times[0], times[times.length - 1])));
        extras.failures.forEach((what, why) -> out.append("- ").append(what).append(" failed: ").append(why).append('\n'));
        out.append('\n');
    }

    private static boolean agentVariant(String label) {
        return label.endsWith("/agent") || label.endsWith("+agent") || label.contains("/agent+") || label.endsWith("/agent-all") || label.startsWith("snapshot/");
    }

    /** A number for people: grouped thousands above 1,000, three significant digits below. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "?";
        }
        if (Math.abs(value) >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (Math.abs(value) >= 1) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }
}
