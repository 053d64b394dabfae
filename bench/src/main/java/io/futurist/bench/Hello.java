package io.futurist.bench;

/** The smallest application: prints one line. Start-up is timed to that line, with and without the agent. */
public final class Hello {

    /** The line printed; the timer waits for it. */
    static final String LINE = "hello from a plain JVM";

    private Hello() {
    }

    /** Prints {@link #LINE}. */
    public static void main(String[] args) {
        System.out.println(LINE);
    }
}
