package dev.zhuli.core.mentorship;

import dev.zhuli.core.ValidationException;
import java.math.BigDecimal;

/**
 * The amounts of the standard bonus policy, in yuan: a base every demonstration household
 * receives, and the most each of three parts adds (its growers' mean compliance, their share at
 * or above the yield target, and the improvement of their mean yield over the previous season,
 * counted up to +100%).
 *
 * <p>Immutable and thread-safe.
 *
 * @param base paid to every demonstration household
 * @param compliance paid in full at a mean compliance of 1
 * @param target paid in full when every grower reaches the target
 * @param improvement paid in full when the mean yield per mu doubles
 * @since 0.1.0
 */
public record BonusTerms(BigDecimal base, BigDecimal compliance, BigDecimal target,
    BigDecimal improvement) {
  private static final BigDecimal MAX = new BigDecimal("10000000");

  /**
   * Checks the amounts: each 0 or more, below 10 000 000 yuan, at most 2 decimals.
   *
   * @throws ValidationException if an amount is missing or out of range
   */
  public BonusTerms {
    check("bonusTerms.base", base);
    check("bonusTerms.compliance", compliance);
    check("bonusTerms.target", target);
    check("bonusTerms.improvement", improvement);
  }

  /**
   * The defaults: 2000 base, up to 3000 for compliance, 3000 for the target and 2000 for
   * improvement.
   *
   * @return the default terms
   */
  public static BonusTerms defaults() {
    return new BonusTerms(new BigDecimal("2000"), new BigDecimal("3000"),
        new BigDecimal("3000"), new BigDecimal("2000"));
  }

  private static void check(String field, BigDecimal amount) {
    if (amount == null || amount.signum() < 0 || amount.compareTo(MAX) >= 0
        || amount.scale() > 2) {
      throw new ValidationException(field,
          "must be 0 or more yuan, below 10000000, with at most 2 decimals");
    }
  }
}
