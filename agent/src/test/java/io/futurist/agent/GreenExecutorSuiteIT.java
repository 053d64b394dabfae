package io.futurist.agent;

import example.scenarios.ExecutorSuiteScenario.Kind;
import io.futurist.agent.testing.RequiresJava;

/** {@link ExecutorSuite} on the API's {@code GreenExecutor}, bounded to two tasks at once. */
@RequiresJava(min = 21, reason = "GreenExecutor runs its tasks on virtual threads, which arrived in Java 21")
class GreenExecutorSuiteIT extends ExecutorSuite {

    GreenExecutorSuiteIT() {
        super(Kind.GREEN);
    }
}
