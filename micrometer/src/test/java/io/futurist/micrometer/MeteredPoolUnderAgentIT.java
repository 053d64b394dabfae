package io.futurist.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A child JVM under the real agent jar: a JDK pool the application never registered is exported, and leaves. */
class MeteredPoolUnderAgentIT {

    @Test
    void aJdkPoolUnderTheAgentIsExportedWithExactNumbersAndRemovedWhenItTerminates() throws Exception {
        Path agentJar = Paths.get(System.getProperty("futurist.agent.jar"));
        assertTrue(Files.isRegularFile(agentJar), "build the agent first: " + agentJar);
        String java = System.getProperty("futurist.test.java", Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        // The tests' own class path (surefire's property: its JVM may see only a manifest jar).
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-javaagent:" + agentJar, "-cp", classPath,
                MeteredPoolMain.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().remove("_JAVA_OPTIONS");
        Path output = Files.createTempFile("metered-pool", ".txt");
        try {
            Process child = builder.redirectOutput(output.toFile()).start();
            assertTrue(child.waitFor(120, TimeUnit.SECONDS), "child JVM did not finish");
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            assertEquals(0, child.exitValue(), String.join("\n", lines));

            String tags = "{name=\"metered-*\",type=\"java.util.concurrent.ThreadPoolExecutor\"}";
            assertTrue(lines.contains("agent true"), lines::toString);
            assertTrue(lines.contains("executor_completed_tasks_total" + tags + " 10.0"), lines::toString);
            assertTrue(lines.contains("executor_submitted_tasks_total" + tags + " 10.0"), lines::toString);
            assertTrue(lines.contains("executor_failed_tasks_total" + tags + " 1.0"), lines::toString);
            assertTrue(lines.contains("executor_cancelled_tasks_total" + tags + " 0.0"), lines::toString);
            assertTrue(lines.contains("executor_active_threads" + tags + " 0.0"), lines::toString);
            assertTrue(lines.contains("executor_queued_tasks" + tags + " 0.0"), lines::toString);
            assertTrue(lines.contains("executor_seconds_count" + tags + " 10"), lines::toString);
            assertTrue(lines.contains("executor_idle_seconds_count" + tags + " 10"), lines::toString);
            // The pool's shape, as the agent reads it from the pool.
            assertTrue(lines.contains("executor_pool_size_threads" + tags + " 2.0"), lines::toString);
            assertTrue(lines.contains("executor_pool_core_threads" + tags + " 2.0"), lines::toString);
            assertTrue(lines.contains("executor_pool_max_threads" + tags + " 2.0"), lines::toString);
            assertTrue(lines.stream().noneMatch(line -> line.startsWith("executor_queue_remaining")), lines::toString);
            assertTrue(lines.contains("after shutdown false"), lines::toString);
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
