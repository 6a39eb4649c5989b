package dev.zhuli.core.mentorship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.zhuli.core.Actor;
import dev.zhuli.core.HouseholdId;
import dev.zhuli.core.RuleViolationException;
import dev.zhuli.core.TreeId;
import dev.zhuli.core.ZhuliException;
import dev.zhuli.core.mentorship.MentorshipModel.Pick;
import dev.zhuli.core.mentorship.MentorshipModel.Step;
import dev.zhuli.core.mentorship.MentorshipModel.Who;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.quicktheories.core.Gen;
import org.quicktheories.core.stateful.Parallel;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * Mentorship's limits under concurrent commands. Bounded races, each round's racers released
 * together: eight assignments of different growers to one household never take it above
 * {@code maxGrowers} (exactly that many win, the rest are refused as {@code household-full});
 * one grower assigned to two households at once ends with one of them (the other is refused as
 * {@code one-household-per-program}); a policy lowering {@code maxHouseholds} racing with
 * appointments never leaves a tree above the maximum that holds at the end; two appointments to
 * a tree one short of full: one wins, the other is refused as {@code tree-full}. And {@link
 * Parallel#parallelCheck} on up to eight commands of {@link MentorshipModel} run at once: the end
 * (records, each command's outcome, the notifications) must be one that some serial order of
 * the same commands reaches. Every wait has a timeout; nothing sleeps.
 *
 * <p>The worlds here re-run a command up to ten times on a conflict: a racer conflicts at most
 * once for each winner that writes the record it guards, and with the default five attempts a
 * loser among eight could give up with a conflict before it sees the household full.
 */
class MentorshipConcurrencyTest {
  private static final long WAIT_SECONDS = 10;
  private static final int RACERS = 8;

  private final MentorshipFixtures w = MentorshipFixtures.nangou(7L, 10);
  private final Mentorship m = w.mentorship;
  private final ExecutorService pool = Executors.newFixedThreadPool(RACERS);

  @AfterEach
  void stop() throws InterruptedException {
    pool.shutdownNow();
    try {
      assertThat(pool.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS)).as("racers stopped")
          .isTrue();
    } finally {
      w.close();
    }
  }

  @Test
  @Timeout(120)
  void eightAssignmentsToOneHouseholdNeverTakeItAboveItsMaximum() throws Exception {
    int max = 5;
    Program p = w.grapes(ProgramPolicy.of(ProgramPolicy.MAX_LIMIT, 2, max));
    TreeId tree = m.addExpert(w.owner(), p.id(), w.professorA.id(), null).id();
    for (int round = 1; round <= 30; round++) {
      HouseholdId demo = w.households(p, "示範" + round + "-", 1).get(0);
      m.appoint(w.owner(), tree, demo, null);
      List<HouseholdId> growers = w.households(p, "種植" + round + "-", RACERS);
      w.drainAll();
      List<String> outcomes = race(RACERS, i -> () -> outcome(() ->
          m.assign(i % 2 == 0 ? Actor.household(demo) : w.owner(), p.id(), growers.get(i),
              demo, null)));
      String at = "round " + round + ": " + outcomes;
      List<HouseholdId> winners = new ArrayList<>();
      for (int i = 0; i < RACERS; i++) {
        if (outcomes.get(i).equals("ok")) {
          winners.add(growers.get(i));
        } else {
          assertThat(outcomes.get(i)).as(at).isEqualTo("household-full");
          assertThat(m.mentorOf(p.id(), growers.get(i))).as(at).isEmpty();
          assertThat(m.history(p.id(), growers.get(i))).as(at).hasSize(1);
        }
      }
      assertThat(winners).as(at).hasSize(max);
      DemoHousehold after = m.households(p.id(), Staffing.FULL).stream()
          .filter(d -> d.household().equals(demo)).findFirst().orElseThrow();
      assertThat(after.growers()).as(at).containsExactlyInAnyOrderElementsOf(winners);
      for (HouseholdId g : winners) {
        assertThat(m.mentorOf(p.id(), g)).as(at).contains(demo);
      }
      assertThat(MentorshipFixtures.notes(w.drainAll())).as(at)
          .filteredOn(n -> n.type().equals("mentorship.household_full"))
          .singleElement().extracting(MentorshipFixtures.Note::recipients)
          .isEqualTo(List.of(w.professorA.id().value()));
    }
  }

  @Test
  @Timeout(120)
  void oneGrowerAssignedToTwoHouseholdsAtOnceEndsWithOne() throws Exception {
    Program p = w.grapes(ProgramPolicy.of(10, 1, ProgramPolicy.MAX_LIMIT));
    TreeId a = m.addExpert(w.owner(), p.id(), w.professorA.id(), null).id();
    TreeId b = m.addExpert(w.owner(), p.id(), w.professorB.id(), null).id();
    List<HouseholdId> demos = w.households(p, "示範", 2);
    m.appoint(w.owner(), a, demos.get(0), null);
    m.appoint(w.owner(), b, demos.get(1), null);
    for (int round = 1; round <= 30; round++) {
      HouseholdId grower = w.households(p, "種植" + round + "-", 1).get(0);
      List<String> outcomes = race(2, i -> () -> outcome(() ->
          m.assign(Actor.household(demos.get(i)), p.id(), grower, demos.get(i), null)));
      String at = "round " + round + ": " + outcomes;
      assertThat(outcomes).as(at).containsExactlyInAnyOrder("ok", "one-household-per-program");
      HouseholdId winner = demos.get(outcomes.indexOf("ok"));
      assertThat(m.mentorOf(p.id(), grower)).as(at).contains(winner);
      List<HouseholdId> listing = new ArrayList<>();
      for (MentorshipTree t : m.trees(p.id())) {
        t.households().stream().filter(d -> d.growers().contains(grower))
            .forEach(d -> listing.add(d.household()));
      }
      assertThat(listing).as(at).containsExactly(winner);
      assertThat(m.history(p.id(), grower)).as(at).hasSize(2);
    }
  }

  @Test
  @Timeout(120)
  void loweringMaxHouseholdsWhileAppointingNeverLeavesATreeAboveTheFinalMaximum()
      throws Exception {
    for (int round = 1; round <= 30; round++) {
      Program p = w.grapes(ProgramPolicy.of(4, 1, 3));
      TreeId tree = m.addExpert(w.owner(), p.id(), w.professorA.id(), null).id();
      List<HouseholdId> hs = w.households(p, "戶", 5);
      m.appoint(w.owner(), tree, hs.get(0), null);
      m.appoint(w.owner(), tree, hs.get(1), null);
      // the owner lowers the maximum to the two the tree holds; expert and owner appoint more
      Actor[] by = {w.owner(), Actor.member(w.professorA.id()), w.owner()};
      List<String> outcomes = race(3, i -> () -> outcome(() -> {
        if (i == 0) {
          m.changePolicy(by[i], p.id(), ProgramPolicy.of(2, 1, 3), null);
        } else {
          m.appoint(by[i], tree, hs.get(1 + i), null);
        }
      }));
      String at = "round " + round + ": " + outcomes;
      int finalMax = m.program(p.id()).orElseThrow().policy().maxHouseholds();
      int held = m.tree(tree).orElseThrow().households().size();
      long appointed = outcomes.subList(1, 3).stream().filter("ok"::equals).count();
      assertThat(held).as(at).isEqualTo(2 + (int) appointed).isLessThanOrEqualTo(finalMax);
      if (outcomes.get(0).equals("ok")) {
        assertThat(finalMax).as(at).isEqualTo(2);
        assertThat(outcomes.subList(1, 3)).as(at).containsOnly("tree-full");
      } else {
        assertThat(outcomes.get(0)).as(at).isEqualTo("policy-below-current");
        assertThat(finalMax).as(at).isEqualTo(4);
        assertThat(appointed).as(at).isPositive();
        assertThat(outcomes.subList(1, 3)).as(at).containsOnly("ok");
      }
    }
  }

  /**
   * The race a first version lost: assignments read the policy before the household, so a policy
   * change committing in between was judged by the old numbers and, having rewritten the
   * household, did not even conflict.
   */
  @Test
  @Timeout(120)
  void loweringMaxGrowersWhileAssigningNeverLeavesAHouseholdAboveTheFinalMaximum()
      throws Exception {
    for (int round = 1; round <= 25; round++) {
      Program p = w.grapes(ProgramPolicy.of(10, 1, 4));
      TreeId tree = m.addExpert(w.owner(), p.id(), w.professorA.id(), null).id();
      List<HouseholdId> hs = w.households(p, "戶", 6);
      HouseholdId demo = hs.get(0);
      m.appoint(w.owner(), tree, demo, null);
      m.assign(w.owner(), p.id(), hs.get(1), demo, null);
      m.assign(w.owner(), p.id(), hs.get(2), demo, null);
      List<String> outcomes = race(3, i -> () -> outcome(() -> {
        if (i == 0) {
          m.changePolicy(w.owner(), p.id(), ProgramPolicy.of(10, 1, 2), null);
        } else {
          m.assign(i == 1 ? Actor.household(demo) : w.owner(), p.id(), hs.get(2 + i), demo,
              null);
        }
      }));
      String at = "round " + round + ": " + outcomes;
      int finalMax = m.program(p.id()).orElseThrow().policy().maxGrowers();
      int held = m.tree(tree).orElseThrow().households().get(0).growerCount();
      assertThat(held).as(at).isLessThanOrEqualTo(finalMax);
      if (outcomes.get(0).equals("ok")) {
        assertThat(finalMax).as(at).isEqualTo(2);
        assertThat(outcomes.subList(1, 3)).as(at).containsOnly("household-full");
      } else {
        assertThat(outcomes.get(0)).as(at).isEqualTo("policy-below-current");
        assertThat(outcomes.subList(1, 3)).as(at).contains("ok");
      }
    }
  }

  @Test
  @Timeout(120)
  void twoAppointmentsToATreeOneShortOfFullOneWins() throws Exception {
    for (int round = 1; round <= 30; round++) {
      Program p = w.grapes(ProgramPolicy.of(2, 1, 3));
      TreeId tree = m.addExpert(w.owner(), p.id(), w.professorA.id(), null).id();
      List<HouseholdId> hs = w.households(p, "戶", 3);
      m.appoint(w.owner(), tree, hs.get(0), null);
      Actor[] by = {Actor.member(w.professorA.id()), w.owner()};
      List<String> outcomes = race(2, i -> () -> outcome(() ->
          m.appoint(by[i], tree, hs.get(1 + i), null)));
      String at = "round " + round + ": " + outcomes;
      assertThat(outcomes).as(at).containsExactlyInAnyOrder("ok", "tree-full");
      HouseholdId winner = hs.get(1 + outcomes.indexOf("ok"));
      assertThat(m.tree(tree).orElseThrow().households()).as(at)
          .extracting(DemoHousehold::household).containsExactly(hs.get(0), winner);
    }
  }

  /**
   * Up to eight commands on the model's starting world (tree t0 of A, three households at most,
   * with h0 guiding h1 and h3 and h2 guiding none; h4, h5, h6 free; two to three growers each),
   * drawn from assignments to h0 and h2, moves, an unassignment, appointments to t0, removals,
   * policies lowering maxHouseholds, raising minGrowers or raising maxGrowers, and a new expert,
   * run at once.
   */
  @Test
  @Timeout(300)
  void commandsRunAtOnceEndAsSomeSerialOrder() {
    List<IntFunction<Step>> menu = List.of(
        id -> MentorshipModel.assign(id, Who.HEAD_OWN, Pick.fixed("h4"), Pick.fixed("h0")),
        id -> MentorshipModel.assign(id, Who.OWNER, Pick.fixed("h5"), Pick.fixed("h0")),
        id -> MentorshipModel.assign(id, Who.EXPERT_A, Pick.fixed("h6"), Pick.fixed("h0")),
        id -> MentorshipModel.assign(id, Who.OWNER, Pick.fixed("h4"), Pick.fixed("h2")),
        id -> MentorshipModel.assign(id, Who.HEAD_OWN, Pick.fixed("h5"), Pick.fixed("h2")),
        id -> MentorshipModel.move(id, Who.EXPERT_A, Pick.fixed("h1"), Pick.fixed("h2")),
        id -> MentorshipModel.move(id, Who.OWNER, Pick.fixed("h3"), Pick.fixed("h2")),
        id -> MentorshipModel.unassign(id, Who.SYSTEM, Pick.fixed("h1")),
        id -> MentorshipModel.appoint(id, Who.EXPERT_A, 0, Pick.fixed("h4")),
        id -> MentorshipModel.appoint(id, Who.OWNER, 0, Pick.fixed("h6")),
        id -> MentorshipModel.remove(id, Who.OWNER, 0, Pick.fixed("h2"), null),
        id -> MentorshipModel.remove(id, Who.EXPERT_A, 0, Pick.fixed("h0"), Pick.fixed("h2")),
        id -> MentorshipModel.policy(id, Who.OWNER, 2, 2, 3, true),
        id -> MentorshipModel.policy(id, Who.OWNER, 3, 3, 3, true),
        id -> MentorshipModel.policy(id, Who.OWNER, 3, 2, 4, true),
        id -> MentorshipModel.policy(id, Who.OWNER, 3, 1, 2, true),
        id -> MentorshipModel.addExpert(id, Who.OWNER, "B"));
    Gen<List<Integer>> drawn = SourceDSL.lists().of(Generate.range(0, menu.size() - 1))
        .ofSizeBetween(2, 8);
    try (MentorshipFixtures world = MentorshipFixtures.nangou(11L, 10)) {
      qt().withExamples(20).withShrinkCycles(20).forAll(drawn).checkAssert(list -> {
        List<Step> commands = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
          commands.add(menu.get(list.get(i)).apply(i));
        }
        List<MentorshipModel.Sut> made = new ArrayList<>();
        try {
          new Parallel((int) WAIT_SECONDS, TimeUnit.SECONDS).parallelCheck(
              MentorshipModel.State.initial(), commands, model -> {
                // the first world runs the commands one by one, the second all at once
                MentorshipModel.Sut s = new MentorshipModel.Sut(world, false,
                    made.isEmpty() ? 0 : commands.size());
                made.add(s);
                return s;
              }, MentorshipModel.Sut::project, commands.size());
        } catch (AssertionError e) {
          String trace = made.isEmpty() ? "" : "\n" + made.get(made.size() - 1).traceText();
          throw new AssertionError(e.getMessage() + trace, e);
        }
        for (MentorshipModel.Sut s : made) {
          assertThat(s.trouble).as("what went wrong while racing %s", commands).isEmpty();
        }
      });
    }
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** {@code ok}, the rule of a refusal by rule, or the class and code of another refusal. */
  private static String outcome(Runnable command) {
    try {
      command.run();
      return "ok";
    } catch (RuleViolationException e) {
      return e.rule();
    } catch (ZhuliException e) {
      return e.getClass().getSimpleName() + " " + e.code();
    }
  }

  /** Runs n racers on the pool, released together; their results, each within the bound. */
  private <T> List<T> race(int n, IntFunction<Callable<T>> racer) throws Exception {
    CountDownLatch ready = new CountDownLatch(n);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Callable<T> task = racer.apply(i);
      futures.add(pool.submit(() -> {
        ready.countDown();
        if (!go.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the race never started");
        }
        return task.call();
      }));
    }
    assertThat(ready.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("all racers ready").isTrue();
    go.countDown();
    List<T> out = new ArrayList<>();
    for (Future<T> f : futures) {
      out.add(f.get(WAIT_SECONDS, TimeUnit.SECONDS));
    }
    return out;
  }
}
