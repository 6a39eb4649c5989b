/**
 * How the core keeps its state through the storage contract of {@code dev.zhuli.spi.storage}.
 *
 * <p>This package is where the core meets its store: the codec that turns domain objects into
 * record bodies and index entries, the runner that wraps commands in transactions, and the
 * embedded store. For now it holds the embedded store: {@link
 * dev.zhuli.core.store.InMemoryStorage}, which keeps records and the outbox in the memory of the
 * process, and {@link dev.zhuli.core.store.InMemoryStorageProvider}, which offers it to
 * {@link java.util.ServiceLoader} under the name {@code memory}.
 *
 * <p>The in-memory store is the default for tests, demos and hosts that need no database. It
 * keeps the whole contract (versions, read-your-writes transactions, find in code-point order,
 * the fenced outbox) but declares no capabilities: it is neither durable nor shared.
 *
 * @since 0.1.0
 */
package dev.zhuli.core.store;
