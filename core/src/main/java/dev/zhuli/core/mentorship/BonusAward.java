package dev.zhuli.core.mentorship;

import dev.zhuli.core.HouseholdId;
import java.math.BigDecimal;
import java.util.List;

/**
 * A year-end award (獎金) to a demonstration household, with the lines that explain it.
 *
 * @param household the demonstration household
 * @param amount the amount in yuan, 2 decimals
 * @param lines how the amount was reached, one part per line
 * @since 0.1.0
 */
public record BonusAward(HouseholdId household, BigDecimal amount, List<String> lines) {
  /** Copies the lines. */
  public BonusAward {
    lines = List.copyOf(lines);
  }
}
