package io.futurist.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import example.scenarios.CommonPoolScenario;
import example.scenarios.ExecutorSuiteScenario;
import example.scenarios.ExecutorSuiteScenario.Kind;
import example.scenarios.ForkJoinScenario;
import example.scenarios.TomcatScenario;
import io.futurist.agent.testing.AgentCli;
import io.futurist.agent.testing.ChildJvm;
import io.futurist.agent.testing.ScenarioOutput;
import io.futurist.agent.testing.ServerJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class cache: {@code cache <dir>} fills it, {@code cache=<dir>} starts without Byte Buddy
 * and counts exactly what the normal way counts, and an unsafe, missing or damaged cache costs
 * one line and changes nothing else.
 */
class ClassCacheIT {

    /** The suite's workload on the two kinds of ThreadPoolExecutor, whose hooks the cache holds. */
    private static final ChildJvm THREAD_POOLS = ChildJvm.running(ExecutorSuiteScenario.class,
            Kind.THREAD_POOL.name(), Kind.SCHEDULED_THREAD_POOL.name());
    /** Compared between a run with the cache and one without, for every executor line. */
    private static final List<String> IDENTITY = List.of("tracked", "alive", "count", "name", "type", "site", "submitted");
    /** Compared too once the executor is no longer alive. */
    private static final List<String> FINAL = List.of("failures", "rejected");

    @TempDir
    static Path temporary;
    private static Path cache;

    @BeforeAll
    static void fillCache() {
        cache = temporary.resolve("classes");
        ChildJvm.Result filled = AgentCli.run("cache", cache);
        String line = AgentCli.assertOneLineSuccess(filled, "futurist: stored ");
        assertTrue(line.contains("cache=" + cache), line);
    }

    @Test
    void scenariosCountTheSameWithTheCacheAndLoadNoByteBuddy() {
        List<ChildJvm> scenarios = List.of(THREAD_POOLS, ChildJvm.running(ForkJoinScenario.class),
                ChildJvm.running(CommonPoolScenario.class));
        List<ChildJvm> children = new ArrayList<>();
        List<Path> classLogs = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            Path classLog = temporary.resolve("scenario-" + i + "-classes.log");
            classLogs.add(classLog);
            children.add(scenarios.get(i).withAgent("cache=" + cache).withJvmOptions("-Xlog:class+load:file=" + classLog));
            children.add(scenarios.get(i).withAgent());
        }
        List<ChildJvm.Result> results = ChildJvm.runAll(children);
        for (int i = 0; i < scenarios.size(); i++) {
            ChildJvm.Result cached = results.get(2 * i).requireSuccess();
            ChildJvm.Result normal = results.get(2 * i + 1).requireSuccess();
            assertEquals("[]", cached.futuristLines().toString(), cached::describe);
            assertEquals("true", cached.output().env().get("agentActive"));
            Map<String, String> expected = exactNumbers(normal.output());
            assertTrue(expected.size() >= 10, expected::toString);
            assertEquals(expected, exactNumbers(cached.output()), cached::describe);
            assertEquals(0, byteBuddyClasses(classLogs.get(i)), "Byte Buddy classes loaded with the cache");
        }
        ExecutorSuite.expectedAtTermination(Kind.THREAD_POOL).assertTerminated(results.get(0).output().stats(Kind.THREAD_POOL.label()));
    }

    /** Server pools are hooked by name as their class is defined: with the cache, those hooks are built then. */
    @Test
    void serverPoolsAreHookedAsWithoutTheCache() {
        ChildJvm tomcat = ChildJvm.running(TomcatScenario.class, "20", "3").withClassPath(ServerJars.of("tomcat-11"));
        List<ChildJvm.Result> results = ChildJvm.runAll(List.of(tomcat.withAgent("cache=" + cache), tomcat.withAgent()));
        ChildJvm.Result cached = results.get(0).requireSuccess();
        ChildJvm.Result normal = results.get(1).requireSuccess();
        assertEquals("[]", cached.futuristLines().toString(), cached::describe);
        Map<String, String> expected = exactNumbers(normal.output());
        assertTrue(expected.size() >= 3, expected::toString);
        assertEquals(expected, exactNumbers(cached.output()), cached::describe);
    }

    @Test
    void anUnsafeMissingOrDamagedCacheCostsOneLineAndNothingElse() throws IOException {
        Map<String, Path> bad = new TreeMap<>();
        bad.put("missing", temporary.resolve("no-such-directory"));
        bad.put("world-writable", copyOfCache("world-writable", "rwxrwxrwx"));
        Path openParent = temporary.resolve("open-parent");
        Files.createDirectory(openParent);
        Files.setPosixFilePermissions(openParent, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path underOpenParent = openParent.resolve("classes");
        copy(cache, underOpenParent);
        bad.put("open parent", underOpenParent);
        Path damaged = copyOfCache("damaged", "rwx------");
        try (var files = Files.list(damaged)) {
            Path file = files.filter(f -> f.getFileName().toString().endsWith(".bin")).findFirst().orElseThrow();
            byte[] bytes = Files.readAllBytes(file);
            bytes[bytes.length / 2] ^= 0x5a;
            Files.write(file, bytes);
        }
        bad.put("damaged", damaged);
        if ("root".equals(System.getProperty("user.name"))) {
            Path others = copyOfCache("another-owner", "rwx------");
            new ProcessBuilder("chown", "-R", "65534", others.toString()).inheritIO().start().onExit().join();
            bad.put("another owner", others);
        }
        List<ChildJvm> children = new ArrayList<>();
        for (Path directory : bad.values()) {
            children.add(THREAD_POOLS.withAgent("cache=" + directory));
        }
        List<ChildJvm.Result> results = ChildJvm.runAll(children);
        int i = 0;
        for (Map.Entry<String, Path> entry : bad.entrySet()) {
            ChildJvm.Result run = results.get(i++).requireSuccess();
            List<String> lines = run.futuristLines();
            assertEquals(1, lines.size(), entry.getKey() + ": " + run.describe());
            assertTrue(lines.get(0).startsWith("futurist: not using the class cache " + entry.getValue() + ": ")
                    && lines.get(0).endsWith("; instrumenting the normal way"), lines.get(0));
            ExecutorSuite.expectedAtTermination(Kind.THREAD_POOL).assertTerminated(run.output().stats(Kind.THREAD_POOL.label()));
        }
    }

    @Test
    void theCommandRefusesAnUnsafeDirectoryAndBadArguments() throws IOException {
        Path open = temporary.resolve("open-for-command");
        Files.createDirectory(open);
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        ChildJvm.Result refused = AgentCli.run("cache", open);
        assertEquals(1, refused.exitCode(), refused::describe);
        assertEquals(List.of("futurist: refusing the class cache " + open + ": it is writable by other users (chmod go-w "
                + open + ")"), refused.futuristLines(), refused::describe);
        try (var files = Files.list(open)) {
            assertEquals(0, files.count(), "nothing written into an unsafe directory");
        }
        ChildJvm.Result usage = AgentCli.run("cache");
        assertEquals(2, usage.exitCode(), usage::describe);
        assertEquals(List.of("futurist: usage: cache <directory>"), usage.futuristLines());
    }

    /**
     * What a run must agree on: every executor's identity and submissions; and, for one no
     * longer alive, its failures, rejections and tasks finished ({@code executed + cancelled}:
     * how they split can be a race in the scenario itself). A snapshot of a
     * live executor is taken while tasks run, so only its submissions are fixed; so is one taken
     * right after {@code shutdown} (a {@code -shutdown} line), while the last runs may still be
     * ending. Of {@code invokeAny}'s pool only the balance is fixed: how many callables it
     * submits before one wins is the JDK's race.
     */
    private static Map<String, String> exactNumbers(ScenarioOutput output) {
        Map<String, String> numbers = new TreeMap<>();
        for (String kind : List.of("stats", "tracked")) {
            for (String text : output.texts(kind)) {
                String[] parts = text.split("\t", -1);
                if (parts[1].equals("invokeAny")) {
                    continue;
                }
                Map<String, String> fields = new TreeMap<>();
                for (int i = 2; i < parts.length; i++) {
                    int equals = parts[i].indexOf('=');
                    fields.put(parts[i].substring(0, equals), parts[i].substring(equals + 1));
                }
                boolean finished = "false".equals(fields.get("alive")) && !parts[1].endsWith("-shutdown");
                for (Map.Entry<String, String> field : fields.entrySet()) {
                    if (IDENTITY.contains(field.getKey()) || (finished && FINAL.contains(field.getKey()))) {
                        numbers.put(kind + " " + parts[1] + " " + field.getKey(), field.getValue());
                    }
                }
                if (finished && fields.containsKey("executed")) {
                    numbers.put(kind + " " + parts[1] + " finished",
                            String.valueOf(Long.parseLong(fields.get("executed")) + Long.parseLong(fields.get("cancelled"))));
                }
            }
        }
        return numbers;
    }

    private static long byteBuddyClasses(Path classLog) {
        try (var lines = Files.lines(classLog)) {
            // The one interface that verifying the server pools' hooks loads (to know their class
            // names) is no Byte Buddy code run.
            return lines.filter(line -> line.contains(".shaded.bytebuddy.")
                    && !line.contains(".shaded.bytebuddy.matcher.ElementMatcher ")).count();
        } catch (IOException unreadable) {
            throw new AssertionError("no class-load log " + classLog, unreadable);
        }
    }

    private static Path copyOfCache(String name, String permissions) throws IOException {
        Path copy = temporary.resolve(name);
        copy(cache, copy);
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString(permissions));
        return copy;
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectory(to, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try (var files = Files.list(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
