package io.futurist.agent.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class or method only when the child JVMs ({@link ChildJvm}, the
 * JDK in {@code futurist.test.java}) are at least Java {@link #min()}; otherwise JUnit reports
 * it skipped, with the reason. On a class it also keeps the class's {@code @BeforeAll} from
 * starting children that could not do what it asks.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(ChildJava.Condition.class)
public @interface EnabledOnChildJava {

    /** The lowest Java feature version (17, 21, 25...) the test needs. */
    int min();
}
