package io.futurist.agent.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.futurist.ExecutorStatistics;
import io.futurist.internal.ExecutorRecord;
import io.futurist.internal.ExecutorRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The threshold check: which runs and waits cross, what is counted and handed on, and the
 * coarse values that carry a millisecond tick where no exact time was read.
 */
class SlowThresholdsTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final List<String> crossings = new ArrayList<>();
    private final Runnable task = () -> { };
    private ExecutorRecord record;

    @BeforeEach
    void thresholds() {
        record = (ExecutorRecord) new ExecutorRegistry().register(new Object(), "here");
        SlowThresholds.set(50 * MS, 20 * MS, new SlowThresholds.Crossings() {
            @Override
            public void slowRun(ExecutorRecord on, Object what, long nanos, long thresholdNanos) {
                crossings.add("run " + nanos / MS + "/" + thresholdNanos / MS + " " + (what == task));
            }

            @Override
            public void slowQueueWait(ExecutorRecord on, Object what, long nanos, long thresholdNanos) {
                crossings.add("wait " + nanos / MS + "/" + thresholdNanos / MS + " " + (what == task));
            }

            @Override
            public void rejected(ExecutorRecord on, Object what) {
                crossings.add("rejected");
            }
        });
    }

    @AfterEach
    void off() {
        SlowThresholds.set(0, 0, null);
    }

    @Test
    void onlyWhatIsLongerThanItsThresholdCrosses() {
        SlowThresholds.ended(record, task, 0, 50 * MS);
        SlowThresholds.ended(record, task, 0, 50 * MS + 1);
        SlowThresholds.waited(record, task, 20 * MS);
        SlowThresholds.waited(record, task, 21 * MS);
        SlowThresholds.waited(record, task, 400 * MS);
        ExecutorStatistics statistics = record.recorder().snapshot();
        assertEquals(1, statistics.slowRuns());
        assertEquals(2, statistics.slowQueueWaits());
        assertEquals(List.of("run 50/50 true", "wait 21/20 true", "wait 400/20 true"), crossings);
    }

    @Test
    void withoutThresholdsNothingCrossesAndNothingIsRead() {
        SlowThresholds.set(0, 0, null);
        assertFalse(SlowThresholds.on);
        assertEquals(TaskLedger.UNTIMED, SlowThresholds.untimedAcceptance());
        SlowThresholds.ended(record, task, 0, Long.MAX_VALUE);
        SlowThresholds.waited(record, task, Long.MAX_VALUE);
        assertEquals(0, record.recorder().snapshot().slowRuns());
        assertEquals(0, record.recorder().snapshot().slowQueueWaits());
    }

    @Test
    void coarseValuesAreNeitherUntimedNorExact() {
        assertTrue(SlowThresholds.isExact(System.nanoTime()));
        assertTrue(SlowThresholds.isExact(0));
        assertFalse(SlowThresholds.isExact(TaskLedger.UNTIMED));
        assertFalse(SlowThresholds.isCoarse(TaskLedger.UNTIMED));
        assertFalse(SlowThresholds.isCoarse(TaskLedger.NOT_TRACKED));
        for (int tick : new int[] {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            long coarse = SlowThresholds.coarse(tick);
            assertTrue(SlowThresholds.isCoarse(coarse), Integer.toString(tick));
            assertFalse(SlowThresholds.isExact(coarse), Integer.toString(tick));
            assertEquals(tick, SlowThresholds.tickOf(coarse));
        }
    }

    @Test
    void aCoarseDurationIsWholeTicksAcrossTheWrap() {
        assertEquals(60 * MS, SlowThresholds.coarseNanos(SlowThresholds.coarse(10), SlowThresholds.coarse(70)));
        assertEquals(60 * MS, SlowThresholds.coarseNanos(SlowThresholds.coarse(Integer.MAX_VALUE - 9),
                SlowThresholds.coarse(Integer.MIN_VALUE + 50)));
        assertEquals(0, SlowThresholds.coarseNanos(SlowThresholds.coarse(70), SlowThresholds.coarse(70)));
    }

    @Test
    void anUntimedRunIsJudgedByTheCoarseClock() {
        // Accepted 100 ticks before now, started now: a wait of about 100 ms, over 20 ms.
        long now = SlowThresholds.coarseNow();
        long start = SlowThresholds.untimedStart(record, task, SlowThresholds.coarse(SlowThresholds.tickOf(now) - 100));
        assertTrue(SlowThresholds.isCoarse(start));
        // Its run: started 200 ticks ago, ended now.
        SlowThresholds.ended(record, task, SlowThresholds.coarse(SlowThresholds.tickOf(start) - 200), -1);
        // A run started now and ended now is not slow; nor is a run whose start is not known.
        SlowThresholds.ended(record, task, SlowThresholds.coarseNow(), -1);
        SlowThresholds.ended(record, task, TaskLedger.UNTIMED, -1);
        assertEquals(1, record.recorder().snapshot().slowRuns());
        assertEquals(1, record.recorder().snapshot().slowQueueWaits());
        assertEquals(2, crossings.size(), crossings::toString);
        assertTrue(crossings.get(0).startsWith("wait 10"), crossings::toString);
        assertTrue(crossings.get(1).startsWith("run 20"), crossings::toString);
    }

    @Test
    void theLedgerJudgesEveryCountedRun() {
        // An exactly timed task that waited 30 ms and ran 60 ms, and an untimed one that did not cross.
        long start = TaskLedger.started(record, task, System.nanoTime() - 30 * MS);
        TaskLedger.finish(record, task, start - 60 * MS, false);
        long untimed = TaskLedger.started(record, task, TaskLedger.UNTIMED);
        TaskLedger.finish(record, task, untimed, false);
        ExecutorStatistics statistics = record.recorder().snapshot();
        assertEquals(2, statistics.executed());
        assertEquals(1, statistics.timedRuns());
        assertEquals(1, statistics.slowRuns());
        assertEquals(1, statistics.slowQueueWaits());
    }

    @Test
    void aFailingHandlerStopsTheReportsButNotTheCounts() {
        SlowThresholds.set(50 * MS, 0, new SlowThresholds.Crossings() {
            @Override
            public void slowRun(ExecutorRecord on, Object what, long nanos, long thresholdNanos) {
                throw new IllegalStateException("broken on purpose");
            }

            @Override
            public void slowQueueWait(ExecutorRecord on, Object what, long nanos, long thresholdNanos) {
            }

            @Override
            public void rejected(ExecutorRecord on, Object what) {
            }
        });
        SlowThresholds.ended(record, task, 0, 60 * MS);
        SlowThresholds.ended(record, task, 0, 60 * MS);
        assertEquals(2, record.recorder().snapshot().slowRuns());
    }
}
