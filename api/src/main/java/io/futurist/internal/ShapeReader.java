package io.futurist.internal;

import io.futurist.PoolShape;

/**
 * Reads the shape of one kind of executor ({@link PoolShape}: its size, core, maximum, queue
 * capacity, parallelism) when its statistics are asked for.
 *
 * <p>A reader runs on whatever thread asks for the statistics — the JMX publisher, the exit
 * report, an application calling {@code Futurist.statistics} — never on a task's path. It may
 * take the executor's own locks for a moment (a {@code ThreadPoolExecutor}'s size is read under
 * its main lock), so a reader must only call the executor's plain getters, never a method the
 * agent instruments. Readers of executors that are not the JDK's (a web server's request pool)
 * are added with {@link PoolShapes#add(String, ShapeReader)}.
 */
@FunctionalInterface
public interface ShapeReader {

    /** The reader of executors without a shape: {@link PoolShape#NONE}. */
    ShapeReader NONE = executor -> PoolShape.NONE;

    /**
     * The shape of {@code executor} now.
     *
     * @param executor an executor of the kind this reader was chosen for
     * @return its shape; {@link PoolShape#NONE} when it has none
     */
    PoolShape read(Object executor);
}
