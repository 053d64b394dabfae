package io.futurist;

import java.util.AbstractCollection;
import java.util.Collections;
import java.util.Iterator;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

/**
 * Asks a JDK delegating wrapper ({@code Executors.unconfigurableExecutorService(...)} and the
 * like) which of Futurist's own executors it wraps, without the reflection into
 * {@code java.util.concurrent} that only the agent can open.
 *
 * <p>How: the wrappers pass {@code invokeAll(tasks)} on to the executor inside as it is. This
 * collection of no tasks is recognised by {@link FuturistExecutorService#invokeAll}, which
 * writes itself into it; any other executor iterates over nothing and returns at once, so
 * nothing is submitted, run or counted anywhere.
 */
final class WrapperQuery extends AbstractCollection<Callable<Object>> {

    private Executor inside;

    private WrapperQuery() {
    }

    /** The Futurist executor that {@code wrapper}, a JDK wrapper, passes calls to; {@code null} if none. */
    static Executor ask(ExecutorService wrapper) {
        WrapperQuery query = new WrapperQuery();
        try {
            wrapper.invokeAll(query);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt(); // not ours to swallow
        } catch (RuntimeException refused) {
            // A wrapper shut down, or something else inside: nothing to learn.
        }
        return query.inside;
    }

    /** Called by the Futurist executor the query reached. */
    void answer(Executor executor) {
        inside = executor;
    }

    @Override
    public Iterator<Callable<Object>> iterator() {
        return Collections.emptyIterator();
    }

    @Override
    public int size() {
        return 0;
    }
}
