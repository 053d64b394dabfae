package io.futurist.agent.testing;

import java.util.concurrent.CountDownLatch;

/** A child for {@code ChildJvmIT}: says it started, then waits for ever. */
public final class HangingMain {

    private HangingMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println("started");
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
