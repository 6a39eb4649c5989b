package dev.zhuli.core;

/**
 * The id of a help group (紅色助力團), one per county.
 *
 * @since 0.1.0
 */
public final class GroupId extends TypedId {
  private GroupId(String value) {
    super("groupId", value);
  }

  /**
   * The id with this value.
   *
   * @param value the id as text
   * @return the id
   * @throws ValidationException if the value is not a valid id
   */
  public static GroupId of(String value) {
    return new GroupId(value);
  }
}
