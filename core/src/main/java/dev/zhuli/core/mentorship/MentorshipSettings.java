package dev.zhuli.core.mentorship;

import dev.zhuli.core.ValidationException;
import dev.zhuli.core.store.Checks;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The configurable numbers of mentorship: how long a grower may go uninspected before its
 * household's head is reminded, which harvests are plausible for each crop, and the policy that
 * turns a season into year-end bonuses.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class MentorshipSettings {
  /** The default plausible bound of yield: 20000 kg per mu. */
  public static final BigDecimal DEFAULT_MAX_KG_PER_MU = new BigDecimal("20000");
  /** The default plausible bound of revenue: 1000000 yuan per mu. */
  public static final BigDecimal DEFAULT_MAX_YUAN_PER_MU = new BigDecimal("1000000");
  private static final MentorshipSettings DEFAULTS = new MentorshipSettings(Duration.ofDays(30),
      Map.of(), BonusPolicy.standard(BonusTerms.defaults()));

  private final Duration inspectionInterval;
  private final Map<String, BigDecimal[]> bounds;
  private final BonusPolicy bonusPolicy;

  private MentorshipSettings(Duration inspectionInterval, Map<String, BigDecimal[]> bounds,
      BonusPolicy bonusPolicy) {
    this.inspectionInterval = inspectionInterval;
    this.bounds = bounds;
    this.bonusPolicy = bonusPolicy;
  }

  /**
   * The defaults: growers inspected at least every 30 days; at most 20000 kg and 1000000 yuan
   * per mu for every crop; {@link BonusPolicy#standard} with {@link BonusTerms#defaults()}.
   *
   * @return the defaults
   */
  public static MentorshipSettings defaults() {
    return DEFAULTS;
  }

  /**
   * The same settings with another inspection interval.
   *
   * @param interval how long an assigned grower may go uninspected before the head of its
   *     demonstration household is reminded; 1 to 366 days
   * @return new settings
   * @throws ValidationException if out of range
   */
  public MentorshipSettings withInspectionInterval(Duration interval) {
    Checks.present("inspectionInterval", interval);
    if (interval.compareTo(Duration.ofDays(1)) < 0 || interval.compareTo(Duration.ofDays(366)) > 0) {
      throw new ValidationException("inspectionInterval",
          "must be 1 to 366 days, was " + interval);
    }
    return new MentorshipSettings(interval, bounds, bonusPolicy);
  }

  /**
   * The same settings with plausibility bounds for one crop: a harvest above them is refused as
   * a typing error.
   *
   * @param crop the crop, as programs name it
   * @param maxKgPerMu the most yield per mu, positive
   * @param maxYuanPerMu the most revenue per mu, positive
   * @return new settings
   * @throws ValidationException if a bound is missing or not positive
   */
  public MentorshipSettings withYieldBounds(String crop, BigDecimal maxKgPerMu,
      BigDecimal maxYuanPerMu) {
    String c = Checks.text("crop", crop, MentorshipService.MAX_LABEL);
    if (maxKgPerMu == null || maxKgPerMu.signum() <= 0) {
      throw new ValidationException("maxKgPerMu", "must be positive");
    }
    if (maxYuanPerMu == null || maxYuanPerMu.signum() <= 0) {
      throw new ValidationException("maxYuanPerMu", "must be positive");
    }
    Map<String, BigDecimal[]> copy = new HashMap<>(bounds);
    copy.put(c, new BigDecimal[] {maxKgPerMu, maxYuanPerMu});
    return new MentorshipSettings(inspectionInterval, Map.copyOf(copy), bonusPolicy);
  }

  /**
   * The same settings with another bonus policy.
   *
   * @param policy the policy
   * @return new settings
   * @throws ValidationException if null
   */
  public MentorshipSettings withBonusPolicy(BonusPolicy policy) {
    return new MentorshipSettings(inspectionInterval, bounds,
        Checks.present("bonusPolicy", policy));
  }

  /**
   * How long an assigned grower may go uninspected.
   *
   * @return the interval
   */
  public Duration inspectionInterval() {
    return inspectionInterval;
  }

  /**
   * The most plausible yield per mu of a crop.
   *
   * @param crop the crop
   * @return kg per mu
   */
  public BigDecimal maxKgPerMu(String crop) {
    BigDecimal[] b = bounds.get(crop);
    return b == null ? DEFAULT_MAX_KG_PER_MU : b[0];
  }

  /**
   * The most plausible revenue per mu of a crop.
   *
   * @param crop the crop
   * @return yuan per mu
   */
  public BigDecimal maxYuanPerMu(String crop) {
    BigDecimal[] b = bounds.get(crop);
    return b == null ? DEFAULT_MAX_YUAN_PER_MU : b[1];
  }

  /**
   * The bonus policy.
   *
   * @return the policy
   */
  public BonusPolicy bonusPolicy() {
    return bonusPolicy;
  }

  @Override
  public String toString() {
    return "inspect every " + inspectionInterval + ", bounds for " + bounds.keySet() + ", "
        + bonusPolicy;
  }
}
