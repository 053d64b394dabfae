package io.futurist;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A concurrent log-linear histogram of durations in nanoseconds.
 *
 * <p>Design: values below 16 ns have a bucket each; above, every power of two is split into
 * 16 equal sub-buckets, so a bucket is never wider than 1/16 of its lower bound and its
 * midpoint is within 1/32 (3.2%) of any value in it. Values from about 76 hours on land in the
 * top bucket.
 *
 * <p>Concurrency: the counters are striped, like a {@code LongAdder}'s cells. Workers of one
 * pool run tasks of similar length, so a single array would have them increment the very same
 * counter, and the cache line would travel between cores on every task. Each thread records
 * into the stripe its id selects; stripes are created when first used. Recording is one
 * {@link AtomicLongArray#getAndIncrement}: wait-free, allocation-free once the stripe exists.
 * The reader pays for summing the stripes. Memory: 5.8 KB per stripe in use, at most
 * {@link #STRIPES} (twice the processors, rounded up to a power of two, at most 16).
 */
final class LatencyHistogram {

    private static final int SUB_BUCKET_BITS = 4;
    private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
    /** Highest power of two with buckets of its own; larger values share the top bucket. */
    private static final int MAX_EXPONENT = 47;
    static final int BUCKETS = (MAX_EXPONENT - SUB_BUCKET_BITS + 2) * SUB_BUCKETS;

    static final int STRIPES = stripeCount(Runtime.getRuntime().availableProcessors());

    private final AtomicReferenceArray<AtomicLongArray> stripes = new AtomicReferenceArray<>(STRIPES);

    /** Records one duration; negative values (a clock that stepped back) count as zero. */
    @SuppressWarnings("deprecation") // Thread.getId(): threadId() is Java 19+, and this is the same number.
    void record(long nanos) {
        int stripe = (int) Thread.currentThread().getId() & (STRIPES - 1);
        AtomicLongArray counts = stripes.get(stripe);
        if (counts == null) {
            stripes.compareAndSet(stripe, null, new AtomicLongArray(BUCKETS));
            counts = stripes.get(stripe);
        }
        counts.getAndIncrement(bucketOf(nanos));
    }

    Snapshot snapshot(long exactMax) {
        long[] copy = new long[BUCKETS];
        long total = addTo(copy);
        return total == 0 ? Snapshot.EMPTY : new Snapshot(copy, total, exactMax);
    }

    /** Adds every stripe's counts into {@code sums} ({@link #BUCKETS} long); returns how many values that was. */
    long addTo(long[] sums) {
        long total = 0;
        for (int s = 0; s < STRIPES; s++) {
            AtomicLongArray counts = stripes.get(s);
            if (counts == null) {
                continue;
            }
            for (int i = 0; i < BUCKETS; i++) {
                long c = counts.get(i);
                sums[i] += c;
                total += c;
            }
        }
        return total;
    }

    static int stripeCount(int processors) {
        int wanted = Math.max(1, Math.min(16, processors * 2));
        return Integer.highestOneBit(wanted * 2 - 1); // the power of two at or above wanted
    }

    static int bucketOf(long nanos) {
        if (nanos < SUB_BUCKETS) {
            return nanos <= 0 ? 0 : (int) nanos;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(nanos);
        if (exponent > MAX_EXPONENT) {
            return BUCKETS - 1;
        }
        int subBucket = (int) (nanos >>> (exponent - SUB_BUCKET_BITS)) & (SUB_BUCKETS - 1);
        return (exponent - SUB_BUCKET_BITS + 1) * SUB_BUCKETS + subBucket;
    }

    static long lowerBound(int bucket) {
        if (bucket < SUB_BUCKETS) {
            return bucket;
        }
        int exponent = bucket / SUB_BUCKETS + SUB_BUCKET_BITS - 1;
        long subBucket = bucket % SUB_BUCKETS;
        return (1L << exponent) + (subBucket << (exponent - SUB_BUCKET_BITS));
    }

    static long representative(int bucket) {
        if (bucket < SUB_BUCKETS) {
            return bucket;
        }
        int exponent = bucket / SUB_BUCKETS + SUB_BUCKET_BITS - 1;
        long width = 1L << (exponent - SUB_BUCKET_BITS);
        return lowerBound(bucket) + (width - 1) / 2;
    }

    /** An immutable copy of the counters, with the queries the statistics need. */
    static final class Snapshot {

        static final Snapshot EMPTY = new Snapshot(new long[0], 0, 0);

        private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

        private final long[] counts;
        private final long count;
        private final long exactMax;

        Snapshot(long[] counts, long count, long exactMax) {
            this.counts = counts;
            this.count = count;
            this.exactMax = exactMax;
        }

        long count() {
            return count;
        }

        /**
         * How many recorded values fall in buckets whose representative value is at or below
         * {@code nanos}: the cumulative count an exporter's bucket boundary asks for, within the
         * histogram's relative error.
         */
        long countAtOrBelow(long nanos) {
            long seen = 0;
            for (int i = 0; i < counts.length && representative(i) <= nanos; i++) {
                seen += counts[i];
            }
            return seen;
        }

        /**
         * The values recorded here and not in {@code earlier}, an earlier snapshot of the same
         * histogram (counts only grow, so each bucket subtracts); the exact maximum of the
         * interval is unknown and {@code exactMax} stands for it.
         */
        Snapshot minus(Snapshot earlier, long exactMax) {
            if (earlier.count == 0) {
                return this;
            }
            long[] diff = new long[Math.max(counts.length, earlier.counts.length)];
            long total = 0;
            for (int i = 0; i < diff.length; i++) {
                long now = i < counts.length ? counts[i] : 0;
                long then = i < earlier.counts.length ? earlier.counts[i] : 0;
                diff[i] = Math.max(0, now - then);
                total += diff[i];
            }
            return total == 0 ? EMPTY : new Snapshot(diff, total, exactMax);
        }

        /** The values recorded here and in {@code other}, with {@code exactMax} the largest of them all. */
        Snapshot plus(Snapshot other, long exactMax) {
            if (other.count == 0 && exactMax == this.exactMax) {
                return this;
            }
            long[] sum = Arrays.copyOf(counts, Math.max(counts.length, other.counts.length));
            for (int i = 0; i < other.counts.length; i++) {
                sum[i] += other.counts[i];
            }
            long total = count + other.count;
            return total == 0 ? EMPTY : new Snapshot(sum, total, exactMax);
        }

        /**
         * Nearest-rank percentile: the smallest recorded value with at least p% of values at or
         * below it, within 1/32; exact when that value is the maximum and the maximum is known.
         */
        long valueAtPercentile(double p) {
            if (!(p >= 0.0 && p <= 100.0)) {
                throw new IllegalArgumentException("percentile must be in [0, 100]: " + p);
            }
            if (count == 0) {
                return 0;
            }
            long rank = rank(p, count);
            if (rank == count && exactMax > 0) {
                return exactMax; // the largest value is known exactly: p100 is maxRuntime(), not its bucket's midpoint
            }
            long seen = 0;
            for (int i = 0; i < counts.length; i++) {
                seen += counts[i];
                if (seen >= rank) {
                    long value = representative(i);
                    // The top bucket of a histogram holds its exact maximum; never report past it.
                    return exactMax > 0 ? Math.min(value, exactMax) : value;
                }
            }
            return exactMax;
        }

        /**
         * The 1-based nearest rank, {@code ceil(p / 100 * count)}, computed on {@code p} as the
         * decimal it is written as: in binary floating point {@code 99.9 / 100 * 1000} comes out
         * a hair above 999, and a plain {@code ceil} then picks the maximum instead of the 999th
         * value. Exact decimal arithmetic costs an allocation, on the reader's side only.
         */
        private static long rank(double p, long count) {
            long rank = BigDecimal.valueOf(p).multiply(BigDecimal.valueOf(count))
                    .divide(HUNDRED).setScale(0, RoundingMode.CEILING).longValueExact();
            return Math.max(1, rank);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Snapshot && count == ((Snapshot) other).count
                    && Arrays.equals(counts, ((Snapshot) other).counts);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(count);
        }
    }
}
