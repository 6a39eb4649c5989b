package dev.zhuli.core.mentorship;

import dev.zhuli.core.ProgramId;
import dev.zhuli.core.TreeId;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Why some growers earn three times what others do with the same guidance: a program's season,
 * grower by grower (yield and revenue per mu, their spread and the p90/p10 disparity), household
 * by household and tree by tree, and compliance set against yield. Voided entries count for
 * nothing; a grower's season is the sum of its plots. A grower's compliance counts every live
 * inspection of the program: a program is one season's work, and a new season is a new
 * program ({@link Mentorship#promote}).
 *
 * @param program the program
 * @param season the season
 * @param yieldTarget kg per mu
 * @param yieldPerMu the spread of growers' yield per mu
 * @param revenuePerMu the spread of growers' revenue per mu
 * @param shareAtTarget the share of harvesting growers at or above the target; empty without
 * @param byHousehold per demonstration household, tree by tree
 * @param byTree per tree: pooled yield per mu of its growers
 * @param correlation Pearson's correlation of growers' compliance rate and yield per mu; empty
 *     with fewer than 3 growers with both, or no spread
 * @param meanYieldByBand mean yield per mu of growers by compliance band
 * @since 0.1.0
 */
public record DisparityReport(ProgramId program, String season, BigDecimal yieldTarget,
    Distribution yieldPerMu, Distribution revenuePerMu, OptionalDouble shareAtTarget,
    List<HouseholdFigures> byHousehold, Map<TreeId, Double> byTree, OptionalDouble correlation,
    Map<ComplianceBand, Double> meanYieldByBand) {
  /** Copies the collections. */
  public DisparityReport {
    byHousehold = List.copyOf(byHousehold);
    byTree = Map.copyOf(byTree);
    meanYieldByBand = Map.copyOf(meanYieldByBand);
  }

  /**
   * Whether execution explains the gap: compliance and yield correlate at 0.5 or more, and the
   * growers of high compliance yield more on average than those of low compliance.
   *
   * @return true if the figures say so
   */
  public boolean executionExplainsGap() {
    Double high = meanYieldByBand.get(ComplianceBand.HIGH);
    Double low = meanYieldByBand.get(ComplianceBand.LOW);
    return correlation.isPresent() && correlation.getAsDouble() >= 0.5 && high != null
        && low != null && high > low;
  }
}
