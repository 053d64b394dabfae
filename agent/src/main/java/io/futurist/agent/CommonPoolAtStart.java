package io.futurist.agent;

import io.futurist.agent.probe.ForkJoinProbe;
import java.lang.instrument.Instrumentation;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;

/**
 * Makes the common pool known when the agent starts, so that its statistics are there — empty,
 * with its shape — before its first task, also after an attach.
 *
 * <p>Only if {@code ForkJoinPool} is already initialised. Initialising it here would build the
 * common pool before the application's {@code main} could configure it (the
 * {@code java.util.concurrent.ForkJoinPool.common.*} properties); where it is not initialised
 * yet, the hooked constructor registers the common pool as the JDK builds it. Whether a class
 * is initialised is only known to the JDK's internal {@code Unsafe.shouldBeInitialized}, which
 * the agent exports to its own module alone, for this one question; where that is refused, an
 * attach assumes the class is initialised (a running application has almost always used it)
 * and a start with the JVM assumes it is not.
 */
final class CommonPoolAtStart {

    private CommonPoolAtStart() {
    }

    static void register(Instrumentation inst, boolean attached) {
        // The class literal loads ForkJoinPool (the hooks did already) without initialising it.
        Boolean initialised = isInitialised(inst, ForkJoinPool.class);
        if (initialised == null ? attached : initialised) {
            ForkJoinProbe.commonPoolKnown();
        }
    }

    /** Whether {@code type} has been initialised; {@code null} when the JDK will not say. */
    private static Boolean isInitialised(Instrumentation inst, Class<?> type) {
        try {
            Module javaBase = Object.class.getModule();
            Map<String, Set<Module>> exports = Collections.singletonMap("jdk.internal.misc",
                    Collections.singleton(CommonPoolAtStart.class.getModule()));
            inst.redefineModule(javaBase, Collections.emptySet(), exports, Collections.emptyMap(),
                    Collections.emptySet(), Collections.emptyMap());
            Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
            Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
            return !(Boolean) unsafeType.getMethod("shouldBeInitialized", Class.class).invoke(unsafe, type);
        } catch (Exception | LinkageError refused) {
            return null;
        }
    }
}
