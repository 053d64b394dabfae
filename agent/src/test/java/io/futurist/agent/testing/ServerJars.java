package io.futurist.agent.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;

/**
 * The jars of one web server version, for a child JVM's class path: the build copies each into
 * a directory of its own under {@code futurist.test.servers} ({@code tomcat-11},
 * {@code tomcat-10.1}, {@code tomcat-9.0}, {@code jetty-12}; see the agent's pom).
 */
public final class ServerJars {

    private ServerJars() {
    }

    /** The jars of {@code server}, sorted; fails if the build did not copy them. */
    public static Path[] of(String server) {
        String root = System.getProperty("futurist.test.servers");
        if (root == null) {
            throw new IllegalStateException("futurist.test.servers is not set: run the agent tests through Maven");
        }
        Path directory = Paths.get(root, server);
        try (Stream<Path> files = Files.list(directory)) {
            Path[] jars = files.filter(file -> file.toString().endsWith(".jar")).sorted().toArray(Path[]::new);
            if (jars.length == 0) {
                throw new IllegalStateException("no jars in " + directory);
            }
            return jars;
        } catch (IOException missing) {
            throw new UncheckedIOException("the build copies the " + server + " jars to " + directory, missing);
        }
    }
}
