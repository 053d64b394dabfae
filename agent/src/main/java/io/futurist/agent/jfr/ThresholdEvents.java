package io.futurist.agent.jfr;

import java.util.ArrayList;
import java.util.List;
import jdk.jfr.AnnotationElement;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.EventFactory;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;
import jdk.jfr.ValueDescriptor;

/**
 * The JFR events of single tasks: {@value #SLOW_RUN} and {@value #SLOW_QUEUE_WAIT} (a run or
 * queue wait over the agent's {@code slowRun} / {@code slowQueue} threshold: executor name and
 * id, task class, duration, threshold) and {@value #REJECTION} (an executor refused a task:
 * executor name and id, task class, and how many refusals of that executor were left out
 * before this one, as the agent throttles them; with the submitting thread's stack trace).
 *
 * <p>Zero cost while nobody records: like the periodic statistics event, these are defined
 * with {@link EventFactory} only once the flight recorder has initialised
 * ({@link FlightRecorderStatistics} calls {@link #define()}); until then {@link #slowRun} and
 * the others return after one read of a field. After that, an event is built only for a
 * crossing or a refusal, and committed only if a recording has it enabled.
 *
 * <p>Design: the three factories are published together through one volatile field and
 * replaced or cleared whole; the emitting threads are the application's (the event describes
 * the thread that ran or submitted the task), so nothing here blocks or throws.
 */
public final class ThresholdEvents {

    /** A run longer than {@code slowRun}. */
    public static final String SLOW_RUN = "io.futurist.SlowRun";
    /** A queue wait longer than {@code slowQueue}. */
    public static final String SLOW_QUEUE_WAIT = "io.futurist.SlowQueueWait";
    /** A refused submission. */
    public static final String REJECTION = "io.futurist.Rejection";

    /** The three definitions, or {@code null} while the recorder has not initialised (or after a detach). */
    private static volatile Factories factories;

    private ThresholdEvents() {
    }

    private static final class Factories {
        final EventFactory slowRun = EventFactory.create(annotations(SLOW_RUN, "Slow Run",
                "A task's run took longer than the agent's slowRun threshold", false), durationFields());
        final EventFactory slowQueueWait = EventFactory.create(annotations(SLOW_QUEUE_WAIT, "Slow Queue Wait",
                "A task waited in its executor's queue longer than the agent's slowQueue threshold", false),
                durationFields());
        final EventFactory rejection = EventFactory.create(annotations(REJECTION, "Rejection",
                "An executor refused a task (at most a few per second and executor are recorded)", true),
                rejectionFields());
    }

    /** Defines the events; called once the flight recorder has initialised. */
    static void define() {
        if (factories == null) {
            factories = new Factories();
        }
    }

    /** Withdraws the events (detach). */
    static void withdraw() {
        factories = null;
    }

    /** Emits {@value #SLOW_RUN} if a recording wants it. Never throws. */
    public static void slowRun(long executorId, String executorName, String taskClass, long nanos, long thresholdNanos) {
        Factories defined = factories;
        if (defined != null) {
            commitDuration(defined.slowRun, executorId, executorName, taskClass, nanos, thresholdNanos);
        }
    }

    /** Emits {@value #SLOW_QUEUE_WAIT} if a recording wants it. Never throws. */
    public static void slowQueueWait(long executorId, String executorName, String taskClass, long nanos,
                                     long thresholdNanos) {
        Factories defined = factories;
        if (defined != null) {
            commitDuration(defined.slowQueueWait, executorId, executorName, taskClass, nanos, thresholdNanos);
        }
    }

    /** Whether a recording would take a {@value #REJECTION} event now: the throttle is asked only then. */
    public static boolean rejectionWanted() {
        Factories defined = factories;
        try {
            return defined != null && defined.rejection.newEvent().isEnabled();
        } catch (Throwable refused) {
            return false;
        }
    }

    /** Emits {@value #REJECTION} if a recording wants it. Never throws. */
    public static void rejection(long executorId, String executorName, String taskClass, long dropped) {
        Factories defined = factories;
        if (defined == null) {
            return;
        }
        try {
            Event event = defined.rejection.newEvent();
            if (event.isEnabled()) {
                event.set(0, executorId);
                event.set(1, executorName);
                event.set(2, taskClass);
                event.set(3, dropped);
                event.commit();
            }
        } catch (Throwable refused) {
            // A recorder that refuses an event costs the event, nothing else.
        }
    }

    private static void commitDuration(EventFactory factory, long executorId, String executorName, String taskClass,
                                       long nanos, long thresholdNanos) {
        try {
            Event event = factory.newEvent();
            if (event.isEnabled()) {
                event.set(0, executorId);
                event.set(1, executorName);
                event.set(2, taskClass);
                event.set(3, nanos);
                event.set(4, thresholdNanos);
                event.commit();
            }
        } catch (Throwable refused) {
            // As above.
        }
    }

    private static List<AnnotationElement> annotations(String name, String label, String description, boolean stack) {
        return List.of(new AnnotationElement(Name.class, name), new AnnotationElement(Label.class, label),
                new AnnotationElement(Description.class, description),
                new AnnotationElement(Category.class, new String[] {"Futurist"}),
                new AnnotationElement(StackTrace.class, stack));
    }

    private static List<ValueDescriptor> identityFields() {
        List<ValueDescriptor> fields = new ArrayList<>();
        fields.add(field(long.class, "executorId", "Executor Id", "unique among the executors tracked in this JVM", false));
        fields.add(field(String.class, "executor", "Executor Name", "the thread-name pattern of its workers, or type#id",
                false));
        fields.add(field(String.class, "taskClass", "Task Class", "the class of the task the executor was given", false));
        return fields;
    }

    private static List<ValueDescriptor> durationFields() {
        List<ValueDescriptor> fields = identityFields();
        fields.add(field(long.class, "elapsed", "Elapsed",
                "how long it took (whole milliseconds where the run was not timed exactly)", true));
        fields.add(field(long.class, "threshold", "Threshold", "the agent's threshold it crossed", true));
        return fields;
    }

    private static List<ValueDescriptor> rejectionFields() {
        List<ValueDescriptor> fields = identityFields();
        fields.add(field(long.class, "dropped", "Dropped",
                "refusals of this executor left out just before this one, by the throttle", false));
        return fields;
    }

    private static ValueDescriptor field(Class<?> type, String name, String label, String description, boolean nanos) {
        List<AnnotationElement> annotations = new ArrayList<>(List.of(new AnnotationElement(Label.class, label),
                new AnnotationElement(Description.class, description)));
        if (nanos) {
            annotations.add(new AnnotationElement(Timespan.class, Timespan.NANOSECONDS));
        }
        return new ValueDescriptor(type, name, annotations);
    }
}
