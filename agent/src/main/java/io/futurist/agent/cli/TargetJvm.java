package io.futurist.agent.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.util.Properties;

/**
 * Another JVM on this machine, reached through the JDK's Attach API: load the agent into it,
 * read its system properties, start its local JMX connector. Every failure becomes a
 * {@link CliException} whose message says in one line what went wrong and what to do.
 */
final class TargetJvm implements AutoCloseable {

    private final String pid;
    private final VirtualMachine vm;

    private TargetJvm(String pid, VirtualMachine vm) {
        this.pid = pid;
        this.vm = vm;
    }

    /** Attaches to the JVM with process id {@code pid}. */
    static TargetJvm attach(String pid) throws CliException {
        long number = parsePid(pid);
        if (number == ProcessHandle.current().pid()) {
            throw new CliException("pid " + pid + " is this command itself; give the pid of the JVM to inspect", CliException.USAGE);
        }
        if (ProcessHandle.of(number).isEmpty()) {
            throw new CliException("no process with pid " + pid, CliException.FAILED);
        }
        // The Attach API knocks with SIGQUIT, which ends most processes that are not JVMs:
        // make sure first that this one is.
        JvmCheck.requireJvm(pid);
        try {
            return new TargetJvm(pid, VirtualMachine.attach(pid));
        } catch (AttachNotSupportedException notJava) {
            throw new CliException("cannot attach to pid " + pid + ": it is not a JVM this user may attach to ("
                    + oneLine(notJava) + ")", CliException.FAILED);
        } catch (IOException | RuntimeException failure) {
            throw new CliException("cannot attach to pid " + pid + ": " + oneLine(failure), CliException.FAILED);
        }
    }

    static long parsePid(String pid) throws CliException {
        try {
            long number = Long.parseLong(pid);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException notNumber) {
            // reported below
        }
        throw new CliException("'" + pid + "' is not a process id (a positive number)", CliException.USAGE);
    }

    /** The target's system property {@code key}, or {@code null}. */
    String systemProperty(String key) throws CliException {
        try {
            Properties properties = vm.getSystemProperties();
            return properties.getProperty(key);
        } catch (IOException | RuntimeException failure) {
            throw new CliException("cannot read the properties of JVM " + pid + ": " + oneLine(failure), CliException.FAILED);
        }
    }

    /** Loads {@code agentJar} into the target with {@code options}; returns when its agentmain has returned. */
    void loadAgent(String agentJar, String options) throws CliException {
        try {
            vm.loadAgent(agentJar, options);
        } catch (AgentLoadException | AgentInitializationException refused) {
            throw new CliException("JVM " + pid + " refused the agent: " + oneLine(refused)
                    + dynamicLoadingHint(), CliException.FAILED);
        } catch (IOException | RuntimeException failure) {
            throw new CliException("could not load the agent into JVM " + pid + ": " + oneLine(failure)
                    + dynamicLoadingHint(), CliException.FAILED);
        }
    }

    /** Starts (or finds) the target's local JMX connector; the JDK's loopback-only connector, as JConsole uses. */
    String localJmxAddress() throws CliException {
        try {
            return vm.startLocalManagementAgent();
        } catch (IOException | RuntimeException failure) {
            throw new CliException("cannot open JMX in JVM " + pid + ": " + oneLine(failure), CliException.FAILED);
        }
    }

    String pid() {
        return pid;
    }

    @Override
    public void close() {
        try {
            vm.detach();
        } catch (IOException ignored) {
            // The connection is gone either way.
        }
    }

    private String dynamicLoadingHint() {
        String version = null;
        try {
            version = vm.getSystemProperties().getProperty("java.specification.version");
        } catch (IOException | RuntimeException unknown) {
            // fall through to the generic hint
        }
        return " (if it runs Java 21 or later with -XX:-EnableDynamicAgentLoading, restart it with"
                + " -XX:+EnableDynamicAgentLoading or start it with -javaagent instead"
                + (version == null ? "" : "; it runs Java " + version) + ")";
    }

    static String oneLine(Throwable failure) {
        String message = failure.getMessage();
        String text = message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
        return text.replaceAll("\\s+", " ").trim();
    }
}
