package dev.zhuli.core.mentorship;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zhuli.core.Actor;
import dev.zhuli.core.Zhuli;
import dev.zhuli.core.roster.Member;
import dev.zhuli.core.roster.Village;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's "Mentorship trees" section, compiled and run as it stands there. */
class MentorshipReadmeTest {

  @Test
  void aProfessorsTreeInNangou() {
    try (MentorshipFixtures w = MentorshipFixtures.nangou()) {
      Zhuli zhuli = w.zhuli;
      Village nangou = w.nangou;
      Actor coordinator = Actor.member(w.coordinator.id());
      Member secretary = w.secretary;
      Member professor = w.professorA;

      // --- README mentorship begin ---
      Mentorship mentorship = zhuli.mentorship();
      Program grapes = mentorship.createProgram(coordinator, new NewProgram.Builder()
          .name("南溝葡萄示範園").village(nangou.id()).crop("陽光玫瑰葡萄").season("2026")
          .addPlan(Practice.of("石硫合劑清園", 10, 11), Practice.of("銅製劑防病", 12, 13))
          .yieldTarget(new BigDecimal("2250"))           // kg per mu
          .owner(secretary.id()).build());              // 10 households, 10–20 growers each
      Actor owner = Actor.member(secretary.id());
      MentorshipTree tree = mentorship.addExpert(owner, grapes.id(), professor.id(), null);
      Household demo = mentorship.registerHousehold(owner, grapes.id(),
          new NewHousehold.Builder().head("示範戶甲").build());
      Household grower = mentorship.registerHousehold(owner, grapes.id(),
          new NewHousehold.Builder().head("種植戶乙").build());
      mentorship.appoint(Actor.member(professor.id()), tree.id(), demo.id(), null);
      mentorship.assign(Actor.household(demo.id()), grapes.id(), grower.id(), demo.id(), null);
      List<DemoHousehold> needGrowers =
          mentorship.households(grapes.id(), Staffing.UNDER_STAFFED);
      // --- README mentorship end ---

      Member cadre = zhuli.roster().addMember(Actor.system("setup"),
          new dev.zhuli.core.roster.NewMember.Builder().group(w.heyang.id()).name("社區主任")
              .background(dev.zhuli.core.roster.Background.VILLAGE_CADRE)
              .village(nangou.id()).build());
      Actor villageCadre = Actor.member(cadre.id());

      // --- README season begin ---
      Supervision supervision = zhuli.supervision();
      supervision.recordInspection(Actor.household(demo.id()), grapes.id(),
          new NewInspection.Builder().grower(grower.id()).practice("銅製劑防病")
              .date(LocalDate.of(2026, 2, 27)).execution(Execution.ON_TIME).build());
      supervision.recordHarvest(Actor.household(demo.id()), grapes.id(),
          new NewHarvest.Builder().household(grower.id()).season("2026")
              .area(new BigDecimal("3.5")).yieldKg(new BigDecimal("8400"))
              .revenue(new BigDecimal("151200")).build());
      DisparityReport report = supervision.disparity(grapes.id(), "2026");
      // report.yieldPerMu(): mean, median, p10, p90, ratio(); report.executionExplainsGap()
      BonusRound awards = supervision.computeBonuses(owner, grapes.id(), "2026", null, null);
      supervision.approveBonuses(villageCadre, grapes.id(), "2026", "村民代表大會通過", null);
      // --- README season end ---

      assertThat(report.yieldPerMu().median()).isEqualTo(2400.0);
      assertThat(report.shareAtTarget()).hasValue(1.0);
      assertThat(awards.awards()).singleElement().satisfies(a ->
          assertThat(a.amount()).isEqualByComparingTo("8000.00"));
      assertThat(supervision.bonuses(grapes.id(), "2026").orElseThrow().approvedBy())
          .contains("member " + cadre.id().value());
      assertThat(needGrowers).singleElement().satisfies(h -> {
        assertThat(h.household()).isEqualTo(demo.id());
        assertThat(h.growers()).containsExactly(grower.id());
      });
      assertThat(mentorship.tree(tree.id()).orElseThrow().growerCount()).isEqualTo(1);
      assertThat(grapes.policy()).isEqualTo(ProgramPolicy.defaults());
    }
  }
}
