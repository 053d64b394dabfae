package io.futurist.agent.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.futurist.internal.ExecutorRecord;
import io.futurist.internal.ExecutorRegistry;
import java.util.List;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** An executor's MBean answers a {@code getAttributes} call from one snapshot taken for it. */
class ExecutorViewTest {

    @Test
    void attributesReadTogetherComeFromAFreshSnapshot() throws Exception {
        Object executor = new Object();
        ExecutorRecord record = new ExecutorRegistry().register(executor, "here");
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        ObjectName name = new ObjectName("io.futurist.test:type=Executor,name=one");
        server.registerMBean(new ExecutorView(record), name);
        String[] wanted = {"Submitted", "Executed", "Queued", "Name"};

        record.recorder().submitted();
        assertEquals(List.of(1L, 0L, 1L, "Object#1"), values(server.getAttributes(name, wanted)));
        assertEquals(1L, server.getAttribute(name, "Submitted"), "a single read may reuse that snapshot");

        record.recorder().submitted();
        // Well within the 100 ms a single read reuses a snapshot: the call still takes its own.
        assertEquals(List.of(2L, 0L, 2L, "Object#1"), values(server.getAttributes(name, wanted)));
    }

    private static List<Object> values(AttributeList list) {
        return list.asList().stream().map(Attribute::getValue).toList();
    }
}
