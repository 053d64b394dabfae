package io.futurist.agent.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus's own tools, where the machine has them (Debian's {@code prometheus} package, which
 * {@code .ci/run} installs): {@code promtool} to check an exposition, and the {@code prometheus}
 * server. Tests that need them skip themselves, saying why, where they are absent.
 */
public final class Promtool {

    private static final List<Path> PLACES = List.of(Path.of("/usr/bin"), Path.of("/usr/local/bin"));

    private Promtool() {
    }

    /** The executable {@code name} ({@code promtool}, {@code prometheus}), if installed. */
    public static Optional<Path> find(String name) {
        for (Path place : PLACES) {
            Path candidate = place.resolve(name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Why a test that needs {@code name} skips. */
    public static String absent(String name) {
        return name + " is not installed (Debian package 'prometheus'; .ci/run installs it)";
    }

    /**
     * {@code promtool check metrics} on {@code exposition}: its output (problems found, one per
     * line) and exit status as one string, {@code "0:"} followed by nothing when it is clean.
     */
    public static String checkMetrics(Path promtool, String exposition) {
        try {
            Process process = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(exposition.getBytes(StandardCharsets.UTF_8));
            }
            String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "timed out: " + said;
            }
            return process.exitValue() + ":" + said.trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
