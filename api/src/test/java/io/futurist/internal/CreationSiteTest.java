package io.futurist.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which stack frames count as the application that built an executor ({@code FuturistTest} checks a whole site). */
class CreationSiteTest {

    @ParameterizedTest
    @ValueSource(strings = {"java.util.concurrent.ThreadPoolExecutor", "javax.swing.Timer", "jdk.internal.misc.Unsafe",
            "sun.nio.ch.Util", "com.sun.Foo", "io.futurist.internal.ExecutorRegistry", "io.futurist.agent.Probe",
            "io.futurist.SynchronousExecutor", "io.futurist.GreenExecutor", "io.futurist.GreenExecutor$VirtualThreads",
            "io.futurist.SynchronousExecutor$$Lambda/0x0000000800c0b000"})
    void jdkAndFuturistFramesAreSkipped(String className) {
        assertFalse(CreationSite.isApplication(className));
    }

    @ParameterizedTest
    @ValueSource(strings = {"com.example.Main", "io.futurist.SynchronousExecutorTest", "io.futurist.GreenExecutorBenchmark",
            "io.futurist.demo.Demo", "javafx.App", "sunrise.Clock"})
    void applicationFramesAreKept(String className) {
        assertTrue(CreationSite.isApplication(className));
    }
}
