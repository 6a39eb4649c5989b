package dev.zhuli.core.mentorship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zhuli.core.HouseholdId;
import dev.zhuli.core.ValidationException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the supervision properties found, each pinned: a voided inspection no longer holds off
 * the overdue reminder; far-off dates are refused rather than compared as text; no spread means
 * no correlation even when rounding leaves a hair of one; plausibility is judged on exact values;
 * trailing zeros are no decimals.
 */
class SupervisionRegressionsTest {

  private static SupervisionWorld world() {
    return SupervisionWorld.build(new SupervisionWorld.Shape(List.of(List.of(3)), false, 1));
  }

  @Test
  void aVoidedInspectionNoLongerResetsTheGrowersInspectionClock() {
    try (SupervisionWorld w = world()) {
      w.clock.advance(Duration.ofDays(40));
      HouseholdId g0 = w.growers.get(0);
      Inspection i = w.supervision.recordInspection(w.recorderFor(g0), w.program.id(),
          new NewInspection.Builder().grower(g0).practice(SupervisionWorld.PRACTICES.get(0))
              .date(w.today()).execution(Execution.ON_TIME).build());
      w.supervision.voidEntry(w.recorderFor(g0), w.program.id(), i.id(), "記錯了人", null);
      assertThat(w.supervision.sweep(w.clock.instant().plus(Duration.ofDays(1))))
          .as("every grower is overdue: the voided inspection counts for nothing").isEqualTo(3);
    }
  }

  @Test
  void farOffDatesAreRefusedNotComparedAsText() {
    try (SupervisionWorld w = world()) {
      HouseholdId g0 = w.growers.get(0);
      assertThatThrownBy(() -> w.supervision.recordInspection(w.recorderFor(g0), w.program.id(),
          new NewInspection.Builder().grower(g0).practice(SupervisionWorld.PRACTICES.get(0))
              .date(LocalDate.of(-5, 6, 1)).execution(Execution.ON_TIME).build()))
          .isInstanceOfSatisfying(ValidationException.class,
              e -> assertThat(e.field()).isEqualTo("inspection.date"));
      assertThatThrownBy(() -> w.supervision.compliance(w.program.id(),
          LocalDate.of(2025, 1, 1), LocalDate.of(10000, 1, 1)))
          .isInstanceOfSatisfying(ValidationException.class,
              e -> assertThat(e.field()).isEqualTo("to"));
      assertThatThrownBy(() -> w.supervision.coverage(w.program.id(), LocalDate.MIN, 30))
          .isInstanceOfSatisfying(ValidationException.class,
              e -> assertThat(e.field()).isEqualTo("asOf"));
    }
  }

  @Test
  void noSpreadMeansNoCorrelationEvenWithRoundingInTheMean() {
    List<double[]> pairs = List.of(new double[] {0.1, 1000}, new double[] {0.1, 1700},
        new double[] {0.1, 2400});
    assertThat(SupervisionService.correlation(pairs)).isEmpty();
  }

  @Test
  void plausibilityIsJudgedOnExactValuesAndTrailingZerosAreNoDecimals() {
    try (SupervisionWorld w = world()) {
      HouseholdId g0 = w.growers.get(0);
      assertThatThrownBy(() -> w.supervision.recordHarvest(w.owner(), w.program.id(),
          new NewHarvest.Builder().household(g0).season("2025").area(new BigDecimal("3"))
              .yieldKg(new BigDecimal("60000.01")).revenue(BigDecimal.ZERO).build()))
          .isInstanceOfSatisfying(ValidationException.class,
              e -> assertThat(e.field()).isEqualTo("harvest.yieldKg"));
      HarvestRecord h = w.supervision.recordHarvest(w.owner(), w.program.id(),
          new NewHarvest.Builder().household(g0).season("2025").area(new BigDecimal("2.000"))
              .yieldKg(new BigDecimal("4500.00")).revenue(new BigDecimal("81000.0000")).build());
      assertThat(h.area()).isEqualByComparingTo("2");
    }
  }

  @Test
  void aZeroPreviousYieldSaysSo() {
    HouseholdSeason h = new HouseholdSeason(HouseholdId.of("h1"), dev.zhuli.core.TreeId.of("t1"),
        1, java.util.OptionalDouble.of(1), java.util.OptionalDouble.of(1),
        java.util.OptionalDouble.of(2000), java.util.OptionalDouble.of(0));
    BonusAward a = BonusPolicy.standard(BonusTerms.defaults()).award(new SeasonFigures(
        dev.zhuli.core.ProgramId.of("p1"), "2025", java.util.Optional.of("2024"),
        new BigDecimal("2250"), List.of(h))).get(0);
    assertThat(a.lines().get(3)).contains("previous season's yield was 0");
  }
}
