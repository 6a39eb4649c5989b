package dev.zhuli.core.mentorship;

import dev.zhuli.core.EntryId;
import dev.zhuli.core.HouseholdId;
import dev.zhuli.core.MemberId;
import dev.zhuli.core.ProgramId;
import dev.zhuli.core.TreeId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A guidance visit (指導): an expert coaching a demonstration household of their tree.
 *
 * @param id the entry's id
 * @param program the program
 * @param tree the expert's tree
 * @param expert the expert
 * @param household the demonstration household
 * @param date the day of the visit
 * @param practices the practices covered
 * @param notes the notes
 * @param attachments attachment references
 * @param recordedAt when it was recorded
 * @param voidReason why it was voided; empty while it counts
 * @since 0.1.0
 */
public record GuidanceVisit(EntryId id, ProgramId program, TreeId tree, MemberId expert,
    HouseholdId household, LocalDate date, List<String> practices, Optional<String> notes,
    List<String> attachments, Instant recordedAt, Optional<String> voidReason) {

  /**
   * Whether it was voided: kept, and counting for nothing.
   *
   * @return true if void
   */
  public boolean voided() {
    return voidReason.isPresent();
  }
}
