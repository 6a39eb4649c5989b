package dev.zhuli.core.mentorship;

import dev.zhuli.core.store.PersistedType;
import java.math.BigDecimal;
import java.util.List;

/** The persisted shapes of supervision: entries (never deleted, voided with a reason) and bonus rounds. */
final class SupervisionRecords {
  static final PersistedType<VisitRow> VISIT = PersistedType.of("visit", VisitRow.class, 1);
  static final PersistedType<InspectionRow> INSPECTION =
      PersistedType.of("inspection", InspectionRow.class, 1);
  static final PersistedType<HarvestRow> HARVEST =
      PersistedType.of("harvest", HarvestRow.class, 1);
  /** A season's awards, under the id {@code program/season}: computed once. */
  static final PersistedType<BonusRow> BONUS = PersistedType.of("bonusround", BonusRow.class, 1);

  private SupervisionRecords() {}

  record VisitRow(String id, String program, String tree, String expert, String household,
      String date, List<String> practices, String notes, List<String> attachments,
      String recordedAt, String recordedBy, String voidReason) {}

  record InspectionRow(String id, String program, String tree, String household,
      String grower, String practice, String date, String execution, String notes,
      List<String> evidence, String recordedAt, String recordedBy, String voidReason) {}

  record HarvestRow(String id, String program, String household, String season,
      BigDecimal area, BigDecimal yieldKg, BigDecimal revenue, String recordedAt,
      String recordedBy, String voidReason) {}

  record AwardRow(String household, BigDecimal amount, List<String> lines) {}

  record BonusRow(String program, String season, String previousSeason, List<AwardRow> awards,
      String computedAt, String computedBy, String approvedAt, String approvedBy,
      String approvalNote) {}
}
