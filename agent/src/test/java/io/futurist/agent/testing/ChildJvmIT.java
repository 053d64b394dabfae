package io.futurist.agent.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The harness itself: big outputs do not deadlock, and a hanging child is killed in time. */
class ChildJvmIT {

    @Test
    void capturesLargeOutputOnBothStreamsCompletely() {
        int lines = 40_000; // about 4 MB per stream, far beyond any pipe buffer
        ChildJvm.Result result = ChildJvm.running(FloodingMain.class, Integer.toString(lines)).run();

        assertFalse(result.timedOut(), result::describe);
        assertEquals(3, result.exitCode());
        String[] out = result.stdout().split("\\R");
        String[] err = result.stderr().split("\\R");
        assertEquals(lines, out.length);
        assertEquals(lines, err.length);
        assertTrue(out[lines - 1].startsWith("out " + (lines - 1) + " "));
        assertTrue(err[lines - 1].startsWith("err " + (lines - 1) + " "));
    }

    @Test
    void killsAChildThatOutlivesItsTimeout() {
        ChildJvm.Result result = ChildJvm.running(HangingMain.class).timeout(Duration.ofSeconds(2)).run();

        assertTrue(result.timedOut(), result::describe);
        assertEquals(ChildJvm.Result.TIMED_OUT, result.exitCode());
        assertEquals("started", result.stdout().strip());
        assertTrue(result.took().compareTo(Duration.ofSeconds(20)) < 0, () -> "took " + result.took());
    }

    @Test
    void childClassPathHoldsNeitherTheApiNorTheAgent() {
        ChildJvm plain = ChildJvm.running(HangingMain.class);
        String classPath = plain.command().get(plain.command().indexOf("-cp") + 1);

        assertFalse(classPath.contains("futurist-api"), classPath);
        assertFalse(plain.command().stream().anyMatch(arg -> arg.startsWith("-javaagent")), plain.command()::toString);
        String withJar = plain.withApiJar().withAgent("report=exit").command().toString();
        assertTrue(withJar.contains(ChildJvm.apiJar().toString()), withJar);
        assertTrue(withJar.contains("-javaagent:" + ChildJvm.agentJar() + "=report=exit"), withJar);
    }
}
