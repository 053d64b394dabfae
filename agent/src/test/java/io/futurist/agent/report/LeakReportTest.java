package io.futurist.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Grouping by creation site, the idle threshold, the sites that keep making executors. */
class LeakReportTest {

    private static final String PER_REQUEST = "app.Handler.handle(Handler.java:12)";
    private static final String ONCE = "app.Main.main(Main.java:3)";

    @Test
    void idleOpenExecutorsAreGroupedBySiteWithTheirThreads() {
        List<LeakReport.Seen> seen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            seen.add(new LeakReport.Seen(PER_REQUEST, true, 90_000 + i, 2));
        }
        seen.add(new LeakReport.Seen(PER_REQUEST, false, 90_000, 2)); // shut down: not a leak
        seen.add(new LeakReport.Seen(PER_REQUEST, true, 10_000, 2)); // idle, not long enough
        seen.add(new LeakReport.Seen(PER_REQUEST, true, -1, 2)); // busy
        seen.add(new LeakReport.Seen(ONCE, true, 61_000, -1));
        seen.add(new LeakReport.Seen("ForkJoinPool.commonPool() (the JDK's common pool)", true, 99_000, 1));
        LeakReport report = LeakReport.of(seen, Map.of(PER_REQUEST, 5L), 60, true);
        assertEquals(String.join("\n",
                "4 executors idle for 60 s or more and never shut down, from 2 creation sites",
                "executors  threads  idle for  created at",
                "        3        6       90s  " + PER_REQUEST,
                "        1        -       61s  " + ONCE,
                "creation sites that keep making executors (10 or more so far):",
                "  " + PER_REQUEST + ": 11 created, 5 never shut down",
                ""), report.text());
        assertEquals("{\"idleSeconds\":60,\"idleKnown\":true,\"idle\":[{\"creationSite\":\"" + PER_REQUEST
                + "\",\"executors\":3,\"threads\":6,\"leastIdleMillis\":90000},{\"creationSite\":\"" + ONCE
                + "\",\"executors\":1,\"threads\":null,\"leastIdleMillis\":61000}],\"keepMakingExecutors\":"
                + "[{\"creationSite\":\"" + PER_REQUEST + "\",\"created\":11,\"neverShutDown\":5}],\"stuck\":[]}",
                report.json());
    }

    @Test
    void nothingToSayIsSaidInOneLine() {
        LeakReport report = LeakReport.of(List.of(new LeakReport.Seen(ONCE, true, 5_000, 2)), Map.of(), 60, true);
        assertTrue(report.isEmpty());
        assertEquals("no executor has been idle for 60 s or more without being shut down\n", report.text());
    }

    @Test
    void executorsFoundStuckInTwoReadingsAreListedWithTheTasksTheyStrand() {
        List<LeakReport.Seen> seen = List.of(
                new LeakReport.Seen(ONCE, false, -1, 0, "orders-*", 4_000, 7), // stuck for four readings
                new LeakReport.Seen(ONCE, false, -1, 0, "pool-3", 0, 2), // stuck in one reading only: not yet
                new LeakReport.Seen(ONCE, false, -1, 0, "pool-4", -1, 0)); // shut down, not stuck
        LeakReport report = LeakReport.of(seen, Map.of(), 60, true);
        assertFalse(report.isEmpty());
        assertEquals(String.join("\n",
                "1 executor shut down and stuck: tasks wait and no thread is left to run them; shutdownNow() takes them back",
                "waiting  stuck for  executor  created at",
                "      7         4s  orders-*  " + ONCE,
                ""), report.findings());
        assertTrue(report.json().endsWith(",\"stuck\":[{\"name\":\"orders-*\",\"creationSite\":\"" + ONCE
                + "\",\"waiting\":7,\"stuckMillis\":4000}]}"), report.json());
    }
}
