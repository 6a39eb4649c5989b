package dev.zhuli.core;

/**
 * The store failed (unreachable, connection lost, disk full), or holds data this version of Zhuli
 * cannot read. Nothing of the command was kept.
 *
 * @since 0.1.0
 */
public class StorageFailureException extends ZhuliException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param cause the store's failure
   */
  public StorageFailureException(String message, Throwable cause) {
    super(ErrorCode.STORAGE_FAILED, message, cause);
  }
}
