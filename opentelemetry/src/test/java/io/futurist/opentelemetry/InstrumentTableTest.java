package io.futurist.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.futurist.ExecutorStatistics;
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
    void utilizationAndQueueFillAreRatioGauges() {
        InstrumentTable.Row utilization = InstrumentTable.all().get(Statistic.UTILIZATION);
        InstrumentTable.Row queueFill = InstrumentTable.all().get(Statistic.QUEUE_FILL);
        assertEquals("jvm.executor.utilization 1 GAUGE", utilization.name + " " + utilization.unit + " " + utilization.form);
        assertEquals("jvm.executor.queue.utilization 1 GAUGE", queueFill.name + " " + queueFill.unit + " " + queueFill.form);
        ExecutorStatistics loaded = ExecutorStatistics.EMPTY.withLoad(0.125, Double.NaN);
        assertEquals(0.125, utilization.share.apply(loaded).getAsDouble(), "exact, not the schema's whole percent");
        assertTrue(queueFill.share.apply(loaded).isEmpty());
    }

    @Test
    void bucketBoundsAreWrittenAsPlainSeconds() {
        assertEquals("0.0001", InstrumentTable.le(100_000L));
        assertEquals("0.0025", InstrumentTable.le(2_500_000L));
        assertEquals("1", InstrumentTable.le(1_000_000_000L));
        assertEquals("10", InstrumentTable.le(10_000_000_000L));
    }
}
