package io.futurist.agent.instrument;

import io.futurist.agent.probe.Faults;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.asm.AsmVisitorWrapper;

/**
 * Installs the hooks into the JDK's executor classes, and takes them out again.
 *
 * <p>How: every target class is loaded <em>before</em> anything is registered, so that each is
 * changed by retransformation, never while it is being defined (transforming
 * {@code ForkJoinTask} during its own loading ends in {@code ClassCircularityError} on JDK 17).
 * One {@link Dispatcher} — the only transformer the JVM sees — hands a target class to the
 * {@link ClassHooks} of that class, which applies them all in one pass, or one by one if that
 * fails, keeping the bytes of those that succeed: a hook that does not fit this JDK costs only
 * its own numbers. The dispatcher answers every other class at once by its name, so the
 * application's own class loading pays nothing for the agent. Nothing changes a class's format
 * (no fields or methods are added), which is what makes the same code work at start-up, after a
 * dynamic attach, and for a detach: removing the dispatcher and retransforming once more
 * restores the JDK's own bytecode.
 *
 * <p>With a {@link ClassCache} the dispatcher first answers from it: the targets it names are
 * loaded and retransformed with its bytes, and only the classes it cannot serve are handed to
 * the hooks, which are then built — so with a complete cache no Byte Buddy class is loaded.
 * Only JDK classes are rewritten; the application's subclasses of the executors inherit the
 * hooks, so nothing else ever needs Byte Buddy.
 */
public final class Instrumenter {

    private final Instrumentation instrumentation;
    private final Set<Class<?>> targets = new LinkedHashSet<>();
    private final Map<String, ClassHooks> hooksByClass = new HashMap<>();
    private Dispatcher dispatcher;

    private Instrumenter(Instrumentation instrumentation) {
        this.instrumentation = instrumentation;
    }

    /**
     * Installs every hook this JDK supports.
     *
     * @return the installation, to {@link #uninstall()} later
     */
    public static Instrumenter install(Instrumentation instrumentation) {
        return install(instrumentation, null);
    }

    /**
     * Installs every hook this JDK supports, taking the rewritten classes from {@code cache}
     * where it has them for exactly the bytes the JVM hands over: if it has them all, Byte Buddy
     * is never loaded. The classes it lacks are rewritten the normal way, after one line.
     *
     * @param cache the user's class cache, or {@code null}
     * @return the installation, to {@link #uninstall()} later
     */
    public static Instrumenter install(Instrumentation instrumentation, ClassCache cache) {
        Instrumenter instrumenter = new Instrumenter(instrumentation);
        instrumenter.dispatcher = new Dispatcher(cache);
        List<Class<?>> pending = new ArrayList<>();
        if (cache != null) {
            for (String name : cache.targets()) {
                Class<?> target = load(name, "its hooks");
                if (target != null) {
                    instrumenter.targets.add(target);
                }
            }
            instrumenter.dispatcher.serve(new LinkedHashSet<>(instrumenter.targets), new HashMap<>());
            instrumentation.addTransformer(instrumenter.dispatcher, true);
            pending = instrumenter.retransformCached(cache);
            if (pending.isEmpty()) {
                return instrumenter;
            }
        }
        List<Hook> hooks = new ArrayList<>(ThreadPoolHooks.all());
        hooks.addAll(ForkJoinHooks.all());
        instrumenter.group(hooks);
        instrumenter.dispatcher.serve(new LinkedHashSet<>(instrumenter.targets), new HashMap<>(instrumenter.hooksByClass));
        if (cache == null) {
            instrumentation.addTransformer(instrumenter.dispatcher, true);
            instrumenter.retransformTargets();
        } else {
            for (Class<?> target : instrumenter.targets) {
                if (!cache.served(target.getName()) && !pending.contains(target)) {
                    pending.add(target);
                }
            }
            instrumenter.retransform(pending);
        }
        return instrumenter;
    }

    /**
     * What the {@code cache} command stores: for every class the hooks target on this JDK, its
     * bytes as the JVM hands them to a transformer and the same bytes with all its hooks applied
     * in one pass ({@code null} if that pass fails: that class then always goes the normal way,
     * which reports the failing hook). Nothing is redefined.
     */
    public static Map<String, byte[][]> rewriteForCache(Instrumentation instrumentation) {
        Instrumenter instrumenter = new Instrumenter(instrumentation);
        List<Hook> hooks = new ArrayList<>(ThreadPoolHooks.all());
        hooks.addAll(ForkJoinHooks.all());
        instrumenter.group(hooks);
        Map<Class<?>, byte[][]> captured = new HashMap<>();
        ClassFileTransformer capture = new ClassFileTransformer() {
            @Override
            public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
                                    ProtectionDomain domain, byte[] bytes) {
                ClassHooks classHooks = instrumenter.hooksByClass.get(className);
                if (redefined != null && classHooks != null && instrumenter.targets.contains(redefined)) {
                    captured.put(redefined, new byte[][] {bytes.clone(), classHooks.together(redefined, bytes)});
                }
                return null;
            }
        };
        instrumentation.addTransformer(capture, true);
        try {
            instrumenter.retransformTargets();
        } finally {
            instrumentation.removeTransformer(capture);
        }
        Map<String, byte[][]> byName = new LinkedHashMap<>();
        for (Class<?> target : instrumenter.targets) {
            byte[][] bytes = captured.get(target);
            if (bytes != null) {
                byName.put(target.getName(), bytes);
            }
        }
        return byName;
    }

    private void group(List<Hook> hooks) {
        ClassRewriter rewriter = new ClassRewriter();
        Map<String, List<Hook>> byClass = new HashMap<>();
        for (Hook hook : hooks) {
            Class<?> target = load(hook.className(), hook.description());
            if (target != null) {
                targets.add(target);
                byClass.computeIfAbsent(hook.className().replace('.', '/'), name -> new ArrayList<>()).add(hook);
            }
        }
        byClass.forEach((internalName, classHooks) -> hooksByClass.put(internalName, new ClassHooks(rewriter, classHooks)));
    }

    /** Removes every hook; the executor classes get their original bytecode back. */
    public void uninstall() {
        instrumentation.removeTransformer(dispatcher);
        retransformTargets();
    }

    /** The number of classes changed, for the start-up line. */
    public int targetCount() {
        return targets.size();
    }

    private static Class<?> load(String className, String description) {
        try {
            return Class.forName(className, false, null);
        } catch (ClassNotFoundException | LinkageError absent) {
            Faults.warnOnce("this JDK has no " + className + "; " + description + " are not recorded");
            return null;
        }
    }

    /**
     * Retransforms the targets with the cache's bytes; returns those it could not serve, or
     * whose cached bytes the JVM refused, for the normal way.
     */
    private List<Class<?>> retransformCached(ClassCache cache) {
        List<Class<?>> missed = new ArrayList<>();
        try {
            instrumentation.retransformClasses(targets.toArray(new Class<?>[0]));
        } catch (Exception | LinkageError refused) {
            for (Class<?> target : targets) {
                try {
                    instrumentation.retransformClasses(target);
                } catch (Exception | LinkageError refusedOne) {
                    cache.refuse(target.getName());
                }
            }
        }
        for (Class<?> target : targets) {
            if (!cache.served(target.getName())) {
                missed.add(target);
            }
        }
        if (!missed.isEmpty()) {
            List<String> names = new ArrayList<>();
            missed.forEach(target -> names.add(target.getName()));
            Faults.warnOnce("the class cache has no usable entry for " + String.join(", ", names)
                    + "; instrumenting " + (names.size() == 1 ? "it" : "them") + " the normal way");
        }
        return missed;
    }

    private void retransformTargets() {
        retransform(targets);
    }

    private void retransform(java.util.Collection<Class<?>> classes) {
        try {
            // One redefinition for all: the JVM stops the application and throws away compiled
            // code once, not once per class.
            instrumentation.retransformClasses(classes.toArray(new Class<?>[0]));
            return;
        } catch (Exception | LinkageError refused) {
            // One class refused: retransform them one by one, so that only that one is lost.
        }
        for (Class<?> target : classes) {
            try {
                instrumentation.retransformClasses(target);
            } catch (Exception | LinkageError refused) {
                Faults.warnOnce("could not instrument " + target.getName() + ": " + refused);
            }
        }
    }

    /**
     * The hooks of one class. All are applied in one pass first — parsing and writing a class
     * once instead of once per hook is most of the cost of a retransformation; only if that pass
     * fails are they applied one by one, so that the failing hook alone is lost (and reported).
     */
    private static final class ClassHooks {
        private final ClassRewriter rewriter;
        private final List<Hook> hooks;
        private final AsmVisitorWrapper together;

        ClassHooks(ClassRewriter rewriter, List<Hook> hooks) {
            this.rewriter = rewriter;
            this.hooks = hooks;
            List<AsmVisitorWrapper> visitors = new ArrayList<>();
            for (Hook hook : hooks) {
                visitors.add(hook.visitor());
            }
            // In the hooks' order, as Byte Buddy's builder composes repeated visit(...) calls.
            this.together = new AsmVisitorWrapper.Compound(visitors);
        }

        /** All hooks in one pass, or {@code null} if that pass fails. */
        byte[] together(Class<?> redefined, byte[] bytes) {
            try {
                return rewriter.rewrite(redefined, bytes, together);
            } catch (RuntimeException | LinkageError failed) {
                return null;
            }
        }

        byte[] transform(String className, Class<?> redefined, byte[] bytes) {
            byte[] all = together(redefined, bytes);
            if (all != null) {
                return all;
            }
            // One of the hooks does not fit this JDK: find out which, keep the others.
            byte[] current = bytes;
            boolean changed = false;
            for (Hook hook : hooks) {
                try {
                    current = rewriter.rewrite(redefined, current, hook.visitor());
                    changed = true;
                } catch (RuntimeException | LinkageError failure) {
                    Faults.warnOnce("could not install " + hook.description() + " in " + className.replace('/', '.')
                            + " on Java " + Runtime.version().feature() + ", those numbers are not recorded: " + failure);
                }
            }
            return changed ? current : null;
        }
    }

    /**
     * The one transformer the JVM calls: passes the targets through the cache, if any, or their
     * hooks, and ignores everything else. What it serves is replaced whole ({@link #serve}), so
     * that a class load on another thread never sees a half-filled set.
     */
    private static final class Dispatcher implements ClassFileTransformer {
        private final ClassCache cache;
        private volatile Set<Class<?>> targets = new LinkedHashSet<>();
        private volatile Map<String, ClassHooks> hooksByClass = new HashMap<>();

        Dispatcher(ClassCache cache) {
            this.cache = cache;
        }

        void serve(Set<Class<?>> targets, Map<String, ClassHooks> hooksByClass) {
            this.hooksByClass = hooksByClass;
            this.targets = targets;
        }

        @Override
        public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
                                ProtectionDomain domain, byte[] classfileBuffer) {
            // Targets are loaded before the dispatcher exists: a class being defined is never ours.
            if (classBeingRedefined == null || !targets.contains(classBeingRedefined)) {
                return null;
            }
            if (cache != null) {
                byte[] cached = cache.rewritten(className, classfileBuffer);
                if (cached != null) {
                    return cached;
                }
            }
            ClassHooks hooks = hooksByClass.get(className);
            if (hooks == null) {
                return null;
            }
            try {
                return hooks.transform(className, classBeingRedefined, classfileBuffer);
            } catch (Throwable failure) {
                Faults.warnOnce("could not instrument " + className.replace('/', '.') + ": " + failure);
                return null;
            }
        }
    }
}
