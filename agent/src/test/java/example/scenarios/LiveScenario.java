package example.scenarios;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A service that keeps running while the tests attach the agent to it, read it with
 * {@code stats}, detach and attach again (the child of {@code RunningChild}).
 *
 * <p>Before anything else it builds four pools and starts all their workers: {@code busy} (a
 * fixed pool of 3) and {@code busyfj} (a {@code ForkJoinPool} of 3) — whose workers the test
 * can keep inside running tasks across an attach ({@code hold}) — and {@code idle},
 * {@code idlefj}, the same kinds, whose workers wait for work. Then it answers commands read
 * from stdin, one per line, {@code <id> <command> <args>}, each answer ending with
 * {@code #done<TAB><id>}:
 * <ul>
 *   <li>{@code hold} — every worker of the busy pools enters a task held at a gate, and five
 *       tasks queue behind them; {@code release} opens the gates and checks those tasks'
 *       values ({@code #result release-<pool>});</li>
 *   <li>{@code batch <tag> <n>} — exactly {@code n} tasks into each pool, each checked to have
 *       run once with the right value ({@code #result <tag>-<pool>}); then, every worker idle,
 *       the lookup of each pool ({@code #stats <tag>-<pool>}, see {@link Report#lookup});</li>
 *   <li>{@code look <tag>} — the lookup of each pool now, without new work;</li>
 *   <li>{@code churn} — starts {@link Churn} on two pools of its own, until {@code end};</li>
 *   <li>{@code jmx <tag>} — each pool's MBean as this JVM's platform MBean server shows it
 *       ({@code #jmx <tag>-<pool>}), and {@code #jmx <tag>} the count of Futurist MBeans;</li>
 *   <li>{@code census <tag>} — only that count, at once;</li>
 *   <li>{@code shutdown <pool> <tag>} — shuts that pool down and waits for its end, then its
 *       lookup, and whether its MBean went away ({@code #jmx <tag>});</li>
 *   <li>{@code end} — stops the churn ({@code #result churn}), shuts every pool down and
 *       prints their final lookups ({@code #stats end-<pool>}).</li>
 * </ul>
 * Every answer starts with {@code #env jvm}. When stdin ends the scenario exits with status 0;
 * a command that fails prints {@code #failed<TAB><id>} and exits with 3.
 */
public final class LiveScenario {

    private static final int QUEUED_BEHIND_HELD = 5;

    private final Map<String, LivePool> pools = new LinkedHashMap<>();
    private final LivePool churnFixed = LivePool.fixed("churn", 2);
    private final LivePool churnForkJoin = LivePool.forkJoin("churnfj", 2);
    private final Churn churn = new Churn(List.of(churnFixed, churnForkJoin));
    private boolean churning;

    private LiveScenario() {
        for (LivePool pool : List.of(LivePool.fixed("busy", 3), LivePool.forkJoin("busyfj", 3),
                LivePool.fixed("idle", 3), LivePool.forkJoin("idlefj", 3))) {
            pools.put(pool.label(), pool);
        }
    }

    public static void main(String[] args) throws Exception {
        LiveScenario scenario = new LiveScenario();
        for (LivePool pool : scenario.pools.values()) {
            pool.warmUp();
        }
        scenario.churnFixed.warmUp();
        scenario.churnForkJoin.warmUp();
        Conversation.run(scenario::answer);
        System.exit(0);
    }

    private void answer(String[] words) throws Exception {
        switch (words[1]) {
            case "hold":
                for (LivePool pool : busyPools()) {
                    pool.hold(QUEUED_BEHIND_HELD);
                }
                break;
            case "release":
                for (LivePool pool : busyPools()) {
                    Report.result("release-" + pool.label(), pool.release());
                }
                break;
            case "batch":
                int tasks = Integer.parseInt(words[3]);
                for (LivePool pool : pools.values()) {
                    Report.result(words[2] + "-" + pool.label(), pool.batch(tasks));
                }
                look(words[2]);
                break;
            case "look":
                look(words[2]);
                break;
            case "churn":
                churning = true;
                churn.start();
                break;
            case "jmx":
                for (LivePool pool : pools.values()) {
                    Report.print("jmx", words[2] + "-" + pool.label(), Mbeans.awaitExecutor(idOf(pool)));
                }
                Report.print("jmx", words[2], Mbeans.census());
                break;
            case "census":
                Report.print("jmx", words[2], Mbeans.census());
                break;
            case "shutdown":
                LivePool pool = pools.remove(words[2]);
                long id = idOf(pool);
                pool.shutDown();
                Report.lookup(words[3], pool.executor(), pool.futuristName());
                Report.print("jmx", words[3], Mbeans.awaitGone(id));
                break;
            case "end":
                if (churning) {
                    Report.result("churn", churn.stop());
                }
                churnFixed.shutDown();
                churnForkJoin.shutDown();
                for (LivePool each : pools.values()) {
                    each.shutDown();
                    Report.lookup("end-" + each.label(), each.executor(), each.futuristName());
                }
                break;
            default:
                throw new IllegalArgumentException("unknown command " + String.join(" ", words));
        }
    }

    private List<LivePool> busyPools() {
        return List.of(pools.get("busy"), pools.get("busyfj"));
    }

    /** Every pool's lookup, with every worker idle: nothing of their work is left to record. */
    private void look(String tag) throws Exception {
        for (LivePool pool : pools.values()) {
            pool.awaitIdle();
        }
        for (LivePool pool : pools.values()) {
            Report.lookup(tag + "-" + pool.label(), pool.executor(), pool.futuristName());
        }
    }

    /** The id Futurist gives {@code pool}; fails unless exactly one tracked executor has its name. */
    private static long idOf(LivePool pool) {
        String[] fields = FuturistView.lookup(pool.executor(), pool.futuristName());
        for (String field : fields) {
            if (field.startsWith("id=")) {
                return Long.parseLong(field.substring(3));
            }
        }
        throw new IllegalStateException("no tracked executor named " + pool.futuristName() + ": " + String.join(" ", fields));
    }
}
