package io.futurist.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.futurist.Statistic;
import io.futurist.agent.report.ExecutorRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code stats --sort}: largest first, no value last, ties by id; text alphabetically; bad fields refused. */
class RowOrderTest {

    private static final List<ExecutorRow> ROWS = List.of(
            row(1, "b-pool", true, Map.of(Statistic.QUEUED, 5L, Statistic.EXECUTED, 10L)),
            row(2, "A-pool", false, Map.of(Statistic.EXECUTED, 10L)),
            row(3, "c-pool", true, Map.of(Statistic.QUEUED, 7L, Statistic.EXECUTED, 3L)));

    private static ExecutorRow row(long id, String name, boolean alive, Map<Statistic, Long> values) {
        return new ExecutorRow(id, name, "T", "site", alive, values);
    }

    private static List<Long> sortedBy(String field) throws CliException {
        List<ExecutorRow> rows = new ArrayList<>(ROWS);
        rows.sort(RowOrder.by(field));
        return rows.stream().map(ExecutorRow::id).toList();
    }

    @Test
    void numbersGoLargestFirstWithoutAValueLastAndTiesById() throws CliException {
        assertEquals(List.of(1L, 2L, 3L), sortedBy("executed"));
        assertEquals(List.of(3L, 1L, 2L), sortedBy("queued"));
    }

    @Test
    void identityFieldsGoInTheirNaturalOrder() throws CliException {
        assertEquals(List.of(2L, 1L, 3L), sortedBy("name"));
        assertEquals(List.of(1L, 3L, 2L), sortedBy("alive"));
        assertEquals(List.of(1L, 2L, 3L), sortedBy("id"));
    }

    @Test
    void anUnknownFieldIsRefusedNamingTheFieldsThereAre() {
        CliException refused = assertThrows(CliException.class, () -> RowOrder.by("speed"));
        assertEquals(CliException.USAGE, refused.status());
        assertTrue(refused.getMessage().startsWith("no field 'speed' to sort by; one of: id, name, type,"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("runtimeP99Nanos"), refused.getMessage());
    }
}
