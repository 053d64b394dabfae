package io.futurist.agent.testing.faults;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.MBeanServerBuilder;
import javax.management.MBeanServerDelegate;
import javax.management.ObjectName;

/**
 * An {@link MBeanServerBuilder} ({@code -Djavax.management.builder.initial=...}) whose servers
 * refuse to register Futurist's MBeans, the way a locked-down application server's do: with a
 * {@link SecurityException} naming the MBean. {@code -Dfuturist.test.refuse=executors} refuses
 * the executors' MBeans, {@code =first} only the first executor's it is asked for (every time),
 * {@code =all} the agent's own MBean too, {@code =none} nothing.
 *
 * <p>The agent publishes from a thread of its own, once it sees that the application made the
 * platform MBean server: {@link #awaitAgentMBean(Duration)} lets the application wait until the
 * agent has tried to register its MBean (and been refused or not), instead of guessing a time.
 */
public final class RefusingMBeanServerBuilder extends MBeanServerBuilder {

    private static final String AGENT_NAME = "io.futurist:type=Agent";
    private static final CountDownLatch AGENT_TRIED = new CountDownLatch(1);
    private static volatile boolean used;

    /** Whether the platform MBean server was built by this builder. */
    public static boolean inUse() {
        return used;
    }

    /**
     * Waits until the agent's MBean registration has been attempted and has returned or thrown.
     *
     * @return whether it was, within {@code limit}
     */
    public static boolean awaitAgentMBean(Duration limit) throws InterruptedException {
        return AGENT_TRIED.await(limit.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public MBeanServer newMBeanServer(String defaultDomain, MBeanServer outer, MBeanServerDelegate delegate) {
        used = true;
        MBeanServer[] inner = new MBeanServer[1];
        MBeanServer refusing = (MBeanServer) Proxy.newProxyInstance(MBeanServer.class.getClassLoader(),
                new Class<?>[] {MBeanServer.class}, new Refusal(inner));
        inner[0] = super.newMBeanServer(defaultDomain, outer == null ? refusing : outer, delegate);
        return refusing;
    }

    /** Forwards everything, except registrations it refuses. */
    private static final class Refusal implements InvocationHandler {
        private final MBeanServer[] inner;
        private String firstExecutorId;

        Refusal(MBeanServer[] inner) {
            this.inner = inner;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            boolean agent = method.getName().equals("registerMBean") && args[1] instanceof ObjectName
                    && args[1].toString().equals(AGENT_NAME);
            try {
                return refuseOrForward(method, args);
            } finally {
                if (agent) {
                    AGENT_TRIED.countDown();
                }
            }
        }

        private Object refuseOrForward(Method method, Object[] args) throws Throwable {
            if (method.getName().equals("registerMBean") && args[1] instanceof ObjectName) {
                ObjectName name = (ObjectName) args[1];
                String mode = System.getProperty("futurist.test.refuse", "executors");
                boolean executor = name.getDomain().equals("io.futurist") && "Executor".equals(name.getKeyProperty("type"));
                if (executor && firstExecutorId == null) {
                    firstExecutorId = name.getKeyProperty("id");
                }
                boolean refused = mode.equals("none") ? false
                        : mode.equals("all") ? name.getDomain().equals("io.futurist")
                        : mode.equals("first") ? executor && firstExecutorId.equals(name.getKeyProperty("id"))
                        : executor;
                if (refused) {
                    throw new SecurityException("access denied (\"javax.management.MBeanPermission\" \"" + name
                            + "\" \"registerMBean\")");
                }
            }
            try {
                return method.invoke(inner[0], args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
