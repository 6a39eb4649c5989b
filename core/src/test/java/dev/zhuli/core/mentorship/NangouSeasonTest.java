package dev.zhuli.core.mentorship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.zhuli.core.AccessDeniedException;
import dev.zhuli.core.Actor;
import dev.zhuli.core.HouseholdId;
import dev.zhuli.core.RuleViolationException;
import dev.zhuli.core.ValidationException;
import dev.zhuli.core.roster.Background;
import dev.zhuli.core.roster.Member;
import dev.zhuli.core.roster.NewMember;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A Nangou season, seeded and deterministic: one professor's tree of 10 demonstration
 * households with 10 to 20 growers each; every grower inspected twice on each of the plan's three
 * practices, with a diligence of its own; harvests in which execution drives the yield (and a
 * previous, poorer season). The figures must show it: compliance per level, a wide p90/p10 gap
 * that compliance explains, and awards that follow execution, explained line by line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NangouSeasonTest {
  private static final long SEED = 2025L;
  private static final BigDecimal PRICE = new BigDecimal("18"); // yuan per kg
  private final MentorshipFixtures w = MentorshipFixtures.nangou();
  private final Mentorship m = w.mentorship;
  private final Supervision sv = w.zhuli.supervision();
  private Program p;
  private MentorshipTree tree;
  private final List<HouseholdId> demos = new ArrayList<>();
  private final Map<HouseholdId, HouseholdId> mentorOf = new LinkedHashMap<>();
  private final Map<HouseholdId, Double> truth = new LinkedHashMap<>();

  @BeforeAll
  void season() {
    Random rng = new Random(SEED);
    p = w.grapes(ProgramPolicy.defaults());
    p = m.promote(Actor.member(w.coordinator.id()), new NewPromotion.Builder()
        .template(p.id()).village(w.nangou.id()).owner(w.secretary.id())
        .name("南溝葡萄示範園二〇二五").season("2025").build());
    tree = m.addExpert(w.owner(), p.id(), w.professorA.id(), null);
    Actor professor = Actor.member(w.professorA.id());
    for (HouseholdId d : w.households(p, "示範", 10)) {
      m.appoint(professor, tree.id(), d, null);
      demos.add(d);
      for (HouseholdId g : w.households(p, "種植", 10 + rng.nextInt(11))) {
        m.assign(Actor.household(d), p.id(), g, d, null);
        mentorOf.put(g, d);
      }
    }
    for (Map.Entry<HouseholdId, HouseholdId> e : mentorOf.entrySet()) {
      HouseholdId g = e.getKey();
      double diligence = 0.05 + 0.95 * rng.nextDouble();
      double score = 0;
      int checks = 0;
      for (Practice practice : p.plan()) {
        for (int visit = 0; visit < 2; visit++) {
          double roll = rng.nextDouble();
          Execution x = roll < diligence ? Execution.ON_TIME
              : roll < diligence + (1 - diligence) / 2 ? Execution.LATE : Execution.NOT_DONE;
          score += x.score();
          checks++;
          LocalDate day = LocalDate.of(2025, 1, 6)
              .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, practice.fromWeek() + visit)
              .plusDays(rng.nextInt(5));
          sv.recordInspection(Actor.household(e.getValue()), p.id(), new NewInspection.Builder()
              .grower(g).practice(practice.name()).date(day).execution(x).build());
        }
      }
      double compliance = score / checks;
      truth.put(g, compliance);
      double perMu = 400 + 3000 * compliance + 150 * rng.nextGaussian();
      BigDecimal area = BigDecimal.valueOf(1 + rng.nextInt(4)).add(new BigDecimal("0.5"));
      harvest(e.getValue(), g, "2025", area, perMu);
      harvest(e.getValue(), g, "2024", area, perMu * (0.75 + 0.1 * rng.nextDouble()));
    }
  }

  private void harvest(HouseholdId demo, HouseholdId g, String season, BigDecimal area,
      double perMu) {
    BigDecimal kg = area.multiply(BigDecimal.valueOf(perMu)).setScale(2, RoundingMode.HALF_UP);
    sv.recordHarvest(Actor.household(demo), p.id(), new NewHarvest.Builder().household(g)
        .season(season).area(area).yieldKg(kg).revenue(kg.multiply(PRICE)).build());
  }

  @AfterAll
  void close() {
    w.close();
  }

  @Test
  void theTreeIsTheArticlesAndTheProgramIsAPromotion() {
    MentorshipTree t = m.tree(tree.id()).orElseThrow();
    assertThat(t.households()).hasSize(10)
        .allSatisfy(h -> assertThat(h.growerCount()).isBetween(10, 20));
    assertThat(t.growerCount()).isEqualTo(mentorOf.size());
    Program promoted = m.program(p.id()).orElseThrow();
    assertThat(promoted.plan()).hasSize(3);
    assertThat(promoted.yieldTarget()).isEqualByComparingTo("2250");
    assertThat(promoted.season()).isEqualTo("2025");
    assertThat(promoted.trees()).containsOnlyKeys(w.professorA.id());
  }

  @Test
  void complianceAddsUpAtEveryLevel() {
    ComplianceReport r = sv.compliance(p.id(), LocalDate.of(2025, 1, 1),
        LocalDate.of(2025, 12, 31));
    assertThat(r.overall().inspections()).isEqualTo(mentorOf.size() * 6);
    assertThat(r.byTree()).containsOnlyKeys(tree.id());
    assertThat(r.byHousehold()).hasSize(10);
    for (Map.Entry<HouseholdId, Double> e : truth.entrySet()) {
      assertThat(r.byGrower().get(e.getKey()).rate()).hasValue(e.getValue());
    }
    int byHousehold = r.byHousehold().values().stream().mapToInt(Compliance::inspections).sum();
    assertThat(byHousehold).isEqualTo(r.overall().inspections());
    ComplianceReport march = sv.compliance(p.id(), LocalDate.of(2025, 3, 1),
        LocalDate.of(2025, 3, 31));
    assertThat(march.overall().inspections()).isBetween(1, r.overall().inspections() - 1);
  }

  @Test
  void theDisparityReportSaysExecutionExplainsTheGap() {
    DisparityReport r = sv.disparity(p.id(), "2025");
    assertThat(r.yieldPerMu().count()).isEqualTo(mentorOf.size());
    assertThat(r.yieldPerMu().ratio().getAsDouble()).as("p90/p10").isGreaterThan(2.2);
    assertThat(r.correlation().getAsDouble()).isGreaterThan(0.8);
    assertThat(r.meanYieldByBand().get(ComplianceBand.LOW))
        .isLessThan(r.meanYieldByBand().get(ComplianceBand.MEDIUM));
    assertThat(r.meanYieldByBand().get(ComplianceBand.MEDIUM))
        .isLessThan(r.meanYieldByBand().get(ComplianceBand.HIGH));
    assertThat(r.executionExplainsGap()).isTrue();
    assertThat(r.byHousehold()).hasSize(10);
    assertThat(r.byTree()).containsOnlyKeys(tree.id());
    assertThat(r.revenuePerMu().median()).isCloseTo(r.yieldPerMu().median() * 18, within(0.5));

    // a recomputation from the raw records gives the same spread
    List<Double> perMu = new ArrayList<>();
    int atTarget = 0;
    for (HouseholdId g : mentorOf.keySet()) {
      double area = 0;
      double kg = 0;
      for (HarvestRecord h : sv.harvests(p.id(), "2025")) {
        if (h.household().equals(g) && !h.voided()) {
          area += h.area().doubleValue();
          kg += h.yieldKg().doubleValue();
        }
      }
      perMu.add(kg / area);
      atTarget += kg / area >= 2250 ? 1 : 0;
    }
    Collections.sort(perMu);
    int n = perMu.size();
    assertThat(r.yieldPerMu().p10()).isEqualTo(perMu.get((int) Math.ceil(0.1 * n) - 1));
    assertThat(r.yieldPerMu().p90()).isEqualTo(perMu.get((int) Math.ceil(0.9 * n) - 1));
    assertThat(r.shareAtTarget()).hasValue((double) atTarget / n);
    System.out.printf("Nangou 2025: %d growers, yield/mu p10 %.0f median %.0f p90 %.0f"
        + " (ratio %.2f), mean %.0f, %.0f%% at target, compliance-yield r = %.2f%n", n,
        r.yieldPerMu().p10(), r.yieldPerMu().median(), r.yieldPerMu().p90(),
        r.yieldPerMu().ratio().getAsDouble(), r.yieldPerMu().mean(),
        100 * r.shareAtTarget().getAsDouble(), r.correlation().getAsDouble());
  }

  @Test
  void awardsFollowExecutionAreExplainedAndComputedOnce() {
    BonusRound round = sv.computeBonuses(w.owner(), p.id(), "2025", "2024", null);
    assertThat(round.awards()).hasSize(10);
    BonusTerms terms = BonusTerms.defaults();
    BigDecimal most = terms.base().add(terms.compliance()).add(terms.target())
        .add(terms.improvement());
    for (BonusAward a : round.awards()) {
      assertThat(a.amount()).isBetween(terms.base(), most);
      assertThat(a.lines()).hasSize(5);
      assertThat(a.lines().get(4)).isEqualTo("total: " + a.amount());
      System.out.println("award " + a.household() + ": " + String.join("; ", a.lines()));
    }
    // the household whose growers comply best earns at least as much for compliance as any
    assertThat(round.total()).isPositive();
    assertThat(sv.computeBonuses(w.owner(), p.id(), "2025", null, null))
        .as("computed once: a second call returns the first result").isEqualTo(round);
    assertThatThrownBy(() -> sv.approveBonuses(w.owner(), p.id(), "2025", "村民代表大會", null))
        .isInstanceOf(AccessDeniedException.class);
    Member cadre = w.zhuli.roster().addMember(w.system, new NewMember.Builder()
        .group(w.heyang.id()).name("南溝社區主任").background(Background.VILLAGE_CADRE)
        .village(w.nangou.id()).build());
    BonusRound approved = sv.approveBonuses(Actor.member(cadre.id()), p.id(), "2025",
        "村民代表大會通過", null);
    assertThat(approved.approvedBy()).contains("member " + cadre.id().value());
    assertThat(approved.awards()).isEqualTo(round.awards());
    assertThatThrownBy(() -> sv.approveBonuses(Actor.member(cadre.id()), p.id(), "2025",
        "再通過", null)).isInstanceOfSatisfying(RuleViolationException.class,
            e -> assertThat(e.rule()).isEqualTo("approved-once"));
  }

  @Test
  void coverageAndTheOverdueInspectionSweep() {
    Coverage spring = sv.coverage(p.id(), LocalDate.of(2025, 5, 31), 90);
    assertThat(spring.share()).hasValue(1.0);
    Coverage autumn = sv.coverage(p.id(), LocalDate.of(2025, 10, 31), 30);
    assertThat(autumn.inspected()).isZero();
    assertThat(autumn.uninspectedByHousehold()).hasSize(10);
    // growers were assigned on 2 March 2026: due for inspection 30 days later
    assertThat(sv.sweep(Instant.parse("2026-03-31T00:00:00Z"))).isZero();
    int reminded = sv.sweep(Instant.parse("2026-04-02T00:00:00Z"));
    assertThat(reminded).isEqualTo(mentorOf.size());
    assertThat(sv.sweep(Instant.parse("2026-04-03T00:00:00Z"))).as("once").isZero();
  }

  @Test
  void badHarvestsAreRefusedAndVoidedEntriesCountForNothing() {
    HouseholdId g = mentorOf.keySet().iterator().next();
    HouseholdId d = mentorOf.get(g);
    assertThatThrownBy(() -> sv.recordHarvest(w.owner(), p.id(), new NewHarvest.Builder()
        .household(g).season("2023").area(new BigDecimal("1")).yieldKg(new BigDecimal("25000"))
        .revenue(BigDecimal.ZERO).build()))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.field()).isEqualTo("harvest.yieldKg"))
        .hasMessageContaining("plausible");
    assertThatThrownBy(() -> sv.recordHarvest(w.owner(), p.id(), new NewHarvest.Builder()
        .household(g).season("2023").area(BigDecimal.ZERO).yieldKg(BigDecimal.ONE)
        .revenue(BigDecimal.ZERO).build()))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.field()).isEqualTo("harvest.area"));
    HarvestRecord wrong = sv.recordHarvest(Actor.household(d), p.id(), new NewHarvest.Builder()
        .household(g).season("2023").area(BigDecimal.ONE).yieldKg(new BigDecimal("3000"))
        .revenue(new BigDecimal("54000")).build());
    assertThat(sv.disparity(p.id(), "2023").yieldPerMu().count()).isEqualTo(1);
    sv.voidEntry(Actor.household(d), p.id(), wrong.id(), "錄錯了年份", null);
    assertThat(sv.disparity(p.id(), "2023").yieldPerMu().count()).isZero();
    assertThat(sv.harvests(p.id(), "2023")).singleElement()
        .satisfies(h -> assertThat(h.voidReason()).contains("錄錯了年份"));
    assertThatThrownBy(() -> sv.voidEntry(Actor.household(d), p.id(), wrong.id(), "again",
        null)).isInstanceOfSatisfying(RuleViolationException.class,
            e -> assertThat(e.rule()).isEqualTo("void-once"));
    HouseholdId other = demos.stream().filter(x -> !x.equals(d)).findFirst().orElseThrow();
    assertThatThrownBy(() -> sv.recordInspection(Actor.household(other), p.id(),
        new NewInspection.Builder().grower(g).practice("疏花疏果")
            .date(LocalDate.of(2025, 5, 1)).execution(Execution.ON_TIME).build()))
        .as("a household inspects its own growers only")
        .isInstanceOf(AccessDeniedException.class);
  }
}
