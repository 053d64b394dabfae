package io.futurist.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.scenarios.AttachUnderLoadScenario;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.ScenarioOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Host safety, attach under load ({@link AttachUnderLoadScenario}): while thousands of tasks a
 * second flow through a thread pool and a fork/join pool, the command line attaches the agent,
 * detaches it and attaches it again. No task is lost, runs twice or comes back with a wrong
 * value; the process stays healthy, with one JMX publisher thread at the end; and each pool's
 * numbers start afresh at the second attach and balance once the pools have terminated.
 */
class AttachUnderLoadIT {

    /** How long the child waits for the three commands before it gives up. */
    private static final int PATIENCE_SECONDS = 150;
    private static final Duration COMMAND_LIMIT = Duration.ofSeconds(90);

    private static final List<String> commands = new ArrayList<>();
    private static ChildJvm.Result run;
    private static ScenarioOutput output;

    @BeforeAll
    static void attachDetachAttach() throws Exception {
        ChildJvm.Running child = ChildJvm.running(AttachUnderLoadScenario.class, Integer.toString(PATIENCE_SECONDS))
                .timeout(Duration.ofSeconds(PATIENCE_SECONDS + 60)).start();
        try {
            if (!child.awaitOutput("#ready", Duration.ofSeconds(60))) {
                throw new AssertionError("the child never got ready\n" + child.stdoutSoFar() + child.stderrSoFar());
            }
            String pid = Long.toString(child.pid());
            for (String command : List.of("attach", "detach", "attach")) {
                commands.add(cli(command, pid));
            }
        } finally {
            run = child.finish();
        }
        output = run.output();
    }

    @Test
    void everyCommandSucceeded() {
        for (String command : commands) {
            assertTrue(command.startsWith("exit 0"), () -> command + "\n" + run.describe());
        }
    }

    @Test
    void noTaskWasLostRunTwiceOrCorrupted() {
        run.requireSuccess();
        ScenarioOutput.Line load = output.result("load");
        assertEquals(3, load.number("stage"), () -> "did not see attach, detach, attach\n" + run.describe());
        assertEquals(0, load.number("lost"), load::text);
        assertEquals(0, load.number("ranTwice"), load::text);
        assertEquals(0, load.number("wrongValues"), load::text);
        assertEquals(0, load.number("failed"), load::text);
        assertEquals("true", load.get("terminated"), load::text);
        assertTrue(load.number("perSecond") >= 1000, () -> "not under load: " + load);
        for (String stage : List.of("batchesAttached", "batchesDetached", "batchesReattached")) {
            assertTrue(load.number(stage) > 0, () -> "no batch ran in " + stage + ": " + load);
        }
    }

    @Test
    void theProcessStaysHealthyWithOnePublisherAndNoInternalError() {
        ScenarioOutput.Line load = output.result("load");
        assertEquals(1, load.number("publisherThreads"), load::text);
        List<String> said = run.futuristLines();
        assertTrue(said.stream().noneMatch(line -> line.contains("internal error")), said::toString);
    }

    @Test
    void aThreadPoolsBooksSinceTheSecondAttachBalance() {
        assertCountedSinceTheSecondAttachAndBalanced(output.stats("pool"));
    }

    @Test
    @Disabled("bug: attaching again does not start a ForkJoinPool's numbers afresh (ExecutorRecord.resetInstrumented"
            + " resets only records with a pending table of their own, and ForkJoinProbe keeps one shared table), so"
            + " the first attach's counts carry over while its pending tasks are forgotten: after attach, detach,"
            + " attach under load and termination, forkJoin shows e.g. submitted=25718 executed=24701 cancelled=616"
            + " queued=401 — unbalanced for good")
    void aForkJoinPoolsBooksSinceTheSecondAttachBalance() {
        assertCountedSinceTheSecondAttachAndBalanced(output.stats("forkJoin"));
    }

    @Test
    @Disabled("bug: after attach, detach, attach under load the thread pool (shut down with shutdown(), nothing ever"
            + " cancelled, every task ran once) shows cancelled=2, one per worker: tasks that ran were counted cancelled"
            + " at termination. Suspected: a worker blocked in getTask() while the classes are retransformed returns"
            + " from the old, uninstrumented frame, so the task it takes is never taken out of the pending table")
    void noTaskThatRanIsCountedCancelledAfterReattaching() {
        ScenarioOutput.Line pool = output.stats("pool");
        assertEquals(0, pool.number("cancelled"), () -> pool + "\n" + run.describe());
    }

    /** Counted since the second attach, and balanced after termination. */
    private static void assertCountedSinceTheSecondAttachAndBalanced(ScenarioOutput.Line stats) {
        assertEquals("true", stats.get("tracked"), stats::text);
        assertTrue(stats.number("submitted") > 0, stats::text);
        assertEquals(stats.number("submitted"), stats.number("executed") + stats.number("cancelled"),
                () -> "books kept since the second attach do not balance: " + stats + "\n" + run.describe());
        assertEquals(0, stats.number("active") + stats.number("queued"), stats::text);
    }

    /** Runs {@code java -jar futurist-agent.jar command pid} on the child's JDK; returns "exit N: output". */
    private static String cli(String command, String pid) throws IOException, InterruptedException {
        java.nio.file.Path output = java.nio.file.Files.createTempFile("futurist-cli-", ".txt");
        ProcessBuilder builder = new ProcessBuilder(System.getProperty("futurist.test.java"), "-jar",
                ChildJvm.agentJar().toString(), command, pid).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().remove("_JAVA_OPTIONS");
        Process process = builder.start();
        process.getOutputStream().close();
        try {
            if (!process.waitFor(COMMAND_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return "timed out: " + command;
            }
            return "exit " + process.exitValue() + ": " + command + ": "
                    + java.nio.file.Files.readString(output, StandardCharsets.UTF_8).strip();
        } finally {
            java.nio.file.Files.deleteIfExists(output);
        }
    }
}
