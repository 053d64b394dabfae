package io.futurist.internal;

import io.futurist.ExecutorStatistics;

/**
 * Attaches an executor's load over a recent interval ({@link ExecutorStatistics#utilization()},
 * {@link ExecutorStatistics#queueFill()}) to its statistics when they are asked for, as
 * {@link ShapeReader} attaches its shape.
 *
 * <p>The load is measured by whoever reads the executors now and then, off the task path (the
 * agent's health watch, once a second); this hook only hands its latest result over, so an
 * implementation must be a lookup: no blocking, no reading of the executor. Without one
 * installed ({@link ExecutorRecord#loadReader(LoadReader)}), the load is absent.
 */
@FunctionalInterface
public interface LoadReader {

    /** The reader of a JVM where nothing measures load: the statistics as they are. */
    LoadReader NONE = (id, statistics) -> statistics;

    /**
     * {@code statistics} with the load of the executor with {@code id} attached.
     *
     * @param id the executor's id in the registry
     * @param statistics its statistics as of now
     * @return {@code statistics} with its load ({@link ExecutorStatistics#withLoad}), or
     *         {@code statistics} itself where the load is not known
     */
    ExecutorStatistics attach(long id, ExecutorStatistics statistics);
}
