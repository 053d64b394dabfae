package io.futurist.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import example.scenarios.ServerPoolLeakScenario;
import io.futurist.agent.testing.Books;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.ScenarioOutput;
import io.futurist.agent.testing.ServerJars;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link ServerPoolLeakScenario}: a server's request pool loaded by a throwaway class loader is
 * instrumented and counted, and once it is shut down and the loader dropped, the loader is
 * collected — the agent keeps nothing that pins it.
 */
class ServerPoolLeakIT {

    @ParameterizedTest
    @CsvSource({"tomcat, tomcat-11", "jetty, jetty-12"})
    void droppedLoaderIsCollected(String server, String jars) {
        List<String> args = new ArrayList<>(List.of(server));
        for (Path jar : ServerJars.of(jars)) {
            args.add(jar.toAbsolutePath().toString());
        }
        ChildJvm.Result result = ChildJvm.running(ServerPoolLeakScenario.class, args.toArray(new String[0]))
                .withAgent().run().requireSuccess();
        assertEquals(List.of(), result.futuristLines(), "the agent said nothing");
        ScenarioOutput output = result.output();
        int tasks = ServerPoolLeakScenario.TASKS;
        Books.of(tasks, tasks, 0, 0, 0).assertTerminated(output.stats("pool"));
        assertEquals("true", output.result("loader").get("collected"), output.result("loader")::text);
    }
}
