package io.futurist.agent.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The counters a scenario line must show, compared all at once so that a failure names every
 * counter that is off and shows the child's output.
 */
public final class Books {

    private final Map<String, Long> expected = new LinkedHashMap<>();

    private Books() {
    }

    /** Expected {@code submitted}, {@code executed}, {@code failures}, {@code cancelled}, {@code rejected}. */
    public static Books of(long submitted, long executed, long failures, long cancelled, long rejected) {
        Books books = new Books();
        books.expected.put("submitted", submitted);
        books.expected.put("executed", executed);
        books.expected.put("failures", failures);
        books.expected.put("cancelled", cancelled);
        books.expected.put("rejected", rejected);
        return books;
    }

    /** Also expect {@code key} to be {@code value}. */
    public Books and(String key, long value) {
        expected.put(key, value);
        return this;
    }

    /** Asserts the counters of {@code line} (a {@code #stats} or {@code #tracked} line). */
    public void assertOn(ScenarioOutput.Line line) {
        StringBuilder wrong = new StringBuilder();
        expected.forEach((key, value) -> {
            long actual = line.number(key);
            if (actual != value) {
                wrong.append("\n  ").append(key).append(": expected ").append(value).append(" but was ").append(actual);
            }
        });
        if (wrong.length() > 0) {
            fail("wrong statistics in '" + line.text() + "':" + wrong);
        }
    }

    /**
     * Asserts that {@code line} shows a tracked, shut down, idle executor with exactly these
     * counters, and that its books balance: {@code submitted == executed + cancelled}.
     */
    public void assertTerminated(ScenarioOutput.Line line) {
        assertEquals("true", line.get("tracked"), () -> "not tracked: " + line.text());
        assertEquals("false", line.get("alive"), () -> "still alive: " + line.text());
        and("active", 0).and("queued", 0).assertOn(line);
        assertEquals(line.number("submitted"), line.number("executed") + line.number("cancelled"),
                () -> "submitted != executed + cancelled after termination: " + line.text());
    }

    /**
     * Asserts that each expected counter grew by exactly its expected amount from {@code before}
     * to {@code after} (two lines of the same executor), for an executor whose earlier history
     * is not this check's business (the common pool).
     */
    public void assertGrowth(ScenarioOutput.Line before, ScenarioOutput.Line after) {
        StringBuilder wrong = new StringBuilder();
        expected.forEach((key, value) -> {
            long grown = after.number(key) - before.number(key);
            if (grown != value) {
                wrong.append("\n  ").append(key).append(": expected +").append(value).append(" but was +").append(grown);
            }
        });
        if (wrong.length() > 0) {
            fail("wrong growth from '" + before.text() + "'\nto '" + after.text() + "':" + wrong);
        }
    }

    /**
     * Asserts the conservation law on {@code line}, a snapshot of an executor nothing was
     * submitted to or ran on while it was taken: every accepted task has run, was cancelled,
     * runs now or waits, {@code submitted == executed + cancelled + active + queued}.
     */
    public static void assertConserved(ScenarioOutput.Line line) {
        assertEquals(line.number("submitted"),
                line.number("executed") + line.number("cancelled") + line.number("active") + line.number("queued"),
                () -> "submitted != executed + cancelled + active + queued: " + line.text());
    }

    /**
     * Asserts that {@code line} shows a tracked, shut down, idle executor whose books balance,
     * {@code submitted == executed + cancelled}, when the exact counts are up to the JDK (how
     * many of {@code invokeAny}'s callables start before one wins, say).
     */
    public static void assertBalanced(ScenarioOutput.Line line) {
        assertEquals("true", line.get("tracked"), () -> "not tracked: " + line.text());
        assertEquals("false", line.get("alive"), () -> "still alive: " + line.text());
        assertEquals(0, line.number("active"), () -> "still active: " + line.text());
        assertEquals(0, line.number("queued"), () -> "still queued: " + line.text());
        assertEquals(line.number("submitted"), line.number("executed") + line.number("cancelled"),
                () -> "submitted != executed + cancelled after termination: " + line.text());
    }
}
