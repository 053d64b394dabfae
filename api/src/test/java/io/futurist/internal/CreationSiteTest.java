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
            "io.futurist.SynchronousExecutor$$Lambda/0x0000000800c0b000", "java.util.concurrent.Executors"})
    void jdkAndFuturistFramesAreSkipped(String className) {
        assertFalse(CreationSite.isApplication(className));
    }

    @ParameterizedTest
    @ValueSource(strings = {"org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor",
            "org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor$1",
            "org.springframework.scheduling.concurrent.ExecutorConfigurationSupport",
            "org.springframework.core.task.SimpleAsyncTaskExecutor", "org.springframework.boot.task.ThreadPoolTaskExecutorBuilder",
            "org.apache.pekko.dispatch.ThreadPoolConfig", "akka.dispatch.ForkJoinExecutorConfigurator",
            "io.netty.util.concurrent.DefaultEventExecutorGroup", "io.netty.channel.nio.NioEventLoopGroup",
            "org.apache.tomcat.util.threads.TaskQueue", "org.apache.catalina.core.StandardThreadExecutor",
            "org.apache.tomcat.util.net.AbstractEndpoint", "org.apache.tomcat.util.net.AbstractEndpoint$Handler",
            "org.apache.tomcat.util.net.NioEndpoint", "org.apache.coyote.AbstractProtocol",
            "org.apache.catalina.connector.Connector", "org.apache.catalina.startup.Tomcat",
            "org.eclipse.jetty.util.thread.QueuedThreadPool",
            "com.google.common.util.concurrent.MoreExecutors", "com.google.common.util.concurrent.ThreadFactoryBuilder$1"})
    void frameworksPoolFactoriesAreSkipped(String className) {
        assertFalse(CreationSite.isApplication(className));
    }

    @ParameterizedTest
    @ValueSource(strings = {"com.example.Main", "io.futurist.SynchronousExecutorTest", "io.futurist.GreenExecutorBenchmark",
            "io.futurist.demo.Demo", "javafx.App", "sunrise.Clock", "org.springframework.beans.factory.BeanFactory",
            "org.apache.tomcat.util.net.AbstractEndpointTest", "com.google.common.util.concurrent.MoreExecutorsTest",
            "io.nettyx.Main"})
    void applicationFramesAreKept(String className) {
        assertTrue(CreationSite.isApplication(className));
    }
}
