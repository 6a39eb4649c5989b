package dev.zhuli.core.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zhuli.core.Actor;
import dev.zhuli.core.GroupId;
import dev.zhuli.core.IdGenerator;
import dev.zhuli.core.MemberId;
import dev.zhuli.core.OrderId;
import dev.zhuli.core.PageRequest;
import dev.zhuli.core.ResultPage;
import dev.zhuli.core.SquadId;
import dev.zhuli.core.VillageId;
import dev.zhuli.core.Zhuli;
import dev.zhuli.core.roster.Background;
import dev.zhuli.core.roster.HelpGroup;
import dev.zhuli.core.roster.Member;
import dev.zhuli.core.roster.NewGroup;
import dev.zhuli.core.roster.NewMember;
import dev.zhuli.core.roster.NewRegion;
import dev.zhuli.core.roster.NewSquad;
import dev.zhuli.core.roster.NewVillage;
import dev.zhuli.core.roster.Region;
import dev.zhuli.core.roster.RegionLevel;
import dev.zhuli.core.roster.Roster;
import dev.zhuli.core.roster.Squad;
import dev.zhuli.core.roster.SquadKind;
import dev.zhuli.core.roster.SquadRole;
import dev.zhuli.core.roster.Village;
import dev.zhuli.core.roster.VillageKind;
import dev.zhuli.spi.notify.EventSubscriber;
import dev.zhuli.spi.storage.ClaimedMessage;
import dev.zhuli.spi.storage.OutboxMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
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
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A Weinan world for the order tests, built the same way every time: a controllable clock and a
 * seeded id generator.
 *
 * <pre>
 * 渭南市 (CITY)
 * ├── 合陽縣 (COUNTY)   ── 新池鎮 (TOWN) ── 北順村, 南溝社區 (COMMUNITY)
 * ├── 澄城縣 (COUNTY)   ── 韋莊鎮 (TOWN) ── 東白龍村
 * └── 臨渭區 (DISTRICT) ── 藺店鎮 (TOWN) ── 李十三村
 *
 * each county's 紅色助力團: a coordinator (in no squad), 頭雁組, 產業組, 培訓組, 行銷組 with a
 * leader and two members each, and a plain member in no squad
 * cadres: 北順村 a secretary and a deputy; 南溝社區 one; 東白龍村 one; 李十三村 a deputy director
 * </pre>
 *
 * <p>All names of people are invented.
 */
final class OrderFixtures implements AutoCloseable {
  static final long DEFAULT_SEED = 20240603L;
  /** Monday 3 June 2024, 09:30 in Weinan. */
  static final Instant START = Instant.parse("2024-06-03T01:30:00Z");
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final String NOTIFIER = "notifier";
  static final List<SquadKind> KINDS = List.of(SquadKind.LEAD_GEESE, SquadKind.INDUSTRY,
      SquadKind.TRAINING, SquadKind.MARKETING);
  private static final ObjectMapper JSON = new ObjectMapper();

  final MutableClock clock;
  final Zhuli zhuli;
  final Roster roster;
  final Orders orders;

  final Actor system;
  final Actor cityAdmin;
  final Actor heyangAdmin;
  final Actor chengchengAdmin;
  final Actor linweiAdmin;

  final Region weinan;
  final Region heyang;
  final Region xinchi;
  final Region chengcheng;
  final Region weizhuang;
  final Region linwei;
  final Region lindian;

  final Village beishun;
  final Village nangou;
  final Village dongbailong;
  final Village lishisan;

  final Team heyangTeam;
  final Team chengchengTeam;
  final Team linweiTeam;

  /** 北順村's party secretary, the usual requester. */
  final Member beishunSecretary;
  /** 北順村's deputy, another cadre of the same village. */
  final Member beishunDeputy;
  /** A cadre of 南溝社區: a cadre, but of another village. */
  final Member nangouCadre;
  /** A cadre of 東白龍村 in 澄城縣. */
  final Member dongbailongCadre;
  /** 李十三村's deputy director. */
  final Member lishisanDeputy;
  /** The head of 臨渭區's e-commerce incubator, in its marketing squad. */
  final Member incubatorHead;

  /** Outbox messages claimed and acknowledged so far, in claim order. */
  private final List<OutboxMessage> drained = new ArrayList<>();

  private OrderFixtures(long seed, OrderSettings settings, Map<String, EventSubscriber> subs) {
    clock = new MutableClock(START, SHANGHAI);
    Zhuli.Builder builder = Zhuli.builder().clock(clock)
        .ids(IdGenerator.timeOrdered(clock, new Random(seed)));
    if (settings != null) {
      builder.orderSettings(settings);
    }
    subs.forEach(builder::subscriber);
    zhuli = builder.build();
    roster = zhuli.roster();
    orders = zhuli.orders();

    system = Actor.system("order-tests");
    weinan = roster.createRegion(system, region("渭南市", RegionLevel.CITY, null));
    heyang = roster.createRegion(system, region("合陽縣", RegionLevel.COUNTY, weinan));
    chengcheng = roster.createRegion(system, region("澄城縣", RegionLevel.COUNTY, weinan));
    linwei = roster.createRegion(system, region("臨渭區", RegionLevel.DISTRICT, weinan));

    cityAdmin = Actor.administrator("weinan-office", List.of(weinan.id()));
    heyangAdmin = Actor.administrator("heyang-office", List.of(heyang.id()));
    chengchengAdmin = Actor.administrator("chengcheng-office", List.of(chengcheng.id()));
    linweiAdmin = Actor.administrator("linwei-office", List.of(linwei.id()));

    xinchi = roster.createRegion(heyangAdmin, region("新池鎮", RegionLevel.TOWN, heyang));
    weizhuang = roster.createRegion(chengchengAdmin,
        region("韋莊鎮", RegionLevel.TOWN, chengcheng));
    lindian = roster.createRegion(linweiAdmin, region("藺店鎮", RegionLevel.TOWN, linwei));

    beishun = roster.createVillage(heyangAdmin, village("北順村", VillageKind.VILLAGE, xinchi));
    nangou = roster.createVillage(heyangAdmin, village("南溝社區", VillageKind.COMMUNITY, xinchi));
    dongbailong = roster.createVillage(chengchengAdmin,
        village("東白龍村", VillageKind.VILLAGE, weizhuang));
    lishisan = roster.createVillage(linweiAdmin,
        village("李十三村", VillageKind.VILLAGE, lindian));

    heyangTeam = team(heyangAdmin, heyang, "合陽縣紅色助力團", "趙文博", List.of(
        "雷振華", "党玉梅", "薛志遠",      // 頭雁組
        "張立新", "馬春生", "何曉燕",      // 產業組
        "孫麗娟", "郭建軍", "林小紅",      // 培訓組
        "周海燕", "吳亞寧", "胡永紅"),     // 行銷組
        "楊明遠");
    chengchengTeam = team(chengchengAdmin, chengcheng, "澄城縣紅色助力團", "高志剛", List.of(
        "韓秀英", "姚建國", "田小軍",
        "白雲峰", "侯春梅", "任海濤",
        "宋文靜", "賀永強", "曹麗華",
        "蔡曉明", "潘亞萍", "彭超群"),
        "袁勇進");
    linweiTeam = team(linweiAdmin, linwei, "臨渭區紅色助力團", "陳靜怡", List.of(
        "杜振興", "魏淑芬", "鄭浩然",
        "梁國慶", "謝玉蘭", "唐志明",
        "許佳慧", "鄧雲飛", "范秋菊",
        "羅曉東", "江雨桐", "董建平"),
        "葉春生");

    beishunSecretary = cadre(heyangTeam, beishun, "李秀蘭");
    beishunDeputy = cadre(heyangTeam, beishun, "王建民");
    nangouCadre = cadre(heyangTeam, nangou, "劉桂芳");
    dongbailongCadre = cadre(chengchengTeam, dongbailong, "韋德勝");
    lishisanDeputy = cadre(linweiTeam, lishisan, "李春梅");
    incubatorHead = linweiTeam.lead(SquadKind.MARKETING);
    drainAll();
  }

  /** The world with the default seed and settings. */
  static OrderFixtures weinan() {
    return new OrderFixtures(DEFAULT_SEED, null, Map.of());
  }

  /** The world with these lifecycle settings. */
  static OrderFixtures weinan(OrderSettings settings) {
    return new OrderFixtures(DEFAULT_SEED, settings, Map.of());
  }

  /** The world with an event subscriber registered under a name. */
  static OrderFixtures weinanWithSubscriber(String name, EventSubscriber subscriber) {
    return new OrderFixtures(DEFAULT_SEED, null, Map.of(name, subscriber));
  }

  @Override
  public void close() {
    zhuli.close();
  }

  // ---- the world ----------------------------------------------------------------------------

  /** A county's help group, as the fixture built it. */
  static final class Team {
    final GroupId id;
    final Member coordinator;
    final Actor coordinatorActor;
    final Map<SquadKind, Squad> squads;
    final Map<SquadKind, List<Member>> members;
    final Member plain;

    Team(GroupId id, Member coordinator, Map<SquadKind, Squad> squads,
        Map<SquadKind, List<Member>> members, Member plain) {
      this.id = id;
      this.coordinator = coordinator;
      this.coordinatorActor = Actor.member(coordinator.id());
      this.squads = squads;
      this.members = members;
      this.plain = plain;
    }

    Squad squad(SquadKind kind) {
      return squads.get(kind);
    }

    SquadId squadId(SquadKind kind) {
      return squads.get(kind).id();
    }

    /** The squad's leader. */
    Member lead(SquadKind kind) {
      return members.get(kind).get(0);
    }

    /** The squad's i-th member, 0 being its leader. */
    Member member(SquadKind kind, int i) {
      return members.get(kind).get(i);
    }

    /** The ids of the squad's members. */
    Set<String> memberIds(SquadKind kind) {
      Set<String> out = new LinkedHashSet<>();
      members.get(kind).forEach(m -> out.add(m.id().value()));
      return out;
    }

    /** The ids of every squad member of the group. */
    Set<String> allSquadMemberIds() {
      Set<String> out = new LinkedHashSet<>();
      KINDS.forEach(k -> out.addAll(memberIds(k)));
      return out;
    }
  }

  private Team team(Actor admin, Region county, String name, String coordinatorName,
      List<String> squadMemberNames, String plainName) {
    GroupId group = roster.createGroup(admin, new NewGroup.Builder().name(name)
        .county(county.id()).build()).id();
    Member coordinator = roster.addMember(admin, new NewMember.Builder().group(group)
        .name(coordinatorName).background(Background.FIRST_SECRETARY).partyMember(true)
        .build());
    roster.appointCoordinator(admin, group, coordinator.id(), null);
    Map<SquadKind, Squad> squads = new LinkedHashMap<>();
    Map<SquadKind, List<Member>> members = new LinkedHashMap<>();
    List<String> squadNames = List.of("頭雁組", "產業組", "培訓組", "行銷組");
    List<Background> backgrounds = List.of(Background.FIRST_SECRETARY,
        Background.AGRI_TECH_EXTENSION, Background.EXPERT, Background.ENTERPRISE_LIAISON);
    for (int k = 0; k < KINDS.size(); k++) {
      SquadKind kind = KINDS.get(k);
      Squad squad = roster.createSquad(admin, new NewSquad.Builder().group(group)
          .name(squadNames.get(k)).kind(kind).build());
      squads.put(kind, squad);
      List<Member> list = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        Member m = roster.addMember(admin, new NewMember.Builder().group(group)
            .name(squadMemberNames.get(k * 3 + i))
            .background(i == 0 ? backgrounds.get(k) : Background.SELECTED_GRADUATE).build());
        m = roster.joinSquad(admin, m.id(), squad.id(),
            i == 0 ? SquadRole.LEADER : SquadRole.MEMBER, null);
        list.add(m);
      }
      members.put(kind, List.copyOf(list));
    }
    Member plain = roster.addMember(admin, new NewMember.Builder().group(group).name(plainName)
        .background(Background.WORK_TEAM_MEMBER).build());
    return new Team(group, roster.member(coordinator.id()).orElseThrow(), squads, members,
        plain);
  }

  private Member cadre(Team team, Village village, String name) {
    return roster.addMember(system, new NewMember.Builder().group(team.id).name(name)
        .background(Background.VILLAGE_CADRE).partyMember(true).village(village.id()).build());
  }

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

  static Actor actor(Member m) {
    return Actor.member(m.id());
  }

  HelpGroup group(Team team) {
    return roster.group(team.id).orElseThrow();
  }

  // ---- orders: inputs -------------------------------------------------------------------------

  /** A valid order of 北順村 by its secretary, to change one thing of. */
  NewOrder.Builder beishunOrder(String title) {
    return new NewOrder.Builder().village(beishun.id()).requester(beishunSecretary.id())
        .title(title).description("村裡的葡萄需要技術指導").category(OrderCategory.INDUSTRY)
        .urgency(Urgency.ROUTINE);
  }

  static Acceptance acceptance(Member lead, Member... helpers) {
    Acceptance.Builder b = new Acceptance.Builder().lead(lead.id());
    for (Member h : helpers) {
      b.addHelpers(h.id());
    }
    return b.build();
  }

  static NewActivity visit(String summary) {
    return new NewActivity.Builder().kind(ActivityKind.VISIT).summary(summary).build();
  }

  static Resolution resolution(String report) {
    return new Resolution.Builder().report(report).putOutcome("households", BigDecimal.TEN)
        .build();
  }

  // ---- orders: driving one to a status ------------------------------------------------------

  /** The handlers the fixture's standard orders get: 產業組's leader, helped by 培訓組's second. */
  Member standardLead() {
    return heyangTeam.lead(SquadKind.INDUSTRY);
  }

  Member standardHelper() {
    return heyangTeam.member(SquadKind.TRAINING, 1);
  }

  Actor coordinator() {
    return heyangTeam.coordinatorActor;
  }

  Actor requester() {
    return actor(beishunSecretary);
  }

  /**
   * A new order of 北順村 brought to a status the usual way: placed by the secretary, dispatched to
   * 產業組, returned or accepted by its leader with a helper, a visit recorded, resolved, rated 5;
   * or cancelled right after placing.
   */
  Order orderIn(OrderStatus status, String title) {
    Order o = orders.place(requester(), beishunOrder(title).build());
    switch (status) {
      case PLACED:
        return o;
      case CANCELLED:
        return orders.cancel(requester(), o.id(), "村裡已自行解決", null);
      default:
        break;
    }
    SquadId industry = heyangTeam.squadId(SquadKind.INDUSTRY);
    o = orders.dispatch(coordinator(), o.id(), industry, null);
    if (status == OrderStatus.DISPATCHED) {
      return o;
    }
    Actor lead = actor(standardLead());
    if (status == OrderStatus.RETURNED) {
      return orders.sendBack(lead, o.id(), "本組人手不足", null);
    }
    o = orders.accept(lead, o.id(), acceptance(standardLead(), standardHelper()));
    if (status == OrderStatus.ACCEPTED) {
      return o;
    }
    o = orders.recordActivity(lead, o.id(), visit("實地查看葡萄園"));
    if (status == OrderStatus.IN_PROGRESS) {
      return o;
    }
    o = orders.resolve(lead, o.id(), resolution("已完成技術指導"));
    if (status == OrderStatus.RESOLVED) {
      return o;
    }
    o = orders.rate(requester(), o.id(), 5, "很滿意", null);
    if (status == OrderStatus.CLOSED) {
      return o;
    }
    throw new IllegalArgumentException("no way to " + status);
  }

  Order order(OrderId id) {
    return orders.order(id).orElseThrow();
  }

  // ---- the outbox ---------------------------------------------------------------------------

  /** A notification as it waits in the outbox, read from its JSON payload. */
  record Note(String type, List<String> recipients, String templateKey,
      Map<String, String> parameters, String aggregateKey) {
    Set<String> recipientSet() {
      return new LinkedHashSet<>(recipients);
    }
  }

  /** Claims and acknowledges every message due now; returns them. */
  List<OutboxMessage> drainAll() {
    List<OutboxMessage> out = new ArrayList<>();
    while (true) {
      List<ClaimedMessage> claimed = zhuli.storage().outbox()
          .claim("order-tests", clock.instant(), Duration.ofMinutes(1), 1000);
      if (claimed.isEmpty()) {
        drained.addAll(out);
        return out;
      }
      for (ClaimedMessage c : claimed) {
        zhuli.storage().outbox().acknowledge(c.message().id(), c.fencingToken());
        out.add(c.message());
      }
    }
  }

  /** Claims and acknowledges every message due now; returns the notifications among them. */
  List<Note> drainNotes() {
    List<Note> notes = new ArrayList<>();
    for (OutboxMessage m : drainAll()) {
      if (m.destination().equals(NOTIFIER)) {
        notes.add(note(m));
      }
    }
    return notes;
  }

  static Note note(OutboxMessage m) {
    try {
      JsonNode n = JSON.readTree(m.payload());
      List<String> recipients = new ArrayList<>();
      n.path("recipients").forEach(r -> recipients.add(r.asText()));
      Map<String, String> parameters = new TreeMap<>();
      n.path("parameters").properties().forEach(e ->
          parameters.put(e.getKey(), e.getValue().asText()));
      return new Note(n.path("type").asText(), recipients, n.path("templateKey").asText(),
          parameters, m.aggregateKey());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- reading ------------------------------------------------------------------------------

  /** Every item of a paged query, page by page. */
  static <T> List<T> all(Function<PageRequest, ResultPage<T>> query) {
    return all(query, 7);
  }

  /** Every item of a paged query, in pages of a given size. */
  static <T> List<T> all(Function<PageRequest, ResultPage<T>> query, int pageSize) {
    List<T> out = new ArrayList<>();
    PageRequest page = PageRequest.first(pageSize);
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

  static List<OrderId> ids(List<Order> orders) {
    List<OrderId> out = new ArrayList<>();
    orders.forEach(o -> out.add(o.id()));
    return out;
  }

  /**
   * Every order of every village, whole views with their versions, and each group's claimable
   * orders. The queries by status and squad are indexes of these same records, so equal
   * snapshots mean nothing visible changed, and no order was added.
   */
  OrdersSnapshot snapshot() {
    Map<VillageId, List<Order>> byVillage = new LinkedHashMap<>();
    for (Village v : List.of(beishun, nangou, dongbailong, lishisan)) {
      byVillage.put(v.id(), all(p -> orders.ofVillage(v.id(), p), 200));
    }
    Map<GroupId, List<OrderId>> claimable = new LinkedHashMap<>();
    for (Team t : List.of(heyangTeam, chengchengTeam, linweiTeam)) {
      claimable.put(t.id, ids(all(p -> orders.claimable(t.id, p), 200)));
    }
    return new OrdersSnapshot(byVillage, claimable);
  }

  record OrdersSnapshot(Map<VillageId, List<Order>> byVillage,
      Map<GroupId, List<OrderId>> claimable) {}

  /** Ids of members, as strings. */
  static Set<String> idsOf(Member... members) {
    Set<String> out = new LinkedHashSet<>();
    for (Member m : members) {
      out.add(m.id().value());
    }
    return out;
  }

  static Set<String> idsOf(MemberId... members) {
    Set<String> out = new LinkedHashSet<>();
    for (MemberId m : members) {
      out.add(m.value());
    }
    return out;
  }

  // ---- the clock ----------------------------------------------------------------------------

  /** A clock the tests move forward; every copy made with {@link #withZone} moves with it. */
  static final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    MutableClock(Instant start, ZoneId zone) {
      this(new AtomicReference<>(start), zone);
    }

    private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
      this.now = now;
      this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return new MutableClock(now, zone);
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    void advance(Duration d) {
      now.updateAndGet(i -> i.plus(d));
    }

    void set(Instant instant) {
      now.set(instant);
    }
  }
}
