package dev.zhuli.core;

/**
 * The id of a household (戶): a demonstration household (示範戶) or a grower (種植戶), a party that can act and be notified.
 *
 * @since 0.1.0
 */
public final class HouseholdId extends TypedId {
  private HouseholdId(String value) {
    super("householdId", value);
  }

  /**
   * The id with this value.
   *
   * @param value the id as text
   * @return the id
   * @throws ValidationException if the value is not a valid id
   */
  public static HouseholdId of(String value) {
    return new HouseholdId(value);
  }
}
