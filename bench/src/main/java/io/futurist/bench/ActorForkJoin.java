package io.futurist.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * An actor-style {@code ForkJoinPool}, as Pekko's dispatchers use one: a 2-thread pool in
 * asynchronous (FIFO) mode in which {@value #CHAINS} chains of tiny tasks run at once, each
 * task {@code execute}-ing the next of its chain from inside the pool — a ping-pong of
 * messages, millions a second. Every hop is a task that enters the pool through its public
 * submission path, so under the agent every hop is counted (and, under {@code timing=all},
 * timed). One operation is {@value #HOPS} hops in all, awaited on one latch; the score is hops
 * per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ActorForkJoin {

    /** Chains running at once: more than the pool's threads, as actors outnumber them. */
    static final int CHAINS = 8;
    /** Hops per operation, over all chains. */
    static final int HOPS = 80_000;

    private ForkJoinPool pool;

    @Setup(Level.Trial)
    public void start() {
        pool = new ForkJoinPool(2, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Benchmark
    @OperationsPerInvocation(HOPS)
    public void pingPong(CpuCost cpu) throws InterruptedException {
        long start = cpu.start();
        CountDownLatch chains = new CountDownLatch(CHAINS);
        for (int c = 0; c < CHAINS; c++) {
            pool.execute(new Hop(pool, HOPS / CHAINS, chains));
        }
        chains.await();
        cpu.end(start, HOPS);
    }

    /** One message: hands the next one of its chain to the pool, from inside the pool. */
    static final class Hop implements Runnable {
        private final ForkJoinPool pool;
        private final int left;
        private final CountDownLatch done;

        Hop(ForkJoinPool pool, int left, CountDownLatch done) {
            this.pool = pool;
            this.left = left;
            this.done = done;
        }

        @Override
        public void run() {
            if (left > 1) {
                pool.execute(new Hop(pool, left - 1, done));
            } else {
                done.countDown();
            }
        }
    }
}
