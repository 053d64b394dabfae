package io.futurist.agent.cli;

import io.futurist.agent.ClassCacheFilling;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * {@code cache <dir>}: fills the class cache that {@code -javaagent:futurist-agent.jar=cache=<dir>}
 * reads, for the JDK this command runs on. A missing directory is made, readable by this user
 * only; an existing one must pass the same ownership checks as at start-up.
 */
final class CacheCommand {

    private CacheCommand() {
    }

    static int run(List<String> args, PrintStream out) throws CliException {
        if (args.size() != 1) {
            throw new CliException("usage: cache <directory>", CliException.USAGE);
        }
        Instrumentation instrumentation = LauncherInstrumentation.get();
        if (instrumentation == null) {
            throw new CliException("run this command as java -jar futurist-agent.jar cache <directory>", CliException.USAGE);
        }
        Path directory = Paths.get(args.get(0)).toAbsolutePath().normalize();
        try {
            if (!Files.exists(directory)) {
                Files.createDirectories(directory,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            ClassCacheFilling.Filled filled = ClassCacheFilling.fill(instrumentation, directory);
            out.println("futurist: stored " + filled.rewritten + " rewritten JDK classes for Java "
                    + System.getProperty("java.runtime.version") + " in " + filled.file
                    + (filled.normalWay == 0 ? "" : " (" + filled.normalWay + " more are rewritten at start-up the normal way)")
                    + "; start the application with -javaagent:futurist-agent.jar=cache=" + directory);
            return 0;
        } catch (IOException | UnsupportedOperationException | SecurityException failed) {
            throw new CliException(failed.getMessage() == null ? failed.toString() : failed.getMessage(), CliException.FAILED);
        }
    }
}
