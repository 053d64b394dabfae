package io.futurist.agent;

import example.scenarios.ExecutorSuiteScenario.Kind;

/** {@link ExecutorSuite} on the API's {@code SynchronousExecutor}, whose tasks run in their callers. */
class SynchronousExecutorSuiteIT extends ExecutorSuite {

    SynchronousExecutorSuiteIT() {
        super(Kind.SYNCHRONOUS);
    }
}
