package io.futurist.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The exit report's header counts executors in the right number. */
class ExitReportTest {

    @Test
    void oneExecutorIsSingular() {
        assertEquals("futurist: executor statistics at exit (0 executors)", ExitReport.header(0));
        assertEquals("futurist: executor statistics at exit (1 executor)", ExitReport.header(1));
        assertEquals("futurist: executor statistics at exit (2 executors)", ExitReport.header(2));
    }
}
