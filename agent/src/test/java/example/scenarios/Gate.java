package example.scenarios;

import java.util.concurrent.CountDownLatch;

/**
 * A one-way gate tasks wait at until the scenario opens it. Waiting ignores interrupts (and
 * restores the flag afterwards), so that {@code shutdownNow} cannot turn a held task into a
 * failed one.
 */
final class Gate {

    private final CountDownLatch open = new CountDownLatch(1);

    void open() {
        open.countDown();
    }

    void pass() {
        boolean interrupted = false;
        while (true) {
            try {
                open.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
