package io.futurist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API as a module ({@code module io.futurist { exports io.futurist; }}): a program on the
 * module path uses {@code io.futurist}, and cannot reach the kernel, neither by compiling
 * against it nor by reflection. Compiled and run in a child JVM against this module's classes
 * (a directory with {@code module-info.class} is an exploded module).
 */
class ModulePathTest {

    private static final String MODULE_INFO = "module app { requires io.futurist; }\n";

    private static final String MAIN = String.join("\n",
            "package app;",
            "",
            "import io.futurist.Futurist;",
            "import io.futurist.SynchronousExecutor;",
            "import io.futurist.TrackedExecutor;",
            "import java.lang.reflect.InaccessibleObjectException;",
            "",
            "public class Main {",
            "    public static void main(String[] args) throws Exception {",
            "        SynchronousExecutor executor = new SynchronousExecutor(\"modular\");",
            "        executor.execute(() -> { });",
            "        executor.submit(() -> { throw new IllegalStateException(\"counted\"); });",
            "        System.out.println(\"executed=\" + Futurist.statistics(executor).orElseThrow().executed()",
            "                + \" failures=\" + executor.statistics().failures());",
            "        TrackedExecutor listed = Futurist.executors().get(0);",
            "        System.out.println(\"listed=\" + listed.name() + \" site=\" + listed.creationSite());",
            "        Class<?> registry = Class.forName(\"io.futurist.internal.ExecutorRegistry\");",
            "        try {",
            "            registry.getMethod(\"global\").invoke(null);",
            "            System.out.println(\"kernel=reached\");",
            "        } catch (IllegalAccessException closed) {",
            "            System.out.println(\"kernel=closed\");",
            "        }",
            "        try {",
            "            registry.getMethod(\"global\").setAccessible(true);",
            "            System.out.println(\"setAccessible=reached\");",
            "        } catch (InaccessibleObjectException closed) {",
            "            System.out.println(\"setAccessible=closed\");",
            "        }",
            "        try {",
            "            listed.getClass().getDeclaredField(\"record\").setAccessible(true);",
            "            System.out.println(\"view=opened\");",
            "        } catch (InaccessibleObjectException closed) {",
            "            System.out.println(\"view=closed\");",
            "        }",
            "        executor.shutdown();",
            "    }",
            "}",
            "");

    @TempDir
    Path dir;

    @Test
    void aModularProgramUsesTheApiAndCannotReachTheKernel() throws Exception {
        Path out = compile(MAIN);
        String printed = run(out);
        assertEquals(List.of(
                "executed=2 failures=1",
                "listed=modular site=app.Main.main(Main.java:10)",
                "kernel=closed",
                "setAccessible=closed",
                "view=closed"), printed.lines().toList(), printed);
    }

    @Test
    void aModularProgramCannotCompileAgainstTheKernel() throws Exception {
        String source = "package app;\npublic class Main {\n    Object registry = io.futurist.internal.ExecutorRegistry.global();\n}\n";
        StringWriter errors = new StringWriter();
        int status = javac(source, errors);
        assertNotEquals(0, status, "compiled against io.futurist.internal");
        assertTrue(errors.toString().contains("io.futurist.internal"), errors.toString());
        assertTrue(errors.toString().contains("does not export"), errors.toString());
    }

    private Path compile(String main) throws IOException {
        StringWriter errors = new StringWriter();
        assertEquals(0, javac(main, errors), errors.toString());
        return dir.resolve("out");
    }

    private int javac(String main, StringWriter errors) throws IOException {
        Path sources = dir.resolve("src");
        Files.createDirectories(sources.resolve("app"));
        Files.writeString(sources.resolve("module-info.java"), MODULE_INFO);
        Files.writeString(sources.resolve("app/Main.java"), main);
        ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow(() -> new AssertionError("no javac in this JDK"));
        return javac.run(new PrintWriter(errors), new PrintWriter(errors), "--release", "17",
                "--module-path", apiModule().toString(), "-d", dir.resolve("out").toString(),
                sources.resolve("module-info.java").toString(), sources.resolve("app/Main.java").toString());
    }

    private String run(Path program) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(),
                "--module-path", apiModule() + File.pathSeparator + program,
                "-m", "app/app.Main")
                .redirectErrorStream(true).start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        process.getInputStream().transferTo(output);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the child JVM did not end");
        String printed = output.toString(StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), printed);
        return printed;
    }

    /** This module's classes: {@code target/classes}, with its {@code module-info.class}. */
    private static Path apiModule() {
        try {
            Path classes = Path.of(Futurist.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            assertTrue(Files.exists(classes.resolve("module-info.class")), "no module-info.class in " + classes);
            return classes;
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }
}
