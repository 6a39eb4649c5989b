package dev.zhuli.core.roster;

import dev.zhuli.core.AccessDeniedException;
import dev.zhuli.core.Actor;
import dev.zhuli.core.GroupId;
import dev.zhuli.core.MemberId;
import dev.zhuli.core.NotFoundException;
import dev.zhuli.core.PageRequest;
import dev.zhuli.core.RegionId;
import dev.zhuli.core.ResultPage;
import dev.zhuli.core.RuleViolationException;
import dev.zhuli.core.SquadId;
import dev.zhuli.core.ValidationException;
import dev.zhuli.core.VillageId;
import java.util.Optional;

/**
 * Who is who: regions and villages, each county's help group, its squads and its members.
 *
 * <p>Every command names its {@link Actor}, runs as one transaction, and either changes
 * everything it says or nothing: bad input is a {@link ValidationException} naming the field,
 * unknown ids a {@link NotFoundException}, an actor without the right an
 * {@link AccessDeniedException}, and a rule of the roster a {@link RuleViolationException}. A
 * command given a request key that it has seen before returns its first result and changes
 * nothing; once a member's personal data is erased, keys that returned that member return it as
 * it is now, so no copy of the erased data stays behind. Each change emits a domain event ({@code roster.…}) to the registered
 * subscribers.
 *
 * <p>Who may: the system actor everything; an administrator of a region everything within it
 * (regions, villages, groups, squads, coordinators, members); a group's coordinator the group's
 * members and their squads. Queries need no actor: the host decides who reads.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public interface Roster {

  /**
   * Creates a city (system only), a county-level division of a city, or a town of a county.
   *
   * @param actor who asks: an administrator of the parent region
   * @param region the new region
   * @return the region
   */
  Region createRegion(Actor actor, NewRegion region);

  /**
   * Creates a village or community in a town.
   *
   * @param actor who asks: an administrator of the town or above
   * @param village the new village
   * @return the village
   */
  Village createVillage(Actor actor, NewVillage village);

  /**
   * Creates the help group of a county-level division; a county has at most one.
   *
   * @param actor who asks: an administrator of the county or its city
   * @param group the new group
   * @return the group, without a coordinator yet
   */
  HelpGroup createGroup(Actor actor, NewGroup group);

  /**
   * Appoints a member of the group as its coordinator, replacing any before.
   *
   * @param actor who asks: an administrator of the group's county or its city
   * @param group the group
   * @param coordinator an active member of the group
   * @param requestKey the caller's request key, or null
   * @return the group
   */
  HelpGroup appointCoordinator(Actor actor, GroupId group, MemberId coordinator,
      String requestKey);

  /**
   * Creates a squad in a group.
   *
   * @param actor who asks: an administrator of the group's county or its city
   * @param squad the new squad
   * @return the squad
   */
  Squad createSquad(Actor actor, NewSquad squad);

  /**
   * Adds a member to a group.
   *
   * @param actor who asks: the group's coordinator or an administrator
   * @param member the new member
   * @return the member, in no squad yet
   */
  Member addMember(Actor actor, NewMember member);

  /**
   * Changes a member's details. Once a member's personal data was erased, a new name, phone or
   * home organisation is refused (rule {@code erased-stays-erased}).
   *
   * @param actor who asks: the group's coordinator or an administrator
   * @param update what changes
   * @return the member
   */
  Member updateMember(Actor actor, MemberUpdate update);

  /**
   * Puts a member in a squad of their group with a role, or changes their role there. A member may
   * serve in up to 8 squads.
   *
   * @param actor who asks: the group's coordinator or an administrator
   * @param member the member
   * @param squad a squad of the member's group
   * @param role the role
   * @param requestKey the caller's request key, or null
   * @return the member
   */
  Member joinSquad(Actor actor, MemberId member, SquadId squad, SquadRole role,
      String requestKey);

  /**
   * Takes a member out of a squad.
   *
   * @param actor who asks: the group's coordinator or an administrator
   * @param member the member
   * @param squad a squad the member serves in
   * @param requestKey the caller's request key, or null
   * @return the member
   */
  Member leaveSquad(Actor actor, MemberId member, SquadId squad, String requestKey);

  /**
   * Removes a member from the group: out of every squad and every query, kept for history. The
   * coordinator cannot be removed until another is appointed.
   *
   * @param actor who asks: the group's coordinator or an administrator
   * @param member the member
   * @param requestKey the caller's request key, or null
   * @return the member, marked removed
   */
  Member removeMember(Actor actor, MemberId member, String requestKey);

  /**
   * Erases a member's personal data on request: the name is replaced by a placeholder, the phone
   * and home organisation are dropped; the member's id, roles and history stay, so statistics still
   * add up.
   *
   * @param actor who asks: the group's coordinator or an administrator
   * @param member the member
   * @param requestKey the caller's request key, or null
   * @return the member, marked erased
   */
  Member eraseMember(Actor actor, MemberId member, String requestKey);

  /**
   * A region.
   *
   * @param id its id
   * @return the region, if it exists
   */
  Optional<Region> region(RegionId id);

  /**
   * The regions directly under a region, or the cities when {@code parent} is null, in creation
   * order.
   *
   * @param parent the parent, or null for cities
   * @param page which page
   * @return a page of regions
   */
  ResultPage<Region> regionsUnder(RegionId parent, PageRequest page);

  /**
   * A village.
   *
   * @param id its id
   * @return the village, if it exists
   */
  Optional<Village> village(VillageId id);

  /**
   * The villages of a town, in creation order.
   *
   * @param town the town
   * @param page which page
   * @return a page of villages
   */
  ResultPage<Village> villagesOf(RegionId town, PageRequest page);

  /**
   * A help group.
   *
   * @param id its id
   * @return the group, if it exists
   */
  Optional<HelpGroup> group(GroupId id);

  /**
   * The help group of a county-level division.
   *
   * @param county the county
   * @return the group, if it has one
   */
  Optional<HelpGroup> groupOfCounty(RegionId county);

  /**
   * A squad.
   *
   * @param id its id
   * @return the squad, if it exists
   */
  Optional<Squad> squad(SquadId id);

  /**
   * The squads of a group, in creation order.
   *
   * @param group the group
   * @param page which page
   * @return a page of squads
   */
  ResultPage<Squad> squadsOf(GroupId group, PageRequest page);

  /**
   * A member, removed or not.
   *
   * @param id its id
   * @return the member, if it exists
   */
  Optional<Member> member(MemberId id);

  /**
   * The active members of a group, in creation order.
   *
   * @param group the group
   * @param page which page
   * @return a page of members
   */
  ResultPage<Member> membersOf(GroupId group, PageRequest page);

  /**
   * The active members of a squad, in creation order.
   *
   * @param squad the squad
   * @param page which page
   * @return a page of members
   */
  ResultPage<Member> membersOfSquad(SquadId squad, PageRequest page);

  /**
   * The active members of a group with a skill (compared after normalisation and case-folding),
   * in creation order.
   *
   * @param group the group
   * @param skill the skill
   * @param page which page
   * @return a page of members
   */
  ResultPage<Member> membersBySkill(GroupId group, String skill, PageRequest page);

  /**
   * The active cadres of a village, in creation order.
   *
   * @param village the village
   * @param page which page
   * @return a page of members
   */
  ResultPage<Member> cadresOf(VillageId village, PageRequest page);
}
