package io.futurist.demo;

import java.util.concurrent.RecursiveTask;

/**
 * Sums values per key over a slice of two parallel arrays, splitting the slice in halves and
 * forking one half until slices are small enough to sum in a loop.
 */
final class SumByKeyTask extends RecursiveTask<long[]> {
    /** Slices of at most this many elements are summed directly. */
    static final int SEQUENTIAL_THRESHOLD = 1_000;

    private final int[] keys;
    private final long[] values;
    private final int keyCount;
    private final int from;
    private final int to;

    /**
     * Sums the whole arrays.
     *
     * @param keys     the key of each element, in {@code [0, keyCount)}
     * @param values   the value of each element
     * @param keyCount how many distinct keys there can be
     */
    SumByKeyTask(int[] keys, long[] values, int keyCount) {
        this(keys, values, keyCount, 0, keys.length);
    }

    private SumByKeyTask(int[] keys, long[] values, int keyCount, int from, int to) {
        this.keys = keys;
        this.values = values;
        this.keyCount = keyCount;
        this.from = from;
        this.to = to;
    }

    @Override
    protected long[] compute() {
        if (to - from <= SEQUENTIAL_THRESHOLD) {
            long[] sums = new long[keyCount];
            for (int i = from; i < to; i++) {
                sums[keys[i]] += values[i];
            }
            return sums;
        }
        int middle = (from + to) >>> 1;
        SumByKeyTask left = new SumByKeyTask(keys, values, keyCount, from, middle);
        left.fork();
        long[] sums = new SumByKeyTask(keys, values, keyCount, middle, to).compute();
        long[] leftSums = left.join();
        for (int key = 0; key < keyCount; key++) {
            sums[key] += leftSums[key];
        }
        return sums;
    }
}
