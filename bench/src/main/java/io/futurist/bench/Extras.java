package io.futurist.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The measurements that are not JMH's: start-up time, heap per executor, executor churn. */
final class Extras {

    /** What the demo prints first; it does so after its pipeline has run. */
    static final String DEMO_FIRST_LINE = "Order analytics pipeline";

    /** Median milliseconds to the first line, by {@code app/jvm}: {@code demo/bare}, {@code demo/agent}, ... */
    final Map<String, double[]> startup = new LinkedHashMap<>();
    /** Bytes per executor, by {@code idle|used/bare|agent|agent,jmx=false}, with the raw key=value output. */
    final Map<String, Map<String, String>> heap = new LinkedHashMap<>();
    /** The churn program's output. */
    Map<String, String> churn;
    /** Failures of these measurements, by name. */
    final Map<String, String> failures = new LinkedHashMap<>();

    /**
     * Times the demo to its first line {@code runs} times, and {@link Hello} half as often (it only
     * separates the agent's own start-up from the demo's), bare and agent alternating.
     */
    void startup(ChildJvm jvm, String demoJar, int runs) {
        Map<String, List<String>> commands = new LinkedHashMap<>();
        commands.put("demo/bare", jvm.command(null, List.of("-jar", demoJar)));
        commands.put("demo/agent", jvm.command("", List.of("-jar", demoJar)));
        String benchJar = jvm.benchJar();
        commands.put("hello/bare", jvm.command(null, List.of("-cp", benchJar, Hello.class.getName())));
        commands.put("hello/agent", jvm.command("", List.of("-cp", benchJar, Hello.class.getName())));
        Map<String, List<Double>> times = new LinkedHashMap<>();
        try {
            for (int run = -1; run < runs; run++) { // run -1 warms the page cache and is not counted
                for (Map.Entry<String, List<String>> entry : commands.entrySet()) {
                    if (entry.getKey().startsWith("hello") && run >= Math.max(3, runs / 2)) {
                        continue;
                    }
                    String marker = entry.getKey().startsWith("demo") ? DEMO_FIRST_LINE : Hello.LINE;
                    double millis = ChildJvm.millisToLine(entry.getValue(), marker);
                    if (run >= 0) {
                        times.computeIfAbsent(entry.getKey(), k -> new ArrayList<>()).add(millis);
                    }
                }
            }
            times.forEach((key, list) -> {
                double[] sorted = list.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                startup.put(key, sorted);
                System.out.printf("start-up %s: median %.0f ms, all %s%n", key, median(sorted), Arrays.toString(sorted));
            });
        } catch (Exception failed) {
            failures.put("start-up", String.valueOf(failed));
            failed.printStackTrace(System.out);
        }
    }

    /** Heap per executor: idle and used pools, without the agent, with it, and with it but no JMX. */
    void heap(ChildJvm jvm) {
        String[][] kinds = {{"idle", "10000"}, {"used", "2000"}};
        String[][] jvms = {{"bare", null}, {"agent", ""}, {"agent,jmx=false", "jmx=false"}};
        for (String[] kind : kinds) {
            for (String[] which : jvms) {
                String key = kind[0] + "/" + which[0];
                try {
                    System.out.println("=== futurist-bench: heap " + key);
                    heap.put(key, jvm.runProgram(which[1], HeapPerExecutor.class.getName(), kind[0], kind[1]));
                } catch (Exception failed) {
                    failures.put("heap " + key, String.valueOf(failed).lines().findFirst().orElse("failed"));
                    failed.printStackTrace(System.out);
                }
            }
        }
    }

    /** {@code count} executors created and shut down or abandoned under the agent. */
    void churn(ChildJvm jvm, int count) {
        try {
            System.out.println("=== futurist-bench: churn of " + count + " executors");
            churn = jvm.runProgram("", ExecutorChurn.class.getName(), String.valueOf(count));
        } catch (Exception failed) {
            failures.put("churn", String.valueOf(failed).lines().findFirst().orElse("failed"));
            failed.printStackTrace(System.out);
        }
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
