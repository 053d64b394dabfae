package io.futurist.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The {@code slowRun} and {@code slowQueue} options: durations parsed exactly, anything else refused in one line. */
class AgentOptionsTest {

    @Test
    void thresholdsAreOffByDefault() {
        AgentOptions options = AgentOptions.parse("report=exit");
        assertEquals(0, options.slowRunNanos());
        assertEquals(0, options.slowQueueNanos());
    }

    @Test
    void aDurationIsANumberAndAUnit() {
        assertEquals(100_000_000L, AgentOptions.durationNanos("slowRun", "100ms"));
        assertEquals(2_000_000_000L, AgentOptions.durationNanos("slowRun", "2s"));
        assertEquals(500_000L, AgentOptions.durationNanos("slowRun", "500us"));
        assertEquals(500_000L, AgentOptions.durationNanos("slowRun", "500µs"));
        assertEquals(750L, AgentOptions.durationNanos("slowRun", "750ns"));
        assertEquals(1_500_000_000L, AgentOptions.durationNanos("slowRun", "1.5s"));
        assertEquals(120_000_000_000L, AgentOptions.durationNanos("slowRun", "2m"));
        // Less than a nanosecond still sets a threshold, of one nanosecond.
        assertEquals(1L, AgentOptions.durationNanos("slowRun", "0.1ns"));
    }

    @Test
    void bothOptionsAreReadCaseInsensitively() {
        AgentOptions options = AgentOptions.parse("slowRun=50ms, SLOWQUEUE=2S");
        assertEquals(50_000_000L, options.slowRunNanos());
        assertEquals(2_000_000_000L, options.slowQueueNanos());
    }

    @Test
    void anythingElseIsOneClearError() {
        for (String bad : new String[] {"", "100", "ms", "-5ms", "0ms", "0", "1.ms", ".5s", "5 h", "5h", "fast",
            "1e3ms", "99999999999999999999s"}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> AgentOptions.parse("slowQueue=" + bad), bad);
            assertEquals("invalid value for slowQueue: '" + bad.trim().toLowerCase(java.util.Locale.ROOT)
                    + "' (expected a positive duration such as 500us, 100ms, 2s or 1.5s)", error.getMessage(), bad);
        }
    }

    @Test
    void theKnownOptionsNameTheThresholds() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("slow=1s"));
        assertEquals("unknown agent option 'slow' (known: report=exit|none, jmx=true|false, timing=adaptive|all|off,"
                + " prometheus=[HOST:]PORT, slowRun=DURATION, slowQueue=DURATION, cache=<directory>)", error.getMessage());
    }
}
