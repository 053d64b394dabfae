package io.futurist.agent.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Children that several test classes read, run together (through {@link ChildJvm#runAll}) the
 * first time any of them is asked for, once per test JVM. Starting the agent is most of a
 * child's time, so a family of test classes that shares one batch keeps every CPU busy instead
 * of waiting for each class's own children in turn.
 */
public final class ChildBatch {

    private final List<ChildJvm> children;
    private Map<List<String>, ChildJvm.Result> results;

    /** A batch of {@code children}, none started yet. */
    public ChildBatch(List<ChildJvm> children) {
        this.children = List.copyOf(children);
    }

    /**
     * What {@code child} did, running the whole batch first if nothing of it has run yet.
     *
     * @throws IllegalArgumentException if {@code child} is not part of this batch
     */
    public synchronized ChildJvm.Result result(ChildJvm child) {
        if (results == null) {
            List<ChildJvm.Result> all = ChildJvm.runAll(children);
            Map<List<String>, ChildJvm.Result> byCommand = new HashMap<>();
            for (int i = 0; i < children.size(); i++) {
                byCommand.put(children.get(i).command(), all.get(i));
            }
            results = byCommand;
        }
        ChildJvm.Result result = results.get(child.command());
        if (result == null) {
            throw new IllegalArgumentException("not part of this batch: " + child.command());
        }
        return result;
    }
}
