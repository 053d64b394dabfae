/**
 * Scenario applications for the agent's integration tests: each {@code main} drives the JDK's
 * executors deterministically (latches and gates, never sleeps as synchronisation), then prints
 * what {@code io.futurist.Futurist} says about them in-process, and its own results, through
 * {@link example.scenarios.Report}.
 *
 * <p>Why this package is not under {@code io.futurist.agent}: the agent reports the first
 * <em>application</em> frame as an executor's creation site and skips its own packages, so the
 * scenarios live where an application would.
 */
package example.scenarios;
