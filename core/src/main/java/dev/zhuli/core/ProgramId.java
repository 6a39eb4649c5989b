package dev.zhuli.core;

/**
 * The id of a demonstration program (示範點/項目), such as the Nangou grape park.
 *
 * @since 0.1.0
 */
public final class ProgramId extends TypedId {
  private ProgramId(String value) {
    super("programId", value);
  }

  /**
   * The id with this value.
   *
   * @param value the id as text
   * @return the id
   * @throws ValidationException if the value is not a valid id
   */
  public static ProgramId of(String value) {
    return new ProgramId(value);
  }
}
