package io.futurist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The layers of docs/ARCHITECTURE.md §1, checked in the compiled classes: the kernel
 * ({@code io.futurist.internal}) is built on the public API, never the other way round, and
 * the API's packages form no cycle. Read from the class files by the JDK's {@code jdeps}, so
 * every reference counts — a field's or a parameter's type, a cast, a constant — not only
 * imports. The API reaches the kernel by class name ({@link Kernel}), which is no reference.
 */
class DependencyRulesTest {

    private static final String API = "io.futurist";
    private static final String KERNEL = "io.futurist.internal";

    @Test
    void noClassOfTheApiRefersToTheKernel() throws Exception {
        List<String> wrong = new ArrayList<>();
        classDependencies().forEach((from, targets) -> {
            if (packageOf(from).equals(API)) {
                targets.stream().filter(to -> packageOf(to).startsWith(KERNEL)).forEach(to -> wrong.add(from + " -> " + to));
            }
        });
        assertEquals(List.of(), wrong, "the public API must not refer to the kernel (docs/ARCHITECTURE.md §1)");
    }

    @Test
    void theKernelIsBuiltOnTheApi() throws Exception {
        // The rule above means something only if the classes were read: the other arrow exists.
        assertTrue(packageDependencies().getOrDefault(KERNEL, Set.of()).contains(API));
    }

    @Test
    void theApiPackagesFormNoCycle() throws Exception {
        Map<String, Set<String>> packages = packageDependencies();
        assertTrue(packages.size() >= 2, "read " + packages.keySet());
        assertEquals(List.of(), cycles(packages));
    }

    @Test
    void theKernelIsBoundByNameNotLinked() throws Exception {
        // Kernel binds by name, every method at once when it is initialised: a renamed or
        // retyped method of ApiServices fails here first.
        Class.forName(Kernel.class.getName(), true, Kernel.class.getClassLoader());
        Class<?> services = Class.forName(Kernel.SERVICES, false, Kernel.class.getClassLoader());
        assertEquals(KERNEL, services.getPackageName());
        assertFalse(classDependencies().getOrDefault(Kernel.class.getName(), Set.of()).contains(Kernel.SERVICES));
    }

    /** Each class of the API jar's classes and the classes it refers to, the JDK's left out. */
    static Map<String, Set<String>> classDependencies() throws Exception {
        Path classes = Path.of(Futurist.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(classes) || Files.isRegularFile(classes), classes.toString());
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("no jdeps in this JDK"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:class", "-filter:none", classes.toString());
        assertEquals(0, status, err.toString());
        Map<String, Set<String>> dependencies = new TreeMap<>();
        // "   io.futurist.Futurist    -> io.futurist.Kernel    io.futurist": the indented lines.
        for (String line : out.toString().split("\\R")) {
            String[] words = line.trim().split("\\s+");
            if (line.startsWith(" ") && words.length >= 3 && words[1].equals("->") && !isJdk(words[2])) {
                dependencies.computeIfAbsent(words[0], k -> new TreeSet<>()).add(words[2]);
            }
        }
        return dependencies;
    }

    private static Map<String, Set<String>> packageDependencies() throws Exception {
        Map<String, Set<String>> packages = new TreeMap<>();
        classDependencies().forEach((from, targets) -> {
            Set<String> out = packages.computeIfAbsent(packageOf(from), k -> new TreeSet<>());
            targets.forEach(to -> out.add(packageOf(to)));
            out.remove(packageOf(from));
        });
        return packages;
    }

    /** The groups of two or more packages that reach each other, each sorted; none when the arrows go one way. */
    static List<Set<String>> cycles(Map<String, Set<String>> edges) {
        Map<String, Set<String>> reach = new TreeMap<>();
        for (String start : edges.keySet()) {
            Set<String> seen = new TreeSet<>();
            List<String> todo = new ArrayList<>(edges.get(start));
            while (!todo.isEmpty()) {
                String next = todo.remove(todo.size() - 1);
                if (seen.add(next)) {
                    todo.addAll(edges.getOrDefault(next, Set.of()));
                }
            }
            reach.put(start, seen);
        }
        List<Set<String>> cycles = new ArrayList<>();
        Set<String> placed = new TreeSet<>();
        for (String p : reach.keySet()) {
            if (placed.contains(p)) {
                continue;
            }
            Set<String> group = new TreeSet<>();
            group.add(p);
            for (String q : reach.get(p)) {
                if (!q.equals(p) && reach.getOrDefault(q, Set.of()).contains(p)) {
                    group.add(q);
                }
            }
            if (group.size() > 1) {
                cycles.add(group);
                placed.addAll(group);
            }
        }
        return cycles;
    }

    private static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    private static boolean isJdk(String className) {
        return className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
                || className.startsWith("sun.");
    }
}
