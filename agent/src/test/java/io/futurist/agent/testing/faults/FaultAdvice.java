package io.futurist.agent.testing.faults;

import net.bytebuddy.asm.Advice;

/**
 * The advice {@link FaultAgent} inlines into Futurist's classes: each only asks
 * {@link FaultSwitch} whether its kind of fault is armed.
 */
final class FaultAdvice {

    private FaultAdvice() {
    }

    static final class Registry {
        @Advice.OnMethodEnter
        static void enter() {
            FaultSwitch.hit("registry");
        }
    }

    static final class Histogram {
        @Advice.OnMethodEnter
        static void enter() {
            FaultSwitch.hit("histogram");
        }
    }

    static final class Report {
        @Advice.OnMethodEnter
        static void enter() {
            FaultSwitch.hit("report");
        }
    }
}
