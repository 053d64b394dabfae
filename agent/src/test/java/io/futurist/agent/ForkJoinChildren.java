package io.futurist.agent;

import example.scenarios.CommonPoolScenario;
import example.scenarios.ForkJoinCancellationScenario;
import example.scenarios.ForkJoinScenario;
import example.scenarios.ForkJoinScheduleScenario;
import io.futurist.agent.testing.ChildBatch;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.Java;
import java.util.ArrayList;
import java.util.List;

/**
 * The child JVMs of the {@code ForkJoinPool} tests ({@link ForkJoinPoolIT},
 * {@link ForkJoinCancellationIT}, {@link CommonPoolIT}, {@link ForkJoinScheduleIT}), started
 * as one batch by whichever of those classes runs first.
 */
final class ForkJoinChildren {

    static final ChildJvm POOLS = ChildJvm.running(ForkJoinScenario.class).withAgent();
    static final ChildJvm POOLS_WITHOUT_AGENT = ChildJvm.running(ForkJoinScenario.class);
    static final ChildJvm CANCELLATION = ChildJvm.running(ForkJoinCancellationScenario.class).withAgent();
    static final ChildJvm CANCELLATION_WITHOUT_AGENT = ChildJvm.running(ForkJoinCancellationScenario.class);
    static final ChildJvm COMMON = ChildJvm.running(CommonPoolScenario.class).withAgent();
    /** The common pool with parallelism 2, so that JDK 17's CompletableFuture uses it whatever the CPUs. */
    static final ChildJvm COMMON_PARALLELISM_2 = COMMON.withJvmOptions(
            "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2");
    static final ChildJvm COMMON_WITHOUT_AGENT = ChildJvm.running(CommonPoolScenario.class);
    /** Java 25+ only: on older JVMs the batch leaves it out. */
    static final ChildJvm SCHEDULE = ChildJvm.running(ForkJoinScheduleScenario.class).withAgent();

    private static final ChildBatch BATCH = new ChildBatch(all());

    private ForkJoinChildren() {
    }

    /** What {@code child}, one of the constants above, did; it must have succeeded. */
    static ChildJvm.Result result(ChildJvm child) {
        return BATCH.result(child).requireSuccess();
    }

    private static List<ChildJvm> all() {
        // The slow ones (the agent's) first, so that the cheap ones fill the gaps at the end.
        List<ChildJvm> all = new ArrayList<>(List.of(POOLS, CANCELLATION, COMMON, COMMON_PARALLELISM_2));
        if (Java.feature() >= 25) {
            all.add(SCHEDULE);
        }
        all.addAll(List.of(POOLS_WITHOUT_AGENT, CANCELLATION_WITHOUT_AGENT, COMMON_WITHOUT_AGENT));
        return all;
    }
}
