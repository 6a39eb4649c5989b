package dev.zhuli.core.mentorship;

import dev.zhuli.core.Actor;
import dev.zhuli.core.HouseholdId;
import dev.zhuli.core.MemberId;
import dev.zhuli.core.ProgramId;
import dev.zhuli.core.TreeId;
import java.util.List;
import java.util.Optional;

/**
 * Mentorship trees (蛛網式管理): programs, their experts' trees, demonstration households and the
 * growers they guide.
 *
 * <p>Rules: a tree holds at most {@link ProgramPolicy#maxHouseholds()} demonstration households;
 * a demonstration household guides at most {@link ProgramPolicy#maxGrowers()} growers (fewer than
 * {@link ProgramPolicy#minGrowers()} is allowed and reported as under-staffed); a grower is with
 * at most one demonstration household of a program, across all its trees; a demonstration
 * household is no grower in the same program. Moving a grower keeps its history. A policy that
 * would leave a tree or household over a new maximum is refused, naming them.
 *
 * <p>Who may (under the standard access policy): administrators of the village's region and the
 * coordinator of the group serving it create programs; the program's owner changes its policy,
 * adds experts and registers households; the tree's expert or the program's owner appoints and
 * removes demonstration households; they and the head of a demonstration household (acting as
 * {@link Actor#household}) assign growers to it, and its head unassigns its own; only the owner
 * and the expert of the grower's tree move growers. Every command takes a request key.
 *
 * <p>Notifications: an appointment tells the expert and the household; an assignment or a move
 * tells the households concerned; a household that becomes full, or falls below the minimum,
 * tells its expert. Every change emits a domain event ({@code mentorship.…}).
 *
 * <p>Thread-safe. Concurrent commands that compete for a limit write a common record, so one of
 * them re-runs against the other's result and is refused if the limit no longer allows it.
 *
 * @since 0.1.0
 */
public interface Mentorship {

  /**
   * Creates a program.
   *
   * @param actor an administrator of the village's region, or the coordinator of its group
   * @param program what, where, and who owns it
   * @return the program
   */
  Program createProgram(Actor actor, NewProgram program);

  /**
   * Changes the policy numbers. A maximum below what a tree or household holds now is refused
   * with rule {@code policy-below-current}, naming them.
   *
   * @param actor the owner
   * @param program the program
   * @param policy the new numbers
   * @param requestKey the caller's request key, or null
   * @return the program
   */
  Program changePolicy(Actor actor, ProgramId program, ProgramPolicy policy, String requestKey);

  /**
   * Adds an expert to the program, with a tree of their own; one tree per expert per program.
   *
   * @param actor the owner
   * @param program the program
   * @param expert an active member of the group serving the program's village
   * @param requestKey the caller's request key, or null
   * @return the new, empty tree
   */
  MentorshipTree addExpert(Actor actor, ProgramId program, MemberId expert, String requestKey);

  /**
   * Registers a new household in the program, as a grower not yet assigned.
   *
   * @param actor the owner
   * @param program the program
   * @param household the household
   * @return the household
   */
  Household registerHousehold(Actor actor, ProgramId program, NewHousehold household);

  /**
   * Registers an existing household (of another program, say) in this program.
   *
   * @param actor the owner
   * @param program the program
   * @param household the household
   * @param requestKey the caller's request key, or null
   * @return the household
   */
  Household registerHousehold(Actor actor, ProgramId program, HouseholdId household,
      String requestKey);

  /**
   * Appoints a registered, unassigned household of the program as a demonstration household of
   * a tree.
   *
   * @param actor the tree's expert or the program's owner
   * @param tree the tree
   * @param household the household
   * @param requestKey the caller's request key, or null
   * @return the demonstration household
   */
  DemoHousehold appoint(Actor actor, TreeId tree, HouseholdId household, String requestKey);

  /**
   * Removes a demonstration household from its tree; it stays registered, as a grower not yet
   * assigned. Its growers must have been moved first (rule {@code household-has-growers}), or
   * all go to one named target household of the program.
   *
   * @param actor the tree's expert or the program's owner
   * @param tree the tree
   * @param household the demonstration household
   * @param moveGrowersTo where its growers go, or null when it has none
   * @param requestKey the caller's request key, or null
   * @return the tree
   */
  MentorshipTree removeDemoHousehold(Actor actor, TreeId tree, HouseholdId household,
      HouseholdId moveGrowersTo, String requestKey);

  /**
   * Assigns an unassigned grower to a demonstration household of the program.
   *
   * @param actor the owner, the household's tree's expert, or the household's head
   * @param program the program
   * @param grower the grower
   * @param household the demonstration household
   * @param requestKey the caller's request key, or null
   * @return the demonstration household
   */
  DemoHousehold assign(Actor actor, ProgramId program, HouseholdId grower,
      HouseholdId household, String requestKey);

  /**
   * Moves an assigned grower to another demonstration household of the program, keeping its
   * history.
   *
   * @param actor the owner, or the expert of the grower's current tree
   * @param program the program
   * @param grower the grower
   * @param to the demonstration household it joins
   * @param reason why, 1 to 500 characters
   * @param requestKey the caller's request key, or null
   * @return the demonstration household it joined
   */
  DemoHousehold move(Actor actor, ProgramId program, HouseholdId grower, HouseholdId to,
      String reason, String requestKey);

  /**
   * Unassigns a grower from its demonstration household; it stays registered.
   *
   * @param actor the owner, the tree's expert, or the household's head
   * @param program the program
   * @param grower the grower
   * @param reason why, 1 to 500 characters
   * @param requestKey the caller's request key, or null
   * @return the demonstration household it left
   */
  DemoHousehold unassign(Actor actor, ProgramId program, HouseholdId grower, String reason,
      String requestKey);

  /**
   * Carries a program's model to another village (示範推廣): a new program with the template's
   * crop, plan, policy and yield target, and none of its people.
   *
   * @param actor an administrator of the new village's region, or the coordinator of its group
   * @param promotion the template, village, owner, name and season
   * @return the new program
   */
  Program promote(Actor actor, NewPromotion promotion);

  /**
   * Erases a household's personal data (its head's name and phone number) on request; the
   * household stays, with its part in every program, so figures still add up.
   *
   * @param actor an administrator of its village's region, or the system
   * @param household the household
   * @param requestKey the caller's request key, or null
   * @return the household, erased
   */
  Household eraseHousehold(Actor actor, HouseholdId household, String requestKey);

  /**
   * A program.
   *
   * @param id the program
   * @return the program, if it exists
   */
  Optional<Program> program(ProgramId id);

  /**
   * A tree with its households and their growers.
   *
   * @param id the tree
   * @return the tree, if it exists
   */
  Optional<MentorshipTree> tree(TreeId id);

  /**
   * A program's trees, in the order their experts were added.
   *
   * @param program the program
   * @return the trees
   */
  List<MentorshipTree> trees(ProgramId program);

  /**
   * A program's demonstration households in one staffing state, tree by tree.
   *
   * @param program the program
   * @param staffing under-staffed, staffed or full
   * @return the households
   */
  List<DemoHousehold> households(ProgramId program, Staffing staffing);

  /**
   * A household, with its personal data.
   *
   * @param id the household
   * @return the household, if it exists
   */
  Optional<Household> household(HouseholdId id);

  /**
   * The demonstration household a grower is with in a program.
   *
   * @param program the program
   * @param grower the grower
   * @return the demonstration household, if any
   */
  Optional<HouseholdId> mentorOf(ProgramId program, HouseholdId grower);

  /**
   * A household's history in a program: registered, assigned, moved, unassigned, appointed.
   *
   * @param program the program
   * @param household the household
   * @return the entries, oldest first
   * @throws dev.zhuli.core.NotFoundException if it is not registered in the program
   */
  List<GrowerMove> history(ProgramId program, HouseholdId household);
}
