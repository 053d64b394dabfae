package io.futurist.agent.instrument;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A class file with its methods in a fixed order, for comparing the bytes the JVM hands a
 * transformer in two different runs.
 *
 * <p>Why: for a class not taken from the class-data-sharing archive, the JVM rebuilds the class
 * file it hands a transformer from its own data, and lists the methods in the order it sorted
 * them when it parsed the class — by the memory addresses of their names, which differ from run
 * to run. Everything else (constant pool, fields, attributes) comes out the same. Sorting the
 * methods' bytes makes two such class files of the same class equal, and only those.
 */
final class MethodOrder {

    private MethodOrder() {
    }

    /**
     * {@code classFile} with its methods sorted by their bytes.
     *
     * @throws IllegalArgumentException if it is not a well-formed class file
     */
    static byte[] canonical(byte[] classFile) {
        try {
            ByteBuffer in = ByteBuffer.wrap(classFile);
            in.position(8);
            skipConstantPool(in);
            in.position(in.position() + 6);
            int interfaces = Short.toUnsignedInt(in.getShort());
            in.position(in.position() + 2 * interfaces);
            int fields = Short.toUnsignedInt(in.getShort());
            for (int i = 0; i < fields; i++) {
                skipMember(in);
            }
            int methodsStart = in.position() + 2;
            int methodCount = Short.toUnsignedInt(in.getShort());
            List<byte[]> methods = new ArrayList<>(methodCount);
            for (int i = 0; i < methodCount; i++) {
                int start = in.position();
                skipMember(in);
                methods.add(Arrays.copyOfRange(classFile, start, in.position()));
            }
            methods.sort(Arrays::compare);
            ByteArrayOutputStream out = new ByteArrayOutputStream(classFile.length);
            out.write(classFile, 0, methodsStart);
            for (byte[] method : methods) {
                out.write(method, 0, method.length);
            }
            out.write(classFile, in.position(), classFile.length - in.position());
            return out.toByteArray();
        } catch (RuntimeException malformed) {
            throw new IllegalArgumentException("not a class file: " + malformed, malformed);
        }
    }

    private static void skipConstantPool(ByteBuffer in) {
        int count = Short.toUnsignedInt(in.getShort());
        for (int index = 1; index < count; index++) {
            int tag = in.get();
            switch (tag) {
                case 1: // Utf8
                    int length = Short.toUnsignedInt(in.getShort());
                    in.position(in.position() + length);
                    break;
                case 5: // Long
                case 6: // Double
                    in.position(in.position() + 8);
                    index++;
                    break;
                case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18:
                    in.position(in.position() + 4);
                    break;
                case 15: // MethodHandle
                    in.position(in.position() + 3);
                    break;
                case 7: case 8: case 16: case 19: case 20:
                    in.position(in.position() + 2);
                    break;
                default:
                    throw new IllegalArgumentException("constant pool tag " + tag);
            }
        }
    }

    private static void skipMember(ByteBuffer in) {
        in.position(in.position() + 6);
        int attributes = Short.toUnsignedInt(in.getShort());
        for (int i = 0; i < attributes; i++) {
            in.position(in.position() + 2);
            int length = in.getInt();
            in.position(in.position() + length);
        }
    }
}
