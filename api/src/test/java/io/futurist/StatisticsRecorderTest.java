package io.futurist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The recorder turns events into exact counters and totals, also when many threads record at once. */
class StatisticsRecorderTest {

    @Test
    void concurrentRecordingIsExact() throws Exception {
        int threads = 8;
        int perThread = 20_000;
        StatisticsRecorder recorder = new StatisticsRecorder();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        recorder.submitted();
                        if (i % 10 == 9) {
                            recorder.cancelled();
                            recorder.rejected();
                            continue;
                        }
                        recorder.started(i % 100);
                        // One thread records the single longest run, at its very end.
                        long runtime = thread == 3 && i == perThread - 2 ? 987_654_321L : 1000 + i % 7;
                        recorder.finished(runtime, i % 3 == 0);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        long expectedRuns = 0;
        long expectedFailures = 0;
        long expectedRuntime = 0;
        long expectedQueueTime = 0;
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++) {
                if (i % 10 == 9) {
                    continue;
                }
                expectedRuns++;
                expectedFailures += i % 3 == 0 ? 1 : 0;
                expectedRuntime += t == 3 && i == perThread - 2 ? 987_654_321L : 1000 + i % 7;
                expectedQueueTime += i % 100;
            }
        }
        ExecutorStatistics stats = recorder.snapshot();
        assertEquals((long) threads * perThread, stats.submitted());
        assertEquals(threads * perThread / 10, stats.cancelled());
        assertEquals(threads * perThread / 10, stats.rejected());
        assertEquals(expectedRuns, stats.executed());
        assertEquals(expectedFailures, stats.failures());
        assertEquals(Duration.ofNanos(expectedRuntime), stats.runtime());
        assertEquals(Duration.ofNanos(expectedQueueTime), stats.queueTime());
        assertEquals(Duration.ofNanos(987_654_321L), stats.maxRuntime());
        assertEquals(0, stats.active());
        assertEquals(0, stats.queued());
        assertEquals(stats.submitted(), stats.executed() + stats.cancelled());
    }

    @Test
    void rejectedIsNotCountedAsSubmitted() {
        StatisticsRecorder recorder = new StatisticsRecorder();
        recorder.rejected();
        recorder.rejected();
        ExecutorStatistics stats = recorder.snapshot();
        assertEquals(0, stats.submitted());
        assertEquals(2, stats.rejected());
        assertEquals(0, stats.queued());
    }

    @Test
    void submissionRejectedMovesOneSubmissionToRejected() {
        StatisticsRecorder recorder = new StatisticsRecorder();
        recorder.submitted();
        recorder.submitted();
        recorder.submitted();
        recorder.submissionRejected();
        ExecutorStatistics stats = recorder.snapshot();
        assertEquals(2, stats.submitted());
        assertEquals(1, stats.rejected());
        assertEquals(2, stats.queued());
    }

    @Test
    void activeAndQueuedAreDerivedFromTheCounters() {
        StatisticsRecorder recorder = new StatisticsRecorder();
        for (int i = 0; i < 7; i++) {
            recorder.submitted();
        }
        recorder.started(1);
        recorder.started(1);
        recorder.started(1);
        recorder.finished(5, false);
        recorder.cancelled();
        ExecutorStatistics stats = recorder.snapshot();
        assertEquals(2, stats.active()); // 3 started, 1 finished
        assertEquals(3, stats.queued()); // 7 accepted, 3 started, 1 cancelled
    }

    @Test
    void maxRuntimeIsExact() {
        StatisticsRecorder recorder = new StatisticsRecorder();
        recorder.finished(1_000_003, false);
        recorder.finished(123_456_789, true);
        recorder.finished(17, false);
        ExecutorStatistics stats = recorder.snapshot();
        assertEquals(Duration.ofNanos(123_456_789), stats.maxRuntime());
        assertEquals(Duration.ofNanos(1_000_003 + 123_456_789 + 17), stats.runtime());
        assertEquals(1, stats.failures());
        assertEquals(3, stats.executed());
    }

    @Test
    void negativeRuntimeCountsAsZero() {
        StatisticsRecorder recorder = new StatisticsRecorder();
        recorder.finished(-50, false);
        ExecutorStatistics stats = recorder.snapshot();
        assertEquals(1, stats.executed());
        assertEquals(Duration.ZERO, stats.runtime());
        assertEquals(Duration.ZERO, stats.maxRuntime());
    }

    @Test
    void unknownQueueTimeIsNotTimed() {
        StatisticsRecorder recorder = new StatisticsRecorder();
        recorder.submitted();
        recorder.submitted();
        recorder.started(-1);
        recorder.started(300);
        ExecutorStatistics stats = recorder.snapshot();
        assertEquals(2, stats.active());
        assertEquals(Duration.ofNanos(300), stats.queueTime());
        assertEquals(Duration.ofNanos(300), stats.averageQueueTime()); // one timed start, not two
    }

    @Test
    void snapshotsDoNotChangeAfterwards() {
        StatisticsRecorder recorder = new StatisticsRecorder();
        recorder.submitted();
        recorder.started(10);
        recorder.finished(20, false);
        ExecutorStatistics before = recorder.snapshot();
        String text = before.toString();
        recorder.submitted();
        recorder.started(1_000);
        recorder.finished(1_000_000, true);
        assertEquals(1, before.executed());
        assertEquals(Duration.ofNanos(20), before.runtimePercentile(100));
        assertEquals(text, before.toString());
        assertEquals(2, recorder.snapshot().executed());
    }
}
