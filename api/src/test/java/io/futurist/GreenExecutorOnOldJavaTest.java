package io.futurist;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Before Java 21 the virtual-thread executor says so in advance and refuses to be built, naming the Java version it needs. */
@RequiresJava(below = 21, reason = "on Java 21+ virtual threads exist and GreenExecutor is built (GreenExecutorTest)")
class GreenExecutorOnOldJavaTest {

    @Test
    void isNotSupported() {
        assertFalse(GreenExecutor.isSupported());
    }

    @Test
    void everyConstructorThrowsNamingJava21() {
        assertRefused(GreenExecutor::new);
        assertRefused(() -> new GreenExecutor(4));
        assertRefused(() -> new GreenExecutor("old", 4));
        assertRefused(() -> new GreenExecutor(null, GreenExecutor.UNBOUNDED));
    }

    private static void assertRefused(Supplier<GreenExecutor> constructor) {
        UnsupportedOperationException refused = assertThrows(UnsupportedOperationException.class, constructor::get);
        assertTrue(refused.getMessage().contains("Java 21"), refused.getMessage());
    }
}
