package io.futurist.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.scenarios.ExportScenario;
import example.scenarios.NamesScenario;
import io.futurist.Statistic;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.ScenarioOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.EventType;
import jdk.jfr.Timespan;
import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JFR event {@code io.futurist.ExecutorStatistics}, read back from real recordings of a
 * child JVM under the agent that ran {@link ExportScenario}'s known workload: one recording
 * started with the JVM ({@code -XX:StartFlightRecording}, so the recorder is there before the
 * agent), one the application starts itself later (so the agent defines the event only then).
 * Both ask for the event at the end of the recording, after the workload, so its values are
 * exact. And a JVM without the {@code jdk.jfr} module: one line, the agent runs on.
 */
class FlightRecorderIT {

    private static final String EVENT = "io.futurist.ExecutorStatistics";
    /** Only Futurist's event, once, when the recording ends. */
    private static final String SETTINGS = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<configuration version=\"2.0\" label=\"Futurist\">\n"
            + "  <event name=\"" + EVENT + "\">\n"
            + "    <setting name=\"enabled\">true</setting>\n"
            + "    <setting name=\"period\">endChunk</setting>\n"
            + "  </event>\n"
            + "</configuration>\n";

    @TempDir
    static Path directory;

    private static ChildJvm.Result startup;
    private static ChildJvm.Result recorded;
    private static Path startupFile;
    private static Path recordedFile;

    @BeforeAll
    static void record() throws IOException {
        Path settings = Files.writeString(directory.resolve("futurist.jfc"), SETTINGS);
        startupFile = directory.resolve("startup.jfr");
        recordedFile = directory.resolve("recorded.jfr");
        List<ChildJvm.Result> results = ChildJvm.runAll(List.of(
                ChildJvm.running(ExportScenario.class, "exit").withAgent()
                        .withJvmOptions("-XX:StartFlightRecording=filename=" + startupFile + ",settings=" + settings,
                                "-Xlog:jfr+startup=warning"),
                ChildJvm.running(ExportScenario.class, "record", recordedFile.toString()).withAgent()));
        startup = results.get(0).requireSuccess();
        recorded = results.get(1).requireSuccess();
    }

    @ParameterizedTest
    @ValueSource(strings = {"startup", "recorded"})
    void theEventCarriesTheWorkloadsNumbersExactly(String which) throws IOException {
        ChildJvm.Result run = which.equals("startup") ? startup : recorded;
        Path file = which.equals("startup") ? startupFile : recordedFile;
        ScenarioOutput.Line numbers = run.output().stats("orders");
        RecordedEvent event = theOneEventOf(file, numbers.get("name"), run);
        assertEquals(numbers.number("id"), event.getLong("id"));
        assertEquals("java.util.concurrent.ThreadPoolExecutor", event.getString("type"));
        assertTrue(event.getBoolean("alive"));
        assertEquals(11, event.getLong("submitted"));
        assertEquals(10, event.getLong("executed"));
        assertEquals(2, event.getLong("failures"));
        assertEquals(1, event.getLong("cancelled"));
        assertEquals(2, event.getLong("rejected"));
        assertEquals(0, event.getLong("active"));
        assertEquals(0, event.getLong("queued"));
        for (String key : List.of("runtimeNanos", "queueTimeNanos", "maxRuntimeNanos", "timedRuns",
                "averageRuntimeNanos", "runtimeP99Nanos")) {
            assertEquals(numbers.number(key), event.getLong(key), key);
        }
        // The pool's shape; what does not apply (a ForkJoinPool's parallelism) is -1.
        assertEquals(2, event.getLong("poolSize"));
        assertEquals(2, event.getLong("maximumPoolSize"));
        assertEquals(4, event.getLong("queueCapacity"));
        assertEquals(-1, event.getLong("parallelism"));
        assertEquals("[]", run.futuristLines().toString(), run::describe);
    }

    @Test
    void everyStatisticIsAFieldAndDurationsAreTimespans() throws IOException {
        EventType type = theOneEventOf(recordedFile, recorded.output().stats("orders").get("name"), recorded).getEventType();
        assertEquals("Futurist", type.getCategoryNames().get(0));
        for (Statistic statistic : Statistic.values()) {
            ValueDescriptor field = type.getField(statistic.key());
            assertTrue(field != null, () -> statistic.key() + " is no field of " + type.getFields().stream()
                    .map(ValueDescriptor::getName).collect(Collectors.toList()));
            assertEquals("long", field.getTypeName(), statistic.key());
            Timespan timespan = field.getAnnotation(Timespan.class);
            if (statistic.unit() == Statistic.Unit.NANOSECONDS) {
                assertEquals(Timespan.NANOSECONDS, timespan == null ? null : timespan.value(), statistic.key());
            } else {
                assertEquals(null, timespan, statistic.key());
            }
        }
        for (String identity : List.of("id", "name", "type", "alive")) {
            assertFalse(type.getField(identity) == null, identity);
        }
    }

    @Test
    void withoutTheFlightRecorderOneLineAndTheAgentRunsOn() {
        ChildJvm.Result run = ChildJvm.running(NamesScenario.class).withAgent()
                .withJvmOptions("--limit-modules", "java.base,java.instrument,java.management").run().requireSuccess();
        List<String> said = run.futuristLines();
        assertEquals(1, said.size(), run::describe);
        assertTrue(said.get(0).startsWith("futurist: JDK Flight Recorder events are off: this JVM has no jdk.jfr module"),
                said.get(0));
        assertEquals("true", run.output().env().get("agentActive"));
        assertEquals("true", run.output().stats("parsers").get("tracked"));
    }

    /** The single event of the executor named {@code name} in {@code file}: the recording asked for one, at its end. */
    private static RecordedEvent theOneEventOf(Path file, String name, ChildJvm.Result run) throws IOException {
        List<RecordedEvent> found = new ArrayList<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (event.getEventType().getName().equals(EVENT) && name.equals(event.getString("name"))) {
                found.add(event);
            }
        }
        assertEquals(1, found.size(), () -> found + "\n" + run.describe());
        return found.get(0);
    }
}
