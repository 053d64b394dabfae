package io.futurist.agent.instrument;

import io.futurist.agent.probe.Faults;
import io.futurist.agent.probe.ServerPoolShapes;
import io.futurist.agent.probe.TaskLedger;
import io.futurist.agent.probe.ThreadPoolProbe;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

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
 * <p>Classes of applications' class loaders — web servers' request pools ({@link ServerPoolHooks})
 * — are found by name instead: changed as their loader defines them, or, after an attach, by
 * retransforming those already loaded. They are described from their class file through a
 * type pool made for that one transformation and dropped after it, and no reference to such a
 * class is kept (the detach looks them up again), so that nothing here keeps a web
 * application's class loader alive.
 *
 * <p>With a {@link ClassCache} the dispatcher first answers from it: the JDK targets it names
 * are loaded and retransformed with its bytes, and only the classes it cannot serve are handed
 * to the hooks, which are then built. The hooks by name are built only when such a class
 * appears. So with a complete cache, and no server pool, no Byte Buddy class is loaded.
 */
public final class Instrumenter {

    private final Instrumentation instrumentation;
    private final Set<Class<?>> targets = new LinkedHashSet<>();
    private final Map<String, ClassHooks> hooksByClass = new HashMap<>();
    /** Hooks of application classes, by internal name. */
    private NamedHooks hooksByName;
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
     * where it has them for exactly the bytes the JVM hands over: if it has them all, the hooks
     * of the JDK's classes are never built. The classes it lacks are rewritten the normal way,
     * after one line.
     *
     * @param cache the user's class cache, or {@code null}
     * @return the installation, to {@link #uninstall()} later
     */
    public static Instrumenter install(Instrumentation instrumentation, ClassCache cache) {
        Instrumenter instrumenter = new Instrumenter(instrumentation);
        instrumenter.hooksByName = new NamedHooks();
        ServerPoolShapes.readPoolsOf(ServerPoolHooks.POOLS);
        instrumenter.dispatcher = new Dispatcher(cache, instrumenter.hooksByName, instrumentation);
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
        }
        if (cache == null || !pending.isEmpty()) {
            instrumenter.group(jdkHooks());
            instrumenter.dispatcher.serve(new LinkedHashSet<>(instrumenter.targets),
                    new HashMap<>(instrumenter.hooksByClass));
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
        }
        instrumenter.retransformLoadedByName();
        return instrumenter;
    }

    /**
     * What the {@code cache} command stores: for every JDK class the hooks target on this JDK,
     * its bytes as the JVM hands them to a transformer and the same bytes with all its hooks
     * applied in one pass ({@code null} if that pass fails: that class then always goes the
     * normal way, which reports the failing hook). Nothing is redefined.
     */
    public static Map<String, byte[][]> rewriteForCache(Instrumentation instrumentation) {
        Instrumenter instrumenter = new Instrumenter(instrumentation);
        instrumenter.group(jdkHooks());
        Map<Class<?>, byte[][]> captured = new HashMap<>();
        ClassFileTransformer capture = new ClassFileTransformer() {
            @Override
            public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
                                    ProtectionDomain domain, byte[] bytes) {
                ClassHooks classHooks = instrumenter.hooksByClass.get(className);
                if (redefined != null && classHooks != null && instrumenter.targets.contains(redefined)) {
                    captured.put(redefined, new byte[][] {bytes.clone(), classHooks.allInOnePass(redefined, bytes)});
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

    /** The hooks of the JDK's own classes, changed by retransformation. */
    private static List<Hook> jdkHooks() {
        List<Hook> hooks = new ArrayList<>(ThreadPoolHooks.all());
        hooks.addAll(ForkJoinHooks.all());
        hooks.addAll(ThreadPerTaskHooks.all());
        return hooks;
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

    /**
     * After a dynamic attach: hooks the {@code beforeExecute} of every loaded
     * {@code ThreadPoolExecutor} subclass that overrides it, as the JDK's own one is hooked.
     * Workers older than the attach run the JDK's original loop, which calls
     * {@code beforeExecute} before each task; where a subclass replaces it without calling
     * {@code super} (Spring's {@code ThreadPoolTaskExecutor} does), this is where such a worker
     * shows which task it runs next — otherwise the first task of a worker that was waiting for
     * work at the attach would never be seen to start. Only classes loaded now matter: a pool
     * built later has only workers that run the hooked loop.
     */
    public void hookOverridesOfBeforeExecute() {
        List<Class<?>> overriding = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (ThreadPoolHooks.overridesBeforeExecute(type) && instrumentation.isModifiableClass(type)) {
                overriding.add(type);
            }
        }
        if (overriding.isEmpty()) {
            return;
        }
        ClassRewriter rewriter = new ClassRewriter();
        Module probes = ThreadPoolProbe.class.getModule();
        for (Class<?> type : overriding) {
            Hook hook = ThreadPoolHooks.overridingBeforeExecute(type.getName());
            hooksByClass.putIfAbsent(type.getName().replace('.', '/'), new ClassHooks(rewriter, List.of(hook)));
            Module module = type.getModule();
            if (module.isNamed() && !module.canRead(probes)) {
                // The advice inlined there calls the bootstrap-loaded probe.
                instrumentation.redefineModule(module, Set.of(probes), Map.of(), Map.of(), Set.of(), Map.of());
            }
            targets.add(type);
        }
        dispatcher.serve(new LinkedHashSet<>(targets), new HashMap<>(hooksByClass));
        for (Class<?> type : overriding) {
            try {
                instrumentation.retransformClasses(type);
            } catch (Exception | LinkageError refused) {
                Faults.warnOnce("could not instrument " + type.getName() + ": " + refused);
            }
        }
    }

    /** Removes every hook; the executor classes get their original bytecode back. */
    public void uninstall() {
        instrumentation.removeTransformer(dispatcher);
        retransformTargets();
        retransformLoadedByName();
    }

    /**
     * Retransforms the already loaded classes that hooks name (an attach finds a server running,
     * a detach restores them), one by one so that a refusal costs only that class. The classes
     * are looked up each time and not kept.
     */
    private void retransformLoadedByName() {
        for (Class<?> loaded : instrumentation.getAllLoadedClasses()) {
            if (loaded.getClassLoader() != null && hooksByName.names(loaded.getName().replace('.', '/'))
                    && instrumentation.isModifiableClass(loaded)) {
                try {
                    instrumentation.retransformClasses(loaded);
                } catch (Exception | LinkageError refused) {
                    Faults.warnOnce("could not instrument " + loaded.getName() + ": " + refused);
                }
            }
        }
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

    private void retransform(Collection<Class<?>> classes) {
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

        byte[] transform(String className, Class<?> redefined, byte[] bytes) {
            return transform(className, bytes, (current, visitor) -> rewriter.rewrite(redefined, current, visitor));
        }

        /** All hooks in one pass, or {@code null} if that pass fails (what the class cache stores). */
        byte[] allInOnePass(Class<?> redefined, byte[] bytes) {
            try {
                return rewriter.rewrite(redefined, bytes, together);
            } catch (RuntimeException | LinkageError failed) {
                return null;
            }
        }

        /**
         * As {@link #transform(String, Class, byte[])}, for a class of {@code loader} found by
         * name, which may be being defined: described from {@code bytes}, the types it names
         * through its loader, by a type pool used for this transformation only.
         */
        byte[] transformNamed(String className, ClassLoader loader, byte[] bytes) {
            String binaryName = className.replace('/', '.');
            ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(binaryName, bytes),
                    ClassFileLocator.ForClassLoader.of(loader));
            TypePool types = TypePool.Default.of(locator);
            TypeDescription type = types.describe(binaryName).resolve();
            if (!ServerPoolHooks.fits(type)) {
                return null;
            }
            return transform(className, bytes, (current, visitor) -> rewriter.rewrite(type, types, current, visitor));
        }

        private byte[] transform(String className, byte[] bytes, Rewrite rewrite) {
            try {
                return rewrite.apply(bytes, together);
            } catch (RuntimeException | LinkageError failed) {
                // One of the hooks does not fit this JDK: find out which, keep the others.
            }
            byte[] current = bytes;
            boolean changed = false;
            for (Hook hook : hooks) {
                try {
                    current = rewrite.apply(current, hook.visitor());
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
     * The hooks of application classes, by internal name. Built on first need: most applications
     * load none of these classes, and preparing advice is part of the agent's start-up cost.
     */
    private static final class NamedHooks {
        private Map<String, ClassHooks> byName;

        /** Whether hooks name the class {@code internalName}; answered without building them. */
        boolean names(String internalName) {
            return ServerPoolHooks.CLASSES.contains(internalName);
        }

        /** The hooks of the class {@code internalName}, which {@link #names} named. */
        synchronized ClassHooks of(String internalName) {
            if (byName == null) {
                Map<String, List<Hook>> hooks = new HashMap<>();
                for (Hook hook : ServerPoolHooks.all()) {
                    hooks.computeIfAbsent(hook.className().replace('.', '/'), name -> new ArrayList<>()).add(hook);
                }
                ClassRewriter rewriter = new ClassRewriter();
                Map<String, ClassHooks> built = new HashMap<>();
                hooks.forEach((name, classHooks) -> built.put(name, new ClassHooks(rewriter, classHooks)));
                byName = built;
            }
            return byName.get(internalName);
        }
    }

    /** One rewriting of a class file by visitors. */
    private interface Rewrite {
        byte[] apply(byte[] bytes, AsmVisitorWrapper visitors);
    }

    /**
     * The one transformer the JVM calls: passes the targets through the class cache, if any, or
     * their hooks, and ignores everything else. The JDK targets it serves are replaced whole
     * ({@link #serve}), so that a class load on another thread never sees a half-filled set.
     */
    private static final class Dispatcher implements ClassFileTransformer {
        private final ClassCache cache;
        private volatile Set<Class<?>> targets = new LinkedHashSet<>();
        private volatile Map<String, ClassHooks> hooksByClass = new HashMap<>();
        private final NamedHooks hooksByName;
        private final Instrumentation instrumentation;

        Dispatcher(ClassCache cache, NamedHooks hooksByName, Instrumentation instrumentation) {
            this.cache = cache;
            this.hooksByName = hooksByName;
            this.instrumentation = instrumentation;
        }

        void serve(Set<Class<?>> targets, Map<String, ClassHooks> hooksByClass) {
            this.hooksByClass = hooksByClass;
            this.targets = targets;
        }

        @Override
        public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
                                ProtectionDomain domain, byte[] classfileBuffer) {
            if (loader != null && className != null && hooksByName.names(className)) {
                return transformNamed(hooksByName.of(className), module, loader, className, classfileBuffer);
            }
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

        private byte[] transformNamed(ClassHooks hooks, Module module, ClassLoader loader, String className, byte[] bytes) {
            try {
                byte[] changed = hooks.transformNamed(className, loader, bytes);
                if (changed != null && module != null && module.isNamed()) {
                    // A server on the module path: its module must read the probes' (the
                    // bootstrap loader's unnamed module) for the inlined calls to link.
                    Module probes = TaskLedger.class.getModule();
                    if (!module.canRead(probes)) {
                        instrumentation.redefineModule(module, Collections.singleton(probes), Collections.emptyMap(),
                                Collections.emptyMap(), Collections.emptySet(), Collections.emptyMap());
                    }
                }
                return changed;
            } catch (Throwable failure) {
                Faults.warnOnce("could not instrument " + className.replace('/', '.') + ": " + failure);
                return null;
            }
        }
    }
}
