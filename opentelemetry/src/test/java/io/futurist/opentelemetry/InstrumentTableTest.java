package io.futurist.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.futurist.Statistic;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class InstrumentTableTest {

    @Test
    void everyStatisticIsPublishedOrOmittedWithAReason() {
        assertEquals(EnumSet.allOf(Statistic.class), InstrumentTable.all().keySet());
        for (InstrumentTable.Row row : InstrumentTable.all().values()) {
            if (row.form == InstrumentTable.Form.NONE) {
                assertNotNull(row.omitted, row.statistic + " is omitted without a reason");
            } else {
                assertNotNull(row.name, row.statistic.name());
            }
        }
    }

    @Test
    void bucketBoundsAreWrittenAsPlainSeconds() {
        assertEquals("0.0001", InstrumentTable.le(100_000L));
        assertEquals("0.0025", InstrumentTable.le(2_500_000L));
        assertEquals("1", InstrumentTable.le(1_000_000_000L));
        assertEquals("10", InstrumentTable.le(10_000_000_000L));
    }
}
