package io.futurist.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts JVMs of the same JDK as this one: for start-up timing and for the memory and churn programs. */
final class ChildJvm {

    private final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    private final String agentJar;
    private final String benchJar;

    ChildJvm(String agentJar, String benchJar) {
        this.agentJar = agentJar;
        this.benchJar = benchJar;
    }

    /** The jar of this suite, for the child programs' class path. */
    String benchJar() {
        return benchJar;
    }

    /** {@code java [-javaagent:...=options] jvmArgs... } as a command line; {@code agentOptions} null for no agent. */
    List<String> command(String agentOptions, List<String> rest) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        if (agentOptions != null) {
            command.add("-javaagent:" + agentJar + (agentOptions.isEmpty() ? "" : "=" + agentOptions));
        }
        command.addAll(rest);
        return command;
    }

    /** Runs {@code mainClass} of the bench jar and returns the {@code key=value} lines it printed. */
    Map<String, String> runProgram(String agentOptions, String mainClass, String... args) throws IOException, InterruptedException {
        List<String> rest = new ArrayList<>(List.of("-Xms2g", "-Xmx2g", "-cp", benchJar, mainClass));
        rest.addAll(List.of(args));
        Process process = new ProcessBuilder(command(agentOptions, rest)).redirectErrorStream(true).start();
        Map<String, String> values = new LinkedHashMap<>();
        StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                output.append(line).append('\n');
                int eq = line.indexOf('=');
                if (eq > 0 && line.indexOf(' ') < 0) {
                    values.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        }
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException(mainClass + " failed:\n" + output);
        }
        System.out.print(output);
        return values;
    }

    /**
     * Milliseconds from starting {@code command} to the first line of its standard output that
     * contains {@code marker}; the process is then awaited, so runs never overlap.
     */
    static double millisToLine(List<String> command, String marker) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long seen = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (seen < 0 && line.contains(marker)) {
                    seen = System.nanoTime();
                }
            }
        }
        process.waitFor(2, TimeUnit.MINUTES);
        if (seen < 0) {
            throw new IOException("never printed '" + marker + "': " + command);
        }
        return (seen - start) / 1e6;
    }
}
