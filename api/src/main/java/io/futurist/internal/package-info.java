/**
 * Shared machinery behind the public API: the registry of tracked executors and the helpers
 * that classify a task's outcome. Public only so that the agent's instrumentation, which is
 * loaded elsewhere, can reach it; not an API, and free to change between releases.
 */
package io.futurist.internal;
