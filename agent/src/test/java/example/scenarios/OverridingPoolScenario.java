package example.scenarios;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;

/**
 * A service whose pools override {@code beforeExecute} without calling {@code super} (as
 * Spring's {@code ThreadPoolTaskExecutor} does), started without the agent: {@code busyov},
 * whose workers the test keeps inside running tasks across the attach ({@code hold}), and
 * {@code idleov}, whose workers wait for work inside {@code getTask} at the attach. It has used
 * the common pool once before the attach. Commands, one per stdin line, as {@link LiveScenario}'s:
 * <ul>
 *   <li>{@code hold}, {@code release} — the busy pool's workers held at a gate, five tasks
 *       queued behind them, and let go ({@code #result release-busyov});</li>
 *   <li>{@code batch <tag> <n>} — exactly {@code n} tasks into each pool, then, every worker
 *       idle, each pool's lookup ({@code #stats <tag>-<pool>}) and the common pool's
 *       ({@code #stats <tag>-common}, with its shape);</li>
 *   <li>{@code end} — shuts the pools down, their final lookups ({@code #stats end-<pool>}).</li>
 * </ul>
 */
public final class OverridingPoolScenario {

    private static final int QUEUED_BEHIND_HELD = 5;

    private final Map<String, LivePool> pools = new LinkedHashMap<>();

    private OverridingPoolScenario() {
        for (LivePool pool : List.of(LivePool.overridingBeforeExecute("busyov", 3),
                LivePool.overridingBeforeExecute("idleov", 3))) {
            pools.put(pool.label(), pool);
        }
    }

    public static void main(String[] args) throws Exception {
        OverridingPoolScenario scenario = new OverridingPoolScenario();
        for (LivePool pool : scenario.pools.values()) {
            pool.warmUp();
        }
        ForkJoinPool.commonPool().submit(() -> { }).get();
        Conversation.run(scenario::answer);
        System.exit(0);
    }

    private void answer(String[] words) throws Exception {
        LivePool busy = pools.get("busyov");
        switch (words[1]) {
            case "hold":
                busy.hold(QUEUED_BEHIND_HELD);
                break;
            case "release":
                Report.result("release-" + busy.label(), busy.release());
                break;
            case "batch":
                int tasks = Integer.parseInt(words[3]);
                for (LivePool pool : pools.values()) {
                    Report.result(words[2] + "-" + pool.label(), pool.batch(tasks));
                }
                for (LivePool pool : pools.values()) {
                    pool.awaitIdle();
                }
                for (LivePool pool : pools.values()) {
                    Report.lookup(words[2] + "-" + pool.label(), pool.executor(), pool.futuristName());
                }
                Report.shape(words[2] + "-common", ForkJoinPool.commonPool());
                break;
            case "end":
                for (LivePool pool : pools.values()) {
                    pool.shutDown();
                    Report.lookup("end-" + pool.label(), pool.executor(), pool.futuristName());
                }
                break;
            default:
                throw new IllegalArgumentException("unknown command " + String.join(" ", words));
        }
    }
}
