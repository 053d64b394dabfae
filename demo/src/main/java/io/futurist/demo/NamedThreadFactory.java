package io.futurist.demo;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names the threads of one pool {@code prefix-1}, {@code prefix-2}, ... so that thread dumps and
 * monitoring tools can tell the pools of the pipeline apart.
 */
final class NamedThreadFactory implements ThreadFactory {
    private final String prefix;
    private final AtomicInteger nextNumber = new AtomicInteger(1);

    /**
     * @param prefix the name every thread of the pool starts with, e.g. {@code "parser"}
     */
    NamedThreadFactory(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
        // Non-daemon, like the JDK's default factory: the pipeline always shuts its pools down,
        // and a forgotten pool should show up as a JVM that does not exit, not as lost work.
        return new Thread(task, prefix + "-" + nextNumber.getAndIncrement());
    }
}
