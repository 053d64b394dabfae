package io.futurist.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ForkJoinTagsTest {

    @Test
    void theStatusFieldIsReachedWhenJavaUtilConcurrentIsOpen() {
        // The tests open it as the agent does (pom.xml); without the handle every tag would go
        // through the JDK's compare-and-set again, silently.
        assertTrue(ForkJoinTags.plain());
    }

    @Test
    void aTagSetBeforePublicationIsTheTaskTag() {
        ForkJoinTask<?> task = ForkJoinTask.adapt(() -> { });
        ForkJoinTags.tagUnpublished(task, (short) 0x1234);
        assertEquals((short) 0x1234, task.getForkJoinTaskTag());
        ForkJoinTags.tagUnpublished(task, (short) 0xFFFF);
        assertEquals((short) 0xFFFF, task.getForkJoinTaskTag());
        assertFalse(task.isDone());
    }

    @Test
    void onlyTheTagItCarriesIsCleared() {
        ForkJoinTask<?> task = ForkJoinTask.adapt(() -> { });
        ForkJoinTags.tagUnpublished(task, (short) 7);
        assertFalse(ForkJoinTags.untagOwned(task, (short) 8));
        assertEquals((short) 7, task.getForkJoinTaskTag());
        assertTrue(ForkJoinTags.untagOwned(task, (short) 7));
        assertEquals((short) 0, task.getForkJoinTaskTag());
        assertFalse(ForkJoinTags.untagOwned(task, (short) 7));
    }

    @Test
    void theTasksOwnStatusBitsSurviveBothStores() throws Exception {
        ForkJoinTask<?> task = ForkJoinTask.adapt(() -> { });
        ForkJoinPool pool = new ForkJoinPool(1);
        try {
            pool.execute(task);
            task.get(10, TimeUnit.SECONDS);
        } finally {
            pool.shutdown();
        }
        assertTrue(task.isDone());
        ForkJoinTags.tagUnpublished(task, (short) 3);
        assertTrue(task.isDone());
        assertTrue(ForkJoinTags.untagOwned(task, (short) 3));
        assertTrue(task.isDone());
        assertFalse(task.isCompletedAbnormally());
    }
}
