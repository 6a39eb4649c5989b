package dev.zhuli.core;

/**
 * The id of a squad of a help group (功能小組).
 *
 * @since 0.1.0
 */
public final class SquadId extends TypedId {
  private SquadId(String value) {
    super("squadId", value);
  }

  /**
   * The id with this value.
   *
   * @param value the id as text
   * @return the id
   * @throws ValidationException if the value is not a valid id
   */
  public static SquadId of(String value) {
    return new SquadId(value);
  }
}
