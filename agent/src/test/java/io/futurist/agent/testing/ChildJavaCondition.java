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
 * The condition behind {@link EnabledOnChildJava}: reads the feature release of the child JDK
 * from its {@code release} file ({@code JAVA_VERSION="25.0.3"}), next to {@code bin/java}.
 */
public final class ChildJavaCondition implements ExecutionCondition {

    private static final Pattern VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(1\\.)?(\\d+)");

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<EnabledOnChildJava> needs = AnnotationSupport.findAnnotation(context.getElement(), EnabledOnChildJava.class);
        if (needs.isEmpty()) {
            return ConditionEvaluationResult.enabled("no Java version needed");
        }
        int java = feature();
        String found = "the child JVMs run Java " + java + " (" + ChildJvm.java() + ")";
        return java >= needs.get().min()
                ? ConditionEvaluationResult.enabled(found)
                : ConditionEvaluationResult.disabled("needs Java " + needs.get().min() + "+: " + needs.get().reason() + "; " + found);
    }

    /** The feature release of the child JDK: 17, 21, 25... */
    public static int feature() {
        Path release = Paths.get("release");
        try {
            // Through symbolic links (/usr/bin/java) to the JDK itself.
            release = Paths.get(ChildJvm.java()).toRealPath().getParent().getParent().resolve("release");
            Matcher version = VERSION.matcher(Files.readString(release, StandardCharsets.UTF_8));
            if (!version.find()) {
                throw new IllegalStateException("no JAVA_VERSION in " + release);
            }
            return Integer.parseInt(version.group(2));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot tell the Java version of the child JDK from " + release, e);
        }
    }
}
