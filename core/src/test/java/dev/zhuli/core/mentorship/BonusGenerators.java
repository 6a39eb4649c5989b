package dev.zhuli.core.mentorship;

import static org.quicktheories.generators.SourceDSL.doubles;

import dev.zhuli.core.HouseholdId;
import dev.zhuli.core.ProgramId;
import dev.zhuli.core.TreeId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Generators of what a {@link BonusPolicy} is given: {@link BonusTerms} (zero, small, the largest
 * allowed, odd scales) and {@link SeasonFigures}, realistic and hostile (no households, up to
 * 150 of them, households without inspections or harvests, compliance of exactly 0 and 1, a
 * previous yield of 0 or of the smallest double, huge yields up to {@link Double#MAX_VALUE}).
 */
final class BonusGenerators {
  private BonusGenerators() {}

  /** An amount of the terms: 0 to 9 999 999.99 yuan, at most 2 decimals, sometimes odd. */
  static Gen<BigDecimal> amounts() {
    return Generate.frequency(List.of(
        Pair.of(2, Generate.constant(BigDecimal.ZERO)),
        Pair.of(4, Generate.range(0, 10_000).map(i -> BigDecimal.valueOf(i))),
        Pair.of(4, Generate.range(0, 999_999_999).map(c -> BigDecimal.valueOf(c, 2))),
        Pair.of(2, Generate.pick(List.of(new BigDecimal("0.01"), new BigDecimal("0.00"),
            new BigDecimal("0.05"), new BigDecimal("0.5"), new BigDecimal("1E+3"),
            new BigDecimal("9999999.99"), new BigDecimal("9999999"), new BigDecimal("3000"))))));
  }

  static Gen<BonusTerms> terms() {
    Gen<BigDecimal> a = amounts();
    return a.zip(a, a, a, BonusTerms::new);
  }

  /** A share from 0 to 1: exactly 0 or 1, a fraction k/n, or any double between. */
  static Gen<Double> shares() {
    Gen<Double> fraction = Generate.range(1, 60).flatMap(n -> Generate.range(0, n)
        .map(k -> (double) k / n));
    return Generate.frequency(List.of(
        Pair.of(1, Generate.pick(List.of(0.0, 1.0, 0.5, 0.8, 0.49999999999999994))),
        Pair.of(3, fraction),
        Pair.of(2, doubles().between(0, 1))));
  }

  /** A yield per mu: realistic (0 to 20 000 kg) or hostile (0, the smallest, huge). */
  static Gen<Double> yields() {
    return Generate.frequency(List.of(
        Pair.of(6, doubles().between(0, 20_000)),
        Pair.of(1, Generate.pick(List.of(0.0, Double.MIN_VALUE, 1e-9, 2250.0, 1e9, 1e15, 1e300,
            Double.MAX_VALUE))),
        Pair.of(1, doubles().between(20_000, 1e12))));
  }

  static Gen<OptionalDouble> optional(Gen<Double> values) {
    return Generate.frequency(List.of(
        Pair.of(1, Generate.constant(OptionalDouble.empty())),
        Pair.of(4, values.map(OptionalDouble::of))));
  }

  /** One demonstration household's season; {@code index} names it. */
  static Gen<HouseholdSeason> households(int index) {
    return Generate.range(0, 25).zip(optional(shares()), optional(shares()),
        optional(yields()), optional(yields()), (growers, compliance, share, yield, previous) ->
            new HouseholdSeason(HouseholdId.of("h" + index), TreeId.of("t" + index % 3),
                growers, compliance, share, yield, previous));
  }

  /** Figures of a season: no households, a few, or up to 150. */
  static Gen<SeasonFigures> figures() {
    return figures(Generate.frequency(List.of(
        Pair.of(2, Generate.constant(0)),
        Pair.of(17, Generate.range(1, 12)),
        Pair.of(1, Generate.range(40, 150)))));
  }

  /** Figures of a season with at least one household. */
  static Gen<SeasonFigures> someFigures() {
    return figures(Generate.frequency(List.of(
        Pair.of(19, Generate.range(1, 12)),
        Pair.of(1, Generate.range(40, 150)))));
  }

  private static Gen<SeasonFigures> figures(Gen<Integer> sizes) {
    Gen<BigDecimal> targets = Generate.pick(List.of(new BigDecimal("2250"), BigDecimal.ZERO,
        new BigDecimal("0.01"), new BigDecimal("99999")));
    return in -> {
      int n = sizes.generate(in);
      List<HouseholdSeason> hs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        hs.add(households(i).generate(in));
      }
      boolean previous = Generate.booleans().generate(in);
      return new SeasonFigures(ProgramId.of("p1"), "2025",
          previous ? Optional.of("2024") : Optional.empty(), targets.generate(in), hs);
    };
  }

  /** Which figure of a household a raise changes. */
  enum Figure { COMPLIANCE, SHARE_AT_TARGET, YIELD }

  /** A raise of one figure of the household at {@code index} (modulo the count). */
  record Raise(int index, Figure figure, double fraction, double amount) {
    /** The figures with the raise applied; the household's figure never falls. */
    SeasonFigures apply(SeasonFigures f) {
      List<HouseholdSeason> hs = new ArrayList<>(f.households());
      int i = index % hs.size();
      HouseholdSeason h = hs.get(i);
      HouseholdSeason raised = switch (figure) {
        case COMPLIANCE -> new HouseholdSeason(h.household(), h.tree(), h.growers(),
            OptionalDouble.of(up(h.meanCompliance())), h.shareAtTarget(), h.meanYieldPerMu(),
            h.previousMeanYieldPerMu());
        case SHARE_AT_TARGET -> new HouseholdSeason(h.household(), h.tree(), h.growers(),
            h.meanCompliance(), OptionalDouble.of(up(h.shareAtTarget())), h.meanYieldPerMu(),
            h.previousMeanYieldPerMu());
        case YIELD -> new HouseholdSeason(h.household(), h.tree(), h.growers(),
            h.meanCompliance(), h.shareAtTarget(),
            OptionalDouble.of(h.meanYieldPerMu().orElse(0) + amount),
            h.previousMeanYieldPerMu());
      };
      hs.set(i, raised);
      return new SeasonFigures(f.program(), f.season(), f.previousSeason(), f.yieldTarget(), hs);
    }

    /** A share moved up by a fraction of what is left to 1. */
    private double up(OptionalDouble share) {
      double s = share.orElse(0);
      return Math.min(1, s + (1 - s) * fraction);
    }
  }

  static Gen<Raise> raises() {
    Gen<Double> fractions = Generate.frequency(List.of(
        Pair.of(1, Generate.pick(List.of(0.0, 1.0, 1e-12))),
        Pair.of(4, doubles().between(0, 1))));
    Gen<Double> amounts = Generate.frequency(List.of(
        Pair.of(1, Generate.pick(List.of(0.0, 1e-9, 0.01))),
        Pair.of(4, doubles().between(0, 10_000))));
    return Generate.range(0, 1000).zip(Generate.enumValues(Figure.class), fractions, amounts,
        Raise::new);
  }
}
