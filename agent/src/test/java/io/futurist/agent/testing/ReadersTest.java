package io.futurist.agent.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.futurist.agent.report.StatisticsTable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The test-side readers of the command line's output accept what they should, and nothing else. */
class ReadersTest {

    @Test
    void jsonReadsObjectsArraysAndValues() {
        Object value = JsonText.parse(" {\"pid\":12,\"executors\":[{\"name\":\"a\\\"b\\u00e9\",\"alive\":true,\"x\":null,"
                + "\"n\":-1.5e3}]} ");
        Map<?, ?> document = (Map<?, ?>) value;
        assertEquals(List.of("pid", "executors"), List.copyOf(document.keySet()));
        assertEquals(12L, document.get("pid"));
        Map<?, ?> row = (Map<?, ?>) ((List<?>) document.get("executors")).get(0);
        assertEquals("a\"bé", row.get("name"));
        assertEquals(Boolean.TRUE, row.get("alive"));
        assertEquals(JsonText.NULL, row.get("x"));
        assertEquals(new BigDecimal("-1.5e3"), row.get("n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{\"a\":1,}", "{\"a\":1}{}", "{a:1}", "{\"a\":01}", "{\"a\":1,\"a\":2}",
        "[1 2]", "\"tab\there\"", "{\"a\":tru}", "'a'"})
    void jsonRejectsWhatIsNotJson(String text) {
        assertThrows(IllegalArgumentException.class, () -> JsonText.parse(text));
    }

    /** A table as the command line renders it, with rows of different widths. */
    private static final String TABLE = StatisticsTable.format(List.of(
            StatsTable.COLUMNS.toArray(new String[0]),
            new String[] {"pool-*", "ThreadPoolExecutor", "yes", "12", "12", "0", "0", "0", "0", "0", "1.0µs", "2.0µs",
                "2.5us", "3.0µs", "4.0µs", "2/2", "unknown (created before attach)"},
            new String[] {"RMI TCP Connection(idle)", "ThreadPoolExecutor", "no", "1234567", "7", "0", "0", "0", "0", "5/100",
                "850ns", "12.34ms", "2.00s", "1.20s", "1.30s", "-", "sun.rmi.transport.tcp.TCPTransport.<clinit>(TCPTransport.java:143)"}));

    @Test
    void tableReadsAlignedRows() {
        StatsTable table = StatsTable.parse(TABLE);
        assertEquals(2, table.rows().size());
        assertEquals("12", table.named("pool-*").get(0).get("submitted"));
        assertEquals("unknown (created before attach)", table.named("pool-*").get(0).get("created at"));
        assertEquals("1234567", table.named("RMI TCP Connection(idle)").get(0).get("submitted"));
        assertEquals("12.34ms", table.named("RMI TCP Connection(idle)").get(0).get("p99 run"));
    }

    @Test
    void tableRejectsAMisalignedRowOrAnotherHeader() {
        String[] lines = TABLE.split("\n");
        String shifted = lines[0] + "\n" + lines[1].replaceFirst("  yes", " yes") + "\n";
        assertThrows(AssertionError.class, () -> StatsTable.parse(shifted));
        assertThrows(AssertionError.class, () -> StatsTable.parse(TABLE.replaceFirst("queued", "waiting")));
    }
}
