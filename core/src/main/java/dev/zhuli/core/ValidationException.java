package dev.zhuli.core;

/**
 * Bad input: a field is missing, blank, too long, malformed, out of range, a duplicate name, or a
 * request key reused for another request. The message names the field; nothing changed.
 *
 * @since 0.1.0
 */
public class ValidationException extends ZhuliException {
  private static final long serialVersionUID = 1L;

  private final String field;

  /**
   * Creates the exception.
   *
   * @param code {@link ErrorCode#INVALID_INPUT}, {@link ErrorCode#DUPLICATE_NAME} or
   *     {@link ErrorCode#REQUEST_KEY_REUSED}
   * @param field the offending field, for example {@code "member.phone"}
   * @param message what is wrong with it, without personal data
   */
  public ValidationException(ErrorCode code, String field, String message) {
    super(code, field + ": " + message, null);
    this.field = field;
  }

  /**
   * Creates an {@link ErrorCode#INVALID_INPUT} exception.
   *
   * @param field the offending field
   * @param message what is wrong with it, without personal data
   */
  public ValidationException(String field, String message) {
    this(ErrorCode.INVALID_INPUT, field, message);
  }

  /**
   * The offending field, for example {@code "member.phone"}.
   *
   * @return the field
   */
  public String field() {
    return field;
  }
}
