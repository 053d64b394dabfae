package io.futurist.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The class-file reading that orders bootstrap definitions: supertypes come out as the JVM sees them. */
class BootClassDefinerTest {

    @Test
    void readsTheSuperclassAndInterfacesInOrder() throws IOException {
        assertEquals(List.of("java/util/AbstractList", "java/util/List", "java/util/RandomAccess", "java/lang/Cloneable",
                "java/io/Serializable"), BootClassDefiner.supertypes(classFile("java/util/ArrayList")));
    }

    @Test
    void stepsOverTwoSlotConstants() throws IOException {
        // Math's constant pool holds doubles and longs, each of which takes two slots.
        assertEquals(List.of("java/lang/Object"), BootClassDefiner.supertypes(classFile("java/lang/Math")));
    }

    @Test
    void readsTheAgentsOwnBootstrapClasses() throws IOException {
        assertEquals(List.of("java/lang/Enum"), BootClassDefiner.supertypes(classFile("io/futurist/agent/probe/Faults$Hook")));
    }

    private static byte[] classFile(String internalName) throws IOException {
        try (InputStream in = BootClassDefinerTest.class.getResourceAsStream("/" + internalName + ".class")) {
            return in.readAllBytes();
        }
    }
}
