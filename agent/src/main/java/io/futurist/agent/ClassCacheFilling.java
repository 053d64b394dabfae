package io.futurist.agent;

import io.futurist.agent.instrument.ClassCache;
import io.futurist.agent.instrument.Instrumenter;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.Map;

/**
 * What {@code java -jar futurist-agent.jar cache <dir>} does in its own JVM: the same steps as a
 * start-up under the agent up to the point where the classes would be redefined — the
 * bootstrap classes in place, every hook built, each target class handed over by the JVM and
 * rewritten — and then the bytes stored instead of installed. Nothing in this JVM is changed.
 */
public final class ClassCacheFilling {

    private ClassCacheFilling() {
    }

    /** The outcome: the file written, how many classes it holds rewritten, how many must go the normal way. */
    public static final class Filled {
        /** The file written. */
        public final Path file;
        /** Classes stored rewritten. */
        public final int rewritten;
        /** Classes whose hooks did not all apply in one pass: rewritten at start-up the normal way. */
        public final int normalWay;

        Filled(Path file, int rewritten, int normalWay) {
            this.file = file;
            this.rewritten = rewritten;
            this.normalWay = normalWay;
        }
    }

    /**
     * Rewrites the JDK classes the agent instruments and stores them in {@code directory}.
     *
     * @throws IOException with a message fit for one line if the directory is unsafe or cannot be written
     */
    public static Filled fill(Instrumentation instrumentation, Path directory) throws IOException {
        BootstrapJar.install(instrumentation);
        // As at start-up: what building the hooks reads of java.util.concurrent must be open.
        AgentRuntime.openConcurrencyPackage(instrumentation);
        Map<String, byte[][]> classes = Instrumenter.rewriteForCache(instrumentation);
        Path file = ClassCache.write(directory, AgentJar.read(BootstrapJar.agentJar()).fingerprint(), classes);
        int rewritten = 0;
        for (byte[][] bytes : classes.values()) {
            if (bytes[1] != null) {
                rewritten++;
            }
        }
        return new Filled(file, rewritten, classes.size() - rewritten);
    }
}
