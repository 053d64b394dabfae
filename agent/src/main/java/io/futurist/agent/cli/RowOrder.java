package io.futurist.agent.cli;

import io.futurist.Statistic;
import io.futurist.agent.report.ExecutorRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/**
 * The order of {@code stats --sort FIELD}: by any field of the JSON, named by its key. Numbers
 * go largest first (the question is "which pool has the most"), an executor without a value
 * for the field (a shape that does not apply) after every executor with one; the identity's
 * text fields go alphabetically. Ties keep the id order, so a sorted table is stable from one
 * read to the next.
 */
final class RowOrder {

    /** The fields that are not statistics, in the JSON's order. */
    private static final List<String> IDENTITY = List.of("id", "name", "type", "creationSite", "alive");

    private RowOrder() {
    }

    /**
     * The order by {@code field}.
     *
     * @throws CliException naming every field that can be given, when {@code field} is none of them
     */
    static Comparator<ExecutorRow> by(String field) throws CliException {
        Comparator<ExecutorRow> byId = Comparator.comparingLong(ExecutorRow::id);
        switch (field) {
            case "id":
                return byId;
            case "name":
                return Comparator.comparing(ExecutorRow::name, String.CASE_INSENSITIVE_ORDER).thenComparing(byId);
            case "type":
                return Comparator.comparing(ExecutorRow::type).thenComparing(byId);
            case "creationSite":
                return Comparator.comparing(ExecutorRow::creationSite).thenComparing(byId);
            case "alive":
                return Comparator.comparing((ExecutorRow row) -> !row.alive()).thenComparing(byId);
            default:
                Statistic statistic = statistic(field);
                return Comparator.comparingLong((ExecutorRow row) -> mostFirst(row.value(statistic))).thenComparing(byId);
        }
    }

    /** The key that puts the largest value first and no value last. */
    private static long mostFirst(OptionalLong value) {
        return value.isPresent() ? -value.getAsLong() : Long.MAX_VALUE;
    }

    private static Statistic statistic(String field) throws CliException {
        for (Statistic statistic : Statistic.values()) {
            if (statistic.key().equals(field)) {
                return statistic;
            }
        }
        List<String> fields = new ArrayList<>(IDENTITY);
        for (Statistic statistic : Statistic.values()) {
            fields.add(statistic.key());
        }
        throw new CliException("no field '" + field + "' to sort by; one of: " + String.join(", ", fields),
                CliException.USAGE);
    }
}
