package dev.zhuli.core.mentorship;

import dev.zhuli.core.HouseholdId;
import dev.zhuli.core.ProgramId;
import dev.zhuli.core.TreeId;
import java.time.LocalDate;
import java.util.Map;

/**
 * Compliance of a program's growers in a period, per grower, per demonstration household (its
 * inspections of its growers), per tree and for the whole program.
 *
 * @param program the program
 * @param from the first day, inclusive
 * @param to the last day, inclusive
 * @param byGrower per grower
 * @param byHousehold per demonstration household that inspected
 * @param byTree per tree
 * @param overall the whole program
 * @since 0.1.0
 */
public record ComplianceReport(ProgramId program, LocalDate from, LocalDate to,
    Map<HouseholdId, Compliance> byGrower, Map<HouseholdId, Compliance> byHousehold,
    Map<TreeId, Compliance> byTree, Compliance overall) {
  /** Copies the maps. */
  public ComplianceReport {
    byGrower = Map.copyOf(byGrower);
    byHousehold = Map.copyOf(byHousehold);
    byTree = Map.copyOf(byTree);
  }
}
