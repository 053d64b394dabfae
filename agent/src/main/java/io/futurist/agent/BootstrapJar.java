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
 * <p>How: the qualifying entries of the agent jar are copied into a small temporary jar,
 * appended with {@link Instrumentation#appendToBootstrapClassLoaderSearch}. This must happen
 * before anything loads those classes from the agent jar; {@link FuturistAgent} touches none of
 * them. A second attach finds them already there and appends nothing. (Side effect on JDK 17
 * and 25: the JVM notes that class-data sharing is now used for boot classes only.)
 */
final class BootstrapJar {

    /** A class that is only ever bootstrap-visible once this has run. */
    private static final String MARKER = "io.futurist.agent.probe.TaskLedger";
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2020, 1, 1, 0, 0);

    private BootstrapJar() {
    }

    /** Appends the bootstrap part of the agent jar, unless an earlier attach did. */
    static void install(Instrumentation instrumentation) throws IOException {
        if (isInstalled()) {
            return;
        }
        Path agentJar = agentJar();
        Path bootJar = Files.createTempFile("futurist-boot-", ".jar");
        File bootFile = bootJar.toFile();
        bootFile.deleteOnExit();
        try (JarFile source = new JarFile(agentJar.toFile());
             OutputStream file = Files.newOutputStream(bootJar);
             JarOutputStream target = new JarOutputStream(file)) {
            Enumeration<JarEntry> entries = source.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (!entry.isDirectory() && isBootstrapClass(entry.getName())) {
                    JarEntry copy = new JarEntry(entry.getName());
                    // A fixed local time: an entry without one is stamped with the current time,
                    // which initialises the JVM's default time zone before the application's
                    // main could choose it (user.timezone).
                    copy.setTimeLocal(ENTRY_TIME);
                    target.putNextEntry(copy);
                    try (InputStream in = source.getInputStream(entry)) {
                        in.transferTo(target);
                    }
                    target.closeEntry();
                }
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

    private static Path agentJar() throws IOException {
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
