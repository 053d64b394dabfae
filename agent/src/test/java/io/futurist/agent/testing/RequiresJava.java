package io.futurist.agent.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The one JDK-version gate of the agent's tests: the annotated class or method runs only when
 * the JDK under test ({@link Java#feature()}) is at least {@link #min()} and below
 * {@link #below()}; otherwise JUnit reports it skipped with {@link #reason()} and the version
 * found.
 *
 * <p>The JDK under test is that of the child JVMs ({@code futurist.test.java}), which the build
 * makes the JDK running the tests too; where an override makes them differ, a gated test runs
 * only when both are in range, so a unit test calling a newer API in the test JVM is safe as
 * well. Every test of this module that depends on the Java version says so with this annotation
 * and nothing else (no JUnit JRE conditions, no version read from a child's output): a test
 * whose expectation differs between versions is two tests, one gated each way, so each JDK runs
 * a stated set. {@link Java#feature()} is for the rare test that must still ask, such as which
 * child JVMs a batch starts. (The child JVMs themselves, being applications, find what their
 * JDK offers by looking for it, not by its version.)
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(Java.Gate.class)
public @interface RequiresJava {

    /** The lowest Java feature release the test needs (17, 21, 25...). */
    int min() default 0;

    /** The first Java feature release the test no longer applies to; unbounded unless set. */
    int below() default Integer.MAX_VALUE;

    /** Why the test needs those releases: the skip message on any other. */
    String reason();
}
