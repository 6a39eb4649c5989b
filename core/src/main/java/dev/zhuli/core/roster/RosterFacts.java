package dev.zhuli.core.roster;

import static dev.zhuli.core.roster.RosterRecords.GROUP;
import static dev.zhuli.core.roster.RosterRecords.MEMBER;
import static dev.zhuli.core.roster.RosterRecords.SQUAD;
import static dev.zhuli.core.roster.RosterRecords.VILLAGE;

import dev.zhuli.core.GroupId;
import dev.zhuli.core.MemberId;
import dev.zhuli.core.NotFoundException;
import dev.zhuli.core.PageRequest;
import dev.zhuli.core.ResultPage;
import dev.zhuli.core.SquadId;
import dev.zhuli.core.VillageId;
import dev.zhuli.core.store.Session;
import dev.zhuli.core.store.Versioned;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What other features read of the roster inside their own commands, in the same transaction:
 * groups, squads, members and villages as value types.
 *
 * <p>For Zhuli's feature packages; hosts use {@link Roster}. Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class RosterFacts {
  private RosterFacts() {}

  /**
   * A village that must exist.
   *
   * @param s the session
   * @param id the village
   * @return the village
   * @throws NotFoundException if it does not exist
   */
  public static Village village(Session s, VillageId id) {
    return s.require(VILLAGE, id.value(), "village").value().view();
  }

  /**
   * A group that must exist.
   *
   * @param s the session
   * @param id the group
   * @return the group
   * @throws NotFoundException if it does not exist
   */
  public static HelpGroup group(Session s, GroupId id) {
    return s.require(GROUP, id.value(), "group").value().view();
  }

  /**
   * The help group serving a village's county, which must have one.
   *
   * @param s the session
   * @param village the village
   * @return the group
   * @throws NotFoundException if the county has no group
   */
  public static HelpGroup groupServing(Session s, Village village) {
    String county = village.county().value();
    return s.find(GROUP, "county", county, county, PageRequest.first(1)).items().stream()
        .findFirst().map(v -> v.value().view())
        .orElseThrow(() -> new NotFoundException("help group of county", county));
  }

  /**
   * A squad that must exist.
   *
   * @param s the session
   * @param id the squad
   * @return the squad
   * @throws NotFoundException if it does not exist
   */
  public static Squad squad(Session s, SquadId id) {
    return s.require(SQUAD, id.value(), "squad").value().view();
  }

  /**
   * A member, if it exists.
   *
   * @param s the session
   * @param id the member
   * @return the member
   */
  public static Optional<Member> member(Session s, MemberId id) {
    return s.get(MEMBER, id.value()).map(v -> v.value().view());
  }

  /**
   * A member that must exist.
   *
   * @param s the session
   * @param id the member
   * @return the member
   * @throws NotFoundException if it does not exist
   */
  public static Member requireMember(Session s, MemberId id) {
    return s.require(MEMBER, id.value(), "member").value().view();
  }

  /**
   * The active members of a squad, all of them.
   *
   * @param s the session
   * @param squad the squad
   * @return the members, in creation order
   */
  public static List<Member> membersOfSquad(Session s, SquadId squad) {
    List<Member> all = new ArrayList<>();
    PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
    while (true) {
      ResultPage<Versioned<RosterRecords.MemberRecord>> found =
          s.find(MEMBER, "squad", squad.value(), squad.value(), page);
      found.items().forEach(v -> all.add(v.value().view()));
      if (found.nextCursor().isEmpty()) {
        return all;
      }
      page = page.after(found.nextCursor().get());
    }
  }

  /**
   * The squads of a group, all of them.
   *
   * @param s the session
   * @param group the group
   * @return the squads, in creation order
   */
  public static List<Squad> squadsOf(Session s, GroupId group) {
    List<Squad> all = new ArrayList<>();
    PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
    while (true) {
      ResultPage<Versioned<RosterRecords.SquadRecord>> found =
          s.find(SQUAD, "group", group.value(), group.value(), page);
      found.items().forEach(v -> all.add(v.value().view()));
      if (found.nextCursor().isEmpty()) {
        return all;
      }
      page = page.after(found.nextCursor().get());
    }
  }

  /**
   * A phone number as the roster keeps them: a mainland mobile number (optionally {@code +86})
   * or a landline with area code, spaces removed; the value never appears in the message.
   *
   * @param field the field, for the error
   * @param phone the number, or null
   * @return the number as kept, or null
   * @throws dev.zhuli.core.ValidationException if it is not a phone number
   */
  public static String checkPhone(String field, String phone) {
    return Phones.check(field, phone);
  }
}
