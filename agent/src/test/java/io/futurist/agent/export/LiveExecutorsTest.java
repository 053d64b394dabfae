package io.futurist.agent.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.futurist.ExecutorStatistics;
import io.futurist.SynchronousExecutor;
import io.futurist.TrackedExecutor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which executors the exporters show: the live ones, and those shut down with work left. */
class LiveExecutorsTest {

    @Test
    void anExecutorShutDownWithNothingLeftDropsOut() throws Exception {
        SynchronousExecutor running = new SynchronousExecutor();
        running.submit(() -> { }).get();
        SynchronousExecutor finished = new SynchronousExecutor();
        finished.submit(() -> { }).get();
        finished.shutdown();
        List<String> names = new ArrayList<>();
        for (LiveExecutors.Snapshot snapshot : LiveExecutors.among(List.of(
                tracked("running", running, true), tracked("finished", finished, false)))) {
            names.add(snapshot.executor().name() + " alive=" + snapshot.alive() + " executed="
                    + snapshot.statistics().executed());
        }
        assertEquals(List.of("running alive=true executed=1"), names);
    }

    private static TrackedExecutor tracked(String name, SynchronousExecutor executor, boolean alive) {
        return new TrackedExecutor() {
            @Override
            public long id() {
                return name.length();
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public String type() {
                return SynchronousExecutor.class.getName();
            }

            @Override
            public String creationSite() {
                return "test";
            }

            @Override
            public boolean alive() {
                return alive;
            }

            @Override
            public ExecutorStatistics statistics() {
                return executor.statistics();
            }
        };
    }
}
