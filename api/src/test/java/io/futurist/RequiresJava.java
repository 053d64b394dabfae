package io.futurist;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The one JDK-version gate of the API's tests: the annotated class or method runs only when the
 * JVM running the tests is at least {@link #min()} and below {@link #below()}; otherwise JUnit
 * reports it skipped with {@link #reason()} and the version found.
 *
 * <p>Every test of this module that depends on the Java version says so with this annotation,
 * and nothing else (no JUnit JRE conditions, no {@code Runtime.version()} checks in a test): a
 * test whose expectation differs between versions is two tests, one gated each way, so each JDK
 * runs a stated set. {@link Java#feature()} is for the rare test that must still ask. The API's
 * tests run in the test JVM itself, so that JVM's version is the one that counts (the agent's
 * tests have a gate of the same name that reads the JDK of their child JVMs).
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
