package dev.zhuli.core.order;

import dev.zhuli.core.Code;
import dev.zhuli.core.ValidationException;
import java.util.List;

/**
 * What an order is about. The seven standard categories cover the article's cases; hosts may add
 * their own with {@link #of(String)}.
 *
 * <p>Immutable and thread-safe; categories are equal when their codes are.
 *
 * @since 0.1.0
 */
public final class OrderCategory extends Code {
  /** What to produce; links between villages and enterprises (產業). */
  public static final OrderCategory INDUSTRY = new OrderCategory("INDUSTRY");
  /** Training and courses (培訓). */
  public static final OrderCategory TRAINING = new OrderCategory("TRAINING");
  /** Selling: e-commerce, live-streaming, branding (行銷). */
  public static final OrderCategory MARKETING = new OrderCategory("MARKETING");
  /** Village leadership and collective mechanisms (頭雁). */
  public static final OrderCategory LEADERSHIP = new OrderCategory("LEADERSHIP");
  /** Facilities and equipment, such as a cold store (基礎設施). */
  public static final OrderCategory INFRASTRUCTURE = new OrderCategory("INFRASTRUCTURE");
  /** Funding and support projects (資金). */
  public static final OrderCategory FUNDING = new OrderCategory("FUNDING");
  /** Anything else (其他). */
  public static final OrderCategory OTHER = new OrderCategory("OTHER");

  private static final List<OrderCategory> STANDARD = List.of(INDUSTRY, TRAINING, MARKETING,
      LEADERSHIP, INFRASTRUCTURE, FUNDING, OTHER);

  private OrderCategory(String code) {
    super(code);
  }

  /**
   * The category with this code: a standard one, or a host's own.
   *
   * @param code 1 to 32 characters of {@code A–Z 0–9 _}, starting with a letter
   * @return the category
   * @throws ValidationException if the code is malformed
   */
  public static OrderCategory of(String code) {
    OrderCategory standard = standard(STANDARD, check("order.category", code));
    return standard != null ? standard : new OrderCategory(code);
  }

  /**
   * The seven standard categories.
   *
   * @return the categories
   */
  public static List<OrderCategory> standard() {
    return STANDARD;
  }
}
