/**
 * The kernel behind the public API: the registry of tracked executors, their records, the table
 * of pending tasks, and the helpers that find creation sites, read shapes and classify a task's
 * outcome. Built on {@code io.futurist}, never the other way round: the API reaches it only by
 * name, through {@link io.futurist.internal.ApiServices}. Public only so that the agent, which
 * is loaded elsewhere, can reach it; the module {@code io.futurist} does not export it. Not an
 * API, and free to change between releases.
 */
package io.futurist.internal;
