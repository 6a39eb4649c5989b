package dev.zhuli.core.roster;

import dev.zhuli.core.AccessDeniedException;
import dev.zhuli.core.Actor;
import dev.zhuli.core.GroupId;
import dev.zhuli.core.IdGenerator;
import dev.zhuli.core.MemberId;
import dev.zhuli.core.NotFoundException;
import dev.zhuli.core.PageRequest;
import dev.zhuli.core.RegionId;
import dev.zhuli.core.ResultPage;
import dev.zhuli.core.RuleViolationException;
import dev.zhuli.core.SquadId;
import dev.zhuli.core.TypedId;
import dev.zhuli.core.ValidationException;
import dev.zhuli.core.VillageId;
import dev.zhuli.core.Zhuli;
import dev.zhuli.core.ZhuliException;
import dev.zhuli.core.access.Action;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.core.stateful.Command;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * The model of the {@link Roster} contract, the roster under test beside it, and random histories
 * of commands by random actors to run against both.
 *
 * <p>Every history starts from the same world, built by the system actor and not part of the
 * history: 渭南市 with 合陽縣 (group 0) and 臨渭區 (group 1), a town in each with two villages
 * (v0, v1 in 合陽縣; v2, v3 in 臨渭區), and a help group in each county with the four standard
 * squads (g0s0…g0s3, g1s0…g1s3) and an appointed coordinator (m0 for group 0, m1 for group 1),
 * plus an ordinary member m2 of group 0, a village cadre of v0.
 *
 * <p>Ids come from the roster, so the model names everything by handle: groups by index, squads by
 * group and index of creation ({@code g0s4}), villages {@code v0…v3}, members by order of
 * successful creation ({@code m3}, {@code m4}, …). The {@link Sut} keeps the handles' ids. Each
 * command picks its targets by number, resolved against the current count on both sides, with
 * one number kept for an id that does not exist ("ghost").
 *
 * <p>{@link State#equals} compares what the roster shows through its queries: each member (group,
 * name, phone, background, party, skills, home organisation, village, squads and roles, removed,
 * erased) as {@code membersOf} lists it or, for the removed, {@code member(id)} returns it; each
 * group's coordinator and squads; the lists of {@code membersOf}, {@code membersOfSquad} and
 * {@code cadresOf}; and the last command's result ({@code ok …} with what it returned, or
 * {@code error <class> <code> <rule|field|kind|action>}). A refused command must leave all of
 * it as it was. {@link #project} also checks the roster's invariants on what it reads.
 *
 * <p>Where the contract names no order between two failures, the model follows the roster's:
 * input checks, then the target's existence, then access, then the rules. Histories are three
 * in four mixed and one in four squad-heavy (to reach the limit of 8 squads per member).
 */
final class RosterModel {
  static final Instant EPOCH = Instant.parse("2026-03-01T00:00:00Z");
  static final String ERASED = "(erased)";
  static final int GHOST = -1;
  static final int ABSENT = -2;
  static final int MAX_NAME = 64;
  static final int MAX_SKILL = 32;
  static final int MAX_ORGANISATION = 128;
  static final int MAX_SQUADS_PER_MEMBER = 8;
  static final MemberId GHOST_MEMBER = MemberId.of("ghost-member");
  static final SquadId GHOST_SQUAD = SquadId.of("ghost-squad");
  static final VillageId GHOST_VILLAGE = VillageId.of("ghost-village");
  static final GroupId GHOST_GROUP = GroupId.of("ghost-group");

  /**
   * Picks: a group pick of 6, a member pick of 29, a squad pick of 19 or village 4 is a ghost;
   * others are taken modulo the count (groups, members so far, the group's squads so far).
   */
  static final int GROUP_PICKS = 6;
  static final int MEMBER_PICKS = 29;
  static final int SQUAD_PICKS = 19;
  /** A squad pick for the group's newest squad. */
  static final int NEWEST_SQUAD = 20;
  static final int VILLAGES = 4;

  private static final Set<Action> COORDINATOR_MAY = EnumSet.of(Action.ADD_MEMBER,
      Action.UPDATE_MEMBER, Action.REMOVE_MEMBER, Action.CHANGE_SQUADS, Action.ERASE_MEMBER);
  private static final ThreadLocal<String> LAST_DIFF = new ThreadLocal<>();

  private RosterModel() {}

  /** Who runs a command. */
  enum Who {
    SYSTEM(-1), ADMIN_HEYANG(-1), ADMIN_LINWEI(-1), ADMIN_CITY(-1), COORDINATOR_0(0),
    COORDINATOR_1(1), ORDINARY_MEMBER(2);

    /** The member handle of a member actor, else -1. */
    final int member;

    Who(int member) {
      this.member = member;
    }
  }

  /** A phone as given, and as kept ({@code stored}); {@code valid} false if it must be refused. */
  static final class Phone {
    static final Phone NONE = new Phone(null, null, true);
    final String raw;
    final String stored;
    final boolean valid;

    Phone(String raw, String stored, boolean valid) {
      this.raw = raw;
      this.stored = stored;
      this.valid = valid;
    }

    static Phone valid(String raw, String stored) {
      return new Phone(raw, stored, true);
    }

    static Phone invalid(String raw) {
      return new Phone(raw, null, false);
    }

    @Override
    public String toString() {
      return raw == null ? "no phone" : "phone '" + raw + "'";
    }
  }

  // ---- the model's state --------------------------------------------------------------------

  /** A member as the roster shows it. */
  static final class M {
    int group;
    String name;
    String phone;
    Background background;
    boolean party;
    TreeSet<String> skills = new TreeSet<>();
    String organisation;
    /** A village handle 0..3, or null; the projection fails on an unknown village. */
    Integer village;
    /** Squad handle ({@code g0s1}) to role. */
    TreeMap<String, SquadRole> squads = new TreeMap<>();
    boolean removed;
    boolean erased;

    M copy() {
      M m = new M();
      m.group = group;
      m.name = name;
      m.phone = phone;
      m.background = background;
      m.party = party;
      m.skills = new TreeSet<>(skills);
      m.organisation = organisation;
      m.village = village;
      m.squads = new TreeMap<>(squads);
      m.removed = removed;
      m.erased = erased;
      return m;
    }

    boolean isCadre() {
      return background == Background.VILLAGE_CADRE;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof M)) {
        return false;
      }
      M m = (M) o;
      return m.group == group && Objects.equals(m.name, name) && Objects.equals(m.phone, phone)
          && m.background == background && m.party == party && m.skills.equals(skills)
          && Objects.equals(m.organisation, organisation) && Objects.equals(m.village, village)
          && m.squads.equals(squads) && m.removed == removed && m.erased == erased;
    }

    @Override
    public int hashCode() {
      return Objects.hash(group, name, phone, background, skills, village, squads);
    }

    @Override
    public String toString() {
      return "{g" + group + " " + name + (phone == null ? "" : " ☎" + phone) + " " + background
          + (party ? " party" : "") + " skills" + skills
          + (organisation == null ? "" : " org " + organisation)
          + (village == null ? "" : " v" + village) + " squads" + squads
          + (removed ? " REMOVED" : "") + (erased ? " ERASED" : "") + "}";
    }
  }

  /** A squad as {@code squadsOf} shows it. */
  static final class SquadView {
    final String handle;
    final String name;
    final String kind;

    SquadView(String handle, String name, String kind) {
      this.handle = handle;
      this.name = name;
      this.kind = kind;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof SquadView && ((SquadView) o).handle.equals(handle)
          && ((SquadView) o).name.equals(name) && ((SquadView) o).kind.equals(kind);
    }

    @Override
    public int hashCode() {
      return Objects.hash(handle, name, kind);
    }

    @Override
    public String toString() {
      return handle + "=" + name + "/" + kind;
    }
  }

  /** A group's coordinator (a member handle, or a description of an unknown one) and squads. */
  static final class G {
    String coordinator;
    List<SquadView> squads = new ArrayList<>();

    G copy() {
      G g = new G();
      g.coordinator = coordinator;
      g.squads = new ArrayList<>(squads);
      return g;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof G && Objects.equals(((G) o).coordinator, coordinator)
          && ((G) o).squads.equals(squads);
    }

    @Override
    public int hashCode() {
      return Objects.hash(coordinator, squads);
    }

    @Override
    public String toString() {
      return "coordinator " + coordinator + ", squads " + squads;
    }
  }

  /** The model's state; equality covers what the roster shows. */
  static final class State {
    final List<M> members = new ArrayList<>();
    final List<G> groups = new ArrayList<>();
    /** Query results by query ({@code membersOf g0}, …): derived in the model, read in the SUT. */
    final TreeMap<String, List<String>> queries = new TreeMap<>();
    String last = "start";

    static State initial() {
      State s = new State();
      for (int g = 0; g < 2; g++) {
        G group = new G();
        for (int i = 0; i < STANDARD_SQUADS.size(); i++) {
          group.squads.add(new SquadView(squadHandle(g, i), STANDARD_SQUADS.get(i),
              SquadKind.standard().get(i).code()));
        }
        group.coordinator = "m" + g;
        s.groups.add(group);
      }
      for (NewMemberSpec spec : INITIAL_MEMBERS) {
        M m = new M();
        m.group = spec.group;
        m.name = spec.name;
        m.phone = spec.phone;
        m.background = spec.background;
        m.party = spec.party;
        m.skills.addAll(spec.skills);
        m.organisation = spec.organisation;
        m.village = spec.village < 0 ? null : spec.village;
        if (spec.leads >= 0) {
          m.squads.put(squadHandle(spec.group, spec.leads), SquadRole.LEADER);
        }
        s.members.add(m);
      }
      s.derive();
      return s;
    }

    State copy() {
      State s = new State();
      members.forEach(m -> s.members.add(m.copy()));
      groups.forEach(g -> s.groups.add(g.copy()));
      s.queries.putAll(queries);
      s.last = last;
      return s;
    }

    /** Recomputes what the queries show from the members. */
    void derive() {
      queries.clear();
      for (int g = 0; g < groups.size(); g++) {
        List<String> of = new ArrayList<>();
        for (int h = 0; h < members.size(); h++) {
          if (members.get(h).group == g && !members.get(h).removed) {
            of.add("m" + h);
          }
        }
        queries.put("membersOf g" + g, of);
        for (SquadView squad : groups.get(g).squads) {
          List<String> in = new ArrayList<>();
          for (int h = 0; h < members.size(); h++) {
            M m = members.get(h);
            if (!m.removed && m.squads.containsKey(squad.handle)) {
              in.add("m" + h + " " + m.squads.get(squad.handle));
            }
          }
          queries.put("membersOfSquad " + squad.handle, in);
        }
      }
      for (int v = 0; v < VILLAGES; v++) {
        queries.put("cadresOf v" + v, cadres(v));
      }
    }

    List<String> cadres(int v) {
      List<String> out = new ArrayList<>();
      for (int h = 0; h < members.size(); h++) {
        M m = members.get(h);
        if (!m.removed && m.isCadre() && Objects.equals(m.village, v)) {
          out.add("m" + h);
        }
      }
      return out;
    }

    /** The member handle of a pick, or {@link #GHOST}. */
    int member(int pick) {
      return pick >= MEMBER_PICKS ? GHOST : pick % members.size();
    }

    /** The squad index of a pick in a group, or {@link #GHOST}. */
    int squad(int group, int pick) {
      int count = groups.get(group).squads.size();
      return pick == NEWEST_SQUAD ? count - 1 : pick >= SQUAD_PICKS ? GHOST : pick % count;
    }

    boolean permits(Who who, Action action, int group) {
      switch (who) {
        case SYSTEM:
        case ADMIN_CITY:
          return true;
        case ADMIN_HEYANG:
          return group == 0;
        case ADMIN_LINWEI:
          return group == 1;
        default:
          return COORDINATOR_MAY.contains(action)
              && ("m" + who.member).equals(groups.get(group).coordinator);
      }
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof State)) {
        return false;
      }
      State s = (State) o;
      boolean same = s.members.equals(members) && s.groups.equals(groups)
          && s.queries.equals(queries) && s.last.equals(last);
      if (!same) {
        LAST_DIFF.set(diff(this, s));
      }
      return same;
    }

    @Override
    public int hashCode() {
      return Objects.hash(members, groups, queries, last);
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder();
      for (int g = 0; g < groups.size(); g++) {
        b.append("\n  g").append(g).append(": ").append(groups.get(g));
      }
      for (int h = 0; h < members.size(); h++) {
        b.append("\n  m").append(h).append(members.get(h));
      }
      queries.forEach((q, r) -> b.append("\n  ").append(q).append(" -> ").append(r));
      return b.append("\n  last: ").append(last).toString();
    }
  }

  /** The differences between what the roster showed and what the model predicted. */
  static String diff(State shown, State predicted) {
    List<String> out = new ArrayList<>();
    int n = Math.max(shown.members.size(), predicted.members.size());
    for (int h = 0; h < n; h++) {
      M a = h < shown.members.size() ? shown.members.get(h) : null;
      M b = h < predicted.members.size() ? predicted.members.get(h) : null;
      if (!Objects.equals(a, b)) {
        out.add("m" + h + " shown " + a + " predicted " + b);
      }
    }
    for (int g = 0; g < Math.max(shown.groups.size(), predicted.groups.size()); g++) {
      G a = g < shown.groups.size() ? shown.groups.get(g) : null;
      G b = g < predicted.groups.size() ? predicted.groups.get(g) : null;
      if (!Objects.equals(a, b)) {
        out.add("g" + g + " shown " + a + " predicted " + b);
      }
    }
    Set<String> keys = new TreeSet<>(shown.queries.keySet());
    keys.addAll(predicted.queries.keySet());
    for (String q : keys) {
      if (!Objects.equals(shown.queries.get(q), predicted.queries.get(q))) {
        out.add(q + " shown " + shown.queries.get(q) + " predicted " + predicted.queries.get(q));
      }
    }
    if (!shown.last.equals(predicted.last)) {
      out.add("last result shown '" + shown.last + "' predicted '" + predicted.last + "'");
    }
    return String.join("\n  ", out);
  }

  /** The differences found by the last failed comparison on this thread, once. */
  static String takeDiff() {
    String d = LAST_DIFF.get();
    LAST_DIFF.remove();
    return d == null ? "" : "\nDifferences (roster vs model):\n  " + d;
  }

  // ---- the world ----------------------------------------------------------------------------

  static final List<String> STANDARD_SQUADS = List.of("頭雁組", "產業組", "培訓組", "行銷組");

  /** A member of the starting world. */
  static final class NewMemberSpec {
    final int group;
    final String name;
    final String phone;
    final Background background;
    final boolean party;
    final List<String> skills;
    final String organisation;
    final int village;
    final int leads;

    NewMemberSpec(int group, String name, String phone, Background background, boolean party,
        List<String> skills, String organisation, int village, int leads) {
      this.group = group;
      this.name = name;
      this.phone = phone;
      this.background = background;
      this.party = party;
      this.skills = skills;
      this.organisation = organisation;
      this.village = village;
      this.leads = leads;
    }
  }

  static final List<NewMemberSpec> INITIAL_MEMBERS = List.of(
      new NewMemberSpec(0, "王建國", "13800138000", Background.FIRST_SECRETARY, true,
          List.of("直播電商"), "中國大唐集團", -1, 0),
      new NewMemberSpec(1, "李秀英", null, Background.AGRI_TECH_EXTENSION, false,
          List.of("葡萄栽培"), "西北農林科技大學", -1, 0),
      new NewMemberSpec(0, "張偉", "0913-2345678", Background.VILLAGE_CADRE, true,
          List.of(), null, 0, -1));

  /** The roster under test, the ids behind the handles, and the last result. */
  static final class Sut implements AutoCloseable {
    final Zhuli zhuli;
    final Roster roster;
    final Actor system = Actor.system("model-setup");
    final RegionId city;
    final List<RegionId> counties = new ArrayList<>();
    final List<VillageId> villages = new ArrayList<>();
    final List<GroupId> groups = new ArrayList<>();
    final List<List<SquadId>> squads = new ArrayList<>();
    final List<MemberId> members = new ArrayList<>();
    final Map<TypedId, String> handles = new HashMap<>();
    final Map<Who, Actor> actors = new HashMap<>();
    String last = "start";
    int steps;
    String lastCommand = "none";

    /** A new in-memory roster with the starting world, built by the system actor. */
    Sut() {
      Clock clock = Clock.fixed(EPOCH, ZoneOffset.UTC);
      zhuli = Zhuli.builder().clock(clock).ids(IdGenerator.timeOrdered(clock, new Random(1)))
          .build();
      roster = zhuli.roster();
      city = roster.createRegion(system,
          new NewRegion.Builder().name("渭南市").level(RegionLevel.CITY).build()).id();
      String[][] world = {
          {"合陽縣", "COUNTY", "甘井鎮", "北順村", "南溝社區", "合陽縣紅色助力團"},
          {"臨渭區", "DISTRICT", "官底鎮", "東風村", "西嶺村", "臨渭區紅色助力團"}};
      for (int g = 0; g < 2; g++) {
        String[] w = world[g];
        RegionId county = roster.createRegion(system, new NewRegion.Builder().name(w[0])
            .level(RegionLevel.valueOf(w[1])).parent(city).build()).id();
        counties.add(county);
        RegionId town = roster.createRegion(system, new NewRegion.Builder().name(w[2])
            .level(RegionLevel.TOWN).parent(county).build()).id();
        for (int v = 0; v < 2; v++) {
          VillageId village = roster.createVillage(system, new NewVillage.Builder().name(w[3 + v])
              .kind(v == 0 ? VillageKind.VILLAGE : VillageKind.COMMUNITY).town(town).build()).id();
          handles.put(village, "v" + villages.size());
          villages.add(village);
        }
        GroupId group = roster.createGroup(system,
            new NewGroup.Builder().name(w[5]).county(county).build()).id();
        handles.put(group, "g" + g);
        groups.add(group);
        squads.add(new ArrayList<>());
        for (int i = 0; i < STANDARD_SQUADS.size(); i++) {
          adoptSquad(g, roster.createSquad(system, new NewSquad.Builder().group(group)
              .name(STANDARD_SQUADS.get(i)).kind(SquadKind.standard().get(i)).build()).id());
        }
      }
      for (NewMemberSpec spec : INITIAL_MEMBERS) {
        NewMember.Builder b = new NewMember.Builder().group(groups.get(spec.group))
            .name(spec.name).background(spec.background).partyMember(spec.party)
            .skills(spec.skills);
        Optional.ofNullable(spec.phone).ifPresent(b::phone);
        Optional.ofNullable(spec.organisation).ifPresent(b::homeOrganisation);
        if (spec.village >= 0) {
          b.village(villages.get(spec.village));
        }
        MemberId id = roster.addMember(system, b.build()).id();
        adoptMember(id);
        if (spec.leads >= 0) {
          roster.joinSquad(system, id, squads.get(spec.group).get(spec.leads), SquadRole.LEADER,
              null);
        }
      }
      for (int g = 0; g < 2; g++) {
        roster.appointCoordinator(system, groups.get(g), members.get(g), null);
      }
      actors.put(Who.SYSTEM, Actor.system("model-system"));
      actors.put(Who.ADMIN_HEYANG, Actor.administrator("heyang-office", List.of(counties.get(0))));
      actors.put(Who.ADMIN_LINWEI, Actor.administrator("linwei-office", List.of(counties.get(1))));
      actors.put(Who.ADMIN_CITY, Actor.administrator("weinan-office", List.of(city)));
      for (Who who : Who.values()) {
        if (who.member >= 0) {
          actors.put(who, Actor.member(members.get(who.member)));
        }
      }
    }

    void adoptSquad(int group, SquadId id) {
      handles.put(id, squadHandle(group, squads.get(group).size()));
      squads.get(group).add(id);
    }

    void adoptMember(MemberId id) {
      if (!handles.containsKey(id)) {
        handles.put(id, "m" + members.size());
        members.add(id);
      }
    }

    Actor actor(Who who) {
      return actors.get(who);
    }

    GroupId group(int g) {
      return g == GHOST ? GHOST_GROUP : groups.get(g);
    }

    int memberHandle(int pick) {
      return pick >= MEMBER_PICKS ? GHOST : pick % members.size();
    }

    MemberId member(int handle) {
      return handle == GHOST ? GHOST_MEMBER : members.get(handle);
    }

    int squadIndex(int group, int pick) {
      int count = squads.get(group).size();
      return pick == NEWEST_SQUAD ? count - 1 : pick >= SQUAD_PICKS ? GHOST : pick % count;
    }

    SquadId squad(int group, int index) {
      return index == GHOST ? GHOST_SQUAD : squads.get(group).get(index);
    }

    VillageId village(int v) {
      return v == GHOST ? GHOST_VILLAGE : villages.get(v);
    }

    /** The group of a member handle, as the roster shows it; group 0 for a ghost. */
    int groupOf(int handle) {
      if (handle == GHOST) {
        return 0;
      }
      return roster.member(members.get(handle)).map(m -> groups.indexOf(m.group()))
          .filter(g -> g >= 0).orElse(0);
    }

    String handle(TypedId id) {
      return handles.getOrDefault(id, "?" + id);
    }

    /** A member as the model shows it. */
    M view(Member member) {
      M m = new M();
      m.group = groups.indexOf(member.group());
      if (m.group < 0) {
        throw new AssertionError("member " + handle(member.id()) + " is in unknown group "
            + member.group());
      }
      m.name = member.name();
      m.phone = member.phone().orElse(null);
      m.background = member.background();
      m.party = member.partyMember();
      m.skills.addAll(member.skills());
      m.organisation = member.homeOrganisation().orElse(null);
      if (member.village().isPresent()) {
        int v = villages.indexOf(member.village().get());
        if (v < 0) {
          throw new AssertionError("member " + handle(member.id()) + " names unknown village "
              + member.village().get());
        }
        m.village = v;
      }
      member.squads().forEach((squad, role) -> m.squads.put(handle(squad), role));
      m.removed = member.removed();
      m.erased = member.erased();
      return m;
    }

    String describe(Member member) {
      return "ok " + handle(member.id()) + view(member);
    }

    @Override
    public void close() {
      zhuli.close();
    }
  }

  static String squadHandle(int group, int index) {
    return "g" + group + "s" + index;
  }

  /** Every item of a paged query, with pages of the given size. */
  static <T> List<T> all(Function<PageRequest, ResultPage<T>> query, int size) {
    PageRequest first = PageRequest.first(size);
    PageRequest page = first;
    List<T> out = new ArrayList<>();
    for (int pages = 0; pages < 1000; pages++) {
      ResultPage<T> result = query.apply(page);
      if (result.items().size() > size) {
        throw new AssertionError("a page of " + size + " held " + result.items().size());
      }
      out.addAll(result.items());
      if (result.nextCursor().isEmpty()) {
        return out;
      }
      page = first.after(result.nextCursor().get());
    }
    throw new AssertionError("paging did not end after 1000 pages");
  }

  // ---- projection and invariants ------------------------------------------------------------

  /**
   * Reads the whole roster back through its queries, checking its invariants on the way: each
   * county's group, its squads, its members (all pages of {@code membersOf}, and
   * {@code member(id)} for those it does not list, the removed), each squad's members and each
   * village's cadres.
   */
  static State project(Sut sut) {
    Roster r = sut.roster;
    State s = new State();
    List<String> broken = new ArrayList<>();
    Map<SquadId, GroupId> squadGroups = new HashMap<>();
    Map<MemberId, Member> listed = new HashMap<>();
    for (int g = 0; g < 2; g++) {
      int gi = g;
      HelpGroup group = r.groupOfCounty(sut.counties.get(g)).orElseThrow(
          () -> new AssertionError("county " + gi + " lost its group"));
      if (!group.id().equals(sut.groups.get(g))) {
        throw new AssertionError("county " + g + " shows another group: " + group.id());
      }
      G view = new G();
      view.coordinator = group.coordinator().map(sut::handle).orElse(null);
      Set<String> names = new HashSet<>();
      for (Squad squad : all(p -> r.squadsOf(group.id(), p), 50)) {
        view.squads.add(new SquadView(sut.handle(squad.id()), squad.name(), squad.kind().code()));
        squadGroups.put(squad.id(), squad.group());
        if (!names.add(fold(squad.name()))) {
          broken.add("squad name '" + squad.name() + "' twice in g" + g);
        }
        if (!squad.group().equals(group.id())) {
          broken.add("squadsOf(g" + g + ") lists " + sut.handle(squad.id()) + " of another group");
        }
      }
      s.groups.add(view);
      List<Member> of = all(p -> r.membersOf(group.id(), p), 50);
      s.queries.put("membersOf g" + g, handles(sut, of));
      for (Member m : of) {
        listed.put(m.id(), m);
        if (!m.group().equals(group.id())) {
          broken.add("membersOf(g" + g + ") lists " + sut.handle(m.id()) + " of another group");
        }
      }
    }
    List<Member> members = new ArrayList<>();
    for (MemberId id : sut.members) {
      Member m = listed.containsKey(id) ? listed.get(id) : r.member(id).orElseThrow(
          () -> new AssertionError("member " + sut.handle(id) + " vanished"));
      members.add(m);
      s.members.add(sut.view(m));
      String h = sut.handle(id);
      // a member serves in squads of its own group only
      for (SquadId squad : m.squads().keySet()) {
        if (!m.group().equals(squadGroups.get(squad))) {
          broken.add(h + " serves in squad " + sut.handle(squad) + " outside its group");
        }
      }
      if (m.removed() && !m.squads().isEmpty()) {
        broken.add("removed " + h + " still serves in " + m.squads().size() + " squads");
      }
      if (m.erased() && (!m.name().equals(ERASED) || m.phone().isPresent()
          || m.homeOrganisation().isPresent())) {
        broken.add("erased " + h + " shows personal data:"
            + (m.name().equals(ERASED) ? "" : " a name other than " + ERASED)
            + (m.phone().isPresent() ? " a phone" : "")
            + (m.homeOrganisation().isPresent() ? " a home organisation" : ""));
      }
    }
    for (int g = 0; g < 2; g++) {
      // the coordinator is an active member of the group
      String c = s.groups.get(g).coordinator;
      if (c != null && !c.startsWith("?")) {
        Member coordinator = members.get(Integer.parseInt(c.substring(1)));
        if (!coordinator.group().equals(sut.groups.get(g)) || coordinator.removed()) {
          broken.add("coordinator " + c + " of g" + g + " is not an active member of it");
        }
      } else if (c != null) {
        broken.add("coordinator " + c + " of g" + g + " is no member the history made");
      }
      for (SquadId squad : sut.squads.get(g)) {
        List<String> shown = new ArrayList<>();
        for (Member m : all(p -> r.membersOfSquad(squad, p), 50)) {
          shown.add(sut.handle(m.id()) + " " + m.squads().get(squad));
          if (!m.squads().containsKey(squad)) {
            broken.add("membersOfSquad(" + sut.handle(squad) + ") lists "
                + sut.handle(m.id()) + ", who does not serve in it");
          }
        }
        s.queries.put("membersOfSquad " + sut.handle(squad), shown);
      }
    }
    for (int v = 0; v < VILLAGES; v++) {
      VillageId vid = sut.villages.get(v);
      s.queries.put("cadresOf v" + v, handles(sut, all(p -> r.cadresOf(vid, p), 50)));
    }
    // removed members are in no query
    for (Member m : members) {
      if (!m.removed()) {
        continue;
      }
      String h = sut.handle(m.id());
      s.queries.forEach((q, shown) -> {
        if (shown.stream().anyMatch(e -> e.equals(h) || e.startsWith(h + " "))) {
          broken.add("removed " + h + " is still listed by " + q);
        }
      });
      for (String skill : m.skills()) {
        if (handles(sut, all(p -> r.membersBySkill(m.group(), skill, p), 50)).contains(h)) {
          broken.add("removed " + h + " is still found by membersBySkill");
        }
      }
    }
    s.last = sut.last;
    if (!broken.isEmpty()) {
      throw new AssertionError("roster invariants broken after step " + sut.steps + " ("
          + sut.lastCommand + "):\n  " + String.join("\n  ", broken) + "\nRoster shows:" + s);
    }
    return s;
  }

  static List<String> handles(Sut sut, List<Member> members) {
    return members.stream().map(m -> sut.handle(m.id())).collect(Collectors.toList());
  }

  // ---- the contract's text rules ------------------------------------------------------------

  /**
   * Text as commands keep it (NFC, trimmed of every kind of space), or null if blank or longer
   * than max code points.
   */
  static String text(String value, int max) {
    String n = Normalizer.normalize(value, Normalizer.Form.NFC);
    int start = 0;
    int end = n.length();
    while (start < end && isSpace(n.codePointAt(start))) {
      start += Character.charCount(n.codePointAt(start));
    }
    while (end > start && isSpace(n.codePointBefore(end))) {
      end -= Character.charCount(n.codePointBefore(end));
    }
    n = n.substring(start, end);
    return n.isEmpty() || n.codePointCount(0, n.length()) > max ? null : n;
  }

  private static boolean isSpace(int cp) {
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
  }

  /**
   * Names and skills compare trimmed, NFC-normalised and case-folded (upper-cased, then
   * lower-cased: "Straße" meets "STRASSE").
   */
  static String fold(String name) {
    return Normalizer.normalize(name.strip(), Normalizer.Form.NFC).toUpperCase(Locale.ROOT)
        .toLowerCase(Locale.ROOT);
  }

  /**
   * The kept skills (skills equal after normalisation and case-folding collapse to the first
   * spelling), or an error naming the offending skill by its position in the set given.
   */
  static Object skills(List<String> given) {
    TreeSet<String> out = new TreeSet<>();
    Set<String> folded = new HashSet<>();
    int i = 0;
    for (String raw : new LinkedHashSet<>(given)) {
      String n = text(raw, MAX_SKILL);
      if (n == null) {
        return invalid("member.skills[" + i + "]");
      }
      if (folded.add(fold(n))) {
        out.add(n);
      }
      i++;
    }
    return out;
  }

  // ---- outcomes -----------------------------------------------------------------------------

  static String error(ZhuliException e) {
    String detail;
    if (e instanceof RuleViolationException) {
      detail = ((RuleViolationException) e).rule();
    } else if (e instanceof ValidationException) {
      detail = ((ValidationException) e).field();
    } else if (e instanceof NotFoundException) {
      detail = ((NotFoundException) e).kind();
    } else if (e instanceof AccessDeniedException) {
      detail = ((AccessDeniedException) e).action();
    } else {
      detail = "";
    }
    return "error " + e.getClass().getSimpleName() + " " + e.code() + " " + detail;
  }

  static String invalid(String field) {
    return "error ValidationException INVALID_INPUT " + field;
  }

  static String duplicate(String field) {
    return "error ValidationException DUPLICATE_NAME " + field;
  }

  static String notFound(String kind) {
    return "error NotFoundException NOT_FOUND " + kind;
  }

  static String denied(Action action) {
    return "error AccessDeniedException ACCESS_DENIED " + action.name();
  }

  static String rule(String name) {
    return "error RuleViolationException RULE_VIOLATED " + name;
  }

  /**
   * The village rule of members: a cadre needs a village; a village must exist and lie in the
   * group's county. Returns the error, or null.
   */
  static String checkVillage(Background background, Integer village, boolean ghost, int group) {
    if (ghost) {
      return notFound("village");
    }
    if (village == null) {
      return background == Background.VILLAGE_CADRE ? invalid("member.village") : null;
    }
    return village / 2 == group ? null : rule("village-in-county");
  }

  static int groupOfPick(int pick) {
    return pick >= GROUP_PICKS ? GHOST : pick % 2;
  }

  static String squadName(int pick) {
    return pick == NEWEST_SQUAD ? "the newest squad" : "squad pick " + pick;
  }

  static String villageName(int v) {
    return v == ABSENT ? "none" : v == GHOST ? "ghost" : "v" + v;
  }

  // ---- commands -----------------------------------------------------------------------------

  /** A command of a random history. */
  abstract static class Step implements Command<Sut, State> {
    @Override
    public final void run(Sut sut) {
      String outcome;
      try {
        outcome = execute(sut);
      } catch (ZhuliException e) {
        outcome = error(e);
      } catch (RuntimeException e) {
        outcome = "unexpected " + e;
      }
      sut.last = name() + ": " + outcome;
      sut.steps++;
      sut.lastCommand = toString();
    }

    @Override
    public final State nextState(State before) {
      State after = before.copy();
      after.last = name() + ": " + predict(after);
      after.derive();
      return after;
    }

    abstract String name();

    /** Runs the command on the roster; returns its outcome. */
    abstract String execute(Sut sut);

    /** Predicts the outcome; changes the state only on success. */
    abstract String predict(State s);
  }

  /** A command run by an actor. */
  abstract static class ActorStep extends Step {
    final Who who;

    ActorStep(Who who) {
      this.who = who;
    }

    @Override
    public String toString() {
      return who + " " + name() + " " + args();
    }

    abstract String args();
  }

  static final class AddMember extends ActorStep {
    final int groupPick;
    final String name;
    final Phone phone;
    final Background background;
    final boolean party;
    final List<String> skills;
    final String organisation;
    final int village;

    AddMember(Who who, int groupPick, String name, Phone phone, Background background,
        boolean party, List<String> skills, String organisation, int village) {
      super(who);
      this.groupPick = groupPick;
      this.name = name;
      this.phone = phone;
      this.background = background;
      this.party = party;
      this.skills = skills;
      this.organisation = organisation;
      this.village = village;
    }

    @Override
    String name() {
      return "addMember";
    }

    @Override
    String args() {
      int g = groupOfPick(groupPick);
      return "to " + (g == GHOST ? "ghost group" : "g" + g) + ": '" + name + "', " + phone + ", "
          + background + (party ? ", party" : "") + ", skills " + skills + ", org "
          + organisation + ", village " + villageName(village);
    }

    @Override
    String execute(Sut sut) {
      NewMember.Builder b = new NewMember.Builder().group(sut.group(groupOfPick(groupPick)))
          .name(name).background(background).partyMember(party).skills(skills);
      if (phone.raw != null) {
        b.phone(phone.raw);
      }
      if (organisation != null) {
        b.homeOrganisation(organisation);
      }
      if (village != ABSENT) {
        b.village(sut.village(village));
      }
      Member m = sut.roster.addMember(sut.actor(who), b.build());
      sut.adoptMember(m.id());
      return sut.describe(m);
    }

    @Override
    String predict(State s) {
      String n = text(name, MAX_NAME);
      if (n == null) {
        return invalid("member.name");
      }
      if (!phone.valid) {
        return invalid("member.phone");
      }
      Object kept = skills(skills);
      if (kept instanceof String) {
        return (String) kept;
      }
      String org = null;
      if (organisation != null) {
        org = text(organisation, MAX_ORGANISATION);
        if (org == null) {
          return invalid("member.homeOrganisation");
        }
      }
      int g = groupOfPick(groupPick);
      if (g == GHOST) {
        return notFound("group");
      }
      if (!s.permits(who, Action.ADD_MEMBER, g)) {
        return denied(Action.ADD_MEMBER);
      }
      Integer v = village >= 0 ? Integer.valueOf(village) : null;
      String wrong = checkVillage(background, v, village == GHOST, g);
      if (wrong != null) {
        return wrong;
      }
      M m = new M();
      m.group = g;
      m.name = n;
      m.phone = phone.stored;
      m.background = background;
      m.party = party;
      @SuppressWarnings("unchecked")
      TreeSet<String> k = (TreeSet<String>) kept;
      m.skills = k;
      m.organisation = org;
      m.village = v;
      s.members.add(m);
      return "ok m" + (s.members.size() - 1) + m;
    }
  }

  static final class UpdateMember extends ActorStep {
    final int memberPick;
    final String name;
    final Phone phone;
    final Background background;
    final Boolean party;
    final List<String> skills;
    final String organisation;
    final int village;

    UpdateMember(Who who, int memberPick, String name, Phone phone, Background background,
        Boolean party, List<String> skills, String organisation, int village) {
      super(who);
      this.memberPick = memberPick;
      this.name = name;
      this.phone = phone;
      this.background = background;
      this.party = party;
      this.skills = skills;
      this.organisation = organisation;
      this.village = village;
    }

    @Override
    String name() {
      return "updateMember";
    }

    @Override
    String args() {
      return "member pick " + memberPick + ":" + (name == null ? "" : " name '" + name + "'")
          + (phone.raw == null ? "" : " " + phone)
          + (background == null ? "" : " " + background)
          + (party == null ? "" : " party=" + party)
          + (skills == null ? "" : " skills " + skills)
          + (organisation == null ? "" : " org '" + organisation + "'")
          + (village == ABSENT ? "" : " village " + villageName(village));
    }

    @Override
    String execute(Sut sut) {
      MemberUpdate.Builder b = new MemberUpdate.Builder()
          .member(sut.member(sut.memberHandle(memberPick)));
      if (name != null) {
        b.name(name);
      }
      if (phone.raw != null) {
        b.phone(phone.raw);
      }
      if (background != null) {
        b.background(background);
      }
      if (party != null) {
        b.partyMember(party);
      }
      if (skills != null) {
        b.skills(new LinkedHashSet<>(skills));
      }
      if (organisation != null) {
        b.homeOrganisation(organisation);
      }
      if (village != ABSENT) {
        b.village(sut.village(village));
      }
      return sut.describe(sut.roster.updateMember(sut.actor(who), b.build()));
    }

    @Override
    String predict(State s) {
      String n = null;
      if (name != null) {
        n = text(name, MAX_NAME);
        if (n == null) {
          return invalid("member.name");
        }
      }
      if (!phone.valid) {
        return invalid("member.phone");
      }
      Object kept = null;
      if (skills != null) {
        kept = skills(skills);
        if (kept instanceof String) {
          return (String) kept;
        }
      }
      String org = null;
      if (organisation != null) {
        org = text(organisation, MAX_ORGANISATION);
        if (org == null) {
          return invalid("member.homeOrganisation");
        }
      }
      int h = s.member(memberPick);
      if (h == GHOST) {
        return notFound("member");
      }
      M m = s.members.get(h);
      if (!s.permits(who, Action.UPDATE_MEMBER, m.group)) {
        return denied(Action.UPDATE_MEMBER);
      }
      if (m.removed) {
        return rule("member-active");
      }
      if (m.erased && (n != null || phone.stored != null || org != null)) {
        return rule("erased-stays-erased");
      }
      M c = m.copy();
      if (n != null) {
        c.name = n;
      }
      if (phone.stored != null) {
        c.phone = phone.stored;
      }
      if (org != null) {
        c.organisation = org;
      }
      if (background != null) {
        c.background = background;
      }
      if (party != null) {
        c.party = party;
      }
      if (kept != null) {
        @SuppressWarnings("unchecked")
        TreeSet<String> k = (TreeSet<String>) kept;
        c.skills = k;
      }
      if (village >= 0) {
        c.village = village;
      }
      String wrong = checkVillage(c.background, c.village, village == GHOST, c.group);
      if (wrong != null) {
        return wrong;
      }
      s.members.set(h, c);
      return "ok m" + h + c;
    }
  }

  static final class JoinSquad extends ActorStep {
    final int memberPick;
    final boolean otherGroup;
    final int squadPick;
    final SquadRole role;

    JoinSquad(Who who, int memberPick, boolean otherGroup, int squadPick, SquadRole role) {
      super(who);
      this.memberPick = memberPick;
      this.otherGroup = otherGroup;
      this.squadPick = squadPick;
      this.role = role;
    }

    @Override
    String name() {
      return "joinSquad";
    }

    @Override
    String args() {
      return "member pick " + memberPick + " into " + squadName(squadPick) + " of "
          + (otherGroup ? "the other" : "its") + " group as " + role;
    }

    @Override
    String execute(Sut sut) {
      int h = sut.memberHandle(memberPick);
      int g = sut.groupOf(h);
      int sg = otherGroup ? 1 - g : g;
      SquadId squad = sut.squad(sg, sut.squadIndex(sg, squadPick));
      return sut.describe(sut.roster.joinSquad(sut.actor(who), sut.member(h), squad, role,
          null));
    }

    @Override
    String predict(State s) {
      int h = s.member(memberPick);
      if (h == GHOST) {
        return notFound("member");
      }
      M m = s.members.get(h);
      if (!s.permits(who, Action.CHANGE_SQUADS, m.group)) {
        return denied(Action.CHANGE_SQUADS);
      }
      if (m.removed) {
        return rule("member-active");
      }
      int sg = otherGroup ? 1 - m.group : m.group;
      int index = s.squad(sg, squadPick);
      if (index == GHOST) {
        return notFound("squad");
      }
      if (sg != m.group) {
        return rule("squad-in-group");
      }
      M c = m.copy();
      c.squads.put(squadHandle(sg, index), role);
      if (c.squads.size() > MAX_SQUADS_PER_MEMBER) {
        return rule("squads-per-member");
      }
      s.members.set(h, c);
      return "ok m" + h + c;
    }
  }

  static final class LeaveSquad extends ActorStep {
    final int memberPick;
    final boolean otherGroup;
    final int squadPick;

    LeaveSquad(Who who, int memberPick, boolean otherGroup, int squadPick) {
      super(who);
      this.memberPick = memberPick;
      this.otherGroup = otherGroup;
      this.squadPick = squadPick;
    }

    @Override
    String name() {
      return "leaveSquad";
    }

    @Override
    String args() {
      return "member pick " + memberPick + " out of " + squadName(squadPick) + " of "
          + (otherGroup ? "the other" : "its") + " group";
    }

    @Override
    String execute(Sut sut) {
      int h = sut.memberHandle(memberPick);
      int g = sut.groupOf(h);
      int sg = otherGroup ? 1 - g : g;
      SquadId squad = sut.squad(sg, sut.squadIndex(sg, squadPick));
      return sut.describe(sut.roster.leaveSquad(sut.actor(who), sut.member(h), squad, null));
    }

    @Override
    String predict(State s) {
      int h = s.member(memberPick);
      if (h == GHOST) {
        return notFound("member");
      }
      M m = s.members.get(h);
      if (!s.permits(who, Action.CHANGE_SQUADS, m.group)) {
        return denied(Action.CHANGE_SQUADS);
      }
      if (m.removed) {
        return rule("member-active");
      }
      int sg = otherGroup ? 1 - m.group : m.group;
      int index = s.squad(sg, squadPick);
      if (index == GHOST) {
        // Roster: "unknown ids a NotFoundException".
        return notFound("squad");
      }
      String key = squadHandle(sg, index);
      if (!m.squads.containsKey(key)) {
        return rule("member-in-squad");
      }
      M c = m.copy();
      c.squads.remove(key);
      s.members.set(h, c);
      return "ok m" + h + c;
    }
  }

  static final class RemoveMember extends ActorStep {
    final int memberPick;

    RemoveMember(Who who, int memberPick) {
      super(who);
      this.memberPick = memberPick;
    }

    @Override
    String name() {
      return "removeMember";
    }

    @Override
    String args() {
      return "member pick " + memberPick;
    }

    @Override
    String execute(Sut sut) {
      return sut.describe(sut.roster.removeMember(sut.actor(who),
          sut.member(sut.memberHandle(memberPick)), null));
    }

    @Override
    String predict(State s) {
      int h = s.member(memberPick);
      if (h == GHOST) {
        return notFound("member");
      }
      M m = s.members.get(h);
      if (!s.permits(who, Action.REMOVE_MEMBER, m.group)) {
        return denied(Action.REMOVE_MEMBER);
      }
      if (m.removed) {
        return rule("member-active");
      }
      if (("m" + h).equals(s.groups.get(m.group).coordinator)) {
        return rule("keep-coordinator");
      }
      M c = m.copy();
      c.removed = true;
      c.squads.clear();
      s.members.set(h, c);
      return "ok m" + h + c;
    }
  }

  static final class EraseMember extends ActorStep {
    final int memberPick;

    EraseMember(Who who, int memberPick) {
      super(who);
      this.memberPick = memberPick;
    }

    @Override
    String name() {
      return "eraseMember";
    }

    @Override
    String args() {
      return "member pick " + memberPick;
    }

    @Override
    String execute(Sut sut) {
      return sut.describe(sut.roster.eraseMember(sut.actor(who),
          sut.member(sut.memberHandle(memberPick)), null));
    }

    @Override
    String predict(State s) {
      int h = s.member(memberPick);
      if (h == GHOST) {
        return notFound("member");
      }
      M m = s.members.get(h);
      if (!s.permits(who, Action.ERASE_MEMBER, m.group)) {
        return denied(Action.ERASE_MEMBER);
      }
      if (m.erased) {
        return "ok m" + h + m;
      }
      M c = m.copy();
      c.name = ERASED;
      c.phone = null;
      c.organisation = null;
      c.erased = true;
      s.members.set(h, c);
      return "ok m" + h + c;
    }
  }

  static final class AppointCoordinator extends ActorStep {
    final int groupPick;
    final int memberPick;

    AppointCoordinator(Who who, int groupPick, int memberPick) {
      super(who);
      this.groupPick = groupPick;
      this.memberPick = memberPick;
    }

    @Override
    String name() {
      return "appointCoordinator";
    }

    @Override
    String args() {
      int g = groupOfPick(groupPick);
      return "of " + (g == GHOST ? "ghost group" : "g" + g) + ": member pick " + memberPick;
    }

    @Override
    String execute(Sut sut) {
      HelpGroup g = sut.roster.appointCoordinator(sut.actor(who),
          sut.group(groupOfPick(groupPick)), sut.member(sut.memberHandle(memberPick)), null);
      return "ok " + sut.handle(g.id()) + " coordinator "
          + g.coordinator().map(sut::handle).orElse("none");
    }

    @Override
    String predict(State s) {
      int g = groupOfPick(groupPick);
      if (g == GHOST) {
        return notFound("group");
      }
      if (!s.permits(who, Action.APPOINT_COORDINATOR, g)) {
        return denied(Action.APPOINT_COORDINATOR);
      }
      int h = s.member(memberPick);
      if (h == GHOST) {
        return notFound("member");
      }
      M m = s.members.get(h);
      if (m.group != g || m.removed) {
        return rule("coordinator-in-group");
      }
      s.groups.get(g).coordinator = "m" + h;
      return "ok g" + g + " coordinator m" + h;
    }
  }

  static final class CreateSquad extends ActorStep {
    final int groupPick;
    final String name;
    final SquadKind kind;

    CreateSquad(Who who, int groupPick, String name, SquadKind kind) {
      super(who);
      this.groupPick = groupPick;
      this.name = name;
      this.kind = kind;
    }

    @Override
    String name() {
      return "createSquad";
    }

    @Override
    String args() {
      int g = groupOfPick(groupPick);
      return "in " + (g == GHOST ? "ghost group" : "g" + g) + ": '" + name + "' " + kind;
    }

    @Override
    String execute(Sut sut) {
      int g = groupOfPick(groupPick);
      Squad squad = sut.roster.createSquad(sut.actor(who), new NewSquad.Builder()
          .group(sut.group(g)).name(name).kind(kind).build());
      if (g != GHOST && squad.group().equals(sut.groups.get(g))) {
        sut.adoptSquad(g, squad.id());
      }
      return "ok " + sut.handle(squad.id()) + "=" + squad.name() + "/" + squad.kind().code();
    }

    @Override
    String predict(State s) {
      String n = text(name, MAX_NAME);
      if (n == null) {
        return invalid("squad.name");
      }
      int g = groupOfPick(groupPick);
      if (g == GHOST) {
        return notFound("group");
      }
      if (!s.permits(who, Action.CREATE_SQUAD, g)) {
        return denied(Action.CREATE_SQUAD);
      }
      G group = s.groups.get(g);
      if (group.squads.stream().anyMatch(q -> fold(q.name).equals(fold(n)))) {
        return duplicate("squad.name");
      }
      SquadView v = new SquadView(squadHandle(g, group.squads.size()), n, kind.code());
      group.squads.add(v);
      return "ok " + v;
    }
  }

  /** A query: no actor, no change; its result goes into the last result. */
  abstract static class Query extends Step {
    final int pageSize;

    Query(int pageSize) {
      this.pageSize = pageSize;
    }

    @Override
    public String toString() {
      return name() + " " + args() + " in pages of " + pageSize;
    }

    abstract String args();
  }

  static final class MembersOf extends Query {
    final int groupPick;

    MembersOf(int groupPick, int pageSize) {
      super(pageSize);
      this.groupPick = groupPick;
    }

    @Override
    String name() {
      return "membersOf";
    }

    @Override
    String args() {
      int g = groupOfPick(groupPick);
      return g == GHOST ? "ghost group" : "g" + g;
    }

    @Override
    String execute(Sut sut) {
      GroupId g = sut.group(groupOfPick(groupPick));
      return "ok " + handles(sut, all(p -> sut.roster.membersOf(g, p), pageSize));
    }

    @Override
    String predict(State s) {
      int g = groupOfPick(groupPick);
      return "ok " + (g == GHOST ? List.of() : s.queries.get("membersOf g" + g));
    }
  }

  static final class MembersOfSquad extends Query {
    final int group;
    final int squadPick;

    MembersOfSquad(int group, int squadPick, int pageSize) {
      super(pageSize);
      this.group = group;
      this.squadPick = squadPick;
    }

    @Override
    String name() {
      return "membersOfSquad";
    }

    @Override
    String args() {
      return squadName(squadPick) + " of g" + group;
    }

    @Override
    String execute(Sut sut) {
      SquadId squad = sut.squad(group, sut.squadIndex(group, squadPick));
      List<String> out = new ArrayList<>();
      for (Member m : all(p -> sut.roster.membersOfSquad(squad, p), pageSize)) {
        out.add(sut.handle(m.id()) + " " + m.squads().get(squad));
      }
      return "ok " + out;
    }

    @Override
    String predict(State s) {
      int index = s.squad(group, squadPick);
      return "ok " + (index == GHOST ? List.of()
          : s.queries.get("membersOfSquad " + squadHandle(group, index)));
    }
  }

  static final class MembersBySkill extends Query {
    final int groupPick;
    final String skill;

    MembersBySkill(int groupPick, String skill, int pageSize) {
      super(pageSize);
      this.groupPick = groupPick;
      this.skill = skill;
    }

    @Override
    String name() {
      return "membersBySkill";
    }

    @Override
    String args() {
      int g = groupOfPick(groupPick);
      return (g == GHOST ? "ghost group" : "g" + g) + " '" + skill + "'";
    }

    @Override
    String execute(Sut sut) {
      GroupId g = sut.group(groupOfPick(groupPick));
      return "ok " + handles(sut, all(p -> sut.roster.membersBySkill(g, skill, p), pageSize));
    }

    @Override
    String predict(State s) {
      String n = text(skill, MAX_SKILL);
      if (n == null) {
        return invalid("skill");
      }
      int g = groupOfPick(groupPick);
      List<String> out = new ArrayList<>();
      for (int h = 0; h < s.members.size(); h++) {
        M m = s.members.get(h);
        if (m.group == g && !m.removed
            && m.skills.stream().anyMatch(k -> fold(k).equals(fold(n)))) {
          out.add("m" + h);
        }
      }
      return "ok " + out;
    }
  }

  static final class CadresOf extends Query {
    final int village;

    CadresOf(int village, int pageSize) {
      super(pageSize);
      this.village = village;
    }

    @Override
    String name() {
      return "cadresOf";
    }

    @Override
    String args() {
      return villageName(village);
    }

    @Override
    String execute(Sut sut) {
      VillageId v = sut.village(village);
      return "ok " + handles(sut, all(p -> sut.roster.cadresOf(v, p), pageSize));
    }

    @Override
    String predict(State s) {
      return "ok " + (village == GHOST ? List.of() : s.cadres(village));
    }
  }

  // ---- generators ---------------------------------------------------------------------------

  static final List<String> NAMES = List.of("王建國", "李秀英", "張偉", "劉洋", "陳靜", "楊帆",
      " 趙磊 ", "\u3000周敏\u00a0", "  ", "黃".repeat(65));
  static final List<Phone> PHONES = List.of(Phone.NONE, Phone.NONE,
      Phone.valid("13800138000", "13800138000"), Phone.valid("+8613912345678", "+8613912345678"),
      Phone.valid("0913-2345678", "0913-2345678"), Phone.valid("139 1234 5678", "13912345678"),
      Phone.invalid("12345678901"), Phone.invalid("1380013800"), Phone.invalid("電話號碼"));
  static final List<String> SKILLS = List.of("葡萄栽培", "直播電商", "Excel", "excel", "Café",
      "Cafe\u0301", " 果樹修剪 ", "Straße", "  ");
  static final List<String> SKILL_QUERIES = List.of("葡萄栽培", "直播電商", "EXCEL",
      "cafe\u0301", "果樹修剪", "STRASSE", "花椒", "  ");
  static final List<String> ORGANISATIONS = List.of("西北農林科技大學", "中國大唐集團", "  ");
  static final List<String> SQUAD_NAMES = List.of("頭雁組", "產業組", "培訓組", "行銷組", "電商組",
      " 電商組 ", "技術組", "宣傳組", "物流組", "文旅組", "Media組", "media組", "Straße組",
      "STRASSE組", "  ");
  static final List<String> MORE_SQUAD_NAMES = List.of("電商組", "技術組", "宣傳組", "物流組",
      "文旅組", "Media組", "Straße組", "水利組", "旅遊組", "法律組", "醫療組", "教育組", "頭雁組",
      "MEDIA組", "STRASSE組");
  static final List<SquadKind> KINDS = List.of(SquadKind.LEAD_GEESE, SquadKind.INDUSTRY,
      SquadKind.TRAINING, SquadKind.MARKETING, SquadKind.of("LOGISTICS"));
  static final List<Background> BACKGROUNDS = List.of(Background.values());
  static final List<Integer> PAGE_SIZES = List.of(1, 2, 3, 50);

  /** Nulls for an absent optional value in about one case of {@code 1 + absentWeight}. */
  private static <T> Gen<T> optional(Gen<T> gen, int absentWeight) {
    return Generate.frequency(List.of(Pair.of(1, gen),
        Pair.of(absentWeight, Generate.constant((Supplier<T>) () -> null))));
  }

  /** Histories of 1 to 40 commands: three in four mixed, one in four squad-heavy. */
  static Gen<List<Step>> histories() {
    Gen<Who> who = Generate.enumValues(Who.class);
    Gen<Integer> groupPick = Generate.range(0, GROUP_PICKS);
    Gen<Integer> memberPick = Generate.range(0, MEMBER_PICKS);
    Gen<Integer> squadPick = Generate.range(0, SQUAD_PICKS);
    Gen<String> name = Generate.pick(NAMES);
    Gen<Phone> phone = Generate.pick(PHONES);
    Gen<Background> background = Generate.frequency(List.of(
        Pair.of(3, Generate.pick(BACKGROUNDS)),
        Pair.of(2, Generate.constant(Background.VILLAGE_CADRE))));
    Gen<List<String>> skills = SourceDSL.lists().of(Generate.pick(SKILLS)).ofSizeBetween(0, 3);
    Gen<String> organisation = optional(Generate.pick(ORGANISATIONS), 2);
    Gen<Integer> village = Generate.range(-1, VILLAGES).map(v -> v < 0 ? ABSENT
        : v == VILLAGES ? GHOST : v);
    Gen<Integer> pageSize = Generate.pick(PAGE_SIZES);

    Gen<Step> addMember = who.zip(groupPick, name, phone, background,
        (w, g, n, p, b) -> new Object[] {w, g, n, p, b})
        .zip(Generate.booleans(), skills, organisation, village, (a, party, k, o, v) ->
            (Step) new AddMember((Who) a[0], (Integer) a[1], (String) a[2], (Phone) a[3],
                (Background) a[4], party, k, o, v));
    Gen<Step> updateMember = who.zip(memberPick, optional(name, 3), phone,
        optional(background, 3), (w, m, n, p, b) -> new Object[] {w, m, n, p, b})
        .zip(optional(Generate.booleans(), 3), optional(skills, 3), optional(organisation, 1),
            Generate.frequency(List.of(Pair.of(2, Generate.constant(ABSENT)),
                Pair.of(1, village))),
            (a, party, k, o, v) -> (Step) new UpdateMember((Who) a[0], (Integer) a[1],
                (String) a[2], (Phone) a[3], (Background) a[4], party, k, o, v));
    Gen<Boolean> otherGroup = Generate.range(0, 4).map(i -> i == 0);
    Gen<Step> joinSquad = who.zip(memberPick, otherGroup, squadPick,
        Generate.enumValues(SquadRole.class), (w, m, o, q, r) -> (Step) new JoinSquad(w, m, o, q,
            r));
    Gen<Step> leaveSquad = who.zip(memberPick, otherGroup, squadPick,
        (w, m, o, q) -> (Step) new LeaveSquad(w, m, o, q));
    Gen<Step> removeMember = who.zip(memberPick, (w, m) -> (Step) new RemoveMember(w, m));
    Gen<Step> eraseMember = who.zip(memberPick, (w, m) -> (Step) new EraseMember(w, m));
    Gen<Step> appoint = who.zip(groupPick, memberPick,
        (w, g, m) -> (Step) new AppointCoordinator(w, g, m));
    Gen<Step> createSquad = who.zip(groupPick, Generate.pick(SQUAD_NAMES), Generate.pick(KINDS),
        (w, g, n, k) -> (Step) new CreateSquad(w, g, n, k));
    Gen<Step> membersOf = groupPick.zip(pageSize, (g, p) -> (Step) new MembersOf(g, p));
    Gen<Step> membersOfSquad = Generate.range(0, 1).zip(squadPick, pageSize,
        (g, q, p) -> (Step) new MembersOfSquad(g, q, p));
    Gen<Step> membersBySkill = groupPick.zip(Generate.pick(SKILL_QUERIES), pageSize,
        (g, k, p) -> (Step) new MembersBySkill(g, k, p));
    Gen<Step> cadresOf = Generate.range(0, VILLAGES).map(v -> v == VILLAGES ? GHOST : v)
        .zip(pageSize, (v, p) -> (Step) new CadresOf(v, p));

    Gen<Step> step = Generate.frequency(List.of(
        Pair.of(6, addMember),
        Pair.of(4, updateMember),
        Pair.of(6, joinSquad),
        Pair.of(3, leaveSquad),
        Pair.of(3, removeMember),
        Pair.of(2, eraseMember),
        Pair.of(3, appoint),
        Pair.of(3, createSquad),
        Pair.of(1, membersOf),
        Pair.of(1, membersOfSquad),
        Pair.of(2, membersBySkill),
        Pair.of(1, cadresOf)));

    // Squad-heavy histories in group 0, mostly by actors who may: new squads, each often
    // joined at once by m0, to reach the rule of at most 8 squads per member, which mixed
    // histories rarely do.
    Gen<Who> mayInGroup0 = Generate.frequency(List.of(
        Pair.of(9, Generate.pick(List.of(Who.SYSTEM, Who.ADMIN_CITY, Who.ADMIN_HEYANG,
            Who.COORDINATOR_0))),
        Pair.of(1, who)));
    Gen<Who> mayCreate = Generate.frequency(List.of(
        Pair.of(9, Generate.pick(List.of(Who.SYSTEM, Who.ADMIN_CITY, Who.ADMIN_HEYANG))),
        Pair.of(1, who)));
    Gen<Integer> group0 = Generate.frequency(List.of(Pair.of(9, Generate.constant(0)),
        Pair.of(1, groupPick)));
    Gen<Integer> fewMembers = Generate.frequency(List.of(Pair.of(5, Generate.constant(0)),
        Pair.of(1, memberPick)));
    Gen<Step> create = mayCreate.zip(group0, Generate.pick(MORE_SQUAD_NAMES),
        Generate.pick(KINDS), (w, g, n, k) -> (Step) new CreateSquad(w, g, n, k));
    Gen<Step> joinNewest = mayInGroup0.zip(fewMembers, Generate.enumValues(SquadRole.class),
        (w, m, r) -> (Step) new JoinSquad(w, m, false, NEWEST_SQUAD, r));
    Gen<Step> join = mayInGroup0.zip(fewMembers, otherGroup, squadPick,
        Generate.enumValues(SquadRole.class),
        (w, m, o, q, r) -> (Step) new JoinSquad(w, m, o, q, r));
    Gen<Step> leave = mayInGroup0.zip(fewMembers, otherGroup, squadPick,
        (w, m, o, q) -> (Step) new LeaveSquad(w, m, o, q));
    Gen<List<Step>> chunk = Generate.frequency(List.of(
        Pair.of(8, create.zip(joinNewest, (c, j) -> List.of(c, j))),
        Pair.of(2, create.map(one -> List.of(one))),
        Pair.of(3, join.map(one -> List.of(one))),
        Pair.of(1, leave.map(one -> List.of(one))),
        Pair.of(1, removeMember.map(one -> List.of(one))),
        Pair.of(1, appoint.map(one -> List.of(one))),
        Pair.of(1, membersOfSquad.map(one -> List.of(one)))));
    Gen<List<Step>> squadHeavy = SourceDSL.lists().of(chunk).ofSizeBetween(15, 30)
        .map(chunks -> chunks.stream().flatMap(List::stream).collect(Collectors.toList()));
    return Generate.frequency(List.of(
        Pair.of(3, SourceDSL.lists().of(step).ofSizeBetween(1, 40)),
        Pair.of(1, squadHeavy)));
  }
}
