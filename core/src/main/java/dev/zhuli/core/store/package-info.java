/**
 * How the core keeps its state through the storage contract of {@code dev.zhuli.spi.storage}.
 *
 * <p>This package is where the core meets its store:
 * <ul>
 *   <li>the {@link dev.zhuli.core.store.Codec codec}, which turns persisted shapes into record
 *       bodies (JSON in a versioned envelope, with {@link dev.zhuli.core.store.Upcaster upcasters}
 *       for old shapes) and back;</li>
 *   <li>the {@link dev.zhuli.core.store.CommandRunner command runner}, which runs each command as
 *       one transaction through a {@link dev.zhuli.core.store.Session}, re-runs it on conflicts,
 *       answers repeated request keys, and puts events and notifications into the outbox with
 *       the records; {@link dev.zhuli.core.store.OutboxPayloads} reads them back for the
 *       relay;</li>
 *   <li>the shared input {@link dev.zhuli.core.store.Checks checks} and the
 *       {@link dev.zhuli.core.store.ValueStyle style} of value types;</li>
 *   <li>the embedded store, {@link dev.zhuli.core.store.InMemoryStorage}, offered to
 *       {@link java.util.ServiceLoader} by {@link dev.zhuli.core.store.InMemoryStorageProvider}
 *       under the name {@code memory}. It keeps the whole contract (versions, read-your-writes
 *       transactions, find in code-point order, the fenced outbox) but declares no capabilities:
 *       it is neither durable nor shared.</li>
 * </ul>
 *
 * <p>Hosts use the in-memory store; the rest is public so that Zhuli's feature packages can use
 * it, and is not meant for hosts: it may change between minor versions. Jackson never appears in
 * its signatures.
 *
 * @since 0.1.0
 */
package dev.zhuli.core.store;
