package io.futurist.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Makes Futurist's API, registry and probes visible to the bootstrap class loader.
 *
 * <p>Why: the JDK's executors are bootstrap classes, and the advice inlined into them calls the
 * probes, so the probes — and everything they use — must be found from there, or the first
 * {@code execute} dies with {@code NoClassDefFoundError}. It also gives the JVM one registry:
 * class loaders delegate to the bootstrap loader first, so the application's
 * {@code io.futurist.Futurist} resolves to this copy even when {@code futurist-api.jar} is on
 * its class path. Only classes that need nothing but {@code java.base} go there; Byte Buddy
 * and the installer stay in the agent's class loader.
 *
 * <p>How: the qualifying entries of the agent jar are defined in the bootstrap loader by
 * {@link BootClassDefiner}, which leaves class-data sharing on and prints nothing. Should that
 * be impossible on some JDK, they are copied into a small temporary jar appended with
 * {@link Instrumentation#appendToBootstrapClassLoaderSearch} instead (the JVM then notes on
 * stderr that class-data sharing is now used for boot classes only, on JDK 17 and 25 alike).
 * Either must happen before anything loads those classes from the agent jar;
 * {@link FuturistAgent} touches none of them. A second attach finds them already there and
 * does nothing.
 */
final class BootstrapJar {

    /** A class that is only ever bootstrap-visible once this has run. */
    private static final String MARKER = "io.futurist.agent.probe.TaskLedger";
    /** Named, not linked: it must be loaded by {@link DefinerLoader}, never by the agent's loader. */
    private static final String DEFINER = "io.futurist.agent.BootClassDefiner";
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2020, 1, 1, 0, 0);

    private BootstrapJar() {
    }

    /** Makes the bootstrap part of the agent jar bootstrap-visible, unless an earlier attach did. */
    static void install(Instrumentation instrumentation) throws IOException {
        if (isInstalled()) {
            return;
        }
        Map<String, byte[]> classes = bootstrapClasses(agentJar());
        try {
            definer().accept(instrumentation, classes);
            return;
        } catch (RuntimeException | LinkageError | ReflectiveOperationException | IOException refused) {
            // A JDK without jdk.internal.misc.Unsafe.defineClass: the documented way still works, at
            // the price of the JVM's warning. Classes already defined are the same bytes as the
            // jar's, so a definition that stopped half way is completed consistently by the jar.
        }
        appendJar(instrumentation, classes);
    }

    /** {@link BootClassDefiner}, loaded in a class loader of its own (see there why). */
    @SuppressWarnings("unchecked")
    private static BiConsumer<Instrumentation, Map<String, byte[]>> definer() throws IOException, ReflectiveOperationException {
        String resource = DEFINER.replace('.', '/') + ".class";
        byte[] bytes;
        try (InputStream in = BootstrapJar.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no " + resource + " in the agent jar");
            }
            bytes = in.readAllBytes();
        }
        Class<?> type = new DefinerLoader().define(DEFINER, bytes);
        return (BiConsumer<Instrumentation, Map<String, byte[]>>) type.getConstructor().newInstance();
    }

    /** Holds {@link BootClassDefiner} alone; its parent is the bootstrap loader. */
    private static final class DefinerLoader extends ClassLoader {
        DefinerLoader() {
            super("futurist-boot-definer", null);
        }

        Class<?> define(String name, byte[] bytes) {
            return defineClass(name, bytes, 0, bytes.length);
        }
    }

    /** The qualifying entries of the agent jar, by entry name, in the jar's order. */
    private static Map<String, byte[]> bootstrapClasses(Path agentJar) throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        try (JarFile source = new JarFile(agentJar.toFile(), false)) {
            List<String> names = namesUnderFuturist(agentJar);
            if (names != null) {
                for (String name : names) {
                    JarEntry entry = source.getJarEntry(name);
                    if (entry != null && !entry.isDirectory() && isBootstrapClass(name)) {
                        try (InputStream in = source.getInputStream(entry)) {
                            classes.put(name, in.readAllBytes());
                        }
                    }
                }
                return classes;
            }
            Enumeration<JarEntry> entries = source.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (!entry.isDirectory() && isBootstrapClass(entry.getName())) {
                    try (InputStream in = source.getInputStream(entry)) {
                        classes.put(entry.getName(), in.readAllBytes());
                    }
                }
            }
        }
        return classes;
    }

    /**
     * The entries under {@code io/futurist/} but outside the relocated Byte Buddy, from the jar's
     * directory ({@link AgentJar}); {@code null} if it cannot be read so.
     */
    private static List<String> namesUnderFuturist(Path agentJar) {
        try {
            return AgentJar.read(agentJar).names("io/futurist/", "io/futurist/agent/shaded/");
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    /** The fallback: a temporary jar appended to the bootstrap class path (and the JVM's CDS warning). */
    private static void appendJar(Instrumentation instrumentation, Map<String, byte[]> classes) throws IOException {
        Path bootJar = Files.createTempFile("futurist-boot-", ".jar");
        File bootFile = bootJar.toFile();
        bootFile.deleteOnExit();
        try (OutputStream file = Files.newOutputStream(bootJar);
             JarOutputStream target = new JarOutputStream(file)) {
            for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
                JarEntry copy = new JarEntry(entry.getKey());
                // A fixed local time: an entry without one is stamped with the current time,
                // which initialises the JVM's default time zone before the application's
                // main could choose it (user.timezone).
                copy.setTimeLocal(ENTRY_TIME);
                target.putNextEntry(copy);
                target.write(entry.getValue());
                target.closeEntry();
            }
        }
        instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(bootFile));
    }

    static boolean isInstalled() {
        try {
            Class.forName(MARKER, false, null);
            return true;
        } catch (ClassNotFoundException notYet) {
            return false;
        }
    }

    /** The public API ({@code io.futurist}), its internals, and the probes. */
    static boolean isBootstrapClass(String entryName) {
        if (!entryName.endsWith(".class")) {
            return false;
        }
        if (entryName.startsWith("io/futurist/internal/") || entryName.startsWith("io/futurist/agent/probe/")) {
            return true;
        }
        return entryName.startsWith("io/futurist/") && entryName.indexOf('/', "io/futurist/".length()) < 0;
    }

    static Path agentJar() throws IOException {
        try {
            Path path = Paths.get(FuturistAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(path)) {
                throw new IOException("the agent is not running from its jar (" + path + ")");
            }
            return path;
        } catch (URISyntaxException | RuntimeException unknown) {
            throw new IOException("cannot locate the agent jar: " + unknown, unknown);
        }
    }
}
