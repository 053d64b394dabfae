package io.futurist.agent.probe;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For tests that call the probes as hooks would: recording is on for the test class, as after
 * an agent's start, and off again after it ({@code @ExtendWith(Recording.class)}).
 */
final class Recording implements BeforeAllCallback, AfterAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        TaskLedger.recording(true);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        TaskLedger.recording(false);
    }
}
