package io.futurist.agent.instrument;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;

/**
 * The JDK classes as the agent rewrites them, kept in a directory the user named
 * ({@code cache=<dir>}) so that a start-up can install the hooks without running Byte Buddy.
 *
 * <p>Why it is safe to trust: these bytes become part of {@code java.base}, so the directory
 * must be one only this user (or root) can change — owned by the JVM's user, not writable by
 * group or others, and every directory above it owned by this user or root and not writable by
 * others unless sticky ({@link #open}). Nothing is ever written unless the user runs the
 * {@code cache} command. An entry is used only if the class file the JVM hands the agent is
 * byte for byte the one the entry was made from, the agent jar is the very same (size and
 * CRC-32 of the whole jar), the JDK build is the same, and the file's CRC-32 is intact; any
 * mismatch makes that class (or the whole file) go the normal Byte Buddy way, with one line.
 *
 * <p>Why CRC-32 and not a cryptographic hash: the check is against accidents (a rebuilt agent, a
 * truncated file), not against an attacker, whom the ownership checks keep out; CRC-32 is native
 * code even in the interpreter, where a start-up runs, and needs no security provider.
 *
 * <p>One file per JDK build, read whole at start-up; the served map is written by the thread
 * that retransforms and read by it alone (the JVM calls the transformer on that thread).
 */
public final class ClassCache {

    private static final String MAGIC = "futurist class cache";
    private static final int FORMAT = 2;

    private final Map<String, Entry> entries;
    private final List<String> targets;
    private final Map<String, Boolean> served = new ConcurrentHashMap<>();

    private ClassCache(List<String> targets, Map<String, Entry> entries) {
        this.targets = targets;
        this.entries = entries;
    }

    /** The classes the agent of this jar instruments on this JDK, by binary name. */
    List<String> targets() {
        return targets;
    }

    /**
     * The rewritten bytes for {@code internalName}, if the cache has them for exactly these
     * original bytes; {@code null} otherwise (the class then goes the normal way).
     */
    byte[] rewritten(String internalName, byte[] original) {
        Entry entry = entries.get(internalName.replace('/', '.'));
        if (entry == null || entry.rewritten == null) {
            return null;
        }
        try {
            if (!Arrays.equals(entry.original, MethodOrder.canonical(original))) {
                return null;
            }
        } catch (IllegalArgumentException malformed) {
            return null;
        }
        served.put(internalName.replace('/', '.'), Boolean.TRUE);
        return entry.rewritten;
    }

    /** Whether {@link #rewritten} answered for this class. */
    boolean served(String className) {
        return served.containsKey(className);
    }

    /** Forgets that this class was served, so that it is instrumented the normal way. */
    void refuse(String className) {
        entries.remove(className);
        served.remove(className);
    }

    /**
     * Opens the cache in {@code directory} for this JDK and the agent build {@code agentBuild};
     * empty, after one line on stderr saying why, if the directory is not safe, has no file for
     * this JDK, or its file does not belong to this agent and JDK.
     */
    public static ClassCache open(Path directory, String agentBuild) {
        try {
            String unsafe = unsafe(directory);
            if (unsafe != null) {
                return refused(directory, unsafe);
            }
            Path file = directory.resolve(fileName());
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return refused(directory, "it has no classes for Java " + jdk()
                        + " (fill it with: java -jar futurist-agent.jar cache " + directory + ")");
            }
            String unsafeFile = unsafeFile(file);
            if (unsafeFile != null) {
                return refused(directory, unsafeFile);
            }
            byte[] content = Files.readAllBytes(file);
            return read(content, agentBuild, directory);
        } catch (IOException | RuntimeException failure) {
            return refused(directory, "it cannot be read (" + failure + ")");
        }
    }

    private static ClassCache read(byte[] content, String agentBuild, Path directory) throws IOException {
        if (content.length < Long.BYTES) {
            return refused(directory, "its file " + fileName() + " is damaged");
        }
        CRC32 crc = new CRC32();
        crc.update(content, 0, content.length - Long.BYTES);
        if (crc.getValue() != ByteBuffer.wrap(content, content.length - Long.BYTES, Long.BYTES).getLong()) {
            return refused(directory, "its file " + fileName() + " is damaged");
        }
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(content, 0, content.length - Long.BYTES));
        if (!MAGIC.equals(in.readUTF()) || in.readInt() != FORMAT) {
            return refused(directory, "its file " + fileName() + " is not a Futurist class cache of this version");
        }
        String build = in.readUTF();
        String jdk = in.readUTF();
        if (!build.equals(agentBuild)) {
            return refused(directory, "it was filled by another build of the agent (fill it again with this jar)");
        }
        if (!jdk.equals(jdk())) {
            return refused(directory, "it was filled on another JDK build (" + jdk + ")");
        }
        int count = in.readInt();
        List<String> targets = new ArrayList<>(count);
        Map<String, Entry> entries = new ConcurrentHashMap<>();
        for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            byte[] original = bytes(in);
            byte[] rewritten = bytes(in);
            targets.add(name);
            entries.put(name, new Entry(original, rewritten.length == 0 ? null : rewritten));
        }
        return new ClassCache(Collections.unmodifiableList(targets), entries);
    }

    /**
     * Writes the classes {@code rewritten} (binary name to original and rewritten bytes, the
     * latter {@code null} for a class that must go the normal way) for this JDK and agent build,
     * replacing the file atomically; the directory must pass the same checks as at start-up.
     *
     * @return the file written
     * @throws IOException with a message fit for one line if the directory is unsafe or the write fails
     */
    public static Path write(Path directory, String agentBuild, Map<String, byte[][]> rewritten) throws IOException {
        String unsafe = unsafe(directory);
        if (unsafe != null) {
            throw new IOException("refusing the class cache " + directory + ": " + unsafe);
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(buffer);
        out.writeUTF(MAGIC);
        out.writeInt(FORMAT);
        out.writeUTF(agentBuild);
        out.writeUTF(jdk());
        out.writeInt(rewritten.size());
        for (Map.Entry<String, byte[][]> entry : new LinkedHashMap<>(rewritten).entrySet()) {
            out.writeUTF(entry.getKey());
            byte[] original = MethodOrder.canonical(entry.getValue()[0]);
            byte[] changed = entry.getValue()[1];
            out.writeInt(original.length);
            out.write(original);
            out.writeInt(changed == null ? 0 : changed.length);
            if (changed != null) {
                out.write(changed);
            }
        }
        out.flush();
        CRC32 crc = new CRC32();
        crc.update(buffer.toByteArray());
        out.writeLong(crc.getValue());
        out.flush();
        Path file = directory.resolve(fileName());
        Path temporary = Files.createTempFile(directory, ".futurist-classes", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.write(temporary, buffer.toByteArray());
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException notHere) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
        return file;
    }

    /**
     * Why {@code directory} must not be trusted, or {@code null} if it may: it must exist, be a
     * directory owned by this user, writable by nobody else, and sit under directories that only
     * this user or root can change (or that are sticky, as {@code /tmp} is).
     */
    static String unsafe(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return "it is not a directory";
        }
        if (!directory.getFileSystem().supportedFileAttributeViews().contains("unix")) {
            return "its ownership cannot be checked on this file system";
        }
        String user = System.getProperty("user.name");
        Path real = directory.toRealPath();
        String owner = Files.getOwner(real).getName();
        if (!owner.equals(user)) {
            return "it belongs to " + owner + ", not to " + user;
        }
        if ((mode(real) & 0022) != 0) {
            return "it is writable by other users (chmod go-w " + directory + ")";
        }
        for (Path parent = real.getParent(); parent != null; parent = parent.getParent()) {
            String parentOwner = Files.getOwner(parent).getName();
            if (!parentOwner.equals(user) && !parentOwner.equals("root")) {
                return "the directory " + parent + " above it belongs to " + parentOwner;
            }
            int mode = mode(parent);
            if ((mode & 0022) != 0 && (mode & 01000) == 0) {
                return "the directory " + parent + " above it is writable by other users and not sticky";
            }
        }
        return null;
    }

    private static String unsafeFile(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return "its " + file.getFileName() + " is not a regular file";
        }
        String owner = Files.getOwner(file, LinkOption.NOFOLLOW_LINKS).getName();
        if (!owner.equals(System.getProperty("user.name"))) {
            return "its " + file.getFileName() + " belongs to " + owner;
        }
        if ((mode(file) & 0022) != 0) {
            return "its " + file.getFileName() + " is writable by other users";
        }
        return null;
    }

    private static int mode(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    }

    private static ClassCache refused(Path directory, String why) {
        System.err.println("futurist: not using the class cache " + directory + ": " + why
                + "; instrumenting the normal way");
        return null;
    }

    /** The JDK build: its vendor, version and architecture. */
    private static String jdk() {
        return System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version")
                + " " + System.getProperty("os.arch");
    }

    /** One file per JDK version, so one directory can serve several JDKs. */
    static String fileName() {
        return "futurist-classes-java-" + System.getProperty("java.runtime.version").replaceAll("[^A-Za-z0-9.+_-]", "_")
                + ".bin";
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return bytes;
    }

    private static final class Entry {
        final byte[] original;
        final byte[] rewritten;

        Entry(byte[] original, byte[] rewritten) {
            this.original = original;
            this.rewritten = rewritten;
        }
    }
}
