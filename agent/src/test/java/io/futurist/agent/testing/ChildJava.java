package io.futurist.agent.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The Java version of the child JVMs, known without starting one: read from the
 * {@code release} file of the JDK that {@code futurist.test.java} belongs to, or, when that
 * JDK has none, the version of the JVM running the tests (the build's own JDK, which is what
 * {@code futurist.test.java} is unless overridden).
 */
public final class ChildJava {

    private static final String VERSION_KEY = "JAVA_VERSION=";

    private static volatile int feature;

    private ChildJava() {
    }

    /** The child JVMs' Java feature version: 17, 21, 25... */
    public static int feature() {
        int known = feature;
        if (known == 0) {
            known = fromReleaseFile().orElse(Runtime.version().feature());
            feature = known;
        }
        return known;
    }

    private static Optional<Integer> fromReleaseFile() {
        String java = System.getProperty("futurist.test.java");
        if (java == null || java.isEmpty() || java.startsWith("${")) {
            return Optional.empty();
        }
        try {
            Path home = Paths.get(java).toRealPath().getParent().getParent();
            Path release = home.resolve("release");
            if (!Files.isRegularFile(release)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(release);
            for (String line : lines) {
                if (line.startsWith(VERSION_KEY)) {
                    String version = line.substring(VERSION_KEY.length()).replace("\"", "");
                    return Optional.of(Runtime.Version.parse(version).feature());
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the release file of " + java, e);
        }
    }

    /** The extension behind {@link EnabledOnChildJava}. */
    public static final class Condition implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            Optional<EnabledOnChildJava> required = context.getElement()
                    .flatMap(element -> AnnotationSupport.findAnnotation(element, EnabledOnChildJava.class));
            if (required.isEmpty()) {
                return ConditionEvaluationResult.enabled("no Java version required");
            }
            int min = required.get().min();
            int child = feature();
            return child >= min
                    ? ConditionEvaluationResult.enabled("child JVMs run Java " + child)
                    : ConditionEvaluationResult.disabled("needs Java " + min + "+ in the child JVM; it runs Java " + child);
        }
    }
}
