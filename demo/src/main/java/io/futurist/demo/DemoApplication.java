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
     * @param args ignored
     * @throws InterruptedException if the main thread is interrupted while the pipeline runs
     */
    public static void main(String[] args) throws InterruptedException {
        PipelineReport report = new OrderPipeline().run();
        System.out.println("Order analytics pipeline");
        report.summary().forEach(line -> System.out.println("  " + line));
        if (!report.executorsTerminated()) {
            // Non-daemon threads would keep the JVM alive; say so instead of hanging silently.
            System.err.println("warning: some executors did not terminate");
            System.exit(1);
        }
    }
}
