package io.futurist.internal;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds where an executor was built: the frames of the current stack that belong to the
 * application, the first of which is its creation site.
 *
 * <p>Skipped, because they would name the same few places for every pool of a service:
 * <ul>
 *   <li>the JDK ({@code java.*}, {@code javax.*}, {@code jdk.*}, {@code sun.*},
 *       {@code com.sun.*}) — {@code java.util.concurrent.Executors}' factories included — and
 *       Futurist itself;</li>
 *   <li>the executor's own class and its superclasses: a subclass's constructor, or a static
 *       factory on the pool's class, calls the JDK's constructor on the application's behalf;</li>
 *   <li>the pool factories of frameworks ({@link #FRAMEWORK_FACTORIES}): Spring's
 *       {@code org.springframework.scheduling.concurrent}, {@code org.springframework.core.task}
 *       and {@code org.springframework.boot.task}; Pekko's {@code org.apache.pekko.dispatch}
 *       and Akka's {@code akka.dispatch}; Netty's {@code io.netty.util.concurrent} and
 *       {@code io.netty.channel}; Tomcat's {@code org.apache.tomcat.util.threads},
 *       {@code org.apache.catalina.core.StandardThreadExecutor},
 *       {@code org.apache.tomcat.util.net.AbstractEndpoint} and its NIO endpoints, and the
 *       server start-up that starts them ({@code org.apache.coyote}, {@code org.apache.catalina});
 *       Jetty's
 *       {@code org.eclipse.jetty.util.thread}; Guava's {@code MoreExecutors} and
 *       {@code ThreadFactoryBuilder}.</li>
 * </ul>
 *
 * <p>{@link StackWalker} walks lazily, so this costs a few frames' worth of work, once per
 * executor construction, never per task.
 */
public final class CreationSite {

    /** The most frames kept of a creation stack. */
    public static final int MAX_FRAMES = 8;

    /** What is said when no frame of the stack belongs to the application. */
    public static final String UNKNOWN = "unknown";

    /**
     * Frameworks' pool factories, never a creation site: a name ending in {@code .} is a
     * package (and its subpackages), any other a class (and the classes nested in it).
     */
    static final List<String> FRAMEWORK_FACTORIES = List.of(
            "org.springframework.scheduling.concurrent.",
            "org.springframework.core.task.",
            "org.springframework.boot.task.",
            "org.apache.pekko.dispatch.",
            "akka.dispatch.",
            "io.netty.util.concurrent.",
            "io.netty.channel.",
            "org.apache.tomcat.util.threads.",
            "org.apache.catalina.core.StandardThreadExecutor",
            "org.apache.tomcat.util.net.AbstractEndpoint",
            // Its connectors' endpoints call createExecutor from their own start, on behalf of
            // the server's start-up (Coyote, Catalina), which the application started.
            "org.apache.tomcat.util.net.NioEndpoint",
            "org.apache.tomcat.util.net.Nio2Endpoint",
            "org.apache.coyote.",
            "org.apache.catalina.",
            "org.eclipse.jetty.util.thread.",
            "com.google.common.util.concurrent.MoreExecutors",
            "com.google.common.util.concurrent.ThreadFactoryBuilder");

    private static final StackWalker WALKER = StackWalker.getInstance();

    private CreationSite() {
    }

    /** The first frame outside the JDK, Futurist and frameworks' pool factories, as {@code class.method(File.java:line)}. */
    public static String find() {
        List<String> stack = stack(null);
        return stack.isEmpty() ? UNKNOWN : stack.get(0);
    }

    /**
     * The application's frames of the current stack, innermost first, at most
     * {@link #MAX_FRAMES}, for an executor of class {@code executorType} being built (its class
     * hierarchy's frames are skipped too); empty when there is none or the stack cannot be read.
     *
     * @param executorType the class of the executor being built, or {@code null}
     */
    public static List<String> stack(Class<?> executorType) {
        Set<String> hierarchy = hierarchy(executorType);
        try {
            return WALKER.walk(frames -> frames
                    .filter(f -> isApplication(f.getClassName()) && !hierarchy.contains(f.getClassName()))
                    .limit(MAX_FRAMES)
                    .map(CreationSite::describe)
                    .collect(Collectors.toUnmodifiableList()));
        } catch (RuntimeException | LinkageError e) {
            return List.of();
        }
    }

    private static Set<String> hierarchy(Class<?> type) {
        if (type == null) {
            return Collections.emptySet();
        }
        Set<String> names = new HashSet<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            names.add(c.getName());
        }
        return names;
    }

    static boolean isApplication(String className) {
        if (className.startsWith("java.") || className.startsWith("javax.")
                || className.startsWith("jdk.") || className.startsWith("sun.")
                || className.startsWith("com.sun.")
                || className.startsWith("io.futurist.internal.")
                || className.startsWith("io.futurist.agent.")
                || isClassOrNested(className, "io.futurist.Kernel")
                || isClassOrNested(className, "io.futurist.SynchronousExecutor")
                || isClassOrNested(className, "io.futurist.GreenExecutor")) {
            return false;
        }
        for (String factory : FRAMEWORK_FACTORIES) {
            if (factory.endsWith(".") ? className.startsWith(factory) : isClassOrNested(className, factory)) {
                return false;
            }
        }
        return true;
    }

    /** {@code type} itself or a class nested in it (lambdas included), not merely a name it begins. */
    private static boolean isClassOrNested(String className, String type) {
        return className.startsWith(type)
                && (className.length() == type.length() || className.charAt(type.length()) == '$');
    }

    private static String describe(StackWalker.StackFrame frame) {
        String file = frame.getFileName();
        int line = frame.getLineNumber();
        return frame.getClassName() + "." + frame.getMethodName() + "("
                + (file == null ? "Unknown Source" : line > 0 ? file + ":" + line : file) + ")";
    }
}
