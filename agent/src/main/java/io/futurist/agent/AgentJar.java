package io.futurist.agent;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The agent jar's central directory, read directly: the names of its entries and a fingerprint
 * of the whole jar.
 *
 * <p>Why not {@code JarFile.entries()}: the jar holds about 3,000 entries, nearly all Byte
 * Buddy's, and making a {@code JarEntry} of each in the interpreter at start-up cost more than
 * a tenth of a second, to find the sixty the bootstrap loader needs. Scanning the directory's
 * bytes for a name prefix costs a few milliseconds. The directory holds every entry's CRC-32
 * and sizes, so its own CRC-32 tells two builds of the jar apart without reading all of it.
 * Only what the build writes is supported (no ZIP64, no spanning): anything else is an
 * {@link IOException}, and callers then take the slow way.
 */
final class AgentJar {

    private static final int END_SIGNATURE = 0x06054b50;
    private static final int ENTRY_SIGNATURE = 0x02014b50;
    private static final int END_SIZE = 22;
    private static final int MAX_COMMENT = 0xffff;

    private final ByteBuffer directory;
    private final long size;
    private final long directoryCrc;

    private AgentJar(ByteBuffer directory, long size, long directoryCrc) {
        this.directory = directory;
        this.size = size;
        this.directoryCrc = directoryCrc;
    }

    /** Reads the central directory of {@code jar}. */
    static AgentJar read(Path jar) throws IOException {
        try (FileChannel channel = FileChannel.open(jar, StandardOpenOption.READ)) {
            long size = channel.size();
            int tailLength = (int) Math.min(size, END_SIZE + MAX_COMMENT);
            ByteBuffer tail = ByteBuffer.allocate(tailLength).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, tail, size - tailLength);
            int end = -1;
            for (int at = tailLength - END_SIZE; at >= 0; at--) {
                if (tail.getInt(at) == END_SIGNATURE) {
                    end = at;
                    break;
                }
            }
            if (end < 0) {
                throw new IOException("no end of central directory in " + jar);
            }
            long directorySize = Integer.toUnsignedLong(tail.getInt(end + 12));
            long directoryOffset = Integer.toUnsignedLong(tail.getInt(end + 16));
            if (directorySize == 0xffffffffL || directoryOffset == 0xffffffffL
                    || directoryOffset + directorySize > size || directorySize > Integer.MAX_VALUE) {
                throw new IOException("unsupported central directory in " + jar);
            }
            ByteBuffer directory = ByteBuffer.allocate((int) directorySize).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, directory, directoryOffset);
            CRC32 crc = new CRC32();
            crc.update(directory.array());
            return new AgentJar(directory, size, crc.getValue());
        }
    }

    /**
     * The names of the entries that start with {@code prefix} but not with {@code excluded}
     * (both ASCII), in the jar's order.
     */
    List<String> names(String prefix, String excluded) throws IOException {
        byte[] wanted = prefix.getBytes(StandardCharsets.US_ASCII);
        byte[] unwanted = excluded.getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = directory.array();
        List<String> names = new ArrayList<>();
        int at = 0;
        while (at + 46 <= bytes.length) {
            if (directory.getInt(at) != ENTRY_SIGNATURE) {
                throw new IOException("malformed central directory at " + at);
            }
            int nameLength = Short.toUnsignedInt(directory.getShort(at + 28));
            int extraLength = Short.toUnsignedInt(directory.getShort(at + 30));
            int commentLength = Short.toUnsignedInt(directory.getShort(at + 32));
            int name = at + 46;
            if (name + nameLength > bytes.length) {
                throw new IOException("malformed central directory at " + at);
            }
            if (nameLength >= wanted.length && startsWith(bytes, name, wanted)
                    && !(nameLength >= unwanted.length && startsWith(bytes, name, unwanted))) {
                names.add(new String(bytes, name, nameLength, StandardCharsets.UTF_8));
            }
            at = name + nameLength + extraLength + commentLength;
        }
        return names;
    }

    /** Size and CRC-32 of the central directory: another build of the jar never matches. */
    String fingerprint() {
        return size + ":" + Long.toHexString(directoryCrc);
    }

    private static boolean startsWith(byte[] bytes, int from, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of the agent jar");
            }
        }
        buffer.flip();
    }
}
