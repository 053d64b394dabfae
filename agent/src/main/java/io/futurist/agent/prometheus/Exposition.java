package io.futurist.agent.prometheus;

import io.futurist.ExecutorStatistics;
import io.futurist.TrackedExecutor;
import io.futurist.agent.export.LiveExecutors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes the executors' series in the Prometheus text format 0.0.4, or in OpenMetrics 1.0.0
 * when the scraper asks for it, from {@link SeriesMapping}'s families.
 *
 * <p>The executors are those {@link LiveExecutors} lists, each read once per scrape, so all
 * the series of one executor come from the same snapshot. Every series is labelled {@code name} (the executor's name) and
 * {@code type} (its class name). Two live executors can share a name (two pools whose threads
 * a factory names alike); the exposition must not repeat a series, so the later ones (by id)
 * are called {@code name (id N)}.
 */
final class Exposition {

    /** The two formats of the exposition. */
    enum Format {
        /** The Prometheus text format, version 0.0.4. */
        TEXT("text/plain; version=0.0.4; charset=utf-8"),
        /** OpenMetrics text, version 1.0.0. */
        OPENMETRICS("application/openmetrics-text; version=1.0.0; charset=utf-8");

        private final String contentType;

        Format(String contentType) {
            this.contentType = contentType;
        }

        /** The {@code Content-Type} of a response in this format. */
        String contentType() {
            return contentType;
        }

        /** OpenMetrics when the {@code Accept} header names it, else the text format. */
        static Format accepting(String accept) {
            return accept != null && accept.contains("application/openmetrics-text") ? OPENMETRICS : TEXT;
        }
    }

    private Exposition() {
    }

    /** The exposition of {@code executors} in {@code format}. */
    static String render(List<LiveExecutors.Snapshot> executors, Format format) {
        List<String> labels = new ArrayList<>();
        List<ExecutorStatistics> snapshots = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (LiveExecutors.Snapshot snapshot : executors) {
            TrackedExecutor executor = snapshot.executor();
            String name = executor.name();
            if (!seen.add(name + '\n' + executor.type())) {
                name = name + " (id " + executor.id() + ")";
            }
            labels.add("name=\"" + escapeLabel(name) + "\",type=\"" + escapeLabel(executor.type()) + "\"");
            snapshots.add(snapshot.statistics());
        }
        StringBuilder out = new StringBuilder(1024 + 256 * executors.size());
        for (Family family : SeriesMapping.families()) {
            // A counter's samples end in _total; the text format names its family so too, OpenMetrics without.
            boolean counter = family.type() == Family.Type.COUNTER;
            String sampleName = counter ? family.name() + "_total" : family.name();
            String familyName = format == Format.OPENMETRICS ? family.name() : sampleName;
            out.append("# HELP ").append(familyName).append(' ').append(escapeHelp(family.help())).append('\n');
            out.append("# TYPE ").append(familyName).append(' ').append(family.type().word()).append('\n');
            for (int i = 0; i < snapshots.size(); i++) {
                String executorLabels = labels.get(i);
                family.read(snapshots.get(i), (suffix, le, value) -> {
                    out.append(sampleName).append(suffix).append('{').append(executorLabels);
                    if (le != null) {
                        out.append(",le=\"").append(le).append('"');
                    }
                    out.append("} ").append(value).append('\n');
                });
            }
        }
        if (format == Format.OPENMETRICS) {
            out.append("# EOF\n");
        }
        return out.toString();
    }

    private static String escapeLabel(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
