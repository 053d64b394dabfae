package io.futurist.agent.report;

import java.io.PrintStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.Charset;
import java.util.Locale;

/**
 * Durations for people — {@code 850ns}, {@code 12.3µs}, {@code 4.56ms}, {@code 1.20s} — in the
 * units a given output stream can print: where its charset cannot encode {@code µ} (an
 * {@code US-ASCII} terminal or log), microseconds are written {@code us} instead of coming out
 * as {@code ?s}.
 */
public enum DurationText {

    /** Microseconds as {@code µs}. */
    MICRO_SIGN("µs"),
    /** Microseconds as {@code us}, for streams that cannot encode {@code µ}. */
    ASCII("us");

    /** {@code PrintStream.charset()}, Java 18+; {@code null} before. */
    private static final MethodHandle CHARSET = charsetAccessor();

    private final String micros;

    DurationText(String micros) {
        this.micros = micros;
    }

    /** The text that prints correctly on {@code stream}. */
    public static DurationText forStream(PrintStream stream) {
        return forCharset(charsetOf(stream));
    }

    /** The text that {@code charset} can encode. */
    public static DurationText forCharset(Charset charset) {
        return charset.canEncode() && charset.newEncoder().canEncode('µ') ? MICRO_SIGN : ASCII;
    }

    /** {@code nanos} in the largest unit that leaves a whole number before the point. */
    public String format(long nanos) {
        if (nanos < 1_000) {
            return nanos + "ns";
        }
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f", nanos / 1e3) + micros;
        }
        if (nanos < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.2fms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.2fs", nanos / 1e9);
    }

    /**
     * The charset {@code stream} encodes with. Java 18+ says so ({@code PrintStream.charset()}).
     * On Java 17 the JVM made {@code System.out} and {@code System.err} with
     * {@code sun.stdout.encoding} / {@code sun.stderr.encoding} where set (a console), else with
     * the default charset; any other stream is taken to use the default charset.
     */
    static Charset charsetOf(PrintStream stream) {
        if (CHARSET != null) {
            try {
                return (Charset) CHARSET.invokeExact(stream);
            } catch (Throwable unexpected) {
                // Fall through to what Java 17 would have done.
            }
        }
        String property = stream == System.err ? "sun.stderr.encoding" : stream == System.out ? "sun.stdout.encoding" : null;
        String name = property == null ? null : System.getProperty(property);
        if (name != null) {
            try {
                return Charset.forName(name);
            } catch (IllegalArgumentException unsupported) {
                // The JVM fell back to the default charset too.
            }
        }
        return Charset.defaultCharset();
    }

    private static MethodHandle charsetAccessor() {
        try {
            return MethodHandles.publicLookup().findVirtual(PrintStream.class, "charset", MethodType.methodType(Charset.class));
        } catch (NoSuchMethodException | IllegalAccessException beforeJava18) {
            return null;
        }
    }
}
