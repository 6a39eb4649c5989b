package dev.zhuli.core.mentorship;

import dev.zhuli.core.ValidationException;
import java.util.Objects;

/**
 * The numbers of a program's spider web: how many demonstration households one expert's tree
 * holds at most, and how many growers one demonstration household guides (below the minimum it
 * is reported as under-staffed; above the maximum is refused).
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class ProgramPolicy {
  /** The largest number this policy accepts for any of its limits. */
  public static final int MAX_LIMIT = 1000;
  private static final ProgramPolicy DEFAULTS = new ProgramPolicy(10, 10, 20);

  private final int maxHouseholds;
  private final int minGrowers;
  private final int maxGrowers;

  private ProgramPolicy(int maxHouseholds, int minGrowers, int maxGrowers) {
    this.maxHouseholds = maxHouseholds;
    this.minGrowers = minGrowers;
    this.maxGrowers = maxGrowers;
  }

  /**
   * The article's numbers: one expert, ten demonstration households, ten to twenty growers each.
   *
   * @return 10 households, 10 to 20 growers
   */
  public static ProgramPolicy defaults() {
    return DEFAULTS;
  }

  /**
   * A policy with these numbers.
   *
   * @param maxHouseholds demonstration households per tree, 1 to {@value #MAX_LIMIT}
   * @param minGrowers growers a household should guide, 1 to {@code maxGrowers}
   * @param maxGrowers growers a household may guide, {@code minGrowers} to {@value #MAX_LIMIT}
   * @return the policy
   * @throws ValidationException if a number is out of range
   */
  public static ProgramPolicy of(int maxHouseholds, int minGrowers, int maxGrowers) {
    if (maxHouseholds < 1 || maxHouseholds > MAX_LIMIT) {
      throw new ValidationException("policy.maxHouseholds",
          "must be 1 to " + MAX_LIMIT + ", was " + maxHouseholds);
    }
    if (maxGrowers < 1 || maxGrowers > MAX_LIMIT) {
      throw new ValidationException("policy.maxGrowers",
          "must be 1 to " + MAX_LIMIT + ", was " + maxGrowers);
    }
    if (minGrowers < 1 || minGrowers > maxGrowers) {
      throw new ValidationException("policy.minGrowers",
          "must be 1 to maxGrowers (" + maxGrowers + "), was " + minGrowers);
    }
    return new ProgramPolicy(maxHouseholds, minGrowers, maxGrowers);
  }

  /**
   * Demonstration households one tree holds at most.
   *
   * @return the limit
   */
  public int maxHouseholds() {
    return maxHouseholds;
  }

  /**
   * Growers a demonstration household should guide; fewer is reported as under-staffed.
   *
   * @return the minimum
   */
  public int minGrowers() {
    return minGrowers;
  }

  /**
   * Growers a demonstration household may guide at most.
   *
   * @return the limit
   */
  public int maxGrowers() {
    return maxGrowers;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProgramPolicy && ((ProgramPolicy) o).maxHouseholds == maxHouseholds
        && ((ProgramPolicy) o).minGrowers == minGrowers
        && ((ProgramPolicy) o).maxGrowers == maxGrowers;
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxHouseholds, minGrowers, maxGrowers);
  }

  @Override
  public String toString() {
    return "at most " + maxHouseholds + " households per tree, " + minGrowers + " to "
        + maxGrowers + " growers each";
  }
}
