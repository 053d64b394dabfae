package io.futurist.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.futurist.agent.testing.RequiresJava;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Durations print in units the output can encode: {@code µs}, or {@code us} where {@code µ} would come out as {@code ?}. */
class DurationTextTest {

    @Test
    void formatsEachRangeInItsUnit() {
        assertEquals("850ns", DurationText.MICRO_SIGN.format(850));
        assertEquals("12.3µs", DurationText.MICRO_SIGN.format(12_345));
        assertEquals("12.3us", DurationText.ASCII.format(12_345));
        assertEquals("4.56ms", DurationText.ASCII.format(4_561_000));
        assertEquals("1.20s", DurationText.ASCII.format(1_200_000_000));
    }

    @Test
    void choosesByWhatTheCharsetCanEncode() {
        assertEquals(DurationText.MICRO_SIGN, DurationText.forCharset(StandardCharsets.UTF_8));
        assertEquals(DurationText.MICRO_SIGN, DurationText.forCharset(StandardCharsets.ISO_8859_1));
        assertEquals(DurationText.ASCII, DurationText.forCharset(StandardCharsets.US_ASCII));
    }

    /** Java 18+ tells a stream's charset; before, only the JVM's own streams are known. */
    @Test
    @RequiresJava(min = 18, reason = "PrintStream.charset() arrived in Java 18")
    void readsTheCharsetOfAnyStream() {
        PrintStream ascii = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.US_ASCII);
        assertEquals(DurationText.ASCII, DurationText.forStream(ascii));
        PrintStream utf8 = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(DurationText.MICRO_SIGN, DurationText.forStream(utf8));
    }

    @Test
    void anotherStreamOnJava17IsTakenToUseTheDefaultCharset() {
        PrintStream stream = new PrintStream(new ByteArrayOutputStream(), true, Charset.defaultCharset());
        assertEquals(DurationText.forCharset(Charset.defaultCharset()), DurationText.forStream(stream));
    }
}
