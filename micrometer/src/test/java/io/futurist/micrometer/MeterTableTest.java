package io.futurist.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.futurist.Statistic;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MeterTableTest {

    @Test
    void everyStatisticIsPublishedOrOmittedWithAReason() {
        assertEquals(EnumSet.allOf(Statistic.class), MeterTable.all().keySet());
        for (MeterTable.Row row : MeterTable.all().values()) {
            if (row.form == MeterTable.Form.NONE) {
                assertNotNull(row.omitted, row.statistic + " is omitted without a reason");
            } else {
                assertNotNull(row.name, row.statistic.name());
            }
        }
    }

    @Test
    void noTwoRowsMakeTheSameMeter() {
        Set<String> meters = new HashSet<>();
        for (MeterTable.Row row : MeterTable.published()) {
            assertTrue(meters.add(row.name + " " + row.phi), "two rows make " + row.name);
        }
    }
}
