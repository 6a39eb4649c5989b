package dev.zhuli.storage.jdbc;

import dev.zhuli.core.Actor;
import dev.zhuli.core.ConcurrentUpdateException;
import dev.zhuli.core.HouseholdId;
import dev.zhuli.core.MemberId;
import dev.zhuli.core.ProgramId;
import dev.zhuli.core.RuleViolationException;
import dev.zhuli.core.TreeId;
import dev.zhuli.core.mentorship.Mentorship;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Random mentorship commands on one program's tree, for {@link MultiInstanceTest}: the owner
 * appoints candidates as demonstration households, assigns growers to them, moves growers
 * between them and now and then unassigns one. Instances run it at the same time on one
 * database, so that the commands race; refusals by rule and conflicts that outlast the retries
 * are counted, anything else fails.
 *
 * @param program the program
 * @param tree its one tree
 * @param owner the program's owner, who runs every command
 * @param candidates households that may become demonstration households
 * @param growers households that may become growers
 */
record MentorshipLoad(ProgramId program, TreeId tree, MemberId owner,
    List<HouseholdId> candidates, List<HouseholdId> growers) {

  /** The load as one line of words, for a child's standard input. */
  String line() {
    return program.value() + " " + tree.value() + " " + owner.value() + " "
        + String.join(",", candidates.stream().map(HouseholdId::value).toList()) + " "
        + String.join(",", growers.stream().map(HouseholdId::value).toList());
  }

  /** Reads {@link #line()} from the words at {@code from}. */
  static MentorshipLoad parse(String[] words, int from) {
    List<HouseholdId> candidates = new ArrayList<>();
    for (String id : words[from + 3].split(",")) {
      candidates.add(HouseholdId.of(id));
    }
    List<HouseholdId> growers = new ArrayList<>();
    for (String id : words[from + 4].split(",")) {
      growers.add(HouseholdId.of(id));
    }
    return new MentorshipLoad(ProgramId.of(words[from]), TreeId.of(words[from + 1]),
        MemberId.of(words[from + 2]), candidates, growers);
  }

  /**
   * Runs {@code count} random commands.
   *
   * @return outcome to how many: {@code ok}, the rule of a refusal, or {@code conflict}
   */
  Map<String, Integer> run(Mentorship m, long seed, int count) {
    Random random = new Random(seed);
    Actor actor = Actor.member(owner);
    Map<String, Integer> outcomes = new TreeMap<>();
    for (int i = 0; i < count; i++) {
      HouseholdId candidate = candidates.get(random.nextInt(candidates.size()));
      HouseholdId grower = growers.get(random.nextInt(growers.size()));
      int pick = random.nextInt(10);
      String outcome;
      try {
        if (pick < 3) {
          m.appoint(actor, tree, candidate, null);
        } else if (pick < 6) {
          m.assign(actor, program, grower, candidate, null);
        } else if (pick < 9) {
          m.move(actor, program, grower, candidate, "換示範戶", null);
        } else {
          m.unassign(actor, program, grower, "退出", null);
        }
        outcome = "ok";
      } catch (RuleViolationException e) {
        outcome = e.rule();
      } catch (ConcurrentUpdateException e) {
        outcome = "conflict";
      }
      outcomes.merge(outcome, 1, Integer::sum);
    }
    return outcomes;
  }
}
