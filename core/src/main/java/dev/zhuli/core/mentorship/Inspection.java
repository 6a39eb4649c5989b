package dev.zhuli.core.mentorship;

import dev.zhuli.core.EntryId;
import dev.zhuli.core.HouseholdId;
import dev.zhuli.core.ProgramId;
import dev.zhuli.core.TreeId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * An inspection (監督): a demonstration household checking one of its growers on one practice.
 *
 * @param id the entry's id
 * @param program the program
 * @param tree the demonstration household's tree when inspected
 * @param household the demonstration household that inspected
 * @param grower the grower
 * @param practice the practice
 * @param date the day of the inspection
 * @param execution what was found
 * @param notes the notes
 * @param evidence evidence references
 * @param recordedAt when it was recorded
 * @param voidReason why it was voided; empty while it counts
 * @since 0.1.0
 */
public record Inspection(EntryId id, ProgramId program, TreeId tree, HouseholdId household,
    HouseholdId grower, String practice, LocalDate date, Execution execution,
    Optional<String> notes, List<String> evidence, Instant recordedAt,
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
