package io.futurist.agent.report;

import io.futurist.agent.health.ActivityWatch;
import io.futurist.agent.health.Pulse;
import io.futurist.internal.ExecutorRecord;
import io.futurist.internal.ExecutorRegistry;
import io.futurist.internal.RetiredExecutors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Executors that look leaked — alive, idle for at least a threshold, and never shut down —
 * grouped by creation site with how many there are and how many threads they hold; the
 * creation sites that keep making executors ({@value #MANY} or more so far, shut down or not);
 * and executors that are stuck: shut down, with tasks waiting and no thread left to run them,
 * in two readings a second apart — they will never terminate (the JDK strands a
 * {@code ThreadPoolExecutor}'s queue so when it is shut down while a submitter is making its
 * first worker). What {@code leaks <pid>}, the agent's MBean and the exit report show.
 *
 * <p>The JDK's common pool is never counted: it lives as long as the JVM by design.
 */
public final class LeakReport {

    /** Executors from one creation site from which on that site is called out as making pools over and over. */
    public static final int MANY = 10;
    /** The idle time from which on an executor never shut down counts, unless told otherwise. */
    public static final long DEFAULT_IDLE_SECONDS = 60;

    private static final String COMMON_POOL_SITE = "ForkJoinPool.commonPool()";

    private final long idleSeconds;
    private final boolean idleKnown;
    private final List<Site> idle;
    private final List<Site> prolific;
    private final List<Seen> stuck;

    private LeakReport(long idleSeconds, boolean idleKnown, List<Site> idle, List<Site> prolific, List<Seen> stuck) {
        this.idleSeconds = idleSeconds;
        this.idleKnown = idleKnown;
        this.idle = idle;
        this.prolific = prolific;
        this.stuck = stuck;
    }

    /** How long an executor must have been found stuck to be reported: two readings a period apart. */
    static final long STUCK_AFTER_MILLIS = ActivityWatch.PERIOD_MILLIS;

    /** One executor as the report sees it. */
    static final class Seen {
        final String site;
        final boolean open;
        final long idleMillis;
        final int poolSize;
        final String name;
        final long stuckMillis;
        final long stuckQueued;

        /**
         * @param open       alive and not terminated: never shut down
         * @param idleMillis how long it has done nothing, negative when busy or not known
         * @param poolSize   its threads, negative when not known
         */
        Seen(String site, boolean open, long idleMillis, int poolSize) {
            this(site, open, idleMillis, poolSize, "", -1, 0);
        }

        /**
         * @param stuckMillis how long it has been found stuck (shut down, tasks waiting, no
         *                    thread), negative when it is not
         * @param stuckQueued the tasks waiting when stuck
         */
        Seen(String site, boolean open, long idleMillis, int poolSize, String name, long stuckMillis, long stuckQueued) {
            this.site = site;
            this.open = open;
            this.idleMillis = idleMillis;
            this.poolSize = poolSize;
            this.name = name;
            this.stuckMillis = stuckMillis;
            this.stuckQueued = stuckQueued;
        }
    }

    /** The report on this JVM's executors now, counting those idle for {@code idleSeconds} or more. */
    public static LeakReport now(ExecutorRegistry registry, ActivityWatch watch, long idleSeconds) {
        List<Seen> seen = new ArrayList<>();
        long now = watch == null ? 0 : watch.now();
        for (ExecutorRecord record : registry.records()) {
            Pulse pulse = watch == null ? null : watch.pulse(record.id());
            boolean open = record.alive() && !record.isTerminated();
            seen.add(new Seen(record.creationSite(), open, pulse == null ? -1 : pulse.idleMillis(now),
                    pulse == null ? -1 : pulse.poolSize(), record.name(), pulse == null ? -1 : pulse.stuckMillis(now),
                    pulse == null ? 0 : pulse.stuckQueued()));
        }
        Map<String, Long> collected = new LinkedHashMap<>();
        RetiredExecutors.Contents retired = registry.retired();
        for (RetiredExecutors.Retiree gone : retired.terminated()) {
            collected.merge(gone.creationSite(), 1L, Long::sum);
        }
        for (List<RetiredExecutors.Sum> sums : List.of(retired.terminatedSums(), retired.neverShutDownSums())) {
            for (RetiredExecutors.Sum sum : sums) {
                collected.merge(sum.creationSite(), sum.executors(), Long::sum);
            }
        }
        return of(seen, collected, idleSeconds, watch != null);
    }

    /**
     * The report on {@code seen}, with {@code collected} the executors per creation site that
     * are no longer tracked (they were garbage-collected).
     */
    static LeakReport of(List<Seen> seen, Map<String, Long> collected, long idleSeconds, boolean idleKnown) {
        Map<String, Site> idle = new LinkedHashMap<>();
        Map<String, Site> all = new LinkedHashMap<>();
        List<Seen> stuck = new ArrayList<>();
        long threshold = idleSeconds * 1000;
        for (Seen executor : seen) {
            if (executor.site.startsWith(COMMON_POOL_SITE)) {
                continue;
            }
            if (executor.stuckMillis >= STUCK_AFTER_MILLIS) {
                stuck.add(executor);
            }
            Site site = all.computeIfAbsent(executor.site, Site::new);
            site.created++;
            site.open += executor.open ? 1 : 0;
            if (executor.open && executor.idleMillis >= 0 && executor.idleMillis >= threshold) {
                idle.computeIfAbsent(executor.site, Site::new).addIdle(executor);
            }
        }
        collected.forEach((site, count) -> {
            if (!site.startsWith(COMMON_POOL_SITE) && !site.equals(RetiredExecutors.OTHER_SITES)) {
                all.computeIfAbsent(site, Site::new).created += count;
            }
        });
        List<Site> idleSites = new ArrayList<>(idle.values());
        idleSites.sort(Comparator.comparingLong((Site s) -> -s.executors).thenComparing(s -> s.creationSite));
        List<Site> prolific = new ArrayList<>();
        for (Site site : all.values()) {
            if (site.created >= MANY) {
                prolific.add(site);
            }
        }
        prolific.sort(Comparator.comparingLong((Site s) -> -s.created).thenComparing(s -> s.creationSite));
        return new LeakReport(idleSeconds, idleKnown, idleSites, prolific, stuck);
    }

    /** Whether there is anything to say: idle executors never shut down, sites that keep making them, stuck executors. */
    public boolean isEmpty() {
        return idle.isEmpty() && prolific.isEmpty() && stuck.isEmpty();
    }

    /** The report for people: a headline, a table of idle executors by site, the prolific sites; ends with a newline. */
    public String text() {
        return text(true);
    }

    /** As {@link #text()}, but without the line that says no executor is idle: for a report that only lists findings. */
    public String findings() {
        return text(false);
    }

    private String text(boolean sayNone) {
        StringBuilder out = new StringBuilder();
        if (!sayNone && idle.isEmpty()) {
            // nothing to say about idle executors
        } else if (!idleKnown) {
            out.append("idle times are not known (the agent's reader is not running)\n");
        } else if (idle.isEmpty()) {
            out.append("no executor has been idle for ").append(idleSeconds)
                    .append(" s or more without being shut down\n");
        } else {
            long executors = idle.stream().mapToLong(s -> s.executors).sum();
            out.append(executors).append(executors == 1 ? " executor" : " executors")
                    .append(" idle for ").append(idleSeconds).append(" s or more and never shut down, from ")
                    .append(idle.size()).append(idle.size() == 1 ? " creation site" : " creation sites").append('\n');
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"executors", "threads", "idle for", "created at"});
            for (Site site : idle) {
                rows.add(new String[] {Long.toString(site.executors), site.threadsText(),
                    (site.leastIdleMillis / 1000) + "s", site.creationSite});
            }
            out.append(align(rows));
        }
        if (!stuck.isEmpty()) {
            out.append(stuck.size()).append(stuck.size() == 1 ? " executor" : " executors").append(" shut down and stuck:"
                    + " tasks wait and no thread is left to run them; shutdownNow() takes them back\n");
            // The executor's name is text: left-aligned, unlike the numbers before it.
            int nameWidth = "executor".length();
            for (Seen executor : stuck) {
                nameWidth = Math.max(nameWidth, executor.name.length());
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"waiting", "stuck for", pad("executor", nameWidth) + "  created at"});
            for (Seen executor : stuck) {
                rows.add(new String[] {Long.toString(executor.stuckQueued), (executor.stuckMillis / 1000) + "s",
                    pad(executor.name, nameWidth) + "  " + executor.site});
            }
            out.append(align(rows));
        }
        if (!prolific.isEmpty()) {
            out.append("creation sites that keep making executors (").append(MANY).append(" or more so far):\n");
            for (Site site : prolific) {
                out.append("  ").append(site.creationSite).append(": ").append(site.created).append(" created, ")
                        .append(site.open).append(" never shut down\n");
            }
        }
        return out.toString();
    }

    /** The report as one JSON object (without the process id), for scripts. */
    public String json() {
        StringBuilder out = new StringBuilder("{\"idleSeconds\":").append(idleSeconds)
                .append(",\"idleKnown\":").append(idleKnown).append(",\"idle\":[");
        for (int i = 0; i < idle.size(); i++) {
            Site site = idle.get(i);
            out.append(i == 0 ? "" : ",").append("{\"creationSite\":").append(Json.string(site.creationSite))
                    .append(",\"executors\":").append(site.executors)
                    .append(",\"threads\":").append(site.threadsKnown ? Long.toString(site.threads) : "null")
                    .append(",\"leastIdleMillis\":").append(site.leastIdleMillis).append('}');
        }
        out.append("],\"keepMakingExecutors\":[");
        for (int i = 0; i < prolific.size(); i++) {
            Site site = prolific.get(i);
            out.append(i == 0 ? "" : ",").append("{\"creationSite\":").append(Json.string(site.creationSite))
                    .append(",\"created\":").append(site.created).append(",\"neverShutDown\":").append(site.open)
                    .append('}');
        }
        out.append("],\"stuck\":[");
        for (int i = 0; i < stuck.size(); i++) {
            Seen executor = stuck.get(i);
            out.append(i == 0 ? "" : ",").append("{\"name\":").append(Json.string(executor.name))
                    .append(",\"creationSite\":").append(Json.string(executor.site))
                    .append(",\"waiting\":").append(executor.stuckQueued)
                    .append(",\"stuckMillis\":").append(executor.stuckMillis).append('}');
        }
        return out.append("]}").toString();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }

    private static String align(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            for (int c = 0; c < row.length - 1; c++) {
                out.append(" ".repeat(widths[c] - row[c].length())).append(row[c]).append("  ");
            }
            out.append(row[row.length - 1]).append('\n');
        }
        return out.toString();
    }

    /** The executors of one creation site. */
    private static final class Site {
        final String creationSite;
        long executors;
        long threads;
        boolean threadsKnown = true;
        long leastIdleMillis = Long.MAX_VALUE;
        long created;
        long open;

        Site(String creationSite) {
            this.creationSite = creationSite;
        }

        void addIdle(Seen executor) {
            executors++;
            if (executor.poolSize < 0) {
                threadsKnown = false;
            } else {
                threads += executor.poolSize;
            }
            leastIdleMillis = Math.min(leastIdleMillis, executor.idleMillis);
        }

        String threadsText() {
            return threadsKnown ? Long.toString(threads) : "-";
        }
    }
}
