/**
 * Futurist's public API: the lookup ({@code Futurist}), the statistics, and Futurist's own
 * executors. Only {@code io.futurist} is exported; {@code io.futurist.internal}, the kernel the
 * API and the agent are built on, stays inside the module.
 */
module io.futurist {
    exports io.futurist;
}
