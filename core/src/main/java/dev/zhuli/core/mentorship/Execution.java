package dev.zhuli.core.mentorship;

/**
 * How a grower carried out a practice of the plan, as its demonstration household found it.
 *
 * @since 0.1.0
 */
public enum Execution {
  /** Done within the practice's weeks: counts 1 towards compliance. */
  ON_TIME(1.0),
  /** Done, but late: counts 0.5. */
  LATE(0.5),
  /** Not done: counts 0. */
  NOT_DONE(0.0);

  private final double score;

  Execution(double score) {
    this.score = score;
  }

  /**
   * What it counts towards a compliance rate.
   *
   * @return 0, 0.5 or 1
   */
  public double score() {
    return score;
  }
}
