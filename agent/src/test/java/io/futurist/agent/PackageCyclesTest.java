package io.futurist.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The agent's packages form no cycle (docs/ARCHITECTURE.md §1: instrument -> probe -> kernel;
 * the outputs read public types), read from the compiled classes by the JDK's {@code jdeps}.
 * The API's own rules are checked in the API module ({@code DependencyRulesTest}).
 */
class PackageCyclesTest {

    @Test
    void theAgentsPackagesFormNoCycle() throws Exception {
        Map<String, Set<String>> edges = packageDependencies(Path.of("target", "classes"));
        assertTrue(edges.keySet().containsAll(List.of("io.futurist.agent.instrument", "io.futurist.agent.probe",
                "io.futurist.agent.cli", "io.futurist.agent.jmx")), () -> "read " + edges.keySet());
        List<String> cycles = new ArrayList<>();
        for (String start : edges.keySet()) {
            // A path back to the start, found by a walk that remembers how it reached each package.
            Map<String, String> cameFrom = new TreeMap<>();
            Deque<String> todo = new ArrayDeque<>(edges.get(start));
            edges.get(start).forEach(next -> cameFrom.put(next, start));
            while (!todo.isEmpty() && !cameFrom.containsKey(start)) {
                String at = todo.poll();
                for (String next : edges.getOrDefault(at, Set.of())) {
                    if (cameFrom.putIfAbsent(next, at) == null) {
                        todo.add(next);
                    }
                }
            }
            if (cameFrom.containsKey(start)) {
                StringBuilder path = new StringBuilder(start);
                for (String at = cameFrom.get(start); !at.equals(start); at = cameFrom.get(at)) {
                    path.insert(0, at + " -> ");
                }
                cycles.add(start + " -> " + path);
            }
        }
        assertEquals(List.of(), cycles);
    }

    /** Package to the Futurist packages its classes refer to, itself and Byte Buddy left out. */
    private static Map<String, Set<String>> packageDependencies(Path classes) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("no jdeps in this JDK"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:package", "-filter:none", classes.toString());
        assertEquals(0, status, err.toString());
        Map<String, Set<String>> edges = new TreeMap<>();
        // "   io.futurist.agent.cli    -> io.futurist.agent.jmx    classes": the indented lines.
        for (String line : out.toString().split("\\R")) {
            String[] words = line.trim().split("\\s+");
            if (line.startsWith(" ") && words.length >= 3 && words[1].equals("->") && isFuturist(words[0])
                    && isFuturist(words[2]) && !words[0].equals(words[2])) {
                edges.computeIfAbsent(words[0], k -> new TreeSet<>()).add(words[2]);
            }
        }
        return edges;
    }

    private static boolean isFuturist(String packageName) {
        return packageName.startsWith("io.futurist") && !packageName.startsWith("io.futurist.agent.shaded");
    }
}
