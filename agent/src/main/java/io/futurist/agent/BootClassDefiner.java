package io.futurist.agent;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Defines class files straight into the bootstrap class loader, supertypes first.
 *
 * <p>Why: {@link Instrumentation#appendToBootstrapClassLoaderSearch} makes the JVM print
 * "Sharing is only supported for boot loader classes because bootstrap classpath has been
 * appended" on the application's stderr and stop using class-data sharing for every class
 * loader but the bootstrap one. Defining the classes does neither.
 *
 * <p>How: through {@code jdk.internal.misc.Unsafe.defineClass} with no loader, which is the
 * bootstrap loader. {@link BootstrapJar} loads this class into a throwaway class loader of its
 * own, and {@code jdk.internal.misc} is exported to that loader's unnamed module only, so
 * neither the application (whose unnamed module the rest of the agent shares) nor the agent
 * gains access to JDK internals. The bootstrap loader cannot find a class defined this way
 * on demand, so every class is defined up front; a class's superclass and interfaces must
 * exist before it, hence the order. Everything here names {@code java.base} and
 * {@code java.instrument} only, the throwaway loader's parent being the bootstrap loader.
 */
public final class BootClassDefiner implements BiConsumer<Instrumentation, Map<String, byte[]>> {

    /** Called reflectively from another class loader. */
    public BootClassDefiner() {
    }

    /**
     * Defines {@code classes} (class files by jar entry name) in the bootstrap loader.
     *
     * @throws IllegalStateException if the JDK offers no way, or a class cannot be defined
     */
    @Override
    public void accept(Instrumentation instrumentation, Map<String, byte[]> classes) {
        Module javaBase = Object.class.getModule();
        instrumentation.redefineModule(javaBase, Collections.emptySet(),
                Collections.singletonMap("jdk.internal.misc", Collections.singleton(getClass().getModule())),
                Collections.emptyMap(), Collections.emptySet(), Collections.emptyMap());
        try {
            Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
            Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
            Method define = unsafeType.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                    ClassLoader.class, ProtectionDomain.class);
            Map<String, byte[]> byInternalName = new java.util.HashMap<>();
            for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
                String entryName = entry.getKey();
                byInternalName.put(entryName.substring(0, entryName.length() - ".class".length()), entry.getValue());
            }
            Set<String> defined = new HashSet<>();
            for (String name : byInternalName.keySet()) {
                defineWithSupertypes(name, byInternalName, defined, unsafe, define);
            }
        } catch (ReflectiveOperationException unavailable) {
            throw new IllegalStateException("cannot define bootstrap classes: " + unavailable, unavailable);
        }
    }

    private static void defineWithSupertypes(String name, Map<String, byte[]> classes, Set<String> defined,
                                             Object unsafe, Method define) throws ReflectiveOperationException {
        if (!defined.add(name)) {
            return;
        }
        byte[] bytes = classes.get(name);
        for (String supertype : supertypes(bytes)) {
            if (classes.containsKey(supertype)) {
                defineWithSupertypes(supertype, classes, defined, unsafe, define);
            }
        }
        define.invoke(unsafe, name.replace('/', '.'), bytes, 0, bytes.length, null, null);
    }

    /** The internal names of the superclass and the interfaces of a class file. */
    static List<String> supertypes(byte[] classFile) {
        int count = u2(classFile, 8);
        int[] offsets = new int[count];
        int position = 10;
        for (int index = 1; index < count; index++) {
            offsets[index] = position;
            int tag = classFile[position] & 0xFF;
            switch (tag) {
                case 1: // Utf8
                    position += 3 + u2(classFile, position + 1);
                    break;
                case 5: // Long
                case 6: // Double: two slots
                    position += 9;
                    index++;
                    break;
                case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18:
                    position += 5;
                    break;
                case 7: case 8: case 16: case 19: case 20:
                    position += 3;
                    break;
                case 15: // MethodHandle
                    position += 4;
                    break;
                default:
                    throw new IllegalArgumentException("unknown constant pool tag " + tag);
            }
        }
        List<String> names = new ArrayList<>();
        int superclass = u2(classFile, position + 4);
        if (superclass != 0) {
            names.add(className(classFile, offsets, superclass));
        }
        int interfaces = u2(classFile, position + 6);
        for (int i = 0; i < interfaces; i++) {
            names.add(className(classFile, offsets, u2(classFile, position + 8 + 2 * i)));
        }
        return names;
    }

    private static String className(byte[] classFile, int[] offsets, int classIndex) {
        int utf8 = offsets[u2(classFile, offsets[classIndex] + 1)];
        // Our class names are ASCII, where modified UTF-8 and UTF-8 agree.
        return new String(classFile, utf8 + 3, u2(classFile, utf8 + 1), StandardCharsets.UTF_8);
    }

    private static int u2(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xFF) << 8) | (bytes[offset + 1] & 0xFF);
    }
}
