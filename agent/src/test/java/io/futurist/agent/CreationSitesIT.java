package io.futurist.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import example.agents.EarlyPoolAgent;
import example.scenarios.CreationSitesScenario;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.ScenarioOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link CreationSitesScenario}: the creation site names the application's frame, skipping the
 * pool's own class hierarchy and frameworks' pool factories; the creation stack holds the
 * application's frames; and a pool built by another agent's {@code premain} before Futurist's
 * says so, not that it was built before an attach that never happened.
 */
class CreationSitesIT {

    private static final String SCENARIO = CreationSitesScenario.class.getName();

    private static ChildJvm.Result run;
    private static ScenarioOutput output;

    @BeforeAll
    static void runScenario() throws IOException {
        run = ChildJvm.running(CreationSitesScenario.class, "early")
                .withJvmOptions("-javaagent:" + earlyAgentJar(), "-javaagent:" + ChildJvm.agentJar())
                .run().requireSuccess();
        output = run.output();
    }

    @Test
    void agentIsSilent() {
        assertEquals("[]", run.futuristLines().toString(), run::describe);
        assertEquals("true", output.env().get("agentActive"), output::context);
    }

    /** Today's code named the subclass's constructor, the subclass's factory, and the framework's factory. */
    @Test
    void theApplicationsFrameNotThePoolsOwnClassNorTheFrameworks() {
        for (String label : new String[] {"subclass", "factory", "framework"}) {
            ScenarioOutput.Line tracked = output.tracked(label);
            String site = main(output.result(label).number("line"));
            assertEquals(1, tracked.number("count"), tracked::text);
            assertEquals(site, tracked.get("site"), tracked::text);
            assertEquals(site, tracked.get("stack"), tracked::text);
            assertEquals(1, tracked.number("frames"), tracked::text);
        }
    }

    @Test
    void theCreationStackHoldsTheApplicationsFramesInnermostFirst() {
        ScenarioOutput.Line tracked = output.tracked("executors");
        ScenarioOutput.Line result = output.result("executors");
        String site = SCENARIO + ".fixedPool(CreationSitesScenario.java:" + result.number("line") + ")";
        assertEquals(site, tracked.get("site"), tracked::text);
        assertEquals(site + "|" + main(result.number("caller")), tracked.get("stack"), tracked::text);
        assertEquals(2, tracked.number("frames"), tracked::text);
    }

    /** Today's code said "created before attach" in a JVM nothing was ever attached to. */
    @Test
    void aPoolBuiltBeforeTheAgentStartedSaysSo() {
        ScenarioOutput.Line early = output.stats("early");
        assertEquals(1, early.number("count"), early::text);
        assertEquals("unknown (created before the agent started)", early.get("site"), early::text);
        assertEquals(1, early.number("submitted"), early::text);
    }

    private static String main(long line) {
        return SCENARIO + ".main(CreationSitesScenario.java:" + line + ")";
    }

    /** A jar holding only a manifest: the agent's class comes from the child's class path. */
    private static Path earlyAgentJar() throws IOException {
        Path jar = Files.createTempFile("futurist-early-agent-", ".jar");
        jar.toFile().deleteOnExit();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", EarlyPoolAgent.class.getName());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream manifestOnly = new JarOutputStream(out, manifest)) {
            manifestOnly.flush();
        }
        return jar;
    }
}
