package dev.zhuli.core.mentorship;

import dev.zhuli.core.Actor;
import dev.zhuli.core.EntryId;
import dev.zhuli.core.HouseholdId;
import dev.zhuli.core.ProgramId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Supervision and outcomes of mentorship trees: guidance visits (指導), inspections (監督),
 * harvests (產量), and what they add up to — compliance, coverage, the disparity report, and the
 * year-end bonuses (獎金) that pay for execution.
 *
 * <p>Who may (under the standard access policy): the tree's expert (and the program's owner)
 * records guidance visits to the tree's demonstration households; the head of a demonstration
 * household records inspections of its own growers; the program's owner, the tree's expert, and
 * a household's head for itself and its growers record harvests; whoever may record an entry may
 * void it, with a reason; the owner computes the bonuses, and a cadre of the program's village
 * approves them for the village collective. Administrators of the village's region and the
 * system may do all of it.
 *
 * <p>Entries are never deleted: a voided entry is kept, marked, and counts for nothing.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public interface Supervision {

  /**
   * Records a guidance visit of an expert to a demonstration household of their tree.
   *
   * @param actor the expert (or the program's owner)
   * @param program the program
   * @param visit the visit
   * @return the visit
   */
  GuidanceVisit recordVisit(Actor actor, ProgramId program, NewVisit visit);

  /**
   * Records an inspection of a grower by its demonstration household, on one practice of the
   * plan. It resets the grower's inspection clock (see {@link #sweep}).
   *
   * @param actor the head of the grower's demonstration household
   * @param program the program
   * @param inspection the inspection
   * @return the inspection
   */
  Inspection recordInspection(Actor actor, ProgramId program, NewInspection inspection);

  /**
   * Records a harvest of one plot. The yield and revenue per mu must lie within the crop's
   * plausible bounds ({@link MentorshipSettings#withYieldBounds}).
   *
   * @param actor the owner, the tree's expert, or the household's head (for itself or its
   *     growers)
   * @param program the program
   * @param harvest the harvest
   * @return the harvest
   */
  HarvestRecord recordHarvest(Actor actor, ProgramId program, NewHarvest harvest);

  /**
   * Voids a visit, inspection or harvest with a reason: kept, marked void, excluded from every
   * figure. Voiding twice is refused with rule {@code void-once}.
   *
   * @param actor whoever may record such an entry
   * @param program the program
   * @param entry the entry
   * @param reason why, 1 to 500 characters
   * @param requestKey the caller's request key, or null
   * @return the entry's id
   */
  EntryId voidEntry(Actor actor, ProgramId program, EntryId entry, String reason,
      String requestKey);

  /**
   * A demonstration household's guidance visits, voided ones included, by date.
   *
   * @param program the program
   * @param household the demonstration household
   * @return the visits
   */
  List<GuidanceVisit> visits(ProgramId program, HouseholdId household);

  /**
   * A grower's inspections, voided ones included, by date.
   *
   * @param program the program
   * @param grower the grower
   * @return the inspections
   */
  List<Inspection> inspections(ProgramId program, HouseholdId grower);

  /**
   * A season's harvests, voided ones included.
   *
   * @param program the program
   * @param season the season
   * @return the harvests
   */
  List<HarvestRecord> harvests(ProgramId program, String season);

  /**
   * Compliance per grower, household, tree and program, from the inspections dated in a period.
   *
   * @param program the program
   * @param from the first day, inclusive
   * @param to the last day, inclusive; not before {@code from}
   * @return the report
   */
  ComplianceReport compliance(ProgramId program, LocalDate from, LocalDate to);

  /**
   * The share of assigned growers inspected at least once in the {@code days} days up to
   * {@code asOf}, and the demonstration households that left growers uninspected.
   *
   * @param program the program
   * @param asOf the last day counted
   * @param days 1 to 366, for example 30, 60 or 90
   * @return the coverage
   */
  Coverage coverage(ProgramId program, LocalDate asOf, int days);

  /**
   * The disparity report of a season.
   *
   * @param program the program
   * @param season the season
   * @return the report
   */
  DisparityReport disparity(ProgramId program, String season);

  /**
   * Computes a season's year-end awards with the configured {@link BonusPolicy}, once: a
   * repeated call returns the awards computed the first time, whatever changed since.
   *
   * @param actor the program's owner
   * @param program the program
   * @param season the season
   * @param previousSeason the season to measure improvement against, or null
   * @param requestKey the caller's request key, or null
   * @return the awards
   */
  BonusRound computeBonuses(Actor actor, ProgramId program, String season,
      String previousSeason, String requestKey);

  /**
   * Records the village collective's approval of a season's awards, and who gave it; once.
   *
   * @param actor a cadre of the program's village
   * @param program the program
   * @param season the season
   * @param note the approval's note (the meeting that decided, say), 1 to 500 characters
   * @param requestKey the caller's request key, or null
   * @return the awards, approved
   */
  BonusRound approveBonuses(Actor actor, ProgramId program, String season, String note,
      String requestKey);

  /**
   * A season's awards, if computed.
   *
   * @param program the program
   * @param season the season
   * @return the awards
   */
  Optional<BonusRound> bonuses(ProgramId program, String season);

  /**
   * Reminds the head of each demonstration household whose grower has gone uninspected longer
   * than {@link MentorshipSettings#inspectionInterval()} at {@code now}: once per overdue grower
   * until its next inspection, however often and concurrently the sweep runs. Pages through due
   * growers by their due time.
   *
   * @param now the instant to judge by
   * @return how many reminders it raised
   */
  int sweep(Instant now);
}
