package io.futurist.agent.jmx;

import io.futurist.ExecutorStatistics;
import io.futurist.Statistic;
import io.futurist.TrackedExecutor;
import io.futurist.agent.health.ActivityWatch;
import io.futurist.agent.health.Pulse;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanConstructorInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanNotificationInfo;
import javax.management.MBeanOperationInfo;
import javax.management.ReflectionException;

/**
 * The MBean of one executor, under {@code io.futurist:type=Executor,id=<id>,name=<name>}, as
 * JConsole, VisualVM and {@code futurist-agent.jar stats} see it. Its attributes are the
 * executor's identity and one per {@link Statistic} ({@link JmxNames}), all read-only;
 * durations are in nanoseconds, and a statistic of the pool's shape that does not apply to
 * this executor reads as {@code null}. Then its health over the last readings of the agent's
 * {@link ActivityWatch}: {@code Utilization}, {@code QueueFill}, {@code Rejecting},
 * {@code IdleMillis} ({@link #HEALTH}). It refers to the executor's tracked view, never to the
 * executor, so a registered MBean does not keep an executor alive.
 *
 * <p>Concurrency: the attributes a client reads together come from one snapshot. A
 * {@code getAttributes} call (JConsole's, VisualVM's, the {@code stats} command's) reads them
 * all from a snapshot taken for that call, and single reads reuse a snapshot for 100 ms, so
 * that a client reading one attribute after another sees one moment too (unless the 100 ms run
 * out between two reads). Both go through this object's monitor, which only JMX clients' reads
 * take: nothing on a task's path does, so a slow client never holds up the executor.
 */
final class ExecutorView implements DynamicMBean {

    private static final long SNAPSHOT_REUSE_NANOS = 100_000_000L;
    /** The health attributes, after the statistics: what the agent's readings say, not a snapshot. */
    static final List<String> HEALTH = List.of("Utilization", "QueueFill", "Rejecting", "IdleMillis");
    private static final Map<String, Statistic> BY_ATTRIBUTE = byAttribute();
    private static final MBeanInfo INFO = info();

    private final TrackedExecutor executor;
    private ExecutorStatistics snapshot;
    private long snapshotAt;
    /** While a {@code getAttributes} call reads: its snapshot, whatever its age. */
    private boolean pinned;

    ExecutorView(TrackedExecutor executor) {
        this.executor = executor;
    }

    private synchronized ExecutorStatistics stats() {
        long now = System.nanoTime();
        if (snapshot == null || (!pinned && now - snapshotAt > SNAPSHOT_REUSE_NANOS)) {
            snapshot = executor.statistics();
            snapshotAt = now;
        }
        return snapshot;
    }

    @Override
    public synchronized Object getAttribute(String attribute) throws AttributeNotFoundException {
        switch (attribute == null ? "" : attribute) {
            case "Id":
                return executor.id();
            case "Name":
                return executor.name();
            case "Type":
                return executor.type();
            case "CreationSite":
                return executor.creationSite();
            case "Alive":
                return executor.alive();
            case "Utilization":
                return pulse() == null ? Double.NaN : pulse().utilization();
            case "QueueFill":
                return pulse() == null ? Double.NaN : pulse().queueFill();
            case "Rejecting":
                return pulse() != null && pulse().rejecting();
            case "IdleMillis":
                ActivityWatch watch = ActivityWatch.current();
                Pulse pulse = watch == null ? null : watch.pulse(executor.id());
                return pulse == null ? -1L : pulse.idleMillis(watch.now());
            default:
                Statistic statistic = BY_ATTRIBUTE.get(attribute);
                if (statistic == null) {
                    throw new AttributeNotFoundException("no attribute " + attribute);
                }
                OptionalLong value = statistic.read(stats());
                return value.isPresent() ? (Long) value.getAsLong() : null;
        }
    }

    @Override
    public synchronized AttributeList getAttributes(String[] attributes) {
        snapshot = executor.statistics();
        snapshotAt = System.nanoTime();
        pinned = true;
        try {
            AttributeList values = new AttributeList();
            for (String attribute : attributes) {
                try {
                    values.add(new Attribute(attribute, getAttribute(attribute)));
                } catch (AttributeNotFoundException unknown) {
                    // As the JMX specification asks: an unknown attribute is left out of the list.
                }
            }
            return values;
        } finally {
            pinned = false;
        }
    }

    @Override
    public void setAttribute(Attribute attribute) throws AttributeNotFoundException {
        throw new AttributeNotFoundException("every attribute is read-only: " + attribute.getName());
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        return new AttributeList(); // none is writable, so none was set
    }

    @Override
    public Object invoke(String actionName, Object[] params, String[] signature) throws ReflectionException {
        throw new ReflectionException(new NoSuchMethodException(actionName), "an executor's MBean has no operations");
    }

    @Override
    public MBeanInfo getMBeanInfo() {
        return INFO;
    }

    /** What the agent's reader has seen of this executor, or {@code null}. */
    private Pulse pulse() {
        ActivityWatch watch = ActivityWatch.current();
        return watch == null ? null : watch.pulse(executor.id());
    }

    private static Map<String, Statistic> byAttribute() {
        Map<String, Statistic> map = new HashMap<>();
        for (Statistic statistic : Statistic.values()) {
            map.put(JmxNames.attribute(statistic), statistic);
        }
        return map;
    }

    private static MBeanInfo info() {
        MBeanAttributeInfo[] attributes = new MBeanAttributeInfo[JmxNames.attributes().size() + HEALTH.size()];
        attributes[0] = new MBeanAttributeInfo("Id", "long", "unique id within the JVM, in order of discovery",
                true, false, false);
        attributes[1] = new MBeanAttributeInfo("Name", String.class.getName(),
                "name for people: the worker threads' pattern, or type and id", true, false, false);
        attributes[2] = new MBeanAttributeInfo("Type", String.class.getName(), "the executor's class name",
                true, false, false);
        attributes[3] = new MBeanAttributeInfo("CreationSite", String.class.getName(),
                "the first application frame that built it", true, false, false);
        attributes[4] = new MBeanAttributeInfo("Alive", "boolean", "false once shut down", true, false, true);
        int at = JmxNames.IDENTITY.size();
        for (Statistic statistic : Statistic.values()) {
            // Optional statistics can be absent, so their type must admit null.
            String type = statistic.isOptional() ? Long.class.getName() : "long";
            String unit = statistic.unit().name().toLowerCase(java.util.Locale.ROOT);
            attributes[at++] = new MBeanAttributeInfo(JmxNames.attribute(statistic), type,
                    statistic.description() + " (" + unit + ")", true, false, false);
        }
        attributes[at++] = new MBeanAttributeInfo("Utilization", "double", "busy share of the pool's most threads,"
                + " mean of a reading a second over the last 5 s, in [0, 1]; NaN where the pool's size is not known",
                true, false, false);
        attributes[at++] = new MBeanAttributeInfo("QueueFill", "double", "share of the queue's capacity in use,"
                + " as Utilization; NaN where the queue is unbounded or its bound not known", true, false, false);
        attributes[at++] = new MBeanAttributeInfo("Rejecting", "boolean",
                "whether it refused a submission during the last 5 s", true, false, true);
        attributes[at++] = new MBeanAttributeInfo("IdleMillis", "long", "how long it has done nothing (no task"
                + " ran, waited, came or went), to a second; -1 while busy or before its first reading",
                true, false, false);
        return new MBeanInfo(ExecutorView.class.getName(), "an executor tracked by Futurist", attributes,
                new MBeanConstructorInfo[0], new MBeanOperationInfo[0], new MBeanNotificationInfo[0]);
    }
}
