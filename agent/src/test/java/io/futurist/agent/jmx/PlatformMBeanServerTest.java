package io.futurist.agent.jmx;

import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableModuleException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import org.junit.jupiter.api.Test;

/**
 * The fallback way of finding the platform MBean server, in this test JVM (the exact way, and
 * that the agent never creates the server, are tested in child JVMs: BehaviourUnchangedIT).
 */
class PlatformMBeanServerTest {

    @Test
    void whereModulesCannotBeOpenedThePublicListIsUsed() {
        Instrumentation refusing = (Instrumentation) Proxy.newProxyInstance(Instrumentation.class.getClassLoader(),
                new Class<?>[] {Instrumentation.class}, (proxy, method, args) -> {
                    throw new UnmodifiableModuleException("not in this JVM");
                });
        assertSame(PlatformMBeanServer.ForFactoryList.INSTANCE, PlatformMBeanServer.locate(refusing));
    }

    @Test
    void thePublicListFindsThePlatformServerAndNotAnApplicationsOwn() {
        MBeanServer own = MBeanServerFactory.createMBeanServer();
        try {
            MBeanServer platform = ManagementFactory.getPlatformMBeanServer();
            assertSame(platform, PlatformMBeanServer.ForFactoryList.INSTANCE.ifCreated().orElseThrow());
        } finally {
            MBeanServerFactory.releaseMBeanServer(own);
        }
    }
}
