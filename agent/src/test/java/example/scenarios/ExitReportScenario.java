package example.scenarios;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Work for the exit report to print: a pool named {@code spinner-*} runs tasks that each keep
 * their thread busy for at least {@value #SPIN_NANOS} ns (microseconds, unless the machine is
 * loaded enough to stretch them), and is then shut down. The pool stays referenced until the
 * JVM exits, as an application's own pools are, so that the report lists it. It also says which
 * units the agent chose for this JVM's stderr, since a loaded machine may leave no duration in
 * the microseconds to show it.
 */
public final class ExitReportScenario {

    /** How long each task keeps its thread busy, at least. */
    static final long SPIN_NANOS = 50_000;
    static final int TASKS = 40;
    private static final List<ExecutorService> POOLS = new ArrayList<>();

    private ExitReportScenario() {
    }

    public static void main(String[] args) throws Exception {
        ExecutorService spinner = Executors.newFixedThreadPool(2, task -> new Thread(task, "spinner-1"));
        POOLS.add(spinner);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            done.add(spinner.submit(ExitReportScenario::spin));
        }
        for (Future<?> task : done) {
            task.get();
        }
        spinner.shutdown();
        Report.result("spinner", "tasks=" + done.size());
        // How the agent will write durations on this JVM's stderr, asked the way its exit report
        // asks: by name, as any code on the class path could (the agent jar is on it).
        Class<?> durations = Class.forName("io.futurist.agent.report.DurationText");
        Object units = durations.getMethod("forStream", PrintStream.class).invoke(null, System.err);
        Report.result("units", "stderr=" + units);
    }

    /** Busy, not asleep: the run time is the thread's own, and no clock but the JVM's is involved. */
    private static void spin() {
        long start = System.nanoTime();
        while (System.nanoTime() - start < SPIN_NANOS) {
            Thread.onSpinWait();
        }
    }
}
