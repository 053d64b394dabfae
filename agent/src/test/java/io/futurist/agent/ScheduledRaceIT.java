package io.futurist.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.scenarios.ScheduledRaceScenario;
import io.futurist.agent.testing.Books;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.ScenarioOutput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ScheduledRaceScenario} in every timing mode: a scheduled pool's untimed one-shots keep
 * their token in the task itself (under {@code off} all of them, under {@code adaptive} those
 * not sampled), timed ones keep a pending entry (all of them under {@code all}); either way the
 * books say exactly what the callers and the tasks saw.
 */
class ScheduledRaceIT {

    /**
     * Also: one-shots cleared from the queue behind the pool's back stay queued while it lives
     * (nothing tells the agent they left) and count as cancelled once it has terminated, whether
     * the table swept them or the closed books derived them.
     */
    @ParameterizedTest
    @ValueSource(strings = {"timing=adaptive", "timing=off", "timing=all"})
    void oneShotsRacingCancelShutdownAndRefusalAreCountedExactly(String timing) {
        ChildJvm.Result run = ChildJvm.running(ScheduledRaceScenario.class).withAgent(timing).run().requireSuccess();
        ScenarioOutput.Line race = run.output().result("race");
        assertEquals(0, race.number("mismatches"), race::text);
        assertEquals(ScheduledRaceScenario.ROUNDS * 3, race.number("refused"), race::text);
        assertTrue(race.number("ran") >= ScheduledRaceScenario.ROUNDS * 10L, race::text);
        int n = ScheduledRaceScenario.UNSEEN;
        Books.of(n, 0, 0, 0, 0).and("queued", n).assertOn(run.output().stats("unseen-cleared"));
        Books.of(n, 0, 0, n, 0).assertTerminated(run.output().stats("unseen"));
        assertEquals("[]", run.futuristLines().toString(), run::describe);
    }
}
