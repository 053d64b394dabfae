package io.futurist.agent.instrument;

import java.util.Collections;
import java.util.List;

/** The hooks on {@code ForkJoinPool} (to come). */
final class ForkJoinHooks {

    private ForkJoinHooks() {
    }

    static List<Hook> all() {
        return Collections.emptyList();
    }
}
