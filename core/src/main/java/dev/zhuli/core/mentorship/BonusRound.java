package dev.zhuli.core.mentorship;

import dev.zhuli.core.ProgramId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A program's year-end awards for a season, computed once, and the village collective's
 * approval once given.
 *
 * @param program the program
 * @param season the season
 * @param previousSeason the season improvement was measured against
 * @param awards the awards
 * @param computedAt when they were computed
 * @param computedBy who computed them, as the actor's text
 * @param approvedAt when the collective approved them
 * @param approvedBy who approved, as the actor's text
 * @param approvalNote the approval's note (the meeting, say)
 * @since 0.1.0
 */
public record BonusRound(ProgramId program, String season, Optional<String> previousSeason,
    List<BonusAward> awards, Instant computedAt, String computedBy, Optional<Instant> approvedAt,
    Optional<String> approvedBy, Optional<String> approvalNote) {
  /** Copies the awards. */
  public BonusRound {
    awards = List.copyOf(awards);
  }

  /**
   * The sum of the awards.
   *
   * @return yuan
   */
  public BigDecimal total() {
    return awards.stream().map(BonusAward::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
