package io.futurist.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@link MethodOrder}: a class file's methods in a fixed order, nothing else touched. */
class MethodOrderTest {

    @Test
    void keepsEveryByteAndIsStable() throws IOException {
        byte[] original = classFile("java/util/concurrent/ThreadPoolExecutor.class");
        byte[] canonical = MethodOrder.canonical(original);
        assertEquals(original.length, canonical.length);
        byte[] sortedOriginal = original.clone();
        byte[] sortedCanonical = canonical.clone();
        Arrays.sort(sortedOriginal);
        Arrays.sort(sortedCanonical);
        assertArrayEquals(sortedOriginal, sortedCanonical, "the same bytes, only moved");
        assertArrayEquals(canonical, MethodOrder.canonical(canonical));
        assertArrayEquals(Arrays.copyOf(original, 64), Arrays.copyOf(canonical, 64), "the header and constant pool start unchanged");
    }

    @Test
    void tellsClassesApart() throws IOException {
        assertFalse(Arrays.equals(MethodOrder.canonical(classFile("java/util/concurrent/ThreadPoolExecutor.class")),
                MethodOrder.canonical(classFile("java/util/concurrent/ForkJoinPool.class"))));
    }

    @Test
    void refusesWhatIsNotAClassFile() throws IOException {
        byte[] truncated = Arrays.copyOf(classFile("java/util/concurrent/FutureTask.class"), 200);
        assertThrows(IllegalArgumentException.class, () -> MethodOrder.canonical(truncated));
        assertThrows(IllegalArgumentException.class, () -> MethodOrder.canonical(new byte[] {1, 2, 3}));
    }

    private static byte[] classFile(String name) throws IOException {
        try (InputStream in = ClassLoader.getSystemResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}
