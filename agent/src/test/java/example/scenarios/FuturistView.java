package example.scenarios;

import io.futurist.ExecutorStatistics;
import io.futurist.Statistic;
import io.futurist.Futurist;
import io.futurist.TrackedExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executor;

/** What {@link Report} asks Futurist's public API; loaded only when the API is there. */
final class FuturistView {

    /** Creation sites of the scenarios' own executors start with this. */
    private static final String APPLICATION = FuturistView.class.getPackageName() + ".";

    private FuturistView() {
    }

    static boolean agentActive() {
        return Futurist.isAgentActive();
    }

    static String loader() {
        return String.valueOf(Futurist.class.getClassLoader());
    }

    static int executorCount() {
        return Futurist.executors().size();
    }

    static String[] stats(Executor executor) {
        Optional<ExecutorStatistics> statistics = Futurist.statistics(executor);
        Optional<Boolean> alive = Futurist.isAlive(executor);
        if (statistics.isEmpty()) {
            return new String[] {"tracked=false", "alive=" + alive.map(String::valueOf).orElse("unknown")};
        }
        List<String> fields = new ArrayList<>(List.of("tracked=true", "alive=" + alive.map(String::valueOf).orElse("unknown")));
        fields.addAll(numbers(statistics.get()));
        return fields.toArray(new String[0]);
    }

    /** {@code submitted, executed, failures, cancelled, rejected, queued, active} of {@code executor} now. */
    static long[] counts(Executor executor) {
        ExecutorStatistics s = Futurist.statistics(executor).orElseThrow();
        return new long[] {s.submitted(), s.executed(), s.failures(), s.cancelled(), s.rejected(), s.queued(), s.active()};
    }

    /** Whether {@code submitted == executed + cancelled} for {@code executor} now. */
    static boolean balanced(Executor executor) {
        ExecutorStatistics s = Futurist.statistics(executor).orElseThrow();
        return s.submitted() == s.executed() + s.cancelled();
    }

    /** Whether the common pool is tracked now, without initialising {@code ForkJoinPool} to ask. */
    static boolean commonPoolTracked() {
        for (TrackedExecutor executor : Futurist.executors()) {
            if (executor.name().equals("ForkJoinPool.commonPool")) {
                return true;
            }
        }
        return false;
    }

    static long highestId() {
        long highest = 0;
        for (TrackedExecutor executor : Futurist.executors()) {
            highest = Math.max(highest, executor.id());
        }
        return highest;
    }

    /**
     * The executors of {@code type} that this application built after {@code mark}: the agent
     * or the JDK may register executors of their own meanwhile (the common pool, lazily).
     */
    static String[] trackedSince(long mark, String type) {
        return trackedSince(mark, type, true);
    }

    /** As {@link #trackedSince(long, String)}; {@code applicationOnly} false also counts the JDK's own (the common pool). */
    static String[] trackedSince(long mark, String type, boolean applicationOnly) {
        List<TrackedExecutor> fresh = new ArrayList<>();
        for (TrackedExecutor executor : Futurist.executors()) {
            if (executor.id() > mark && executor.type().equals(type)
                    && (!applicationOnly || executor.creationSite().startsWith(APPLICATION))) {
                fresh.add(executor);
            }
        }
        if (fresh.size() != 1) {
            return new String[] {"count=" + fresh.size()};
        }
        TrackedExecutor executor = fresh.get(0);
        List<String> fields = new ArrayList<>(List.of("count=1", "id=" + executor.id(), "name=" + executor.name(),
                "type=" + executor.type(), "site=" + executor.creationSite(), "alive=" + executor.alive(),
                "frames=" + executor.creationStack().size(), "stack=" + String.join("|", executor.creationStack())));
        fields.addAll(numbers(executor.statistics()));
        return fields.toArray(new String[0]);
    }

    /**
     * What the lookup says of {@code executor} — {@code Futurist.statistics} and {@code isAlive}
     * — with the identity of the one tracked executor named {@code name} ({@code count} says how
     * many have that name), and every number the command line also prints.
     */
    static String[] lookup(Executor executor, String name) {
        List<TrackedExecutor> named = new ArrayList<>();
        for (TrackedExecutor tracked : Futurist.executors()) {
            if (tracked.name().equals(name)) {
                named.add(tracked);
            }
        }
        List<String> fields = new ArrayList<>(List.of(stats(executor)));
        fields.add("count=" + named.size());
        if (named.size() == 1) {
            TrackedExecutor tracked = named.get(0);
            fields.addAll(List.of("id=" + tracked.id(), "name=" + tracked.name(), "type=" + tracked.type(),
                    "site=" + tracked.creationSite()));
        }
        Optional<ExecutorStatistics> statistics = Futurist.statistics(executor);
        if (statistics.isPresent()) {
            // Every statistic the command line prints, by its key; "null" where it does not apply.
            for (Statistic statistic : Statistic.values()) {
                String key = statistic.key() + "=";
                if (fields.stream().noneMatch(field -> field.startsWith(key))) {
                    OptionalLong value = statistic.read(statistics.get());
                    fields.add(key + (value.isPresent() ? Long.toString(value.getAsLong()) : "null"));
                }
            }
        }
        return fields.toArray(new String[0]);
    }

    /** {@link #stats} and the pool's shape as {@code Futurist.statistics} reports it ({@code absent} where it has none). */
    static String[] shape(Executor executor) {
        List<String> fields = new ArrayList<>(List.of(stats(executor)));
        Futurist.statistics(executor).ifPresent(s -> fields.addAll(List.of("poolSize=" + figure(s.poolSize()),
                "corePoolSize=" + figure(s.corePoolSize()), "maximumPoolSize=" + figure(s.maximumPoolSize()),
                "largestPoolSize=" + figure(s.largestPoolSize()), "queueCapacity=" + figure(s.queueCapacity()),
                "parallelism=" + figure(s.parallelism()))));
        return fields.toArray(new String[0]);
    }

    private static String figure(java.util.OptionalInt value) {
        return value.isPresent() ? String.valueOf(value.getAsInt()) : "absent";
    }

    private static List<String> numbers(ExecutorStatistics s) {
        return List.of("submitted=" + s.submitted(), "executed=" + s.executed(), "failures=" + s.failures(),
                "cancelled=" + s.cancelled(), "rejected=" + s.rejected(), "active=" + s.active(),
                "queued=" + s.queued(), "runtimeNanos=" + s.runtime().toNanos(),
                "queueTimeNanos=" + s.queueTime().toNanos(), "timedRuns=" + s.timedRuns());
    }
}
