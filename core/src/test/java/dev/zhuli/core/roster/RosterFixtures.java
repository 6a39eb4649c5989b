package dev.zhuli.core.roster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zhuli.core.Actor;
import dev.zhuli.core.GroupId;
import dev.zhuli.core.IdGenerator;
import dev.zhuli.core.MemberId;
import dev.zhuli.core.PageRequest;
import dev.zhuli.core.RegionId;
import dev.zhuli.core.ResultPage;
import dev.zhuli.core.SquadId;
import dev.zhuli.core.VillageId;
import dev.zhuli.core.Zhuli;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * A small Weinan world for the roster's tests, built the same way every time: a fixed clock and a
 * seeded id generator, so ids (and therefore creation order) are reproducible.
 *
 * <pre>
 * 渭南市 (CITY)
 * ├── 臨渭區 (DISTRICT) ── 藺店鎮 (TOWN) ── 李十三村
 * ├── 合陽縣 (COUNTY)   ── 新池鎮 (TOWN) ── 北順村, 南溝社區 (COMMUNITY)
 * └── 大荔縣 (COUNTY)   (no help group yet)
 *
 * 合陽縣紅色助力團: 頭雁組, 產業組, 培訓組, 行銷組
 *   趙文博  FIRST_SECRETARY      coordinator, LEADER of 頭雁組
 *   張偉    AGRI_TECH_EXTENSION  MEMBER of 產業組 (the plain member)
 *   李秀蘭  VILLAGE_CADRE        cadre of 北順村, MEMBER of 頭雁組
 *   王磊    EXPERT               removed
 * 臨渭區紅色助力團: 產業組
 *   陳靜    WORK_TEAM_MEMBER     coordinator, MEMBER of 產業組
 * </pre>
 *
 * <p>All names of people are invented.
 */
final class RosterFixtures implements AutoCloseable {
  static final long DEFAULT_SEED = 20240601L;
  static final Instant NOW = Instant.parse("2024-06-01T01:30:00Z");
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  static final String COORDINATOR_NAME = "趙文博";
  static final String COORDINATOR_PHONE = "13909130001";
  static final String PLAIN_NAME = "張偉";
  static final String PLAIN_PHONE = "0913-5512345";
  static final String CADRE_NAME = "李秀蘭";
  static final String CADRE_PHONE = "15891330002";
  static final String FORMER_NAME = "王磊";
  static final String LINWEI_NAME = "陳靜";
  static final String LINWEI_PHONE = "+8618691330003";

  final Zhuli zhuli;
  final Roster roster;

  final Actor system;
  final Actor heyangAdmin;
  final Actor linweiAdmin;
  final Actor cityAdmin;
  final Actor coordinator;
  final Actor plainMember;
  final Actor linweiCoordinator;

  final Region weinan;
  final Region linwei;
  final Region heyang;
  final Region dali;
  final Region xinchi;
  final Region lindian;

  final Village beishun;
  final Village nangou;
  final Village lishisan;

  final GroupId heyangGroup;
  final Squad leadGeese;
  final Squad industry;
  final Squad training;
  final Squad marketing;

  final Member coordinatorMember;
  final Member plain;
  final Member cadre;
  final Member former;

  final GroupId linweiGroup;
  final Squad linweiIndustry;
  final Member linweiMember;

  /** Every member ever added through the fixture or {@link #track}, removed or not. */
  private final List<MemberId> knownMembers = new ArrayList<>();

  private RosterFixtures(long seed) {
    Clock clock = Clock.fixed(NOW, SHANGHAI);
    zhuli = Zhuli.builder().clock(clock).ids(IdGenerator.timeOrdered(clock, new Random(seed)))
        .build();
    roster = zhuli.roster();

    system = Actor.system("roster-tests");
    weinan = roster.createRegion(system, region("渭南市", RegionLevel.CITY, null));
    linwei = roster.createRegion(system, region("臨渭區", RegionLevel.DISTRICT, weinan));
    heyang = roster.createRegion(system, region("合陽縣", RegionLevel.COUNTY, weinan));
    dali = roster.createRegion(system, region("大荔縣", RegionLevel.COUNTY, weinan));

    heyangAdmin = Actor.administrator("heyang-office", List.of(heyang.id()));
    linweiAdmin = Actor.administrator("linwei-office", List.of(linwei.id()));
    cityAdmin = Actor.administrator("weinan-office", List.of(weinan.id()));

    xinchi = roster.createRegion(heyangAdmin, region("新池鎮", RegionLevel.TOWN, heyang));
    lindian = roster.createRegion(linweiAdmin, region("藺店鎮", RegionLevel.TOWN, linwei));

    beishun = roster.createVillage(heyangAdmin, village("北順村", VillageKind.VILLAGE, xinchi));
    nangou = roster.createVillage(heyangAdmin, village("南溝社區", VillageKind.COMMUNITY, xinchi));
    lishisan = roster.createVillage(linweiAdmin, village("李十三村", VillageKind.VILLAGE, lindian));

    heyangGroup = roster.createGroup(heyangAdmin, new NewGroup.Builder()
        .name("合陽縣紅色助力團").county(heyang.id()).build()).id();
    leadGeese = squad(heyangAdmin, heyangGroup, "頭雁組", SquadKind.LEAD_GEESE);
    industry = squad(heyangAdmin, heyangGroup, "產業組", SquadKind.INDUSTRY);
    training = squad(heyangAdmin, heyangGroup, "培訓組", SquadKind.TRAINING);
    marketing = squad(heyangAdmin, heyangGroup, "行銷組", SquadKind.MARKETING);

    MemberId zhao = add(heyangAdmin, new NewMember.Builder().group(heyangGroup)
        .name(COORDINATOR_NAME).phone(COORDINATOR_PHONE).background(Background.FIRST_SECRETARY)
        .partyMember(true).addSkills("直播電商", "合作社管理")
        .homeOrganisation("渭南市農業農村局").build()).id();
    roster.appointCoordinator(heyangAdmin, heyangGroup, zhao, null);
    coordinator = Actor.member(zhao);
    roster.joinSquad(coordinator, zhao, leadGeese.id(), SquadRole.LEADER, null);

    MemberId zhang = add(coordinator, new NewMember.Builder().group(heyangGroup)
        .name(PLAIN_NAME).phone(PLAIN_PHONE).background(Background.AGRI_TECH_EXTENSION)
        .addSkills("葡萄栽培", "果樹修剪").homeOrganisation("合陽縣農業技術推廣中心").build()).id();
    roster.joinSquad(coordinator, zhang, industry.id(), SquadRole.MEMBER, null);
    plainMember = Actor.member(zhang);

    MemberId li = add(coordinator, new NewMember.Builder().group(heyangGroup)
        .name(CADRE_NAME).phone(CADRE_PHONE).background(Background.VILLAGE_CADRE)
        .partyMember(true).addSkills("合作社管理").village(beishun.id()).build()).id();
    roster.joinSquad(coordinator, li, leadGeese.id(), SquadRole.MEMBER, null);

    MemberId wang = add(coordinator, new NewMember.Builder().group(heyangGroup)
        .name(FORMER_NAME).background(Background.EXPERT).addSkills("土壤檢測").build()).id();
    roster.joinSquad(coordinator, wang, training.id(), SquadRole.MEMBER, null);
    roster.removeMember(coordinator, wang, null);

    linweiGroup = roster.createGroup(linweiAdmin, new NewGroup.Builder()
        .name("臨渭區紅色助力團").county(linwei.id()).build()).id();
    linweiIndustry = squad(linweiAdmin, linweiGroup, "產業組", SquadKind.INDUSTRY);
    MemberId chen = add(linweiAdmin, new NewMember.Builder().group(linweiGroup)
        .name(LINWEI_NAME).phone(LINWEI_PHONE).background(Background.WORK_TEAM_MEMBER)
        .addSkills("葡萄栽培").build()).id();
    roster.appointCoordinator(linweiAdmin, linweiGroup, chen, null);
    linweiCoordinator = Actor.member(chen);
    roster.joinSquad(linweiCoordinator, chen, linweiIndustry.id(), SquadRole.MEMBER, null);

    coordinatorMember = member(zhao);
    plain = member(zhang);
    cadre = member(li);
    former = member(wang);
    linweiMember = member(chen);
  }

  /** The world with the default seed. */
  static RosterFixtures weinan() {
    return new RosterFixtures(DEFAULT_SEED);
  }

  /** The world with another seed for the ids. */
  static RosterFixtures weinan(long seed) {
    return new RosterFixtures(seed);
  }

  @Override
  public void close() {
    zhuli.close();
  }

  // ---- building ---------------------------------------------------------------------------

  static NewRegion region(String name, RegionLevel level, Region parent) {
    NewRegion.Builder b = new NewRegion.Builder().name(name).level(level);
    if (parent != null) {
      b.parent(parent.id());
    }
    return b.build();
  }

  static NewVillage village(String name, VillageKind kind, Region town) {
    return new NewVillage.Builder().name(name).kind(kind).town(town.id()).build();
  }

  Squad squad(Actor actor, GroupId group, String name, SquadKind kind) {
    return roster.createSquad(actor, new NewSquad.Builder().group(group).name(name).kind(kind)
        .build());
  }

  /** Adds a member and remembers its id for {@link #snapshot()}. */
  Member add(Actor actor, NewMember input) {
    return track(roster.addMember(actor, input));
  }

  /** Remembers a member made outside {@link #add} for {@link #snapshot()}. */
  Member track(Member m) {
    if (!knownMembers.contains(m.id())) {
      knownMembers.add(m.id());
    }
    return m;
  }

  /** A valid new member of 合陽縣's group, to change one thing of. */
  NewMember.Builder newHeyangMember(String name) {
    return new NewMember.Builder().group(heyangGroup).name(name).phone("13709134567")
        .background(Background.SELECTED_GRADUATE).addSkills("短視頻拍攝");
  }

  Member member(MemberId id) {
    return roster.member(id).orElseThrow();
  }

  HelpGroup heyangGroupNow() {
    return roster.group(heyangGroup).orElseThrow();
  }

  List<MemberId> knownMembers() {
    return List.copyOf(knownMembers);
  }

  // ---- reading ----------------------------------------------------------------------------

  /** Every item of a paged query, page by page. */
  static <T> List<T> all(Function<PageRequest, ResultPage<T>> query) {
    List<T> out = new ArrayList<>();
    PageRequest page = PageRequest.first(7);
    while (true) {
      ResultPage<T> p = query.apply(page);
      out.addAll(p.items());
      Optional<String> next = p.nextCursor();
      if (next.isEmpty()) {
        return out;
      }
      page = page.after(next.get());
    }
  }

  static List<MemberId> ids(List<Member> members) {
    List<MemberId> out = new ArrayList<>();
    for (Member m : members) {
      out.add(m.id());
    }
    return out;
  }

  /**
   * Everything the roster shows, read through its queries: the region tree, villages, groups,
   * squads, active members, squad and cadre listings, members by skill, and every known member by
   * id. Two snapshots are equal when nothing visible changed.
   */
  RosterSnapshot snapshot() {
    List<Region> regions = new ArrayList<>();
    List<Village> villages = new ArrayList<>();
    List<HelpGroup> groups = new ArrayList<>();
    List<Squad> squads = new ArrayList<>();
    List<Member> members = new ArrayList<>();
    Map<SquadId, List<MemberId>> squadMembers = new LinkedHashMap<>();
    Map<VillageId, List<MemberId>> cadres = new LinkedHashMap<>();
    Map<String, List<MemberId>> bySkill = new LinkedHashMap<>();
    List<Optional<Member>> known = new ArrayList<>();

    collectRegions(null, regions);
    for (Region r : regions) {
      if (r.level() == RegionLevel.TOWN) {
        villages.addAll(all(p -> roster.villagesOf(r.id(), p)));
      }
      if (r.level().isCountyLevel()) {
        roster.groupOfCounty(r.id()).ifPresent(groups::add);
      }
    }
    for (Village v : villages) {
      cadres.put(v.id(), ids(all(p -> roster.cadresOf(v.id(), p))));
    }
    Set<String> skills = new LinkedHashSet<>(List.of("直播電商", "合作社管理", "葡萄栽培",
        "果樹修剪", "土壤檢測", "短視頻拍攝"));
    for (HelpGroup g : groups) {
      List<Squad> ofGroup = all(p -> roster.squadsOf(g.id(), p));
      squads.addAll(ofGroup);
      for (Squad s : ofGroup) {
        squadMembers.put(s.id(), ids(all(p -> roster.membersOfSquad(s.id(), p))));
      }
      List<Member> ofGroup2 = all(p -> roster.membersOf(g.id(), p));
      members.addAll(ofGroup2);
      for (Member m : ofGroup2) {
        skills.addAll(m.skills());
      }
    }
    for (HelpGroup g : groups) {
      for (String skill : skills) {
        bySkill.put(g.id() + "|" + skill, ids(all(p -> roster.membersBySkill(g.id(), skill, p))));
      }
    }
    for (MemberId id : knownMembers) {
      known.add(roster.member(id));
    }
    return new RosterSnapshot(regions, villages, groups, squads, members, squadMembers, cadres,
        bySkill, known);
  }

  private void collectRegions(RegionId parent, List<Region> out) {
    for (Region r : all(p -> roster.regionsUnder(parent, p))) {
      out.add(r);
      collectRegions(r.id(), out);
    }
  }

  /** What {@link #snapshot()} returns; compared with equals. */
  record RosterSnapshot(List<Region> regions, List<Village> villages, List<HelpGroup> groups,
      List<Squad> squads, List<Member> activeMembers, Map<SquadId, List<MemberId>> squadMembers,
      Map<VillageId, List<MemberId>> cadres, Map<String, List<MemberId>> membersBySkill,
      List<Optional<Member>> knownMembers) {}

  /** Asserts the text shows neither the phone as given nor its run of digits. */
  static void assertNoPhoneIn(String text, String phone) {
    String digits = phone.replaceAll("[^0-9]", "");
    if (!phone.isBlank() && phone.length() >= 3) {
      assertThat(text).doesNotContain(phone);
    }
    if (digits.length() >= 3) {
      assertThat(text).doesNotContain(digits);
    }
  }
}
