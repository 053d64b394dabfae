package io.futurist.agent.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** At most so many reports per executor and second, and the next one that passes says how many were dropped. */
class ThrottleTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void passesTheFirstFewOfASecondAndCountsTheRest() {
        Throttle throttle = new Throttle(2);
        assertEquals(0, throttle.pass(1, 5 * SECOND));
        assertEquals(0, throttle.pass(1, 5 * SECOND + 1));
        assertEquals(-1, throttle.pass(1, 5 * SECOND + 2));
        assertEquals(-1, throttle.pass(1, 6 * SECOND - 1));
        // Another executor has its own window.
        assertEquals(0, throttle.pass(2, 5 * SECOND + 3));
        // The next second: passes again, saying two were left out.
        assertEquals(2, throttle.pass(1, 6 * SECOND));
        assertEquals(0, throttle.pass(1, 6 * SECOND + 1));
    }

    @Test
    void negativeClockReadingsAreSecondsToo() {
        Throttle throttle = new Throttle(1);
        assertEquals(0, throttle.pass(7, -1));
        assertEquals(-1, throttle.pass(7, -2));
        assertEquals(1, throttle.pass(7, 0));
    }
}
