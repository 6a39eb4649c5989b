package dev.zhuli.core;

/**
 * The root of every failure Zhuli reports: unchecked, with a stable {@link ErrorCode}.
 *
 * <p>When a command fails with a {@code ZhuliException}, nothing of it was kept. Messages name
 * the field or rule and the offending value, shortened, and never contain personal data (names,
 * phone numbers), so they are safe to log and to show.
 *
 * @since 0.1.0
 */
public abstract class ZhuliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  /**
   * Creates the exception.
   *
   * @param code the stable code
   * @param message the message, without personal data
   * @param cause the cause, or null
   */
  protected ZhuliException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /**
   * The stable code of this failure.
   *
   * @return the code
   */
  public ErrorCode code() {
    return code;
  }
}
