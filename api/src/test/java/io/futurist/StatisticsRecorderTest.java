package io.futurist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
                        recorder.recordSubmitted();
                        if (i % 10 == 9) {
                            recorder.recordCancelled();
                            recorder.recordRejected();
                            continue;
                        }
                        recorder.recordStarted(i % 100);
                        // One thread records the single longest run, at its very end.
                        long runtime = thread == 3 && i == perThread - 2 ? 987_654_321L : 1000 + i % 7;
                        recorder.recordFinished(runtime, i % 3 == 0);
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
        recorder.recordRejected();
        recorder.recordRejected();
        ExecutorStatistics stats = recorder.snapshot();
        assertEquals(0, stats.submitted());
        assertEquals(2, stats.rejected());
        assertEquals(0, stats.queued());
    }

    @Test
    void submissionRejectedMovesOneSubmissionToRejected() {
        StatisticsRecorder recorder = new StatisticsRecorder();
        recorder.recordSubmitted();
        recorder.recordSubmitted();
        recorder.recordSubmitted();
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
            recorder.recordSubmitted();
        }
        recorder.recordStarted(1);
        recorder.recordStarted(1);
        recorder.recordStarted(1);
        recorder.recordFinished(5, false);
        recorder.recordCancelled();
        ExecutorStatistics stats = recorder.snapshot();
        assertEquals(2, stats.active()); // 3 started, 1 finished
        assertEquals(3, stats.queued()); // 7 accepted, 3 started, 1 cancelled
    }

    @Test
    void closedBooksCountWhatWouldBeQueuedAsCancelledAndFollowLaterCorrections() {
        StatisticsRecorder recorder = new StatisticsRecorder();
        for (int i = 0; i < 5; i++) {
            recorder.recordSubmitted();
        }
        recorder.recordStarted(1);
        recorder.recordFinished(5, false);
        recorder.recordCancelled();
        recorder.booksClosed();
        ExecutorStatistics closed = recorder.snapshot();
        assertEquals(0, closed.queued());
        assertEquals(4, closed.cancelled()); // 1 cancelled + the 3 never started
        assertEquals(closed.submitted(), closed.executed() + closed.cancelled());
        ExecutorStatistics counts = recorder.countsSnapshot();
        assertEquals(List.of(0L, 4L), List.of(counts.queued(), counts.cancelled()), "queued, cancelled");
        // A refusal of a submission counted just before the end, and a run that began after it.
        recorder.submissionRejected();
        recorder.startedUntimed();
        recorder.finishedUntimed(false);
        ExecutorStatistics later = recorder.snapshot();
        assertEquals(4, later.submitted());
        assertEquals(1, later.rejected());
        assertEquals(2, later.executed());
        assertEquals(2, later.cancelled());
        assertEquals(0, later.queued());
    }

    @Test
    void maxRuntimeIsExact() {
        StatisticsRecorder recorder = new StatisticsRecorder();
        recorder.recordFinished(1_000_003, false);
        recorder.recordFinished(123_456_789, true);
        recorder.recordFinished(17, false);
        ExecutorStatistics stats = recorder.snapshot();
        assertEquals(Duration.ofNanos(123_456_789), stats.maxRuntime());
        assertEquals(Duration.ofNanos(1_000_003 + 123_456_789 + 17), stats.runtime());
        assertEquals(1, stats.failures());
        assertEquals(3, stats.executed());
    }

    @Test
    void negativeRuntimeCountsAsZero() {
        StatisticsRecorder recorder = new StatisticsRecorder();
        recorder.recordFinished(-50, false);
        ExecutorStatistics stats = recorder.snapshot();
        assertEquals(1, stats.executed());
        assertEquals(Duration.ZERO, stats.runtime());
        assertEquals(Duration.ZERO, stats.maxRuntime());
    }

    @Test
    void unknownQueueTimeIsNotTimed() {
        StatisticsRecorder recorder = new StatisticsRecorder();
        recorder.recordSubmitted();
        recorder.recordSubmitted();
        recorder.recordStarted(-1);
        recorder.recordStarted(300);
        ExecutorStatistics stats = recorder.snapshot();
        assertEquals(2, stats.active());
        assertEquals(Duration.ofNanos(300), stats.averageQueueTime()); // one timed start, not two
        assertEquals(1, stats.timedQueueWaits());
        // Not every wait was timed: the total is the timed average times the runs started.
        assertEquals(Duration.ofNanos(600), stats.queueTime());
    }

    @Test
    void snapshotsDoNotChangeAfterwards() {
        StatisticsRecorder recorder = new StatisticsRecorder();
        recorder.recordSubmitted();
        recorder.recordStarted(10);
        recorder.recordFinished(20, false);
        ExecutorStatistics before = recorder.snapshot();
        String text = before.toString();
        recorder.recordSubmitted();
        recorder.recordStarted(1_000);
        recorder.recordFinished(1_000_000, true);
        assertEquals(1, before.executed());
        assertEquals(Duration.ofNanos(20), before.runtimePercentile(100));
        assertEquals(text, before.toString());
        assertEquals(2, recorder.snapshot().executed());
    }

    @Test
    void threadsThatEndedKeepTheirCounts() throws Exception {
        // More short-lived threads than a recorder keeps books for: each one's book must be
        // folded into the retired total, neither lost nor counted twice.
        StatisticsRecorder recorder = new StatisticsRecorder();
        int threads = StatisticsRecorder.MAX_BOOKS * 3;
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 100; i++) {
                    recorder.recordSubmitted();
                    recorder.recordStarted(10);
                    recorder.recordFinished(20 + i, i == 0);
                }
            });
            thread.start();
            thread.join();
            if (t % 7 == 0) {
                recorder.snapshot(); // folds in between, as a reader does
            }
        }
        ExecutorStatistics stats = recorder.snapshot();
        assertEquals(threads * 100L, stats.submitted());
        assertEquals(threads * 100L, stats.executed());
        assertEquals(threads, stats.failures());
        assertEquals(Duration.ofNanos(threads * 100L * 10), stats.queueTime());
        assertEquals(Duration.ofNanos(threads * (100L * 20 + 4950)), stats.runtime());
        assertEquals(Duration.ofNanos(119), stats.maxRuntime());
        assertEquals(Duration.ofNanos(10), stats.queueTimePercentile(50));
        assertEquals(threads * 100L, stats.executed() + stats.active() + stats.queued());
    }

    @Test
    void moreLiveThreadsThanBooksAreExact() throws Exception {
        // Threads beyond MAX_BOOKS record into the shared fallback while the others hold books.
        StatisticsRecorder recorder = new StatisticsRecorder();
        int threads = StatisticsRecorder.MAX_BOOKS + 8;
        CountDownLatch allRecorded = new CountDownLatch(threads);
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    recorder.recordSubmitted();
                    recorder.recordStarted(5);
                    recorder.recordFinished(7, false);
                    recorder.recordCancelled();
                }
                allRecorded.countDown();
                try {
                    release.await(); // stay alive: every book stays taken
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            thread.start();
            started.add(thread);
        }
        assertTrue(allRecorded.await(30, TimeUnit.SECONDS));
        ExecutorStatistics whileAlive = recorder.snapshot();
        release.countDown();
        for (Thread thread : started) {
            thread.join();
        }
        ExecutorStatistics afterwards = recorder.snapshot();
        for (ExecutorStatistics stats : List.of(whileAlive, afterwards)) {
            assertEquals(threads * 1000L, stats.submitted());
            assertEquals(threads * 1000L, stats.executed());
            assertEquals(threads * 1000L, stats.cancelled());
            assertEquals(Duration.ofNanos(threads * 7000L), stats.runtime());
            assertEquals(Duration.ofNanos(7), stats.runtimePercentile(99));
        }
        assertEquals(whileAlive, afterwards);
    }

    @Test
    void aSnapshotNeverSeesMoreTasksLeaveThanArrive() throws Exception {
        // A submitter hands tasks to a worker through a queue, as an executor does; a reader
        // racing with both must never see executed + cancelled above submitted.
        StatisticsRecorder recorder = new StatisticsRecorder();
        int tasks = 200_000;
        java.util.concurrent.BlockingQueue<Integer> queue = new java.util.concurrent.ArrayBlockingQueue<>(64);
        Thread worker = new Thread(() -> {
            try {
                for (int i = 0; i < tasks; i++) {
                    if (queue.take() % 5 == 0) {
                        recorder.recordCancelled();
                    } else {
                        recorder.recordStarted(1);
                        recorder.recordFinished(1, false);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread submitter = new Thread(() -> {
            try {
                for (int i = 0; i < tasks; i++) {
                    recorder.recordSubmitted();
                    queue.put(i);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        worker.start();
        submitter.start();
        long snapshots = 0;
        while (worker.isAlive()) {
            ExecutorStatistics stats = recorder.snapshot();
            assertTrue(stats.executed() + stats.cancelled() <= stats.submitted(), stats.toString());
            assertTrue(stats.active() + stats.queued() + stats.executed() + stats.cancelled() <= stats.submitted(), stats.toString());
            snapshots++;
        }
        submitter.join();
        worker.join();
        ExecutorStatistics last = recorder.snapshot();
        assertEquals(tasks, last.submitted());
        assertEquals(tasks, last.executed() + last.cancelled());
        assertTrue(snapshots > 0);
    }

    @Test
    void aRecorderDoesNotKeepItsWritersThreadsReachable() throws Exception {
        // A dead ForkJoinWorkerThread still refers to its pool, and the registry keeps a
        // recorder until that pool is collected: the recorder must not hold its threads.
        StatisticsRecorder recorder = new StatisticsRecorder();
        java.lang.ref.ReferenceQueue<Thread> queue = new java.lang.ref.ReferenceQueue<>();
        Thread writer = new Thread(() -> {
            recorder.recordSubmitted();
            recorder.recordStarted(1);
            recorder.recordFinished(2, false);
        });
        java.lang.ref.WeakReference<Thread> ref = new java.lang.ref.WeakReference<>(writer, queue);
        writer.start();
        writer.join();
        writer = null;
        boolean collected = false;
        for (int attempt = 0; attempt < 50 && !collected; attempt++) {
            System.gc();
            collected = queue.remove(100) != null;
        }
        assertTrue(collected, "the writer thread is still reachable");
        assertEquals(1, recorder.snapshot().executed(), "its counts outlive it");
    }

    @Test
    void theCountsAloneAreTheSnapshotsCountsOverOwnRetiredAndSharedBooks() throws Exception {
        StatisticsRecorder recorder = new StatisticsRecorder();
        // More threads than books (some record into the shared stripes), all dead by the read
        // (their books retired), and one still running a task (active) with two waiting (queued).
        int threads = StatisticsRecorder.MAX_BOOKS + 4;
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            writers.add(new Thread(() -> {
                for (int i = 0; i < 100 + thread; i++) {
                    recorder.recordSubmitted();
                    if (i % 7 == 0) {
                        recorder.recordCancelled();
                    } else if (i % 11 == 0) {
                        recorder.recordRejected();
                        recorder.recordCancelled();
                    } else {
                        recorder.recordStarted(10);
                        recorder.recordFinished(1000, i % 5 == 0);
                    }
                }
            }));
        }
        writers.forEach(Thread::start);
        for (Thread writer : writers) {
            writer.join();
        }
        recorder.recordSubmitted();
        recorder.recordSubmitted();
        recorder.recordSubmitted();
        recorder.recordStarted(10);

        ExecutorStatistics full = recorder.snapshot();
        ExecutorStatistics counts = recorder.countsSnapshot();
        assertEquals(full.submitted(), counts.submitted());
        assertEquals(full.rejected(), counts.rejected());
        assertEquals(full.executed(), counts.executed());
        assertEquals(full.failures(), counts.failures());
        assertEquals(full.cancelled(), counts.cancelled());
        assertEquals(1, counts.active());
        assertEquals(2, counts.queued());
        assertEquals(0, counts.timedRuns(), "no histogram is merged");
        assertTrue(full.timedRuns() > 0);
    }
}
