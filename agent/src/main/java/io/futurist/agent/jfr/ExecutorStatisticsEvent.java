package io.futurist.agent.jfr;

import io.futurist.ExecutorStatistics;
import io.futurist.Statistic;
import io.futurist.TrackedExecutor;
import io.futurist.agent.export.LiveExecutors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import jdk.jfr.AnnotationElement;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.EventFactory;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;
import jdk.jfr.ValueDescriptor;

/**
 * The JFR event {@value #NAME}: every period, one event per live executor ({@link LiveExecutors}) with its identity
 * ({@code id}, {@code name}, {@code type}, {@code alive}) and one field per {@link Statistic},
 * named by its key ({@code submitted}, {@code runtimeNanos}, ...; durations marked as
 * nanosecond timespans, so JDK Mission Control and {@code jfr print} show them as times).
 * A statistic that does not apply to an executor (a pool's shape where it has no pool) is
 * {@value #ABSENT}.
 *
 * <p>The fields are generated from {@link Statistic} with {@link EventFactory}, so a statistic
 * added there is a field here without an edit. The event is periodic (default
 * {@value #DEFAULT_PERIOD}, a recording's settings can change it): JFR calls the hook only
 * while a recording has the event enabled, and the hook reads the executors only then, so it
 * costs nothing otherwise. The hook runs on JFR's own periodic thread, not on any executor.
 */
final class ExecutorStatisticsEvent {

    /** The event's name in recordings. */
    static final String NAME = "io.futurist.ExecutorStatistics";
    /** The period unless a recording's settings say otherwise. */
    static final String DEFAULT_PERIOD = "5 s";
    /** The value of a statistic that does not apply to the executor. */
    static final long ABSENT = -1;

    /** The identity fields, before the statistics. */
    private static final int FIRST_STATISTIC = 4;

    private final EventFactory factory;
    private final Runnable hook = this::emit;

    private ExecutorStatisticsEvent(EventFactory factory) {
        this.factory = factory;
    }

    /** Defines the event and registers its periodic hook with the flight recorder. */
    static ExecutorStatisticsEvent register() {
        ExecutorStatisticsEvent event = new ExecutorStatisticsEvent(EventFactory.create(annotations(), fields()));
        FlightRecorder.addPeriodicEvent(event.factory.newEvent().getClass(), event.hook);
        return event;
    }

    /** Withdraws the hook: no more events from this definition. */
    void unregister() {
        FlightRecorder.removePeriodicEvent(hook);
    }

    private void emit() {
        if (!factory.newEvent().isEnabled()) {
            return; // no recording has the event enabled: read nothing
        }
        for (LiveExecutors.Snapshot snapshot : LiveExecutors.now()) {
            Event event = factory.newEvent();
            TrackedExecutor executor = snapshot.executor();
            ExecutorStatistics statistics = snapshot.statistics();
            event.set(0, executor.id());
            event.set(1, executor.name());
            event.set(2, executor.type());
            event.set(3, snapshot.alive());
            Statistic[] all = Statistic.values();
            for (int i = 0; i < all.length; i++) {
                OptionalLong value = all[i].read(statistics);
                event.set(FIRST_STATISTIC + i, value.isPresent() ? value.getAsLong() : ABSENT);
            }
            event.commit();
        }
    }

    private static List<AnnotationElement> annotations() {
        return List.of(
                new AnnotationElement(Name.class, NAME),
                new AnnotationElement(Label.class, "Executor Statistics"),
                new AnnotationElement(Description.class, "An executor's statistics as Futurist counts them, one event per live executor"),
                new AnnotationElement(Category.class, new String[] {"Futurist"}),
                new AnnotationElement(Period.class, DEFAULT_PERIOD),
                new AnnotationElement(StackTrace.class, false));
    }

    private static List<ValueDescriptor> fields() {
        List<ValueDescriptor> fields = new ArrayList<>();
        fields.add(field(long.class, "id", "Executor Id", "unique among the executors tracked in this JVM"));
        fields.add(field(String.class, "name", "Executor Name", "the thread-name pattern of its workers, or type#id"));
        fields.add(field(String.class, "type", "Executor Type", "the executor's class"));
        fields.add(field(boolean.class, "alive", "Alive", "false once shutdown, shutdownNow or close was called"));
        for (Statistic statistic : Statistic.values()) {
            List<AnnotationElement> annotations = new ArrayList<>();
            annotations.add(new AnnotationElement(Label.class, label(statistic.key())));
            annotations.add(new AnnotationElement(Description.class, statistic.description()
                    + (statistic.isOptional() ? " (" + ABSENT + " where it does not apply)" : "")));
            if (statistic.unit() == Statistic.Unit.NANOSECONDS) {
                annotations.add(new AnnotationElement(Timespan.class, Timespan.NANOSECONDS));
            }
            fields.add(new ValueDescriptor(long.class, statistic.key(), annotations));
        }
        return fields;
    }

    private static ValueDescriptor field(Class<?> type, String name, String label, String description) {
        return new ValueDescriptor(type, name, List.of(new AnnotationElement(Label.class, label),
                new AnnotationElement(Description.class, description)));
    }

    /** {@code runtimeP99Nanos} → {@code Runtime P99}: a heading for people, as JFR's labels are. */
    static String label(String key) {
        String words = key.replaceAll("Nanos$", "").replaceAll("([a-z])([A-Z0-9])", "$1 $2");
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }
}
