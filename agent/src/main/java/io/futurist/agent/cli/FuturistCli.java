package io.futurist.agent.cli;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar futurist-agent.jar <command>}: attach the agent to a running JVM, show its
 * executors, detach it again. Every error is one line on stderr and a non-zero exit status
 * (2 for bad arguments, 1 when the target could not do what was asked); the target JVM is
 * never harmed by a failed command.
 */
public final class FuturistCli {

    static final String USAGE = String.join("\n",
            "Usage: java -jar futurist-agent.jar <command>",
            "",
            "  attach <pid> [options]   load the agent into the running JVM <pid>",
            "                           options (as for -javaagent): report=exit|none, jmx=true|false,",
            "                           timing=adaptive|all|off, prometheus=[HOST:]PORT,",
            "                           slowRun=DURATION, slowQueue=DURATION, cache=<dir>",
            "  stats <pid> [--json] [--sort FIELD]",
            "                           the executors of JVM <pid> (the agent must be attached, with jmx=true),",
            "                           by id, or largest FIELD first (any key of the JSON: queued, rejected, ...)",
            "  top <pid> [--interval SECONDS] [--once]",
            "                           the executors of JVM <pid>, busiest first, redrawn every interval",
            "                           (default 2 s); --once prints one frame and exits",
            "  leaks <pid> [--json] [--idle SECONDS]",
            "                           executors idle for SECONDS (default 60) and never shut down,",
            "                           by creation site, and the sites that keep making executors",
            "  detach <pid>             remove the agent's instrumentation from JVM <pid>",
            "  cache <dir>              store the JDK classes as the agent rewrites them in <dir>, for this JDK;",
            "                           then -javaagent:futurist-agent.jar=cache=<dir> starts without Byte Buddy",
            "  --help                   this text",
            "",
            "JVMs of Java 21 and later print a warning when an agent is loaded dynamically (JEP 451);",
            "a JVM started with -XX:-EnableDynamicAgentLoading refuses attach: start it with",
            "-XX:+EnableDynamicAgentLoading, or with -javaagent:futurist-agent.jar from the start.",
            "To find pids: jps -l");

    private FuturistCli() {
    }

    /**
     * Runs one command and exits with its status.
     *
     * @param args the command and its arguments
     */
    public static void main(String[] args) {
        int status = run(Arrays.asList(args), System.out, System.err);
        System.exit(status);
    }

    /** Runs one command, printing to {@code out} and {@code err}; returns the exit status. */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        try {
            if (args.isEmpty()) {
                throw new CliException("no command given; try --help", CliException.USAGE);
            }
            String command = args.get(0);
            List<String> rest = args.subList(1, args.size());
            switch (command) {
                case "--help":
                case "-h":
                case "help":
                    out.println(USAGE);
                    return 0;
                case "attach":
                    return Commands.attach(rest, agentJar(), out);
                case "stats":
                    return Commands.stats(rest, out);
                case "top":
                    return Top.run(rest, out, err);
                case "leaks":
                    return Commands.leaks(rest, out);
                case "detach":
                    return Commands.detach(rest, agentJar(), out);
                case "cache":
                    return CacheCommand.run(rest, out);
                default:
                    throw new CliException("unknown command '" + command + "'; try --help", CliException.USAGE);
            }
        } catch (CliException failure) {
            err.println("futurist: " + failure.getMessage());
            return failure.status();
        } catch (RuntimeException | LinkageError unexpected) {
            err.println("futurist: unexpected failure: " + TargetJvm.oneLine(unexpected));
            return CliException.FAILED;
        }
    }

    private static String agentJar() throws CliException {
        try {
            Path jar = Paths.get(FuturistCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!jar.toString().endsWith(".jar")) {
                throw new CliException("run this command from futurist-agent.jar (java -jar futurist-agent.jar ...)",
                        CliException.USAGE);
            }
            return jar.toAbsolutePath().toString();
        } catch (URISyntaxException | RuntimeException unknown) {
            throw new CliException("cannot locate futurist-agent.jar: " + TargetJvm.oneLine(unknown), CliException.FAILED);
        }
    }
}
