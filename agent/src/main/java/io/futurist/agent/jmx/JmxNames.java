package io.futurist.agent.jmx;

import io.futurist.Statistic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * The names under which the agent publishes over JMX, which the agent's publisher and every
 * client (the {@code stats} command, JConsole users' scripts) rely on alike: the domain, the
 * object names, and the attribute names, which are derived from {@link Statistic}.
 *
 * <p>An executor's attributes are its identity ({@link #IDENTITY}) followed by one attribute
 * per statistic, named after its key with the first letter capitalised
 * ({@code runtimeP99Nanos} becomes {@code RuntimeP99Nanos}), so adding a statistic adds an
 * attribute without touching this class.
 */
public final class JmxNames {

    /** The domain of every Futurist MBean. */
    public static final String DOMAIN = "io.futurist";
    /** The agent's own MBean. */
    public static final String AGENT = DOMAIN + ":type=Agent";
    /** A pattern that matches every executor's MBean. */
    public static final String EVERY_EXECUTOR = DOMAIN + ":type=Executor,*";
    /**
     * How often the publisher reconciles the MBeans with the registry, and looks for the
     * platform MBean server until it exists: a client that has just made that server waits a
     * few periods at most.
     */
    public static final long PUBLICATION_PERIOD_MILLIS = 1000;

    /** The identity attributes of an executor's MBean, in the order of the JSON's first fields. */
    public static final List<String> IDENTITY = List.of("Id", "Name", "Type", "CreationSite", "Alive");

    private static final List<String> ATTRIBUTES = attributeList();

    private JmxNames() {
    }

    /** The object name of executor {@code id}, called {@code name}. */
    public static ObjectName executor(long id, String name) throws MalformedObjectNameException {
        return new ObjectName(DOMAIN + ":type=Executor,id=" + id + ",name=" + ObjectName.quote(name));
    }

    /** The attribute that carries {@code statistic}. */
    public static String attribute(Statistic statistic) {
        String key = statistic.key();
        return Character.toUpperCase(key.charAt(0)) + key.substring(1);
    }

    /** Every attribute of an executor's MBean: {@link #IDENTITY}, then one per statistic in {@link Statistic}'s order. */
    public static List<String> attributes() {
        return ATTRIBUTES;
    }

    private static List<String> attributeList() {
        List<String> names = new ArrayList<>(IDENTITY);
        for (Statistic statistic : Statistic.values()) {
            names.add(attribute(statistic));
        }
        return Collections.unmodifiableList(names);
    }
}
