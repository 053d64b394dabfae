package io.futurist.agent;

import example.scenarios.ExecutorSuiteScenario.Kind;

/** {@link ExecutorSuite} on a {@code ThreadPoolExecutor} of two threads and an unbounded queue. */
class ThreadPoolExecutorSuiteIT extends ExecutorSuite {

    ThreadPoolExecutorSuiteIT() {
        super(Kind.THREAD_POOL);
    }
}
