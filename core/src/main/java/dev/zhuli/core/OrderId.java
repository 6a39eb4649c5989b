package dev.zhuli.core;

/**
 * The id of a village's order for help (需求單).
 *
 * @since 0.1.0
 */
public final class OrderId extends TypedId {
  private OrderId(String value) {
    super("orderId", value);
  }

  /**
   * The id with this value.
   *
   * @param value the id as text
   * @return the id
   * @throws ValidationException if the value is not a valid id
   */
  public static OrderId of(String value) {
    return new OrderId(value);
  }
}
