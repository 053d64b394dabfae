import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Start-up times of JVM command lines, run alternately so that all see the same machine load:
 * wall milliseconds from process start to the first line containing a marker, and the
 * process's CPU milliseconds (user + system, from {@code /usr/bin/time}), which a shared
 * machine's load disturbs far less than wall time. Run by {@code bench/startup.sh}:
 * <pre>java StartupTimes.java JAVA RUNS 'MARKER|MARKER' 'name::jvm args' ...</pre>
 * One unmeasured round first warms the page cache.
 */
public final class StartupTimes {

    private StartupTimes() {
    }

    /** Runs the command lines and prints medians. */
    public static void main(String[] args) throws Exception {
        String java = args[0];
        int runs = Integer.parseInt(args[1]);
        String marker = args[2];
        Map<String, List<String>> commands = new LinkedHashMap<>();
        for (int i = 3; i < args.length; i++) {
            int eq = args[i].indexOf("::");
            List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-f", "CPU %U %S", java));
            for (String word : args[i].substring(eq + 2).split(" ")) {
                if (!word.isEmpty()) {
                    command.add(word);
                }
            }
            commands.put(args[i].substring(0, eq), command);
        }
        Map<String, List<Double>> wall = new LinkedHashMap<>();
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        File stderr = File.createTempFile("startup-", ".err");
        stderr.deleteOnExit();
        for (int run = -1; run < runs; run++) {
            for (Map.Entry<String, List<String>> entry : commands.entrySet()) {
                double millis = millisToLine(entry.getValue(), marker, stderr);
                if (run >= 0) {
                    wall.computeIfAbsent(entry.getKey(), k -> new ArrayList<>()).add(millis);
                    cpu.computeIfAbsent(entry.getKey(), k -> new ArrayList<>()).add(cpuMillis(stderr));
                }
            }
        }
        System.out.println("load average before: " + loadBefore + "; after: " + Files.readString(Path.of("/proc/loadavg")).trim());
        for (String key : wall.keySet()) {
            System.out.printf(Locale.ROOT, "%-22s wall median %6.0f ms (min %6.0f, max %6.0f)   cpu median %6.0f ms   n=%d%n",
                    key, median(wall.get(key)), min(wall.get(key)), max(wall.get(key)), median(cpu.get(key)), wall.get(key).size());
        }
    }

    private static double millisToLine(List<String> command, String marker, File stderr) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectError(stderr).start();
        long seen = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (seen < 0 && matches(line, marker)) {
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

    /** {@code marker} is one or more {@code |}-separated texts; a line matches if it contains one. */
    private static boolean matches(String line, String marker) {
        for (String text : marker.split("\\|")) {
            if (line.contains(text)) {
                return true;
            }
        }
        return false;
    }

    private static double cpuMillis(File stderr) throws IOException {
        List<String> lines = Files.readAllLines(stderr.toPath());
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith("CPU ")) {
                String[] parts = lines.get(i).split(" ");
                return (Double.parseDouble(parts[1]) + Double.parseDouble(parts[2])) * 1000;
            }
        }
        return Double.NaN;
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
