package io.futurist.agent.jmx;

/** The agent itself, under {@code io.futurist:type=Agent}: how the command line finds and drives it. */
public interface AgentMXBean {

    /** The agent's version. */
    String getVersion();

    /** How many executors are published now. */
    int getExecutorCount();

    /** Publishes new executors and withdraws finished ones now, instead of within a second. */
    void refresh();

    /**
     * Executors alive, idle for a minute or more and never shut down, by creation site, and the
     * sites that keep making executors: the report of {@code futurist-agent.jar leaks}, a line
     * per element.
     */
    String[] getLeaks();

    /**
     * The same report with another idle threshold, as text or as one JSON object.
     *
     * @param idleSeconds how long an executor must have been idle to count
     * @param json        JSON instead of text
     */
    String leaks(long idleSeconds, boolean json);
}
