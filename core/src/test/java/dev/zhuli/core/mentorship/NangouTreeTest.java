package dev.zhuli.core.mentorship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zhuli.core.AccessDeniedException;
import dev.zhuli.core.Actor;
import dev.zhuli.core.HouseholdId;
import dev.zhuli.core.RuleViolationException;
import dev.zhuli.spi.storage.OutboxMessage;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Nangou structure from the article: one professor coaches ten demonstration households by
 * hand, each guiding ten to twenty growers; and the rules that keep it so.
 */
class NangouTreeTest {
  private final MentorshipFixtures w = MentorshipFixtures.nangou();
  private final Mentorship m = w.mentorship;

  @AfterEach
  void close() {
    w.close();
  }

  @Test
  void oneProfessorTenDemonstrationHouseholdsTenToTwentyGrowersEach() {
    Program p = w.grapes(ProgramPolicy.defaults());
    MentorshipTree empty = m.addExpert(w.owner(), p.id(), w.professorA.id(), null);
    List<HouseholdId> demos = w.households(p, "示範", 10);
    Actor professor = Actor.member(w.professorA.id());
    for (HouseholdId d : demos) {
      m.appoint(professor, empty.id(), d, null);
    }
    int total = 0;
    for (int i = 0; i < demos.size(); i++) {
      int n = 10 + i; // 10 to 19 growers
      HouseholdId demo = demos.get(i);
      for (HouseholdId g : w.households(p, "種植" + i + "-", n)) {
        m.assign(Actor.household(demo), p.id(), g, demo, null); // the head assigns its own
      }
      total += n;
    }
    MentorshipTree tree = m.tree(empty.id()).orElseThrow();
    assertThat(tree.expert()).isEqualTo(w.professorA.id());
    assertThat(tree.households()).hasSize(10);
    assertThat(tree.growerCount()).isEqualTo(total).isEqualTo(145);
    assertThat(tree.households()).allSatisfy(h ->
        assertThat(h.growerCount()).isBetween(10, 20));
    assertThat(m.households(p.id(), Staffing.UNDER_STAFFED)).isEmpty();
    assertThat(m.program(p.id()).orElseThrow().trees())
        .containsEntry(w.professorA.id(), tree.id());

    // the eleventh household is refused: the tree holds ten
    HouseholdId eleventh = w.households(p, "第十一", 1).get(0);
    assertRule(() -> m.appoint(professor, tree.id(), eleventh, null), "tree-full");
    // a household's twentieth grower fills it; the twenty-first is refused
    HouseholdId last = demos.get(9);
    List<HouseholdId> more = w.households(p, "加入", 2);
    w.drainAll();
    m.assign(w.owner(), p.id(), more.get(0), last, null);
    assertThat(m.households(p.id(), Staffing.FULL)).extracting(DemoHousehold::household)
        .containsExactly(last);
    List<String> types = w.drainAll().stream().filter(x -> x.destination().equals("notifier"))
        .map(OutboxMessage::type).collect(Collectors.toList());
    assertThat(types).containsExactlyInAnyOrder("mentorship.grower_assigned",
        "mentorship.household_full");
    assertRule(() -> m.assign(w.owner(), p.id(), more.get(1), last, null), "household-full");
  }

  @Test
  void aGrowerIsWithOneHouseholdOfAProgramAcrossItsTreesAndMovesKeepItsHistory() {
    Program p = w.grapes(ProgramPolicy.of(3, 1, 2));
    MentorshipTree a = m.addExpert(w.owner(), p.id(), w.professorA.id(), null);
    MentorshipTree b = m.addExpert(w.owner(), p.id(), w.professorB.id(), null);
    List<HouseholdId> hs = w.households(p, "戶", 4);
    m.appoint(w.owner(), a.id(), hs.get(0), null);
    m.appoint(w.owner(), b.id(), hs.get(1), null);
    HouseholdId grower = hs.get(2);
    m.assign(w.owner(), p.id(), grower, hs.get(0), null);
    assertRule(() -> m.assign(w.owner(), p.id(), grower, hs.get(1), null),
        "one-household-per-program");
    assertRule(() -> m.appoint(w.owner(), b.id(), grower, null), "demonstration-not-grower");
    assertRule(() -> m.assign(w.owner(), p.id(), hs.get(1), hs.get(0), null),
        "demonstration-not-grower");
    assertRule(() -> m.addExpert(w.owner(), p.id(), w.professorA.id(), null),
        "one-tree-per-expert");

    // only the owner or the expert of the grower's tree moves it; the other tree's expert may not
    assertThatThrownBy(() -> m.move(Actor.member(w.professorB.id()), p.id(), grower,
        hs.get(1), "換人", null)).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> m.assign(Actor.household(hs.get(1)), p.id(), hs.get(3),
        hs.get(0), null)).as("a head assigns to its own household only")
        .isInstanceOf(AccessDeniedException.class);
    DemoHousehold joined = m.move(Actor.member(w.professorA.id()), p.id(), grower, hs.get(1),
        "離得近", null);
    assertThat(joined.growers()).containsExactly(grower);
    assertThat(m.mentorOf(p.id(), grower)).contains(hs.get(1));
    assertThat(m.history(p.id(), grower)).extracting(h -> h.reason().orElse(""))
        .containsExactly("registered", "", "離得近");
    assertThat(m.history(p.id(), grower).get(2).from()).contains(hs.get(0));

    // removing a household with growers needs them moved first, or one target for all
    assertRule(() -> m.removeDemoHousehold(w.owner(), b.id(), hs.get(1), null, null),
        "household-has-growers");
    MentorshipTree after = m.removeDemoHousehold(w.owner(), b.id(), hs.get(1), hs.get(0),
        null);
    assertThat(after.households()).isEmpty();
    assertThat(m.mentorOf(p.id(), grower)).contains(hs.get(0));

    // lowering a maximum below what a household holds is refused, naming it
    m.assign(w.owner(), p.id(), hs.get(3), hs.get(0), null);
    assertThatThrownBy(() -> m.changePolicy(w.owner(), p.id(), ProgramPolicy.of(3, 1, 1), null))
        .isInstanceOfSatisfying(RuleViolationException.class,
            e -> assertThat(e.rule()).isEqualTo("policy-below-current"))
        .hasMessageContaining("household " + hs.get(0).value() + " (2)");
    assertThat(m.changePolicy(w.owner(), p.id(), ProgramPolicy.of(1, 1, 2), null).policy())
        .isEqualTo(ProgramPolicy.of(1, 1, 2));
  }

  private static void assertRule(Runnable call, String rule) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(RuleViolationException.class,
        e -> assertThat(e.rule()).isEqualTo(rule));
  }
}
