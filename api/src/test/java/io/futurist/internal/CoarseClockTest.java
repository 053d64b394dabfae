package io.futurist.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CoarseClockTest {

    @Test
    void samplingAloneRefreshesEvery16Milliseconds() {
        assertEquals(16, CoarseClock.refreshMillis(false, 0, 5));
        assertEquals(16, CoarseClock.refreshMillis(false, 2_000, 5));
    }

    @Test
    void aThresholdRefreshesEveryMillisecondUntilItsDemandExpires() {
        assertEquals(1, CoarseClock.refreshMillis(true, 1_005, 5));
        assertEquals(1, CoarseClock.refreshMillis(true, 1_005, 1_004));
        assertEquals(16, CoarseClock.refreshMillis(true, 1_005, 1_005));
        assertEquals(16, CoarseClock.refreshMillis(true, 1_005, 3_000));
    }

    @Test
    void ticksCompareAcrossTheirWrap() {
        int now = Integer.MAX_VALUE - 10;
        assertEquals(1, CoarseClock.refreshMillis(true, now + 1_000, now));
        assertEquals(16, CoarseClock.refreshMillis(true, now - 1, now));
    }
}
