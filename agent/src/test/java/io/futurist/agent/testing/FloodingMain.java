package io.futurist.agent.testing;

import java.io.PrintStream;

/**
 * A child for {@code ChildJvmIT}: writes {@code args[0]} lines to stdout and to stderr,
 * alternating, without waiting for anyone to read, then exits with status 3.
 */
public final class FloodingMain {

    private FloodingMain() {
    }

    public static void main(String[] args) {
        int lines = Integer.parseInt(args[0]);
        String filler = "x".repeat(100);
        PrintStream out = System.out;
        PrintStream err = System.err;
        for (int i = 0; i < lines; i++) {
            out.println("out " + i + " " + filler);
            err.println("err " + i + " " + filler);
        }
        out.flush();
        err.flush();
        System.exit(3);
    }
}
