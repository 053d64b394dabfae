package io.futurist.bench;

import java.util.List;
import java.util.Map;

/**
 * One JMH measurement: a benchmark method with fixed parameters, in a bare JVM or one with the
 * agent.
 *
 * @param label         how results and ratios refer to it, {@code case/variant}
 * @param benchmark     the JMH class
 * @param method        its benchmark method
 * @param params        JMH parameters fixed for this variant
 * @param agent         whether the fork runs with {@code -javaagent}
 * @param jvmArgs       further JVM options of the fork
 * @param jvmArgsAppend what the class's {@code @Fork(jvmArgsAppend)} says (the driver's options replace it)
 * @param warmup        warm-up iterations when the suite's default is not enough, else 0
 * @param everyRound    false for a case without a ratio, measured in the first round only
 * @param agentOptions  the agent's options ({@code -javaagent:jar=options}), or {@code null} for its defaults
 */
record Variant(String label, Class<?> benchmark, String method, Map<String, String> params, boolean agent,
               List<String> jvmArgs, List<String> jvmArgsAppend, int warmup, boolean everyRound, String agentOptions) {

    static Variant bare(String label, Class<?> benchmark, String method, Map<String, String> params) {
        return new Variant(label, benchmark, method, params, false, List.of(), List.of(), 0, true, null);
    }

    Variant underAgent(String newLabel) {
        return new Variant(newLabel, benchmark, method, params, true, jvmArgs, jvmArgsAppend, warmup, everyRound, agentOptions);
    }

    /** This variant under the agent with {@code options}, e.g. {@code timing=all}. */
    Variant underAgent(String newLabel, String options) {
        return new Variant(newLabel, benchmark, method, params, true, jvmArgs, jvmArgsAppend, warmup, everyRound, options);
    }

    /**
     * This variant under the agent with {@code options}, its fork scraping {@code target} once a
     * second ({@link Scraper}). {@value #FREE_PORT} in either stands for a port the suite finds
     * free just before it starts the fork.
     */
    Variant scraped(String newLabel, String options, String target) {
        List<String> args = new java.util.ArrayList<>(jvmArgs);
        args.add("-D" + Scraper.PROPERTY + "=" + target);
        return new Variant(newLabel, benchmark, method, params, true, List.copyOf(args), jvmArgsAppend, warmup, everyRound, options);
    }

    /** Stands for a free loopback port in {@link #agentOptions} and {@link #jvmArgs}. */
    static final String FREE_PORT = "{free-port}";

    Variant appending(String jvmArg) {
        return new Variant(label, benchmark, method, params, agent, jvmArgs, List.of(jvmArg), warmup, everyRound, agentOptions);
    }

    Variant warmingUp(int iterations) {
        return new Variant(label, benchmark, method, params, agent, jvmArgs, jvmArgsAppend, iterations, everyRound, agentOptions);
    }

    Variant once() {
        return new Variant(label, benchmark, method, params, agent, jvmArgs, jvmArgsAppend, warmup, false, agentOptions);
    }

    /** Every case, grouped: the variants of a group are measured back to back. */
    static List<List<Variant>> all(int feature) {
        List<List<Variant>> cases = new java.util.ArrayList<>();
        for (String[] work : new String[][] {{"0", "noop"}, {"1000", "1us"}, {"10000", "10us"}}) {
            String name = "tpe-" + work[1];
            Variant bare = bare(name + "/bare", ThreadPoolThroughput.class, "execute",
                    Map.of("workNanos", work[0], "wrapper", "none"));
            // timing=all beside the default (adaptive): what exact timing of every run costs.
            List<Variant> group = new java.util.ArrayList<>(List.of(bare, bare.underAgent(name + "/agent"),
                    bare.underAgent(name + "/agent-all", "timing=all"),
                    bare(name + "/micrometer", ThreadPoolThroughput.class, "execute",
                            Map.of("workNanos", work[0], "wrapper", "micrometer")),
                    bare(name + "/dropwizard", ThreadPoolThroughput.class, "execute",
                            Map.of("workNanos", work[0], "wrapper", "dropwizard"))));
            if (!work[1].equals("1us")) {
                // Exporters being read once a second while tasks run: the agent's own endpoint,
                // and the Micrometer binder's Prometheus registry in the application's JVM.
                group.add(bare.scraped(name + "/agent+prometheus", "prometheus=127.0.0.1:" + FREE_PORT,
                        "http://127.0.0.1:" + FREE_PORT + "/metrics"));
                group.add(bare.scraped(name + "/agent+micrometer-prometheus", null, "micrometer"));
                // Controls for the Micrometer route (bench/PROFILE.md §13.2): the registry alone,
                // scraped; and the binder bound once, never refreshed nor scraped.
                group.add(bare.scraped(name + "/agent+micrometer-registry-only", null, "micrometer-registry"));
                group.add(bare.scraped(name + "/agent+micrometer-unscraped", null, "micrometer-unscraped"));
            }
            cases.add(List.copyOf(group));
        }
        Variant actors = bare("actor-fjp/bare", ActorForkJoin.class, "pingPong", Map.of());
        cases.add(List.of(actors, actors.underAgent("actor-fjp/agent"), actors.underAgent("actor-fjp/agent-all", "timing=all")));
        Variant scheduled = bare("stpe-oneshot/bare", ScheduledOneShots.class, "schedule", Map.of());
        cases.add(List.of(scheduled, scheduled.underAgent("stpe-oneshot/agent")));
        Variant common = bare("commonpool-runasync/bare", CommonPoolRunAsync.class, "runAsync", Map.of())
                .appending(CommonPoolRunAsync.PARALLELISM_2);
        cases.add(List.of(common, common.underAgent("commonpool-runasync/agent")));
        // Under the agent this case needs about 7 s to reach its steady state (JIT, and classes
        // the stream loads pass the agent's transformers); the bare JVM gets the same warm-up.
        Variant stream = bare("parallel-stream/bare", ParallelStreamSum.class, "sum", Map.of()).warmingUp(8);
        cases.add(List.of(stream, stream.underAgent("parallel-stream/agent")));
        if (feature >= 21) {
            Variant green = bare("vthreads/green", VirtualThreadThroughput.class, "execute", Map.of("executorKind", "green"));
            Variant jdk = bare("vthreads/jdk", VirtualThreadThroughput.class, "execute", Map.of("executorKind", "jdk"));
            cases.add(List.of(green, jdk, green.underAgent("vthreads/green+agent"), jdk.underAgent("vthreads/jdk+agent")));
        }
        cases.add(List.of(bare("sync/futuretask", SynchronousSubmit.class, "bareFutureTask", Map.of()),
                bare("sync/executor", SynchronousSubmit.class, "synchronousExecutor", Map.of())));
        cases.add(List.of(
                bare("snapshot/futurist-statistics", StatisticsSnapshot.class, "futuristStatistics", Map.of())
                        .underAgent("snapshot/futurist-statistics").once(),
                bare("snapshot/tracked-statistics", StatisticsSnapshot.class, "trackedStatistics", Map.of())
                        .underAgent("snapshot/tracked-statistics").once(),
                bare("snapshot/all-executors", StatisticsSnapshot.class, "allStatistics", Map.of())
                        .underAgent("snapshot/all-executors").once()));
        return cases;
    }
}
