package io.futurist.agent.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.futurist.ExecutorStatistics;
import io.futurist.PoolShape;
import io.futurist.Statistic;
import io.futurist.agent.testing.FixedExecutor;
import io.futurist.internal.ExecutorRecord;
import io.futurist.internal.ExecutorRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * An executor's MBean: one attribute per identity field and per {@link Statistic}, read-only,
 * answering a {@code getAttributes} call from one snapshot taken for it.
 */
class ExecutorViewTest {

    @Test
    void attributesReadTogetherComeFromAFreshSnapshot() throws Exception {
        Object executor = new Object();
        ExecutorRecord record = new ExecutorRegistry().register(executor, "here");
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        ObjectName name = new ObjectName("io.futurist.test:type=Executor,name=one");
        server.registerMBean(new ExecutorView(record), name);
        String[] wanted = {"Submitted", "Executed", "Queued", "Name"};

        record.recorder().recordSubmitted();
        assertEquals(List.of(1L, 0L, 1L, "Object#1"), values(server.getAttributes(name, wanted)));
        assertEquals(1L, server.getAttribute(name, "Submitted"), "a single read may reuse that snapshot");

        record.recorder().recordSubmitted();
        // Well within the 100 ms a single read reuses a snapshot: the call still takes its own.
        assertEquals(List.of(2L, 0L, 2L, "Object#1"), values(server.getAttributes(name, wanted)));
    }

    /** Adding a statistic adds an attribute: the MBean's attributes are derived from {@link Statistic}. */
    @Test
    void everyStatisticIsAnAttributeWithTheValueItReads() throws Exception {
        ExecutorStatistics snapshot = ExecutorStatistics.EMPTY.withShape(PoolShape.threadPool(3, 2, 8, 5, 100));
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        ObjectName name = new ObjectName("io.futurist.test:type=Executor,name=shaped");
        server.registerMBean(new ExecutorView(new FixedExecutor(7, "fixed", snapshot)), name);

        List<String> declared = new ArrayList<>();
        for (MBeanAttributeInfo attribute : server.getMBeanInfo(name).getAttributes()) {
            declared.add(attribute.getName());
        }
        List<String> expectedNames = new ArrayList<>(JmxNames.attributes());
        expectedNames.addAll(ExecutorView.HEALTH);
        assertEquals(expectedNames, declared, "the statistics, then the health the agent's readings give");
        for (Statistic statistic : Statistic.values()) {
            Object value = server.getAttribute(name, JmxNames.attribute(statistic));
            Object expected = statistic.read(snapshot).isPresent() ? (Object) statistic.read(snapshot).getAsLong() : null;
            assertEquals(expected, value, statistic.key());
        }
        assertEquals(3L, server.getAttribute(name, "PoolSize"));
        assertNull(server.getAttribute(name, "Parallelism"), "a shape that does not apply reads as null");
        List<Object> all = values(server.getAttributes(name, JmxNames.attributes().toArray(new String[0])));
        assertEquals(JmxNames.attributes().size(), all.size(), "getAttributes answers for every attribute, null ones too");
        assertEquals(Arrays.asList(7L, "fixed", "com.example.Pool", "here", true), all.subList(0, 5));
        // Without the agent's reader (none runs here) the health is unknown.
        assertEquals(Arrays.asList(Double.NaN, Double.NaN, false, -1L),
                values(server.getAttributes(name, ExecutorView.HEALTH.toArray(new String[0]))));
    }

    /** Names clients already read keep their names: a statistic's attribute is its key, capitalised. */
    @Test
    void attributeNamesAreTheKeysCapitalised() {
        assertEquals("Submitted", JmxNames.attribute(Statistic.SUBMITTED));
        assertEquals("RuntimeP99Nanos", JmxNames.attribute(Statistic.RUNTIME_P99));
        assertEquals("QueueTimeP99Nanos", JmxNames.attribute(Statistic.QUEUE_TIME_P99));
        assertEquals(List.of("Id", "Name", "Type", "CreationSite", "Alive", "Submitted"), JmxNames.attributes().subList(0, 6));
    }

    @Test
    void unknownAttributesAreNotFoundAndNoneIsWritable() throws Exception {
        ExecutorView view = new ExecutorView(new FixedExecutor(7, "fixed", ExecutorStatistics.EMPTY));
        assertThrows(AttributeNotFoundException.class, () -> view.getAttribute("Bogus"));
        assertThrows(AttributeNotFoundException.class, () -> view.setAttribute(new Attribute("Submitted", 1L)));
        assertEquals(0, view.getAttributes(new String[] {"Bogus"}).size());
    }

    private static List<Object> values(AttributeList list) {
        return list.asList().stream().map(Attribute::getValue).toList();
    }
}
