package io.futurist;

import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** The Java version the API's tests run on, and the condition behind {@link RequiresJava}. */
public final class Java {

    private Java() {
    }

    /** The feature release of the JVM running the tests: 17, 21, 25... */
    public static int feature() {
        return Runtime.version().feature();
    }

    /** Whether {@code required} admits the JVM running the tests. */
    static boolean admits(RequiresJava required) {
        int java = feature();
        return java >= required.min() && java < required.below();
    }

    /** The extension behind {@link RequiresJava}; the innermost annotation (method over class) decides. */
    public static final class Gate implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            Optional<RequiresJava> required = AnnotationSupport.findAnnotation(context.getElement(), RequiresJava.class);
            if (required.isEmpty()) {
                return ConditionEvaluationResult.enabled("any Java");
            }
            String found = "the tests run on Java " + feature();
            return admits(required.get())
                    ? ConditionEvaluationResult.enabled(found)
                    : ConditionEvaluationResult.disabled(required.get().reason() + "; " + found);
        }
    }
}
