package io.futurist.internal;

import java.util.Optional;

/**
 * Finds the first application frame on the current stack: where an executor was built.
 *
 * <p>{@link StackWalker} walks lazily, so this costs a few frames' worth of work, once per
 * executor construction, never per task.
 */
public final class CreationSite {

    private static final StackWalker WALKER = StackWalker.getInstance();

    private CreationSite() {
    }

    /** The first frame outside the JDK and Futurist, as {@code class.method(File.java:line)}. */
    public static String find() {
        try {
            Optional<StackWalker.StackFrame> frame = WALKER.walk(frames ->
                    frames.filter(f -> isApplication(f.getClassName())).findFirst());
            return frame.map(CreationSite::describe).orElse("unknown");
        } catch (RuntimeException | LinkageError e) {
            return "unknown";
        }
    }

    static boolean isApplication(String className) {
        return !(className.startsWith("java.") || className.startsWith("javax.")
                || className.startsWith("jdk.") || className.startsWith("sun.")
                || className.startsWith("com.sun.")
                || className.startsWith("io.futurist.internal.")
                || className.startsWith("io.futurist.agent.")
                || isClassOrNested(className, "io.futurist.SynchronousExecutor")
                || isClassOrNested(className, "io.futurist.GreenExecutor"));
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
