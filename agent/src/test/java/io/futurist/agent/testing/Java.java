package io.futurist.agent.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The Java version under test, known without starting a child JVM, and the condition behind
 * {@link RequiresJava}.
 */
public final class Java {

    /** {@code JAVA_VERSION="25.0.3"} (or {@code "1.8.0_402"}) in a JDK's {@code release} file. */
    private static final Pattern VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(1\\.)?(\\d+)");

    private static volatile int childFeature;

    private Java() {
    }

    /**
     * The feature release of the child JVMs' JDK (17, 21, 25...), from the {@code release} file
     * beside its {@code bin/java}; the test JVM's own where no child JDK is configured.
     */
    public static int feature() {
        int known = childFeature;
        if (known == 0) {
            known = fromReleaseFile().orElse(Runtime.version().feature());
            childFeature = known;
        }
        return known;
    }

    /** Whether {@code required} admits both the child JVMs' JDK and the JVM running the tests. */
    static boolean admits(RequiresJava required) {
        return inRange(feature(), required) && inRange(Runtime.version().feature(), required);
    }

    private static boolean inRange(int java, RequiresJava required) {
        return java >= required.min() && java < required.below();
    }

    private static Optional<Integer> fromReleaseFile() {
        String java = System.getProperty("futurist.test.java");
        if (java == null || java.isEmpty() || java.startsWith("${")) {
            return Optional.empty();
        }
        Path release = Paths.get(java);
        try {
            // Through symbolic links (/usr/bin/java) to the JDK itself.
            release = release.toRealPath().getParent().getParent().resolve("release");
            if (!Files.isRegularFile(release)) {
                return Optional.empty();
            }
            Matcher version = VERSION.matcher(Files.readString(release, StandardCharsets.UTF_8));
            return version.find() ? Optional.of(Integer.parseInt(version.group(2))) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot tell the Java version of the child JDK from " + release, e);
        }
    }

    /** The extension behind {@link RequiresJava}; the innermost annotation (method over class) decides. */
    public static final class Gate implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            Optional<RequiresJava> required = AnnotationSupport.findAnnotation(context.getElement(), RequiresJava.class);
            if (required.isEmpty()) {
                return ConditionEvaluationResult.enabled("any Java");
            }
            int tests = Runtime.version().feature();
            String found = feature() == tests ? "the tests and their child JVMs run Java " + tests
                    : "the child JVMs run Java " + feature() + ", the tests Java " + tests;
            return admits(required.get())
                    ? ConditionEvaluationResult.enabled(found)
                    : ConditionEvaluationResult.disabled(required.get().reason() + "; " + found);
        }
    }
}
