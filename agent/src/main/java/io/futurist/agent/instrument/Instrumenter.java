package io.futurist.agent.instrument;

import io.futurist.agent.probe.Faults;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

/**
 * Installs the hooks into the JDK's executor classes, and takes them out again.
 *
 * <p>How: every target class is loaded <em>before</em> any transformer is registered, so that
 * each is changed by retransformation, never while it is being defined (transforming
 * {@code ForkJoinTask} during its own loading ends in {@code ClassCircularityError} on JDK 17).
 * Then one retransformation-capable transformer per hook is registered and the targets are
 * retransformed one class at a time, so that a class the JVM refuses does not take the others
 * down with it. Nothing changes a class's format (no fields or methods are added), which is
 * what makes the same code work at start-up, after a dynamic attach, and for a detach: removing
 * the transformers and retransforming once more restores the JDK's own bytecode.
 */
public final class Instrumenter {

    private final Instrumentation instrumentation;
    private final List<ClassFileTransformer> transformers = new ArrayList<>();
    private final Set<Class<?>> targets = new LinkedHashSet<>();

    private Instrumenter(Instrumentation instrumentation) {
        this.instrumentation = instrumentation;
    }

    /**
     * Installs every hook this JDK supports.
     *
     * @return the installation, to {@link #uninstall()} later
     */
    public static Instrumenter install(Instrumentation instrumentation) {
        Instrumenter instrumenter = new Instrumenter(instrumentation);
        List<Hook> hooks = new ArrayList<>(ThreadPoolHooks.all());
        hooks.addAll(ForkJoinHooks.all());
        instrumenter.load(hooks);
        for (Hook hook : hooks) {
            instrumenter.register(hook);
        }
        instrumenter.retransformTargets();
        return instrumenter;
    }

    /** Removes every hook; the executor classes get their original bytecode back. */
    public void uninstall() {
        for (ClassFileTransformer transformer : transformers) {
            instrumentation.removeTransformer(transformer);
        }
        transformers.clear();
        retransformTargets();
    }

    /** The number of classes changed, for the start-up line. */
    public int targetCount() {
        return targets.size();
    }

    private void load(List<Hook> hooks) {
        for (Hook hook : hooks) {
            try {
                targets.add(Class.forName(hook.className(), false, null));
            } catch (ClassNotFoundException | LinkageError absent) {
                Faults.warnOnce("this JDK has no " + hook.className() + "; " + hook.description() + " are not recorded");
            }
        }
    }

    private void register(Hook hook) {
        ClassFileTransformer transformer = new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(new FailureListener(hook))
                // Byte Buddy ignores bootstrap classes by default; the JDK's executors are exactly those.
                .ignore(nameStartsWith("io.futurist.").or(isSynthetic()))
                .type(hook.type())
                .transform((builder, type, loader, module, domain) -> builder.visit(hook.visitor()))
                .makeRaw();
        instrumentation.addTransformer(transformer, true);
        transformers.add(transformer);
    }

    private void retransformTargets() {
        for (Class<?> target : targets) {
            try {
                instrumentation.retransformClasses(target);
            } catch (Exception | LinkageError refused) {
                Faults.warnOnce("could not instrument " + target.getName() + ": " + refused);
            }
        }
    }

    /** Reports a hook that does not fit this JDK, once, and lets the others go on. */
    private static final class FailureListener extends AgentBuilder.Listener.Adapter {
        private final Hook hook;

        FailureListener(Hook hook) {
            this.hook = hook;
        }

        @Override
        public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded,
                            Throwable throwable) {
            Faults.warnOnce("could not install " + hook.description() + " on Java "
                    + Runtime.version().feature() + ", those numbers are not recorded: " + throwable);
        }

        @Override
        public void onTransformation(TypeDescription typeDescription, ClassLoader classLoader, JavaModule module,
                                     boolean loaded, DynamicType dynamicType) {
            // Nothing to say on success.
        }
    }
}
