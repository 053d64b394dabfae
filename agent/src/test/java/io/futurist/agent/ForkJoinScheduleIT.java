package io.futurist.agent;

import static example.scenarios.ForkJoinScheduleScenario.DELAY_RUNS;
import static example.scenarios.ForkJoinScheduleScenario.RATE_RUNS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.scenarios.ForkJoinScheduleScenario;
import io.futurist.agent.testing.Books;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.RequiresJava;
import io.futurist.agent.testing.ScenarioOutput;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link ForkJoinScheduleScenario}: {@code ForkJoinPool}'s own {@code schedule*} and
 * {@code submitWithTimeout}, which arrived in Java 25.
 */
@RequiresJava(min = 25, reason = "ForkJoinPool's schedule* and submitWithTimeout arrived in Java 25")
class ForkJoinScheduleIT {

    private static ChildJvm.Result run;
    private static ScenarioOutput output;

    @BeforeAll
    static void runScenario() {
        run = ForkJoinChildren.result(ForkJoinChildren.SCHEDULE);
        output = run.output();
    }

    @Test
    void agentIsSilent() {
        assertEquals("[]", run.futuristLines().toString(), run::describe);
    }

    @Test
    void delayedOneShotsAreOneTaskEach() {
        Books.of(2, 2, 0, 0, 0).assertTerminated(output.stats("oneShots"));
        assertEquals(42, output.result("oneShots").number("callable"));
        assertEquals(1, output.result("oneShots").number("runs"));
    }

    /** README: each re-arm of a periodic task counts again; the run that cancels its own task arms none. */
    @Test
    void everyRunOfAFixedRateTaskIsASubmission() {
        Books.of(RATE_RUNS, RATE_RUNS, 0, 0, 0).assertTerminated(output.stats("rate"));
        assertEquals(RATE_RUNS, output.result("rate").number("runs"));
        assertTrue(output.result("rate").flag("cancelled"));
    }

    /**
     * Cancelled from outside, the next run of a fixed-delay task was either still waiting for
     * its delay (never a task) or already queued (a task, cancelled): executed is the runs the
     * application saw either way, and the books balance.
     */
    @Test
    void fixedDelayTaskCancelledFromOutsideBalances() {
        ScenarioOutput.Line delay = output.stats("delay");
        ScenarioOutput.Line runs = output.line("runs", "delay");
        Books.assertBalanced(delay);
        assertTrue(runs.flag("cancelled") && runs.flag("quiet") && runs.flag("terminated"), runs::text);
        assertTrue(runs.number("runs") >= DELAY_RUNS, runs::text);
        assertEquals(runs.number("runs"), delay.number("executed"), delay::text);
        assertTrue(delay.number("cancelled") <= 1, delay::text);
        assertEquals(0, delay.number("failures"), delay::text);
    }

    /**
     * In time: one task (its timeout action never runs). Timing out while running: one run,
     * failed with the TimeoutException its action set. Timing out while queued behind two
     * held workers: cancelled before it started. Plus the two holders.
     */
    @Test
    void submitWithTimeoutIsOneTaskWhateverItsTimeoutDoes() {
        Books.of(5, 4, 1, 1, 0).assertTerminated(output.stats("timeouts"));
        ScenarioOutput.Line result = output.result("timeouts");
        assertEquals(5, result.number("inTime"));
        assertEquals("TimeoutException", result.get("runningOutcome"));
        assertEquals("cancelled", result.get("queuedOutcome"));
        assertEquals(0, result.number("queuedRuns"));
    }

    /**
     * docs/CONTRACT.md §3 counts schedule* as submissions and a task cancelled before it starts as
     * cancelled. The agent counts a ForkJoinPool's delayed task only when it becomes due
     * ({@code executeEnabledScheduledTask}), so one that never does is in no counter at all.
     */
    @Test
    void delayedTasksThatNeverBecomeDueAreSubmittedAndCancelled() {
        assertEquals(2, output.stats("pending-accepted").number("submitted"), output.stats("pending-accepted")::text);
        Books.of(2, 0, 0, 2, 0).assertTerminated(output.stats("pending"));
    }

    @Test
    void delayedTasksThatNeverBecomeDueNeverRun() {
        Books.assertBalanced(output.stats("pending"));
        ScenarioOutput.Line result = output.result("pending");
        assertTrue(result.flag("terminated") && result.flag("cancel") && result.flag("droppedCancelled"), result::text);
        assertEquals(0, result.number("ran"));
        assertEquals(0, output.stats("pending").number("executed"));
    }
}
