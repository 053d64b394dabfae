package io.futurist.agent.probe;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinTask;

/**
 * Tells whether the body of a {@code ForkJoinPool} task really started, for the JDK's adapter
 * tasks ({@code ForkJoinTask.AdaptedRunnable}, {@code AdaptedRunnableAction},
 * {@code RunnableExecuteAction}, {@code AdaptedCallable}, {@code AdaptedInterruptibleCallable}
 * and, on newer JDKs, {@code AdaptedInterruptibleRunnable}: what {@code execute}, {@code submit}
 * and {@code invokeAll} make of the application's runnables and callables).
 *
 * <p>Why: the agent counts a run when it takes the task out of its pending table, at the entry
 * of {@code doExec()}; {@code ForkJoinTask} checks for cancellation a few instructions later.
 * A task cancelled in between never runs its body, yet from outside it looks exactly like a
 * task cancelled while its body ran (which did run). So the {@code runnable.run()} or
 * {@code callable.call()} inside these adapters' {@code exec()}/{@code compute()} is replaced by
 * {@link #run(Runnable)} or {@link #call(Callable)}, which mark the current thread's counted run
 * as started. Tasks of other classes (an application's own {@code RecursiveTask}) have no such
 * mark and are taken as started, as before.
 *
 * <p>Which adapter classes really carry the replacement is learnt once, by running one of each
 * (with a body that does nothing) in the thread that first needs to know: a class whose hook did
 * not install is never judged by a mark that cannot come.
 */
public final class ForkJoinBodies {

    /**
     * Per thread, the innermost counted run whose body is watched. A holder rather than the
     * mark itself: a run finds it once and keeps it, so a watched run costs two thread-local
     * look-ups (its start, its body), not four.
     */
    private static final ThreadLocal<Innermost> CURRENT = ThreadLocal.withInitial(Innermost::new);

    private ForkJoinBodies() {
    }

    /** Replaces {@code runnable.run()} inside the adapters: marks the body as started, then runs it. */
    public static void run(Runnable runnable) {
        Mark mark = CURRENT.get().mark;
        if (mark != null) {
            mark.bodyStarted = true;
        }
        runnable.run();
    }

    /** Replaces {@code callable.call()} inside the adapters: marks the body as started, then calls it. */
    public static Object call(Callable<?> callable) throws Exception {
        Mark mark = CURRENT.get().mark;
        if (mark != null) {
            mark.bodyStarted = true;
        }
        return callable.call();
    }

    /**
     * Starts watching the body of {@code task}'s counted run, if its class carries the mark.
     *
     * @return whether it is watched; if so, {@link #end} must follow on this thread
     */
    static boolean watch(ForkJoinTask<?> task, Mark mark) {
        if (!Adapters.isMarked(task.getClass())) {
            return false;
        }
        Innermost innermost = CURRENT.get();
        mark.innermost = innermost;
        mark.enclosing = innermost.mark;
        mark.bodyStarted = false;
        innermost.mark = mark;
        return true;
    }

    /**
     * Ends watching: gives the enclosing run back its place.
     *
     * @return whether the body started
     */
    static boolean end(Mark mark) {
        mark.innermost.mark = mark.enclosing;
        mark.enclosing = null;
        mark.innermost = null;
        return mark.bodyStarted;
    }

    /** Per counted run: whether its body started (written by the same thread only). */
    static class Mark {
        boolean bodyStarted;
        Mark enclosing;
        /** The holder of the thread it runs on, between {@link #watch} and {@link #end}. */
        Innermost innermost;
    }

    /** A thread's innermost watched run, if any; read and written by that thread only. */
    private static final class Innermost {
        Mark mark;
    }

    /** The adapter classes whose body calls are known to arrive here. */
    private static final class Adapters {
        private static final String[] NAMES = {
            "java.util.concurrent.ForkJoinTask$AdaptedRunnable",
            "java.util.concurrent.ForkJoinTask$AdaptedRunnableAction",
            "java.util.concurrent.ForkJoinTask$RunnableExecuteAction",
            "java.util.concurrent.ForkJoinTask$AdaptedCallable",
            "java.util.concurrent.ForkJoinTask$AdaptedInterruptibleCallable",
            "java.util.concurrent.ForkJoinTask$AdaptedInterruptibleRunnable",
        };

        /** Null while being learnt (a calibration run asks too): nothing is marked then. */
        private static final Class<?>[] MARKED = calibrate();

        static boolean isMarked(Class<?> type) {
            Class<?>[] marked = MARKED;
            if (marked == null) {
                return false;
            }
            for (Class<?> candidate : marked) {
                if (candidate == type) {
                    return true;
                }
            }
            return false;
        }

        private static Class<?>[] calibrate() {
            List<Class<?>> marked = new ArrayList<>();
            for (String name : NAMES) {
                try {
                    Class<?> type = Class.forName(name, false, null);
                    if (bodyIsMarked(type)) {
                        marked.add(type);
                    }
                } catch (Throwable absentOrUnmarked) {
                    // Not on this JDK, or it cannot be tried: its tasks are taken as started.
                }
            }
            return marked.toArray(new Class<?>[0]);
        }

        /** Builds one {@code type} around a body that does nothing and runs its exec/compute. */
        private static boolean bodyIsMarked(Class<?> type) throws ReflectiveOperationException {
            Object task = null;
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                Class<?>[] parameters = constructor.getParameterTypes();
                if (parameters.length == 0 || (parameters[0] != Runnable.class && parameters[0] != Callable.class)) {
                    continue;
                }
                Object[] arguments = new Object[parameters.length];
                arguments[0] = parameters[0] == Runnable.class ? (Object) new NothingToRun() : new NothingToCall();
                constructor.setAccessible(true);
                task = constructor.newInstance(arguments);
                break;
            }
            Method body = bodyMethod(type);
            if (task == null || body == null) {
                return false;
            }
            Mark probe = new Mark();
            Innermost innermost = CURRENT.get();
            Mark saved = innermost.mark;
            innermost.mark = probe;
            try {
                body.setAccessible(true);
                body.invoke(task);
                return probe.bodyStarted;
            } finally {
                innermost.mark = saved;
            }
        }

        private static Method bodyMethod(Class<?> type) {
            for (String name : new String[] {"compute", "exec"}) {
                for (Method method : type.getDeclaredMethods()) {
                    if (method.getName().equals(name) && method.getParameterCount() == 0 && !method.isBridge()) {
                        return method;
                    }
                }
            }
            return null;
        }
    }

    /** The calibration runs' bodies (classes, not lambdas: this runs inside the JDK's own executor code). */
    private static final class NothingToRun implements Runnable {
        @Override
        public void run() {
        }
    }

    private static final class NothingToCall implements Callable<Object> {
        @Override
        public Object call() {
            return null;
        }
    }
}
