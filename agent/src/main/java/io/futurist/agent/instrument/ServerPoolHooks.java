package io.futurist.agent.instrument;

import io.futurist.agent.probe.ServerPoolProbe;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * The hooks on web servers' request pools, classes of an application's class loader found by
 * name (the agent has no dependency on either server):
 * <ul>
 *   <li>Tomcat 9.0, 10.1 and 11's {@code org.apache.tomcat.util.threads.ThreadPoolExecutor}, a
 *       copy of the JDK's pool code: the same hooks as the JDK's pool
 *       ({@link ThreadPoolHooks#poolCode}: the worker loop, {@code task.run()} inside it, the hooks for
 *       workers older than an attach, removal, purge, shutdown, termination), except for
 *       submissions and refusals ({@link ServerPoolAdvice.Execute},
 *       {@link ServerPoolAdvice.TomcatReject}). Older Tomcats, whose pool is a subclass of the
 *       JDK's, are counted by the JDK's hooks and left alone here.</li>
 *   <li>Jetty 12's {@code org.eclipse.jetty.util.thread.QueuedThreadPool}: {@code execute},
 *       {@code doStart}, {@code doStop} and its constructors; and in its {@code Runner}, the
 *       loop ({@code run}), each job's run ({@code doRunJob}) and, inside it, the hand-over of
 *       what the job threw to {@code onJobFailure}.</li>
 * </ul>
 */
final class ServerPoolHooks {

    static final String TOMCAT_POOL = "org.apache.tomcat.util.threads.ThreadPoolExecutor";
    static final String JETTY_POOL = "org.eclipse.jetty.util.thread.QueuedThreadPool";
    static final String JETTY_RUNNER = JETTY_POOL + "$Runner";

    /** The pool classes, whose shape {@code ServerPoolShapes} reads. */
    static final List<String> POOLS = List.of(TOMCAT_POOL, JETTY_POOL);

    /** The classes hooked here, by internal name. */
    static final Set<String> CLASSES = Set.of(internalName(TOMCAT_POOL), internalName(JETTY_POOL),
            internalName(JETTY_RUNNER));

    private static final String JDK_BASE = "java.util.concurrent.AbstractExecutorService";

    private ServerPoolHooks() {
    }

    /**
     * Whether the hooks fit {@code type}: Tomcat's pool only where it is the copy of the pool code
     * (directly under {@code AbstractExecutorService}), not the older subclass of the JDK's pool.
     */
    static boolean fits(TypeDescription type) {
        if (!type.getName().equals(TOMCAT_POOL)) {
            return true;
        }
        TypeDescription.Generic superclass = type.getSuperClass();
        return superclass != null && superclass.asErasure().getName().equals(JDK_BASE);
    }

    static List<Hook> all() {
        List<Hook> hooks = new ArrayList<>(ThreadPoolHooks.poolCode("Tomcat pool", TOMCAT_POOL));
        hooks.addAll(Arrays.asList(
                Hook.advice("Tomcat pool creation sites", TOMCAT_POOL, ThreadPoolAdvice.Constructed.class,
                        isConstructor().and(takesArguments(7))),
                Hook.advice("Tomcat pool submissions", TOMCAT_POOL, ServerPoolAdvice.Execute.class,
                        workingExecute()),
                Hook.advice("Tomcat pool rejections", TOMCAT_POOL, ServerPoolAdvice.TomcatReject.class,
                        named("reject").and(takesArguments(Runnable.class))),
                Hook.advice("Jetty pool creation sites", JETTY_POOL, ThreadPoolAdvice.Constructed.class, isConstructor()),
                Hook.advice("Jetty pool submissions", JETTY_POOL, ServerPoolAdvice.Execute.class,
                        named("execute").and(takesArguments(Runnable.class))),
                Hook.advice("Jetty pool start", JETTY_POOL, ServerPoolAdvice.JettyStart.class,
                        named("doStart").and(takesArguments(0))),
                Hook.advice("Jetty pool stop", JETTY_POOL, ServerPoolAdvice.JettyStop.class,
                        named("doStop").and(takesArguments(0))),
                Hook.advice("Jetty pool threads", JETTY_RUNNER, ServerPoolAdvice.RunnerLoop.class,
                        named("run").and(takesArguments(0))),
                Hook.advice("Jetty pool runs", JETTY_RUNNER, ServerPoolAdvice.RunJob.class,
                        named("doRunJob").and(takesArguments(Runnable.class))),
                Hook.calls("Jetty pool run failures", JETTY_RUNNER, named("doRunJob").and(takesArguments(Runnable.class)),
                        CallSiteSwap.tapLastArgument("onJobFailure", "(Ljava/lang/Throwable;)V",
                                Hook.probe(ServerPoolProbe.class, "jobFailed", Throwable.class)))));
        return hooks;
    }

    /**
     * Tomcat's {@code execute(Runnable, long, TimeUnit)} where the class has it (9.0: the one
     * that does the work, {@code execute(Runnable)} calls it), else {@code execute(Runnable)}:
     * each submission passes exactly one hooked {@code execute}.
     */
    private static ElementMatcher<MethodDescription> workingExecute() {
        ElementMatcher.Junction<MethodDescription> timed = named("execute").and(takesArguments(3))
                .and(takesArgument(0, Runnable.class));
        ElementMatcher.Junction<MethodDescription> plain = named("execute").and(takesArguments(Runnable.class));
        return method -> timed.matches(method)
                || plain.matches(method) && !declaresTimedExecute(method.getDeclaringType(), timed);
    }

    private static String internalName(String className) {
        return className.replace('.', '/');
    }

    private static boolean declaresTimedExecute(TypeDefinition type, ElementMatcher<MethodDescription> timed) {
        return !type.getDeclaredMethods().filter(timed).isEmpty();
    }
}
