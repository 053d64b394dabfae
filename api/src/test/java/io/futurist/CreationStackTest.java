package io.futurist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.futurist.internal.CreationSite;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The creation stack of an executor: the application's frames, innermost first, at most eight,
 * without the frames of the executor's own class hierarchy. (In this package, because frames of
 * {@code io.futurist.internal} are Futurist's own and never the application's.)
 */
class CreationStackTest {

    /** Built by its own constructor and by a static factory of its own: the caller is the site. */
    @Test
    void framesOfThePoolsOwnClassHierarchyAreSkipped() {
        int line = here(); OwnPool own = new OwnPool();
        assertEquals(getClass().getName() + ".framesOfThePoolsOwnClassHierarchyAreSkipped(CreationStackTest.java:" + line + ")",
                own.stack.get(0));
        line = here(); OwnPool made = OwnPool.create();
        assertEquals(getClass().getName() + ".framesOfThePoolsOwnClassHierarchyAreSkipped(CreationStackTest.java:" + line + ")",
                made.stack.get(0));
        own.shutdown();
        made.shutdown();
    }

    @Test
    void theStackKeepsAtMostEightFramesWithTheSiteFirst() {
        List<String> stack = deep(20);
        assertEquals(CreationSite.MAX_FRAMES, stack.size());
        assertEquals(CreationSite.find().substring(0, 20), stack.get(0).substring(0, 20));
        for (String frame : stack) {
            assertTrue(frame.startsWith(getClass().getName() + ".deep(CreationStackTest.java:"), frame);
        }
    }

    private static List<String> deep(int depth) {
        return depth == 0 ? CreationSite.stack(null) : deep(depth - 1);
    }

    private static int here() {
        return StackWalker.getInstance().walk(frames -> frames.skip(1).findFirst()).orElseThrow().getLineNumber();
    }

    /** An application's pool class, recording the creation stack as the agent would at its construction. */
    static final class OwnPool extends ThreadPoolExecutor {
        final List<String> stack;

        OwnPool() {
            super(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
            stack = CreationSite.stack(getClass());
        }

        static OwnPool create() {
            return new OwnPool();
        }
    }
}
