package io.futurist.agent.jmx;

/** The agent itself, under {@code io.futurist:type=Agent}: how the command line finds and drives it. */
public interface AgentMXBean {

    /** The agent's version. */
    String getVersion();

    /** How many executors are published now. */
    int getExecutorCount();

    /** Publishes new executors and withdraws finished ones now, instead of within a second. */
    void refresh();
}
