package io.futurist.demo;

/** Placeholder. */
public final class DemoApplication {
    private DemoApplication() {
    }

    /** Entry point. */
    public static void main(String[] args) {
        System.out.println("demo");
    }
}
