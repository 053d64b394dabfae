package io.futurist.agent;

import example.scenarios.ExecutorSuiteScenario.Kind;

/** {@link ExecutorSuite} on a {@code ScheduledThreadPoolExecutor} of two threads, given tasks to run at once. */
class ScheduledThreadPoolSuiteIT extends ExecutorSuite {

    ScheduledThreadPoolSuiteIT() {
        super(Kind.SCHEDULED_THREAD_POOL);
    }
}
