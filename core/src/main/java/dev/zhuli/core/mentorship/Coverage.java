package dev.zhuli.core.mentorship;

import dev.zhuli.core.HouseholdId;
import dev.zhuli.core.ProgramId;
import java.time.LocalDate;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * How many of a program's assigned growers were inspected at least once in the last days
 * before a date, and which demonstration households left growers uninspected.
 *
 * @param program the program
 * @param asOf the last day counted
 * @param days how many days back, the last one included
 * @param growers assigned growers now
 * @param inspected of those, the ones inspected in the window
 * @param uninspectedByHousehold per demonstration household with growers left uninspected, how
 *     many
 * @since 0.1.0
 */
public record Coverage(ProgramId program, LocalDate asOf, int days, int growers, int inspected,
    Map<HouseholdId, Integer> uninspectedByHousehold) {
  /** Copies the map. */
  public Coverage {
    uninspectedByHousehold = Map.copyOf(uninspectedByHousehold);
  }

  /**
   * The share inspected, 0 to 1; empty without growers.
   *
   * @return the share
   */
  public OptionalDouble share() {
    return growers == 0 ? OptionalDouble.empty()
        : OptionalDouble.of((double) inspected / growers);
  }
}
