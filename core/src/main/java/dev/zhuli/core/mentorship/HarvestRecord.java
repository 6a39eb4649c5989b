package dev.zhuli.core.mentorship;

import dev.zhuli.core.EntryId;
import dev.zhuli.core.HouseholdId;
import dev.zhuli.core.ProgramId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * A harvest (產量) of one plot of a household in a season; a household's season is the sum of
 * its plots.
 *
 * @param id the entry's id
 * @param program the program
 * @param household the grower or demonstration household
 * @param season the season
 * @param area the area, mu
 * @param yieldKg the yield, kg
 * @param revenue the revenue, yuan
 * @param recordedAt when it was recorded
 * @param voidReason why it was voided; empty while it counts
 * @since 0.1.0
 */
public record HarvestRecord(EntryId id, ProgramId program, HouseholdId household, String season,
    BigDecimal area, BigDecimal yieldKg, BigDecimal revenue, Instant recordedAt,
    Optional<String> voidReason) {

  /**
   * Whether it was voided: kept, and counting for nothing.
   *
   * @return true if void
   */
  public boolean voided() {
    return voidReason.isPresent();
  }
}
