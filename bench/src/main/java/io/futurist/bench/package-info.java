/**
 * Futurist's benchmarks: JMH cases for the per-task cost of the agent against bare JDK
 * executors and the wrappers people use today (Micrometer, Dropwizard), plus the start-up,
 * heap and churn measurements of docs/CONTRACT.md §6. {@link io.futurist.bench.Suite} runs them all
 * and writes {@code bench/RESULTS.md}; {@code bench/run.sh} builds and calls it.
 *
 * <p>Nothing here depends on the agent at compile time: "under the agent" always means a
 * separate JVM started with {@code -javaagent:futurist-agent.jar}.
 */
package io.futurist.bench;
