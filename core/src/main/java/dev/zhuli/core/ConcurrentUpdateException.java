package dev.zhuli.core;

/**
 * The command kept colliding with concurrent changes to the same data and gave up after its
 * bounded re-runs. Nothing of it was kept; it is safe to try again (with the same request key).
 *
 * @since 0.1.0
 */
public class ConcurrentUpdateException extends ZhuliException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the command and how many times it ran
   * @param cause the last conflict
   */
  public ConcurrentUpdateException(String message, Throwable cause) {
    super(ErrorCode.CONFLICT, message, cause);
  }
}
