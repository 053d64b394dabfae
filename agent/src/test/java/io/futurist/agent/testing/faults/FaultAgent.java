package io.futurist.agent.testing.faults;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.asm.MemberSubstitution;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.JavaModule;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.nameContains;
import static net.bytebuddy.matcher.ElementMatchers.nameEndsWith;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.not;

/**
 * A second, test-only Java agent that makes the Futurist agent's own code fail on purpose, so
 * that fault containment can be tested against the very bytes Futurist ships — without a line of
 * test code in Futurist itself. It must come after Futurist's {@code -javaagent} (whose bootstrap
 * jar must be in place) and needs Byte Buddy (unrelocated) and the test classes on the class path.
 *
 * <p>Where faults are planted, each thrown only while its kind is armed in {@link FaultSwitch}
 * (armed at start by this agent's options, e.g. {@code =histogram}, or later by the application):
 * <ul>
 *   <li>{@code clock}: every {@code System.nanoTime()} in the probes ({@code io.futurist.agent.probe.*});</li>
 *   <li>{@code histogram}: {@code io.futurist.LatencyHistogram.bucketOf} (every value recorded in a histogram);</li>
 *   <li>{@code registry}: {@code io.futurist.internal.ExecutorRegistry.register} (a registry that is full);</li>
 *   <li>{@code report}: {@code io.futurist.agent.report.StatisticsTable.render} (the exit report);</li>
 * </ul>
 * A refused JMX registration needs no planting: {@link RefusingMBeanServerBuilder} makes the
 * platform MBean server refuse, as a locked-down server does.
 */
public final class FaultAgent {

    private static final String SWITCH = "io.futurist.agent.testing.faults.FaultSwitch";

    private FaultAgent() {
    }

    public static void premain(String options, Instrumentation instrumentation) throws IOException {
        putSwitchOnTheBootstrapClassPath(instrumentation);
        ClassFileLocator locator = ClassFileLocator.ForClassLoader.ofSystemLoader();
        TypePool pool = TypePool.Default.of(locator);
        MethodDescription brokenClock = pool.describe(SWITCH).resolve().getDeclaredMethods()
                .filter(named("nanoTime")).getOnly();
        AgentBuilder builder = new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(new Errors())
                .ignore(none());
        builder = plant(builder, named("io.futurist.internal.ExecutorRegistry"),
                advice(pool, locator, "Registry").on(named("register")));
        builder = plant(builder, named("io.futurist.LatencyHistogram"),
                advice(pool, locator, "Histogram").on(named("bucketOf")));
        builder = plant(builder, named("io.futurist.agent.report.StatisticsTable"),
                advice(pool, locator, "Report").on(named("render")));
        // The probes' top-level classes read the clock; their nested helpers do not, and
        // package-info is a class too once the agent defines its package's classes one by one.
        builder = plant(builder, nameStartsWith("io.futurist.agent.probe.").and(not(nameEndsWith(".package-info")))
                        .and(not(nameContains("$"))),
                MemberSubstitution.relaxed().method(named("nanoTime").and(isDeclaredBy(System.class)))
                        .replaceWith(brokenClock).on(any()));
        builder.installOn(instrumentation);
        if (options != null && !options.isEmpty()) {
            FaultSwitch.arm(options); // links to the bootstrap copy: it is there by now
        }
    }

    private static AgentBuilder plant(AgentBuilder builder,
                                      net.bytebuddy.matcher.ElementMatcher<? super TypeDescription> type,
                                      AsmVisitorWrapper visitor) {
        return builder.type(type).transform((b, t, loader, module, domain) -> b.visit(visitor));
    }

    /** Advice described through the type pool, so that neither the advice nor the switch is loaded here. */
    private static Advice advice(TypePool pool, ClassFileLocator locator, String name) {
        return Advice.to(pool.describe(FaultAdvice.class.getName() + "$" + name).resolve(), locator);
    }

    private static void putSwitchOnTheBootstrapClassPath(Instrumentation instrumentation) throws IOException {
        Path jar = Files.createTempFile("futurist-faults-", ".jar");
        jar.toFile().deleteOnExit();
        String entry = SWITCH.replace('.', '/') + ".class";
        try (InputStream in = ClassLoader.getSystemResourceAsStream(entry);
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            if (in == null) {
                throw new IOException("no " + entry + " on the class path");
            }
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
        instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar.toFile()));
    }

    /** Says so when a fault cannot be planted: a test would otherwise pass for the wrong reason. */
    private static final class Errors extends AgentBuilder.Listener.Adapter {
        @Override
        public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded, Throwable throwable) {
            System.err.println("faultagent: could not plant a fault in " + typeName + ": " + throwable);
        }
    }
}
