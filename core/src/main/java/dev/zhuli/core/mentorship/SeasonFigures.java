package dev.zhuli.core.mentorship;

import dev.zhuli.core.ProgramId;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * A program's season as a {@link BonusPolicy} sees it: the yield target and each demonstration
 * household's figures, tree by tree in the order they were appointed.
 *
 * @param program the program
 * @param season the season
 * @param previousSeason the season improvement is measured against, if any
 * @param yieldTarget kg per mu
 * @param households each demonstration household's figures
 * @since 0.1.0
 */
public record SeasonFigures(ProgramId program, String season, Optional<String> previousSeason,
    BigDecimal yieldTarget, List<HouseholdSeason> households) {
  /** Copies the households. */
  public SeasonFigures {
    households = List.copyOf(households);
  }
}
