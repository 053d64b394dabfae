package io.futurist.micrometer;

import io.futurist.ExecutorStatistics;
import io.futurist.PoolShape;
import io.futurist.StatisticsRecorder;
import io.futurist.TrackedExecutor;

/** A tracked executor whose statistics and pool shape a test sets, for the meters that need a shape. */
final class ShapedExecutor implements TrackedExecutor {

    final StatisticsRecorder recorder = new StatisticsRecorder();
    private final long id;
    private final String name;
    private final PoolShape shape;
    volatile boolean alive = true;
    /** The load the agent's health watch would attach; NaN: not known. */
    volatile double utilization = Double.NaN;
    volatile double queueFill = Double.NaN;

    ShapedExecutor(long id, String name, PoolShape shape) {
        this.id = id;
        this.name = name;
        this.shape = shape;
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
        return "com.example.ShapedPool";
    }

    @Override
    public String creationSite() {
        return "ShapedExecutor.java";
    }

    @Override
    public boolean alive() {
        return alive;
    }

    @Override
    public ExecutorStatistics statistics() {
        return recorder.snapshot().withShape(shape).withLoad(utilization, queueFill);
    }
}
