package io.futurist.agent.probe;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * The JDK's own record of whether the platform MBean server exists: the private static field
 * {@code java.lang.management.ManagementFactory.platformMBeanServer}, {@code null} until
 * something calls {@code ManagementFactory.getPlatformMBeanServer()}. Reading it tells the JMX
 * publisher whether there is a server to publish into <em>without creating one</em> — creating
 * it starts JMX and, through it, {@code java.util.logging}, which are the application's to set
 * up (its {@code main} may choose a logging manager first).
 *
 * <p>Why here: this class is bootstrap-loaded, like the whole package, and the agent opens
 * {@code java.lang.management} to the module of this class only — the unnamed module of the
 * bootstrap class path, which holds the agent's own helpers — never to the application's class
 * path. It names nothing outside {@code java.base} (the field's type is checked by name), as
 * every bootstrap class of the agent must.
 *
 * <p>Looking the field up neither initialises {@code ManagementFactory} nor creates anything;
 * the first {@link #read()} initialises the class, which loads the JDK's {@code management}
 * native library and nothing else.
 */
public final class PlatformServerField {

    /** The package that must be open to this class's module before {@link #find()}. */
    public static final String PACKAGE = "java.lang.management";
    private static final String HOLDER = PACKAGE + ".ManagementFactory";
    private static final String NAME = "platformMBeanServer";
    private static final String TYPE = "javax.management.MBeanServer";

    private final Field field;

    private PlatformServerField(Field field) {
        this.field = field;
    }

    /**
     * Finds the field on this JDK.
     *
     * @throws ReflectiveOperationException if this JDK keeps the server elsewhere
     * @throws RuntimeException             if the package is not open to this class's module
     *                                      (or a security manager refuses)
     */
    public static PlatformServerField find() throws ReflectiveOperationException {
        Class<?> holder = Class.forName(HOLDER, false, null);
        Field field = holder.getDeclaredField(NAME);
        if (!Modifier.isStatic(field.getModifiers()) || !field.getType().getName().equals(TYPE)) {
            throw new NoSuchFieldException(HOLDER + "." + NAME + " is not a static " + TYPE + " on this JDK");
        }
        field.setAccessible(true);
        return new PlatformServerField(field);
    }

    /** The platform MBean server if it exists now, else {@code null}. Never creates it. */
    public Object read() throws IllegalAccessException {
        return field.get(null);
    }
}
