package dev.zhuli.core.mentorship;

/**
 * How a demonstration household stands against its program's policy.
 *
 * @since 0.1.0
 */
public enum Staffing {
  /** Fewer growers than the policy's minimum: allowed, and reported. */
  UNDER_STAFFED,
  /** Between the minimum and below the maximum. */
  STAFFED,
  /** At the maximum: one more grower is refused. */
  FULL
}
