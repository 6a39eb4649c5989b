package dev.zhuli.spi.storage;

import java.util.Set;

/**
 * A store: records and an outbox, read and written in transactions.
 *
 * <p>Everything Zhuli persists passes through {@link #transact(UnitOfWork)}; the relay uses
 * {@link #outbox()}. Implementations are thread-safe: many threads may run transactions at once,
 * and concurrent writes to one record are settled by versions, never by losing one.
 *
 * <p>Whoever opened a store closes it. Zhuli closes only the stores it opened itself.
 *
 * @since 0.1.0
 */
public interface Storage extends AutoCloseable {

  /**
   * The optional abilities this store has. Declare everything the store does and nothing more:
   * the conformance suite tests what is declared.
   *
   * @return the capabilities; an unmodifiable set, possibly empty
   */
  Set<Capability> capabilities();

  /**
   * Whether this store has a capability.
   *
   * @param capability the capability
   * @return whether it is in {@link #capabilities()}
   */
  default boolean supports(Capability capability) {
    return capabilities().contains(capability);
  }

  /**
   * Runs one unit of work in one transaction: if the work returns, everything it wrote and
   * enqueued commits together; if it throws, or a conflict was raised, nothing is kept.
   *
   * <p>The work runs once on the calling thread; the store never retries it. An exception thrown
   * by the work propagates unchanged, after the rollback.
   *
   * @param work the unit of work
   * @param <T> the result type
   * @return what the work returned
   * @throws ConflictException if an expected version did not match (at a call or at commit)
   * @throws StorageException if the store fails; nothing of the transaction is kept, unless the
   *     failure struck during the commit itself, when all or nothing was kept (see
   *     {@link StorageException})
   * @throws IllegalStateException if the store is closed
   * @throws IllegalArgumentException if the work is null
   */
  <T> T transact(UnitOfWork<T> work);

  /**
   * The relay's view of the outbox.
   *
   * @return the outbox; its methods throw {@link IllegalStateException} once the store is closed
   */
  Outbox outbox();

  /**
   * Releases what the store holds (connections, pools, files). Idempotent. A transaction running
   * at the time either commits before the store closes or fails with a {@link StorageException},
   * keeping nothing; later calls throw {@link IllegalStateException}, which takes precedence over
   * argument checks.
   */
  @Override
  void close();
}
