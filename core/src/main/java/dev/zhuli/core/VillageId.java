package dev.zhuli.core;

/**
 * The id of a village or community (村/社區).
 *
 * @since 0.1.0
 */
public final class VillageId extends TypedId {
  private VillageId(String value) {
    super("villageId", value);
  }

  /**
   * The id with this value.
   *
   * @param value the id as text
   * @return the id
   * @throws ValidationException if the value is not a valid id
   */
  public static VillageId of(String value) {
    return new VillageId(value);
  }
}
