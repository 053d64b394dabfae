package io.futurist.demo;

/**
 * The Futurist demo: an ordinary order analytics application that keeps a variety of JDK
 * executors busy, for trying the Futurist agent on. It depends on nothing but the JDK.
 *
 * <p>It runs {@link OrderPipeline} once over a fixed, generated data set and prints a short
 * summary. Every executor does a fixed amount of work, including deliberate failures, a
 * cancellation and a rejection, so a statistics agent must show exact numbers for each; they are
 * listed, with the reasoning, in {@code demo/EXPECTED.md}.
 */
public final class DemoApplication {
    private DemoApplication() {
    }

    /**
     * Runs the pipeline and prints its summary to standard output.
     *
     * @param args nothing, or how many times to run the pipeline (each run with fresh executors,
     *             one after the other; the summary is the last run's): a process that lives long
     *             enough to look at from outside ({@code futurist-agent.jar top}, {@code leaks})
     * @throws InterruptedException if the main thread is interrupted while the pipeline runs
     */
    public static void main(String[] args) throws InterruptedException {
        int runs = args.length == 0 ? 1 : runs(args[0]);
        PipelineReport report = new OrderPipeline().run();
        for (int run = 1; run < runs && report.executorsTerminated(); run++) {
            report = new OrderPipeline().run();
        }
        System.out.println("Order analytics pipeline");
        report.summary().forEach(line -> System.out.println("  " + line));
        if (!report.executorsTerminated()) {
            // Non-daemon threads would keep the JVM alive; say so instead of hanging silently.
            System.err.println("warning: some executors did not terminate");
            System.exit(1);
        }
    }

    private static int runs(String text) {
        try {
            int runs = Integer.parseInt(text);
            if (runs > 0) {
                return runs;
            }
        } catch (NumberFormatException notNumber) {
            // said below
        }
        System.err.println("usage: java -jar futurist-demo.jar [RUNS] (a positive number of runs): '" + text + "'");
        System.exit(2);
        return 0;
    }
}
