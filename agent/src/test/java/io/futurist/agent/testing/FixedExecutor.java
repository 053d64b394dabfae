package io.futurist.agent.testing;

import io.futurist.ExecutorStatistics;
import io.futurist.TrackedExecutor;

/** A tracked executor whose identity and statistics are given: what the outputs' unit tests render. */
public final class FixedExecutor implements TrackedExecutor {

    private final long id;
    private final String name;
    private final ExecutorStatistics statistics;

    /** Executor {@code id} called {@code name}, of type {@code com.example.Pool}, alive, created "here". */
    public FixedExecutor(long id, String name, ExecutorStatistics statistics) {
        this.id = id;
        this.name = name;
        this.statistics = statistics;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "com.example.Pool";
    }

    @Override
    public String creationSite() {
        return "here";
    }

    @Override
    public boolean alive() {
        return true;
    }

    @Override
    public ExecutorStatistics statistics() {
        return statistics;
    }
}
