package dev.zhuli.core.mentorship;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a season's figures into year-end awards (年終獎金) for the demonstration households.
 * Pluggable: a village collective with other rules passes its own to
 * {@link MentorshipSettings#withBonusPolicy}.
 *
 * <p>A policy must be deterministic (the same figures give the same awards), side-effect free
 * and thread-safe; it is called inside a command, which may run it more than once.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface BonusPolicy {

  /**
   * The awards of a season.
   *
   * @param season the program's season, household by household
   * @return one award per household it pays, with its explanation
   */
  List<BonusAward> award(SeasonFigures season);

  /**
   * The standard policy: each demonstration household receives the base, plus the compliance
   * amount times its growers' mean compliance, plus the target amount times their share at or
   * above the target, plus the improvement amount times the rise of their mean yield per mu over
   * the previous season (0 when it fell or is unknown, at most +100%). Each part is rounded to
   * the fen (0.01 yuan), half up. A household's award never drops when one of its growers'
   * compliance or yield rises, all else fixed.
   *
   * @param terms the amounts
   * @return the policy
   */
  static BonusPolicy standard(BonusTerms terms) {
    return new BonusPolicy() {
      @Override
      public List<BonusAward> award(SeasonFigures season) {
        List<BonusAward> out = new ArrayList<>();
        for (HouseholdSeason h : season.households()) {
          List<String> lines = new ArrayList<>();
          BigDecimal total = money(terms.base());
          lines.add("base: " + total);
          double compliance = h.meanCompliance().orElse(0);
          BigDecimal c = part(terms.compliance(), compliance);
          lines.add(String.format(Locale.ROOT, "growers' mean compliance %.3f × %s = %s",
              compliance, terms.compliance(), c)
              + (h.meanCompliance().isEmpty() ? " (no inspection)" : ""));
          double share = h.shareAtTarget().orElse(0);
          BigDecimal t = part(terms.target(), share);
          lines.add(String.format(Locale.ROOT, "growers at or above %s kg/mu: %.3f × %s = %s",
              season.yieldTarget().toPlainString(), share, terms.target(), t)
              + (h.shareAtTarget().isEmpty() ? " (no harvest)" : ""));
          double rise = 0;
          String why;
          if (h.meanYieldPerMu().isPresent() && h.previousMeanYieldPerMu().isPresent()
              && h.previousMeanYieldPerMu().getAsDouble() > 0) {
            double prev = h.previousMeanYieldPerMu().getAsDouble();
            rise = Math.max(0, Math.min(1, (h.meanYieldPerMu().getAsDouble() - prev) / prev));
            why = String.format(Locale.ROOT, "mean yield %.1f kg/mu against %.1f", 
                h.meanYieldPerMu().getAsDouble(), prev);
          } else if (h.previousMeanYieldPerMu().isPresent()) {
            why = "the previous season's yield was 0: nothing to compare";
          } else {
            why = "no previous season to compare";
          }
          BigDecimal i = part(terms.improvement(), rise);
          lines.add(String.format(Locale.ROOT, "improvement %.3f × %s = %s (%s)", rise,
              terms.improvement(), i, why));
          total = total.add(c).add(t).add(i);
          lines.add("total: " + total);
          out.add(new BonusAward(h.household(), total, lines));
        }
        return out;
      }

      @Override
      public String toString() {
        return "standard bonus policy " + terms;
      }
    };
  }

  private static BigDecimal money(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_UP);
  }

  private static BigDecimal part(BigDecimal amount, double factor) {
    return amount.multiply(BigDecimal.valueOf(factor)).setScale(2, RoundingMode.HALF_UP);
  }
}
