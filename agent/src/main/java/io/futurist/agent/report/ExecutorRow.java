package io.futurist.agent.report;

import io.futurist.ExecutorStatistics;
import io.futurist.Statistic;
import io.futurist.TrackedExecutor;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One executor's numbers at one moment, as plain values: its identity, and the value of each
 * {@link Statistic}. What the exit report, the table and the JSON of {@code stats} print,
 * whether read in-process or over JMX. A statistic without a value (a shape that does not
 * apply, or one an older agent did not publish) is absent.
 */
public final class ExecutorRow {

    private final long id;
    private final String name;
    private final String type;
    private final String creationSite;
    private final boolean alive;
    private final Map<Statistic, Long> values;

    /**
     * A row of the given identity and values.
     *
     * @param values the value of each statistic that has one; others are absent
     */
    public ExecutorRow(long id, String name, String type, String creationSite, boolean alive,
                       Map<Statistic, Long> values) {
        this.id = id;
        this.name = name;
        this.type = type;
        this.creationSite = creationSite;
        this.alive = alive;
        EnumMap<Statistic, Long> copy = new EnumMap<>(Statistic.class);
        copy.putAll(values);
        this.values = Collections.unmodifiableMap(copy);
    }

    /** The row of a tracked executor, from one snapshot of its statistics. */
    public static ExecutorRow of(TrackedExecutor executor) {
        return of(executor.id(), executor.name(), executor.type(), executor.creationSite(), executor.alive(),
                executor.statistics());
    }

    /** The row of an executor with this identity and these statistics. */
    public static ExecutorRow of(long id, String name, String type, String creationSite, boolean alive,
                                 ExecutorStatistics snapshot) {
        Map<Statistic, Long> values = new EnumMap<>(Statistic.class);
        for (Statistic statistic : Statistic.values()) {
            OptionalLong value = statistic.read(snapshot);
            if (value.isPresent()) {
                values.put(statistic, value.getAsLong());
            }
        }
        return new ExecutorRow(id, name, type, creationSite, alive, values);
    }

    /**
     * This row as a JSON object: {@code id}, {@code name}, {@code type}, {@code creationSite},
     * {@code alive}, then every statistic by its key in {@link Statistic}'s order, {@code null}
     * where it has no value.
     */
    public String toJson() {
        StringBuilder json = new StringBuilder(512);
        json.append("{\"id\":").append(id).append(",\"name\":").append(Json.string(name))
                .append(",\"type\":").append(Json.string(type))
                .append(",\"creationSite\":").append(Json.string(creationSite))
                .append(",\"alive\":").append(alive);
        for (Statistic statistic : Statistic.values()) {
            Long value = values.get(statistic);
            json.append(",\"").append(statistic.key()).append("\":").append(value == null ? "null" : value.toString());
        }
        return json.append('}').toString();
    }

    /** The executor's id. */
    public long id() {
        return id;
    }

    /** The executor's name for people. */
    public String name() {
        return name;
    }

    /** The executor's class name. */
    public String type() {
        return type;
    }

    /** Where the executor was created. */
    public String creationSite() {
        return creationSite;
    }

    /** Whether the executor was alive (not shut down). */
    public boolean alive() {
        return alive;
    }

    /** The value of {@code statistic}, or empty when it has none in this row. */
    public OptionalLong value(Statistic statistic) {
        Long value = values.get(statistic);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
