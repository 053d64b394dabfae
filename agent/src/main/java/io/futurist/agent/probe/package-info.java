/**
 * What instrumented JDK code calls: small static entry points that turn executor events into
 * statistics. These classes are loaded by the bootstrap class loader (the agent appends them to
 * its search path at start), because the JDK's executors live there; so they may use only
 * {@code java.base} and Futurist's API, never Byte Buddy. Every entry point contains its own
 * failures: a fault disables that kind of hook and is reported once, the application goes on.
 */
package io.futurist.agent.probe;
