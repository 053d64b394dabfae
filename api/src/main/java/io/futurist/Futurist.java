package io.futurist;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

/**
 * The lookup: what Futurist knows about the executors of this JVM.
 *
 * <p>{@link SynchronousExecutor} and {@link GreenExecutor} are always known. With the agent
 * active, so is every {@code ThreadPoolExecutor} and {@code ForkJoinPool}; the lookup then
 * also sees through the JDK's delegating wrappers ({@code Executors.newSingleThreadExecutor()},
 * {@code unconfigurableExecutorService}, ...) to the pool inside, because the agent opens
 * {@code java.util.concurrent} to Futurist. Without the agent it sees through them to
 * Futurist's own executors only: it asks the wrapper with an {@code invokeAll} of no tasks,
 * which the JDK's wrappers pass on unchanged and which Futurist's executors answer (any other
 * executor inside does nothing with it).
 *
 * <p>When the agent is active this class is the agent's own copy, loaded by the bootstrap
 * class loader, whether or not {@code futurist-api.jar} is also on the class path.
 */
public final class Futurist {

    /** The JDK's wrappers all live here, each with the wrapped executor in a field {@code e}. */
    private static final String JDK_WRAPPER_PREFIX = "java.util.concurrent.Executors$";

    private static final ClassValue<Field> WRAPPED_FIELD = new ClassValue<Field>() {
        @Override
        protected Field computeValue(Class<?> type) {
            for (Class<?> c = type; c != null && c.getName().startsWith(JDK_WRAPPER_PREFIX); c = c.getSuperclass()) {
                try {
                    Field field = c.getDeclaredField("e");
                    if (Executor.class.isAssignableFrom(field.getType())) {
                        field.setAccessible(true);
                        return field;
                    }
                } catch (NoSuchFieldException | RuntimeException closed) {
                    // Not this level, or java.util.concurrent is not open to us (no agent).
                }
            }
            return null;
        }
    };

    private Futurist() {
    }

    /** The statistics of {@code executor} as of now, or empty when Futurist does not track it. */
    public static Optional<ExecutorStatistics> statistics(Executor executor) {
        return Optional.ofNullable(recordOf(executor)).map(TrackedExecutor::statistics);
    }

    /** Whether {@code executor} is alive (not shut down), or empty when Futurist does not track it. */
    public static Optional<Boolean> isAlive(Executor executor) {
        return Optional.ofNullable(recordOf(executor)).map(TrackedExecutor::alive);
    }

    /**
     * The executors tracked now and not yet garbage-collected, in order of discovery. Each is a
     * read-only view: its class has no public method beyond {@link TrackedExecutor}'s.
     */
    public static List<TrackedExecutor> executors() {
        List<TrackedExecutor> records = Kernel.executors();
        List<TrackedExecutor> views = new ArrayList<>(records.size());
        for (TrackedExecutor record : records) {
            views.add(new TrackedExecutorView(record));
        }
        return Collections.unmodifiableList(views);
    }

    /** Whether the Futurist agent is instrumenting this JVM's executors. */
    public static boolean isAgentActive() {
        return Kernel.agentActive();
    }

    /** The kernel's record of {@code executor} or of the executor it wraps: never handed out as it is. */
    private static TrackedExecutor recordOf(Executor executor) {
        Object current = executor;
        // Bounded: wrappers of wrappers are legal, cycles are not, but a bug must not hang us.
        for (int depth = 0; current != null && depth < 8; depth++) {
            TrackedExecutor record = Kernel.find(current);
            if (record != null) {
                return record;
            }
            current = unwrap(current);
        }
        return null;
    }

    private static Object unwrap(Object executor) {
        if (!executor.getClass().getName().startsWith(JDK_WRAPPER_PREFIX)) {
            return null;
        }
        Field field = WRAPPED_FIELD.get(executor.getClass());
        try {
            if (field != null) {
                return field.get(executor);
            }
        } catch (IllegalAccessException | RuntimeException closed) {
            // Opened no longer: ask instead.
        }
        // Without the agent java.util.concurrent stays closed; Futurist's own executors still answer.
        return executor instanceof ExecutorService ? WrapperQuery.ask((ExecutorService) executor) : null;
    }
}
