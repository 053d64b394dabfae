package io.futurist.agent;

import example.scenarios.ExecutorSuiteScenario.Kind;

/** {@link ExecutorSuite} on a {@code ForkJoinPool} of parallelism two. */
class ForkJoinPoolSuiteIT extends ExecutorSuite {

    ForkJoinPoolSuiteIT() {
        super(Kind.FORK_JOIN_POOL);
    }
}
