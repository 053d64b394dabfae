package io.futurist.agent.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class or method only when the JDK of the child JVMs
 * ({@code futurist.test.java}) is at least {@link #min()}; otherwise JUnit reports it skipped,
 * with {@link #reason()} and the version found. The child's JDK is what matters, not the one
 * running the tests, although the build makes them the same.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ChildJavaCondition.class)
public @interface EnabledOnChildJava {

    /** The lowest Java feature release the test needs. */
    int min();

    /** Why it needs that release, for the skip message. */
    String reason() default "it needs a newer Java";
}
