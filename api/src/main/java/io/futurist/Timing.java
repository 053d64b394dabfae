package io.futurist;

/**
 * Which runs an executor times: how long each waited to start and how long it ran.
 *
 * <p>Counts (submitted, executed, failures, cancelled, rejected, active, queued) are exact in
 * every mode; timing is what costs per task (a clock read costs tens of nanoseconds, and an
 * exactly timed run needs three). {@link ExecutorStatistics#timedRuns()} says how many runs the
 * times describe.
 */
public enum Timing {

    /**
     * Every run is timed while the executor is not busy; when its task rate is high, a random
     * sample of runs is timed, at a rate that keeps the cost of timing within a fixed CPU budget
     * per executor (about 1 ms of CPU per second, 0.1% of one core, whatever the task rate).
     * Which runs are timed is decided when they are submitted, before anything about their
     * length is known, so the sample is unbiased: averages and percentiles over it estimate
     * those of every run, and totals are estimated as the timed average times the runs.
     */
    ADAPTIVE,

    /** Every run is timed: totals are exact, at the cost of three clock reads per task. */
    ALL,

    /** No run is timed: counts only. */
    OFF
}
