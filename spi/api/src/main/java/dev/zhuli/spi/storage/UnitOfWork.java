package dev.zhuli.spi.storage;

/**
 * The work of one transaction: reads, writes and enqueues through the given {@link Transaction},
 * then a result.
 *
 * <p>If the work returns, the store commits everything it wrote and enqueued; if it throws, the
 * store keeps nothing and rethrows the same exception. The work may be run only once per call of
 * {@link Storage#transact(UnitOfWork)}: stores never retry by themselves.
 *
 * @param <T> the result type
 * @since 0.1.0
 */
@FunctionalInterface
public interface UnitOfWork<T> {

  /**
   * Does the work of one transaction.
   *
   * @param tx the transaction; valid only until this method returns
   * @return the result handed back by {@link Storage#transact(UnitOfWork)}
   */
  T run(Transaction tx);
}
