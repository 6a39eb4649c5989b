package dev.zhuli.spi.storage;

/**
 * The store failed: the database is unreachable, a connection was lost mid-transaction, a disk is
 * full. Whatever the transaction wrote was not kept, with one exception no store can avoid: when
 * the failure struck while the commit itself was on its way (the answer to COMMIT was lost), the
 * outcome is in doubt, all or nothing but unknown. Callers retry with the same request key,
 * which answers with the first result if the commit did happen.
 *
 * <p>Unchecked. Stores wrap their own failures (for example {@code SQLException}) in it, keeping
 * the cause. A version conflict is not a failure; it is a {@link ConflictException}.
 *
 * @since 0.1.0
 */
public class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, without personal data
   * @param cause the store's own failure, or null
   */
  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the exception without a cause.
   *
   * @param message what failed, without personal data
   */
  public StorageException(String message) {
    super(message);
  }
}
