package io.futurist.bench;

import java.lang.management.ManagementFactory;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The process's CPU time spent on each measured batch, and the tasks in it, as JMH counters:
 * CPU per task is {@code cpuNanos / tasks} of an iteration. All threads count — submitter,
 * workers, GC, JIT — so it is the whole cost of a task, and unlike throughput it barely moves
 * when other processes take CPUs away (a second opinion on a shared machine). Reading the
 * process clock costs about a microsecond, once per batch of 1,000 tasks.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CpuCost {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** CPU nanoseconds of the whole process during this iteration's batches. */
    public long cpuNanos;
    /** Tasks in this iteration's batches. */
    public long tasks;

    @Setup(Level.Iteration)
    public void reset() {
        cpuNanos = 0;
        tasks = 0;
    }

    /** The process CPU clock now; hand it to {@link #end}. */
    long start() {
        return OS.getProcessCpuTime();
    }

    /** A batch of {@code count} tasks that began at {@code start} has ended. */
    void end(long start, int count) {
        cpuNanos += OS.getProcessCpuTime() - start;
        tasks += count;
    }
}
