package dev.zhuli.core;

/**
 * The id of a city, county or town (市, 縣/區, 鎮).
 *
 * @since 0.1.0
 */
public final class RegionId extends TypedId {
  private RegionId(String value) {
    super("regionId", value);
  }

  /**
   * The id with this value.
   *
   * @param value the id as text
   * @return the id
   * @throws ValidationException if the value is not a valid id
   */
  public static RegionId of(String value) {
    return new RegionId(value);
  }
}
