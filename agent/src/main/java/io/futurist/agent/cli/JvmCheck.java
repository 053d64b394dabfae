package io.futurist.agent.cli;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Makes sure a process is a HotSpot JVM before anything is sent to it.
 *
 * <p>Why: on Linux the Attach API asks a process to open its attach listener by sending it
 * {@code SIGQUIT}. A JVM answers; almost any other program dies of it (or dumps core). So a
 * mistyped pid must be refused before attaching. On Linux the process's memory map says
 * whether {@code libjvm} is loaded; elsewhere the JVMs the Attach API lists are trusted.
 */
final class JvmCheck {

    private JvmCheck() {
    }

    static void requireJvm(String pid) throws CliException {
        Path proc = Paths.get("/proc", pid);
        if (Files.isDirectory(proc)) {
            Path maps = proc.resolve("maps");
            String content;
            try {
                content = new String(Files.readAllBytes(maps), StandardCharsets.ISO_8859_1);
            } catch (IOException | SecurityException unreadable) {
                throw new CliException(whyUnreadable(proc, pid, unreadable), CliException.FAILED);
            }
            if (!content.contains("/libjvm.so")) {
                throw new CliException("pid " + pid + " is not a JVM (jps -l lists the JVMs you can attach to)",
                        CliException.FAILED);
            }
            return;
        }
        for (VirtualMachineDescriptor jvm : VirtualMachine.list()) {
            if (jvm.id().equals(pid)) {
                return;
            }
        }
        throw new CliException("pid " + pid + " is not a JVM this user can see (jps -l lists the JVMs you can attach to)",
                CliException.FAILED);
    }

    /**
     * Why {@code /proc/<pid>/maps} could not be read: most often the process is another user's
     * (only its owner may look at its memory map, or attach), which its {@code /proc} entry's
     * owner tells; otherwise what the reading said.
     */
    private static String whyUnreadable(Path proc, String pid, Exception unreadable) {
        try {
            Object owner = Files.getAttribute(proc, "unix:uid");
            Object self = Files.getAttribute(Paths.get("/proc/self"), "unix:uid");
            if (!owner.equals(self)) {
                return "cannot attach to pid " + pid + ": it belongs to another user (uid " + owner
                        + "; attach as the user that runs it)";
            }
        } catch (IOException | RuntimeException unknown) {
            // No owner to compare: say what the reading said.
        }
        return "cannot attach to pid " + pid + ": cannot read " + proc.resolve("maps")
                + " to make sure it is a JVM (" + unreadable.getClass().getSimpleName() + ")";
    }
}
