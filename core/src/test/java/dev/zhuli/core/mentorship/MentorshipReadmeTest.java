package dev.zhuli.core.mentorship;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zhuli.core.Actor;
import dev.zhuli.core.Zhuli;
import dev.zhuli.core.roster.Member;
import dev.zhuli.core.roster.Village;
import java.math.BigDecimal;
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

      assertThat(needGrowers).singleElement().satisfies(h -> {
        assertThat(h.household()).isEqualTo(demo.id());
        assertThat(h.growers()).containsExactly(grower.id());
      });
      assertThat(mentorship.tree(tree.id()).orElseThrow().growerCount()).isEqualTo(1);
      assertThat(grapes.policy()).isEqualTo(ProgramPolicy.defaults());
    }
  }
}
