package example.scenarios;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * The JDK's default thread factory, remembering the threads it made so that a scenario can
 * wait until every worker of a terminated pool has really finished: the last worker signals
 * {@code awaitTermination} from inside {@code tryTerminate}, a little before it returns.
 */
final class WorkerThreads implements ThreadFactory {

    private final ThreadFactory threads = Executors.defaultThreadFactory();
    private final List<Thread> made = new CopyOnWriteArrayList<>();

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = threads.newThread(task);
        made.add(thread);
        return thread;
    }

    /** Waits until every thread made so far has ended. */
    void joinAll() throws InterruptedException {
        for (Thread thread : made) {
            thread.join();
        }
    }
}
