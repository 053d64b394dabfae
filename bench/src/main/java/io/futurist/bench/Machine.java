package io.futurist.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What the results were measured on. */
final class Machine {

    private Machine() {
    }

    /** The 1-, 5- and 15-minute load averages, as {@code /proc/loadavg} has them. */
    static String loadAverage() {
        return read("/proc/loadavg").map(s -> String.join(" ", java.util.Arrays.copyOf(s.trim().split("\\s+"), 3)))
                .orElse("unknown");
    }

    /** CPUs, CPU model, memory, OS, JDK. */
    static String describe() {
        String cpu = read("/proc/cpuinfo").flatMap(s -> s.lines().filter(l -> l.startsWith("model name")).findFirst())
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        String memory = read("/proc/meminfo").flatMap(s -> s.lines().filter(l -> l.startsWith("MemTotal")).findFirst())
                .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / (1024 * 1024) + " GiB").orElse("unknown");
        return String.format("%d CPUs (%s), %s memory, %s %s; JDK %s (%s, %s)",
                Runtime.getRuntime().availableProcessors(), cpu, memory,
                System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getProperty("java.runtime.version"), System.getProperty("java.vm.vendor"),
                System.getProperty("java.vm.name"));
    }

    private static Optional<String> read(String file) {
        try {
            return Optional.of(Files.readString(Path.of(file)));
        } catch (IOException | RuntimeException unavailable) {
            return Optional.empty();
        }
    }
}
