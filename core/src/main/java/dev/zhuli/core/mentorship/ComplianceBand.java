package dev.zhuli.core.mentorship;

/**
 * Bands of a grower's compliance rate, for setting execution against yield.
 *
 * @since 0.1.0
 */
public enum ComplianceBand {
  /** Below 0.5. */
  LOW,
  /** 0.5 to below 0.8. */
  MEDIUM,
  /** 0.8 or more. */
  HIGH;

  /**
   * The band of a rate.
   *
   * @param rate 0 to 1
   * @return the band
   */
  public static ComplianceBand of(double rate) {
    return rate >= 0.8 ? HIGH : rate >= 0.5 ? MEDIUM : LOW;
  }
}
