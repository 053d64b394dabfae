package io.futurist.agent;

import example.scenarios.ExecutorSuiteScenario.Kind;
import io.futurist.agent.testing.RequiresJava;

/** {@link ExecutorSuite} on {@code Executors.newVirtualThreadPerTaskExecutor()}: no queue, a thread per task. */
@RequiresJava(min = 21, reason = "thread-per-task executors and virtual threads arrived in Java 21")
class VirtualThreadPerTaskSuiteIT extends ExecutorSuite {

    VirtualThreadPerTaskSuiteIT() {
        super(Kind.VIRTUAL_THREAD_PER_TASK);
    }
}
