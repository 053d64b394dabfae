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
                throw new CliException("cannot attach to pid " + pid
                        + ": it belongs to another user (attach as the user that runs it)", CliException.FAILED);
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
}
