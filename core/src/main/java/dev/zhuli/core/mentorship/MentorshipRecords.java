package dev.zhuli.core.mentorship;

import dev.zhuli.core.store.PersistedType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The persisted shapes of mentorship. Each limit has its guard record: the tree's record lists
 * its demonstration households, a demonstration household's participation lists its growers, and
 * a grower's participation names its one household in the program.
 */
final class MentorshipRecords {
  static final PersistedType<ProgramRecord> PROGRAM =
      PersistedType.of("program", ProgramRecord.class, 1);
  static final PersistedType<TreeRecord> TREE = PersistedType.of("tree", TreeRecord.class, 1);
  static final PersistedType<HouseholdRecord> HOUSEHOLD =
      PersistedType.of("household", HouseholdRecord.class, 1);
  /** A household's part in one program, under the id {@code program/household}. */
  static final PersistedType<ParticipantRecord> PARTICIPANT =
      PersistedType.of("participant", ParticipantRecord.class, 1);

  static final String GROWER = "GROWER";
  static final String DEMONSTRATION = "DEMONSTRATION";

  private MentorshipRecords() {}

  record ProgramRecord(String id, String name, String village, String group, String crop,
      String season, List<PracticeRecord> plan, BigDecimal yieldTarget, String owner,
      int maxHouseholds, int minGrowers, int maxGrowers, Map<String, String> trees,
      List<String> treeOrder, String createdAt) {

    ProgramRecord withPolicy(ProgramPolicy policy) {
      return new ProgramRecord(id, name, village, group, crop, season, plan, yieldTarget, owner,
          policy.maxHouseholds(), policy.minGrowers(), policy.maxGrowers(), trees, treeOrder,
          createdAt);
    }

    ProgramRecord withTrees(Map<String, String> byExpert, List<String> order) {
      return new ProgramRecord(id, name, village, group, crop, season, plan, yieldTarget, owner,
          maxHouseholds, minGrowers, maxGrowers, Map.copyOf(byExpert), List.copyOf(order),
          createdAt);
    }
  }

  record PracticeRecord(String name, int fromWeek, int toWeek) {}

  record TreeRecord(String id, String program, String expert, List<String> households,
      String createdAt) {}

  record HouseholdRecord(String id, String village, String head, String phone,
      String createdAt) {
    Household view() {
      return ImmutableHousehold.builder().id(dev.zhuli.core.HouseholdId.of(id))
          .village(dev.zhuli.core.VillageId.of(village)).head(head)
          .phone(java.util.Optional.ofNullable(phone)).build();
    }
  }

  /**
   * A household in a program: a grower (with its demonstration household, or none) or a
   * demonstration household (with its tree and growers), and its history there. An assigned
   * grower carries when its next inspection is due, and the due time a reminder was raised for.
   */
  record ParticipantRecord(String program, String household, String role, String tree,
      String mentor, List<String> growers, List<MoveRecord> history, String registeredAt,
      String inspectDue, String remindedFor) {

    static String id(String program, String household) {
      return program + "/" + household;
    }

    String id() {
      return id(program, household);
    }

    boolean demonstration() {
      return DEMONSTRATION.equals(role);
    }
  }

  /**
   * One entry of a participant's history: from and to name demonstration households (null for
   * none); registrations, appointments and removals have neither and say what they were in the
   * reason.
   */
  record MoveRecord(String at, String from, String to, String actor, String reason) {}
}
