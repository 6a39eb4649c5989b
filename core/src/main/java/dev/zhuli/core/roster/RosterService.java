package dev.zhuli.core.roster;

import static dev.zhuli.core.roster.RosterRecords.GROUP;
import static dev.zhuli.core.roster.RosterRecords.MEMBER;
import static dev.zhuli.core.roster.RosterRecords.REGION;
import static dev.zhuli.core.roster.RosterRecords.SQUAD;
import static dev.zhuli.core.roster.RosterRecords.VILLAGE;

import dev.zhuli.core.Actor;
import dev.zhuli.core.GroupId;
import dev.zhuli.core.MemberId;
import dev.zhuli.core.PageRequest;
import dev.zhuli.core.RegionId;
import dev.zhuli.core.ResultPage;
import dev.zhuli.core.RuleViolationException;
import dev.zhuli.core.SquadId;
import dev.zhuli.core.ValidationException;
import dev.zhuli.core.VillageId;
import dev.zhuli.core.access.AccessRequest;
import dev.zhuli.core.access.Action;
import dev.zhuli.core.roster.RosterRecords.GroupRecord;
import dev.zhuli.core.roster.RosterRecords.MemberRecord;
import dev.zhuli.core.roster.RosterRecords.RegionRecord;
import dev.zhuli.core.roster.RosterRecords.SquadRecord;
import dev.zhuli.core.roster.RosterRecords.VillageRecord;
import dev.zhuli.core.store.Checks;
import dev.zhuli.core.store.CommandRunner;
import dev.zhuli.core.store.PersistedType;
import dev.zhuli.core.store.Session;
import dev.zhuli.core.store.Versioned;
import dev.zhuli.spi.storage.IndexEntry;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;


/** The roster's commands and queries over the command runner. */
final class RosterService implements Roster {
  static final int MAX_NAME = 64;
  static final int MAX_SKILLS = 16;
  static final int MAX_SKILL = 32;
  static final int MAX_ORGANISATION = 128;
  static final int MAX_SQUADS_PER_MEMBER = 8;
  private static final String ERASED_NAME = "(erased)";

  private final CommandRunner runner;
  private final ZoneId defaultZone;

  RosterService(CommandRunner runner, ZoneId defaultZone) {
    this.runner = runner;
    this.defaultZone = defaultZone;
  }

  /**
   * The roster of a Zhuli instance; called by {@code Zhuli} only.
   *
   * @param runner the command runner
   * @param defaultZone the zone of groups created without one
   * @return the roster
   */
  static Roster create(CommandRunner runner, ZoneId defaultZone) {
    return new RosterService(runner, defaultZone);
  }

  // ---- commands -----------------------------------------------------------------------------

  @Override
  public Region createRegion(Actor actor, NewRegion input) {
    Checks.present("region", input);
    String name = Checks.text("region.name", input.name(), MAX_NAME);
    RegionLevel level = Checks.present("region.level", input.level());
    String parentId = input.parent().map(RegionId::value).orElse(null);
    return runner.run("roster.createRegion", actor, key(input.requestKey()),
        List.of(name, level.name(), String.valueOf(parentId)), REGION, RegionRecord::id, s -> {
          List<String> path = new ArrayList<>();
          if (level == RegionLevel.CITY) {
            if (parentId != null) {
              throw new ValidationException("region.parent", "a city has no parent region");
            }
          } else {
            if (parentId == null) {
              throw new ValidationException("region.parent", "is required for a " + level);
            }
            RegionRecord parent = s.require(REGION, parentId, "region").value();
            RegionLevel parentLevel = RegionLevel.valueOf(parent.level());
            boolean fits = level.isCountyLevel() ? parentLevel == RegionLevel.CITY
                : parentLevel.isCountyLevel();
            if (!fits) {
              throw new ValidationException("region.parent", "a " + level + " belongs to a "
                  + (level.isCountyLevel() ? "CITY" : "county-level region") + ", not a "
                  + parentLevel);
            }
            path.addAll(parent.path());
          }
          s.authorize(AccessRequest.of(Action.CREATE_REGION, regionIds(path)));
          s.claimName("region.name", "region:" + (parentId == null ? "" : parentId), name);
          String id = s.newId();
          path.add(id);
          RegionRecord region = new RegionRecord(id, name, level.name(), parentId, path);
          long v = s.put(REGION, id, region, 0,
              List.of(IndexEntry.of("parent", parentId == null ? "" : parentId)));
          s.emit("roster.region.created", "region", id, v, region);
          return region;
        }).view();
  }

  @Override
  public Village createVillage(Actor actor, NewVillage input) {
    Checks.present("village", input);
    String name = Checks.text("village.name", input.name(), MAX_NAME);
    VillageKind kind = Checks.present("village.kind", input.kind());
    String townId = Checks.present("village.town", input.town()).value();
    return runner.run("roster.createVillage", actor, key(input.requestKey()),
        List.of(name, kind.name(), townId), VILLAGE, VillageRecord::id, s -> {
          RegionRecord town = s.require(REGION, townId, "region").value();
          if (!RegionLevel.TOWN.name().equals(town.level())) {
            throw new ValidationException("village.town", "must be a TOWN, was a "
                + town.level());
          }
          s.authorize(AccessRequest.of(Action.CREATE_VILLAGE, regionIds(town.path())));
          s.claimName("village.name", "village:" + townId, name);
          String id = s.newId();
          VillageRecord village = new VillageRecord(id, name, kind.name(), townId, town.path());
          long v = s.put(VILLAGE, id, village, 0, List.of(IndexEntry.of("town", townId)));
          s.emit("roster.village.created", "village", id, v, village);
          return village;
        }).view();
  }

  @Override
  public HelpGroup createGroup(Actor actor, NewGroup input) {
    Checks.present("group", input);
    String name = Checks.text("group.name", input.name(), MAX_NAME);
    String countyId = Checks.present("group.county", input.county()).value();
    String zone = input.timeZone().orElse(defaultZone).getId();
    return runner.run("roster.createGroup", actor, key(input.requestKey()),
        List.of(name, countyId, zone), GROUP, GroupRecord::id, s -> {
          RegionRecord county = s.require(REGION, countyId, "region").value();
          if (!RegionLevel.valueOf(county.level()).isCountyLevel()) {
            throw new ValidationException("group.county", "must be a county-level region, was a "
                + county.level());
          }
          s.authorize(AccessRequest.of(Action.CREATE_GROUP, regionIds(county.path())));
          if (!s.find(GROUP, "county", countyId, countyId, PageRequest.first(1)).items()
              .isEmpty()) {
            throw new RuleViolationException("one-group-per-county",
                "county " + countyId + " already has a help group");
          }
          s.claimName("group.county", "group-of-county:" + countyId, "group");
          String id = s.newId();
          GroupRecord group = new GroupRecord(id, name, countyId, county.path(), null, zone);
          long v = s.put(GROUP, id, group, 0, List.of(IndexEntry.of("county", countyId)));
          s.emit("roster.group.created", "group", id, v, group);
          return group;
        }).view();
  }

  @Override
  public HelpGroup appointCoordinator(Actor actor, GroupId groupId, MemberId memberId,
      String requestKey) {
    String gid = Checks.present("group", groupId).value();
    String mid = Checks.present("coordinator", memberId).value();
    return runner.run("roster.appointCoordinator", actor, requestKey, List.of(gid, mid),
        GROUP, GroupRecord::id, s -> {
          Versioned<GroupRecord> group = s.require(GROUP, gid, "group");
          s.authorize(AccessRequest.of(Action.APPOINT_COORDINATOR,
              regionIds(group.value().path())));
          MemberRecord member = s.require(MEMBER, mid, "member").value();
          if (!member.group().equals(gid) || member.removed()) {
            throw new RuleViolationException("coordinator-in-group",
                "member " + mid + " is not an active member of group " + gid);
          }
          GroupRecord changed = group.value().withCoordinator(mid);
          long v = s.put(GROUP, gid, changed, group.version(),
              List.of(IndexEntry.of("county", changed.county())));
          s.emit("roster.group.coordinatorAppointed", "group", gid, v, changed);
          return changed;
        }).view();
  }

  @Override
  public Squad createSquad(Actor actor, NewSquad input) {
    Checks.present("squad", input);
    String gid = Checks.present("squad.group", input.group()).value();
    String name = Checks.text("squad.name", input.name(), MAX_NAME);
    SquadKind kind = Checks.present("squad.kind", input.kind());
    return runner.run("roster.createSquad", actor, key(input.requestKey()),
        List.of(gid, name, kind.code()), SQUAD, SquadRecord::id, s -> {
          GroupRecord group = s.require(GROUP, gid, "group").value();
          s.authorize(AccessRequest.of(Action.CREATE_SQUAD, regionIds(group.path())));
          s.claimName("squad.name", "squad:" + gid, name);
          String id = s.newId();
          SquadRecord squad = new SquadRecord(id, gid, name, kind.code());
          long v = s.put(SQUAD, id, squad, 0, List.of(IndexEntry.of("group", gid)));
          s.emit("roster.squad.created", "squad", id, v, squad);
          return squad;
        }).view();
  }

  @Override
  public Member addMember(Actor actor, NewMember input) {
    Checks.present("member", input);
    String gid = Checks.present("member.group", input.group()).value();
    String name = Checks.text("member.name", input.name(), MAX_NAME);
    String phone = Phones.check("member.phone", input.phone().orElse(null));
    Background background = Checks.present("member.background", input.background());
    Set<String> skills = Checks.texts("member.skills", input.skills(), MAX_SKILLS, MAX_SKILL);
    String organisation = Checks.optionalText("member.homeOrganisation",
        input.homeOrganisation().orElse(null), MAX_ORGANISATION);
    String village = input.village().map(VillageId::value).orElse(null);
    MemberRecord draft = new MemberRecord(null, gid, name, phone, background.name(),
        input.partyMember(), List.copyOf(skills), organisation, village, Map.of(), false, false);
    return runner.run("roster.addMember", actor, key(input.requestKey()), draft,
        MEMBER, MemberRecord::id, s -> {
          GroupRecord group = s.require(GROUP, gid, "group").value();
          authorizeInGroup(s, Action.ADD_MEMBER, group);
          checkVillage(s, draft, group);
          String id = s.newId();
          MemberRecord member = new MemberRecord(id, gid, name, phone, background.name(),
              draft.partyMember(), draft.skills(), organisation, village, Map.of(), false, false);
          long v = s.put(MEMBER, id, member, 0, index(member));
          s.emit("roster.member.added", "member", id, v, member);
          return member;
        }).view();
  }

  @Override
  public Member updateMember(Actor actor, MemberUpdate input) {
    Checks.present("update", input);
    String mid = Checks.present("update.member", input.member()).value();
    String name = Checks.optionalText("member.name", input.name().orElse(null), MAX_NAME);
    String phone = Phones.check("member.phone", input.phone().orElse(null));
    Set<String> skills = input.skills().isPresent()
        ? Checks.texts("member.skills", input.skills().get(), MAX_SKILLS, MAX_SKILL) : null;
    String organisation = Checks.optionalText("member.homeOrganisation",
        input.homeOrganisation().orElse(null), MAX_ORGANISATION);
    String village = input.village().map(VillageId::value).orElse(null);
    String background = input.background().map(Enum::name).orElse(null);
    Boolean party = input.partyMember().orElse(null);
    return runner.run("roster.updateMember", actor, key(input.requestKey()),
        java.util.Arrays.asList(mid, name, phone, skills == null ? null : List.copyOf(skills),
            organisation, village, background, party), MEMBER, MemberRecord::id, s -> {
          Versioned<MemberRecord> current = s.require(MEMBER, mid, "member");
          MemberRecord m = current.value();
          GroupRecord group = s.require(GROUP, m.group(), "group").value();
          authorizeInGroup(s, Action.UPDATE_MEMBER, group);
          requireActive(m);
          if (m.erased() && (name != null || phone != null || organisation != null)) {
            throw new RuleViolationException("erased-stays-erased",
                "member " + mid + " had their personal data erased; it is not taken again");
          }
          MemberRecord changed = new MemberRecord(m.id(), m.group(),
              name != null ? name : m.name(), phone != null ? phone : m.phone(),
              background != null ? background : m.background(),
              party != null ? party : m.partyMember(),
              skills != null ? List.copyOf(skills) : m.skills(),
              organisation != null ? organisation : m.homeOrganisation(),
              village != null ? village : m.village(), m.squads(), false, m.erased());
          checkVillage(s, changed, group);
          long v = s.put(MEMBER, mid, changed, current.version(), index(changed));
          s.emit("roster.member.updated", "member", mid, v, changed);
          return changed;
        }).view();
  }

  @Override
  public Member joinSquad(Actor actor, MemberId memberId, SquadId squadId, SquadRole role,
      String requestKey) {
    String mid = Checks.present("member", memberId).value();
    String sid = Checks.present("squad", squadId).value();
    SquadRole r = Checks.present("role", role);
    return changeMember("roster.joinSquad", actor, requestKey, List.of(mid, sid, r.name()), mid,
        Action.CHANGE_SQUADS, "roster.member.joinedSquad", (s, m) -> {
          SquadRecord squad = s.require(SQUAD, sid, "squad").value();
          if (!squad.group().equals(m.group())) {
            throw new RuleViolationException("squad-in-group",
                "squad " + sid + " belongs to another group than member " + mid);
          }
          Map<String, String> squads = new LinkedHashMap<>(m.squads());
          squads.put(sid, r.name());
          if (squads.size() > MAX_SQUADS_PER_MEMBER) {
            throw new RuleViolationException("squads-per-member",
                "a member serves in at most " + MAX_SQUADS_PER_MEMBER + " squads");
          }
          return withSquads(m, squads);
        });
  }

  @Override
  public Member leaveSquad(Actor actor, MemberId memberId, SquadId squadId, String requestKey) {
    String mid = Checks.present("member", memberId).value();
    String sid = Checks.present("squad", squadId).value();
    return changeMember("roster.leaveSquad", actor, requestKey, List.of(mid, sid), mid,
        Action.CHANGE_SQUADS, "roster.member.leftSquad", (s, m) -> {
          s.require(SQUAD, sid, "squad");
          if (!m.squads().containsKey(sid)) {
            throw new RuleViolationException("member-in-squad",
                "member " + mid + " does not serve in squad " + sid);
          }
          Map<String, String> squads = new LinkedHashMap<>(m.squads());
          squads.remove(sid);
          return withSquads(m, squads);
        });
  }

  @Override
  public Member removeMember(Actor actor, MemberId memberId, String requestKey) {
    String mid = Checks.present("member", memberId).value();
    return changeMember("roster.removeMember", actor, requestKey, List.of(mid), mid,
        Action.REMOVE_MEMBER, "roster.member.removed", (s, m) -> {
          GroupRecord group = s.require(GROUP, m.group(), "group").value();
          if (mid.equals(group.coordinator())) {
            throw new RuleViolationException("keep-coordinator",
                "member " + mid + " coordinates group " + group.id()
                    + "; appoint another coordinator first");
          }
          return new MemberRecord(m.id(), m.group(), m.name(), m.phone(), m.background(),
              m.partyMember(), m.skills(), m.homeOrganisation(), m.village(), Map.of(), true,
              m.erased());
        });
  }

  @Override
  public Member eraseMember(Actor actor, MemberId memberId, String requestKey) {
    String mid = Checks.present("member", memberId).value();
    return runner.run("roster.eraseMember", actor, requestKey, List.of(mid),
        MEMBER, MemberRecord::id, s -> {
          Versioned<MemberRecord> current = s.require(MEMBER, mid, "member");
          MemberRecord m = current.value();
          GroupRecord group = s.require(GROUP, m.group(), "group").value();
          authorizeInGroup(s, Action.ERASE_MEMBER, group);
          if (m.erased()) {
            return m;
          }
          MemberRecord erased = new MemberRecord(m.id(), m.group(), ERASED_NAME, null,
              m.background(), m.partyMember(), m.skills(), null, m.village(), m.squads(),
              m.removed(), true);
          long v = s.put(MEMBER, mid, erased, current.version(), index(erased));
          s.forgetRequestResults(MEMBER.kind(), mid);
          s.emit("roster.member.erased", "member", mid, v, erased);
          return erased;
        }).view();
  }

  // ---- queries ------------------------------------------------------------------------------

  @Override
  public Optional<Region> region(RegionId id) {
    return get(REGION, Checks.present("region", id).value()).map(RegionRecord::view);
  }

  @Override
  public ResultPage<Region> regionsUnder(RegionId parent, PageRequest page) {
    String key = parent == null ? "" : parent.value();
    return find(REGION, "parent", key, page).map(RegionRecord::view);
  }

  @Override
  public Optional<Village> village(VillageId id) {
    return get(VILLAGE, Checks.present("village", id).value()).map(VillageRecord::view);
  }

  @Override
  public ResultPage<Village> villagesOf(RegionId town, PageRequest page) {
    return find(VILLAGE, "town", Checks.present("town", town).value(), page)
        .map(VillageRecord::view);
  }

  @Override
  public Optional<HelpGroup> group(GroupId id) {
    return get(GROUP, Checks.present("group", id).value()).map(GroupRecord::view);
  }

  @Override
  public Optional<HelpGroup> groupOfCounty(RegionId county) {
    return find(GROUP, "county", Checks.present("county", county).value(), PageRequest.first(1))
        .items().stream().findFirst().map(GroupRecord::view);
  }

  @Override
  public Optional<Squad> squad(SquadId id) {
    return get(SQUAD, Checks.present("squad", id).value()).map(SquadRecord::view);
  }

  @Override
  public ResultPage<Squad> squadsOf(GroupId group, PageRequest page) {
    return find(SQUAD, "group", Checks.present("group", group).value(), page)
        .map(SquadRecord::view);
  }

  @Override
  public Optional<Member> member(MemberId id) {
    return get(MEMBER, Checks.present("member", id).value()).map(MemberRecord::view);
  }

  @Override
  public ResultPage<Member> membersOf(GroupId group, PageRequest page) {
    return find(MEMBER, "group", Checks.present("group", group).value(), page)
        .map(MemberRecord::view);
  }

  @Override
  public ResultPage<Member> membersOfSquad(SquadId squad, PageRequest page) {
    return find(MEMBER, "squad", Checks.present("squad", squad).value(), page)
        .map(MemberRecord::view);
  }

  @Override
  public ResultPage<Member> membersBySkill(GroupId group, String skill, PageRequest page) {
    String gid = Checks.present("group", group).value();
    String normal = Checks.text("skill", skill, MAX_SKILL);
    return find(MEMBER, "skill", skillKey(gid, normal), page).map(MemberRecord::view);
  }

  @Override
  public ResultPage<Member> cadresOf(VillageId village, PageRequest page) {
    return find(MEMBER, "cadreOf", Checks.present("village", village).value(), page)
        .map(MemberRecord::view);
  }

  // ---- helpers ------------------------------------------------------------------------------

  private interface MemberChange {
    MemberRecord apply(Session s, MemberRecord member);
  }

  private Member changeMember(String name, Actor actor, String requestKey, Object input,
      String mid, Action action, String event, MemberChange change) {
    return runner.run(name, actor, requestKey, input, MEMBER, MemberRecord::id, s -> {
      Versioned<MemberRecord> current = s.require(MEMBER, mid, "member");
      GroupRecord group = s.require(GROUP, current.value().group(), "group").value();
      authorizeInGroup(s, action, group);
      requireActive(current.value());
      MemberRecord changed = change.apply(s, current.value());
      long v = s.put(MEMBER, mid, changed, current.version(), index(changed));
      s.emit(event, "member", mid, v, changed);
      return changed;
    }).view();
  }

  private static MemberRecord withSquads(MemberRecord m, Map<String, String> squads) {
    return new MemberRecord(m.id(), m.group(), m.name(), m.phone(), m.background(),
        m.partyMember(), m.skills(), m.homeOrganisation(), m.village(), squads, m.removed(),
        m.erased());
  }

  private static void requireActive(MemberRecord m) {
    if (m.removed()) {
      throw new RuleViolationException("member-active",
          "member " + m.id() + " was removed from the group");
    }
  }

  private static void authorizeInGroup(Session s, Action action, GroupRecord group) {
    s.authorize(AccessRequest.of(action, regionIds(group.path()))
        .inGroup(GroupId.of(group.id()),
            group.coordinator() == null ? null : MemberId.of(group.coordinator())));
  }

  private static void checkVillage(Session s, MemberRecord m, GroupRecord group) {
    if (m.village() == null) {
      if (m.isCadre()) {
        throw new ValidationException("member.village", "is required for a village cadre");
      }
      return;
    }
    VillageRecord village = s.require(VILLAGE, m.village(), "village").value();
    if (!village.path().get(1).equals(group.county())) {
      throw new RuleViolationException("village-in-county",
          "village " + m.village() + " lies outside county " + group.county()
              + " of group " + group.id());
    }
  }

  private static List<IndexEntry> index(MemberRecord m) {
    List<IndexEntry> index = new ArrayList<>();
    if (m.removed()) {
      return index;
    }
    index.add(IndexEntry.of("group", m.group()));
    for (String squad : m.squads().keySet()) {
      index.add(IndexEntry.of("squad", squad));
    }
    for (String skill : m.skills()) {
      index.add(IndexEntry.of("skill", skillKey(m.group(), skill)));
    }
    if (m.isCadre() && m.village() != null) {
      index.add(IndexEntry.of("cadreOf", m.village()));
    }
    return index;
  }

  static String skillKey(String group, String skill) {
    return group + "|" + Session.fold(skill);
  }

  private static List<RegionId> regionIds(List<String> path) {
    List<RegionId> ids = new ArrayList<>();
    for (String id : path) {
      ids.add(RegionId.of(id));
    }
    return ids;
  }

  private static String key(Optional<String> requestKey) {
    return requestKey.orElse(null);
  }

  private <T> Optional<T> get(PersistedType<T> type, String id) {
    return runner.read("roster.get", Actor.system("roster-query"),
        s -> s.get(type, id).map(Versioned::value));
  }

  private <T> ResultPage<T> find(PersistedType<T> type, String key, String value,
      PageRequest page) {
    PageRequest p = page == null ? PageRequest.first() : page;
    return runner.read("roster.find", Actor.system("roster-query"),
        s -> s.find(type, key, value, value, p).map(Versioned::value));
  }

}
