package io.futurist.bench;

import io.futurist.StatisticsRecorder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Two threads recording runs into one {@link StatisticsRecorder}, as the two workers of a
 * pool do: {@code submitted}, {@code started} and {@code finished} per task, with no clock
 * reads. This is where shared counters pay for cache-line traffic, which the one-thread
 * {@link HotPathParts#recorderStartedFinished()} cannot show. Average time per task and thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RecorderContention {

    private final StatisticsRecorder recorder = new StatisticsRecorder();

    /** One task's recording, in each of two threads at once. */
    @Benchmark
    @Threads(2)
    public void twoThreadsOneRecorder() {
        recorder.recordSubmitted();
        recorder.recordStarted(150);
        recorder.recordFinished(250, false);
    }

    /** The same in one thread: the common case of a pool whose one worker is busy. */
    @Benchmark
    @Threads(1)
    public void oneThreadOneRecorder() {
        recorder.recordSubmitted();
        recorder.recordStarted(150);
        recorder.recordFinished(250, false);
    }
}
