package org.springframework.scheduling.concurrent;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A test-only look-alike of Spring's {@code ThreadPoolTaskExecutor}, in its package: it builds
 * its pool in {@code initialize()}, as an anonymous {@code ThreadPoolExecutor} subclass that
 * overrides {@code beforeExecute} without calling {@code super}. The creation site of that pool
 * must be the application's call of {@code initialize()}, not a frame in here.
 */
public final class LookAlikeTaskExecutor {

    private ThreadPoolExecutor executor;

    /** Builds the pool, as Spring's {@code afterPropertiesSet} does. */
    public void initialize() {
        executor = initializeExecutor();
    }

    private ThreadPoolExecutor initializeExecutor() {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>()) {
            @Override
            protected void beforeExecute(Thread worker, Runnable task) {
                // Spring's decorator hook, without super.
            }
        };
    }

    /** The pool built by {@link #initialize()}. */
    public ThreadPoolExecutor getThreadPoolExecutor() {
        return executor;
    }
}
