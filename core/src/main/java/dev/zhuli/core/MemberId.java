package dev.zhuli.core;

/**
 * The id of a member of a help group (成員).
 *
 * @since 0.1.0
 */
public final class MemberId extends TypedId {
  private MemberId(String value) {
    super("memberId", value);
  }

  /**
   * The id with this value.
   *
   * @param value the id as text
   * @return the id
   * @throws ValidationException if the value is not a valid id
   */
  public static MemberId of(String value) {
    return new MemberId(value);
  }
}
