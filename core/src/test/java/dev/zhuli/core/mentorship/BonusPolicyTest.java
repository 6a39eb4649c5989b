package dev.zhuli.core.mentorship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The standard bonus policy, as a pure function of the terms and a season's figures, on
 * realistic and hostile figures ({@link BonusGenerators}): it is deterministic; it pays each
 * household once, in the order given; each award is the sum of the parts its lines show, each
 * part lies within half a fen of its amount times its factor, and the award lies between the
 * base and the sum of all four amounts, with 2 decimals; and raising one household's compliance,
 * share at target or mean yield never lowers its award and never changes another's.
 */
class BonusPolicyTest {
  private static final int EXAMPLES = 400;
  private static final Pattern BASE = Pattern.compile("base: (\\d+\\.\\d{2})");
  private static final Pattern PART = Pattern.compile(".* = (\\d+\\.\\d{2})( \\(.*\\))?");
  private static final Pattern TOTAL = Pattern.compile("total: (\\d+\\.\\d{2})");
  /** Half a fen, and room for the factor's decimal form (at most 1e7 × 1 ulp of 1). */
  private static final BigDecimal HALF_FEN_AND_A_BIT = new BigDecimal("0.00500001");

  @Test
  void theSameFiguresGiveTheSameAwards() {
    qt().withExamples(EXAMPLES).forAll(BonusGenerators.terms(), BonusGenerators.figures())
        .checkAssert((terms, figures) -> {
          List<BonusAward> first = BonusPolicy.standard(terms).award(figures);
          BonusPolicy policy = BonusPolicy.standard(terms);
          assertThat(policy.award(figures)).isEqualTo(first);
          assertThat(policy.award(copy(figures))).isEqualTo(first);
        });
  }

  @Test
  void oneAwardPerHouseholdInTheOrderGiven() {
    qt().withExamples(EXAMPLES).forAll(BonusGenerators.terms(), BonusGenerators.figures())
        .checkAssert((terms, figures) -> {
          List<BonusAward> awards = BonusPolicy.standard(terms).award(figures);
          assertThat(awards).extracting(BonusAward::household)
              .containsExactlyElementsOf(figures.households().stream()
                  .map(HouseholdSeason::household).toList());
        });
  }

  @Test
  void eachAwardIsTheSumOfItsLinesWithinItsBoundsAndInFen() {
    qt().withExamples(EXAMPLES).forAll(BonusGenerators.terms(), BonusGenerators.figures())
        .checkAssert((terms, figures) -> {
          List<BonusAward> awards = BonusPolicy.standard(terms).award(figures);
          BigDecimal most = terms.base().add(terms.compliance()).add(terms.target())
              .add(terms.improvement());
          for (int i = 0; i < awards.size(); i++) {
            BonusAward a = awards.get(i);
            HouseholdSeason h = figures.households().get(i);
            Supplier<String> about = () -> h + " → " + a;
            assertThat(a.amount().scale()).as(about).isEqualTo(2);
            assertThat(a.lines()).as(about).hasSize(5);
            BigDecimal base = number(BASE, a.lines().get(0), about);
            BigDecimal compliance = number(PART, a.lines().get(1), about);
            BigDecimal target = number(PART, a.lines().get(2), about);
            BigDecimal improvement = number(PART, a.lines().get(3), about);
            BigDecimal total = number(TOTAL, a.lines().get(4), about);
            assertThat(base).as(about).isEqualByComparingTo(terms.base());
            assertThat(base.add(compliance).add(target).add(improvement)).as(about)
                .isEqualTo(a.amount()).isEqualTo(total);
            assertPart(compliance, terms.compliance(), h.meanCompliance().orElse(0), about);
            assertPart(target, terms.target(), h.shareAtTarget().orElse(0), about);
            assertPart(improvement, terms.improvement(), rise(h), about);
            assertThat(a.amount()).as(about).isBetween(terms.base(), most);
          }
        });
  }

  @Test
  void raisingAFigureNeverLowersTheAwardNorChangesAnother() {
    qt().withExamples(EXAMPLES).forAll(BonusGenerators.terms(),
        BonusGenerators.someFigures(),
        BonusGenerators.raises())
        .checkAssert((terms, figures, raise) -> {
          BonusPolicy policy = BonusPolicy.standard(terms);
          SeasonFigures raised = raise.apply(figures);
          List<BonusAward> before = policy.award(figures);
          List<BonusAward> after = policy.award(raised);
          int changed = raise.index() % figures.households().size();
          for (int i = 0; i < before.size(); i++) {
            Supplier<String> about = () -> raise + " of " + figures.households().get(changed)
                + " to " + raised.households().get(changed);
            if (i == changed) {
              assertThat(after.get(i).amount()).as(about)
                  .isGreaterThanOrEqualTo(before.get(i).amount());
            } else {
              int other = i;
              assertThat(after.get(i)).as(() -> about.get() + ": household " + other)
                  .isEqualTo(before.get(i));
            }
          }
        });
  }

  /** The rise of the mean yield over the previous season, as the terms count it: 0 to 1. */
  private static double rise(HouseholdSeason h) {
    OptionalDouble now = h.meanYieldPerMu();
    OptionalDouble before = h.previousMeanYieldPerMu();
    if (now.isEmpty() || before.isEmpty() || before.getAsDouble() <= 0) {
      return 0;
    }
    double r = (now.getAsDouble() - before.getAsDouble()) / before.getAsDouble();
    return Math.max(0, Math.min(1, r));
  }

  /** A part lies within half a fen of its amount times its factor, and between 0 and the amount. */
  private static void assertPart(BigDecimal part, BigDecimal amount, double factor,
      Supplier<String> about) {
    BigDecimal exact = amount.multiply(new BigDecimal(factor));
    assertThat(part.subtract(exact).abs()).as(() -> about.get() + ": part " + part + " of "
        + amount + " × " + factor).isLessThanOrEqualTo(HALF_FEN_AND_A_BIT);
    assertThat(part).as(about).isBetween(BigDecimal.ZERO,
        amount.setScale(2, RoundingMode.HALF_UP));
  }

  private static BigDecimal number(Pattern p, String line, Supplier<String> about) {
    Matcher m = p.matcher(line);
    assertThat(m.matches()).as(() -> about.get() + ": line " + line).isTrue();
    return new BigDecimal(m.group(1));
  }

  private static SeasonFigures copy(SeasonFigures f) {
    return new SeasonFigures(f.program(), f.season(), f.previousSeason(), f.yieldTarget(),
        new ArrayList<>(f.households()));
  }
}
