package dev.zhuli.core.mentorship;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zhuli.core.Actor;
import dev.zhuli.core.EntryId;
import dev.zhuli.core.HouseholdId;
import dev.zhuli.core.IdGenerator;
import dev.zhuli.core.TreeId;
import dev.zhuli.core.Zhuli;
import dev.zhuli.core.roster.Background;
import dev.zhuli.core.roster.HelpGroup;
import dev.zhuli.core.roster.Member;
import dev.zhuli.core.roster.NewGroup;
import dev.zhuli.core.roster.NewMember;
import dev.zhuli.core.roster.NewRegion;
import dev.zhuli.core.roster.NewVillage;
import dev.zhuli.core.roster.Region;
import dev.zhuli.core.roster.RegionLevel;
import dev.zhuli.core.roster.Roster;
import dev.zhuli.core.roster.Village;
import dev.zhuli.core.roster.VillageKind;
import dev.zhuli.spi.storage.ClaimedMessage;
import dev.zhuli.spi.storage.OutboxMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * A small supervised world for the supervision properties, and the generators of its shape and
 * entries. A {@link Shape} says how many trees, demonstration households and growers there are;
 * {@link #build} makes it in a fresh in-memory Zhuli on a clock the test moves, with ids seeded
 * so that two worlds built alike get the same ids. {@link Entry entries} (inspections and
 * harvests, some to be voided) are plain data whose text shows the world in a failure message.
 *
 * <p>The roster is a Nangou one: 合陽縣 新池鎮 南溝社區, its help group, the first secretary who
 * owns the grape program, two professors, a village cadre, and a member of another county's
 * group. All names of people are invented.
 */
final class SupervisionWorld implements AutoCloseable {
  static final Instant START = Instant.parse("2026-03-02T01:00:00Z");
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  /** The outbox is read as of this instant, so that reminders of any sweep are due. */
  static final Instant FAR = Instant.parse("3000-01-01T00:00:00Z");
  static final List<String> PRACTICES = List.of("石硫合劑清園", "銅製劑防病", "疏花疏果");
  static final BigDecimal TARGET = new BigDecimal("2250");
  static final String SEASON = "2025";
  static final String PREVIOUS = "2024";
  static final LocalDate FIRST_DAY = LocalDate.of(2025, 1, 1);
  static final LocalDate LAST_DAY = LocalDate.of(2026, 3, 1);
  private static final ObjectMapper JSON = new ObjectMapper();

  final Shape shape;
  final MovableClock clock;
  final Zhuli zhuli;
  final Mentorship mentorship;
  final Supervision supervision;
  final Village nangou;
  final Member coordinator;
  final Member secretary;
  final Member professorA;
  final Member professorB;
  final Member cadre;
  final Member outsider;
  final Actor system = Actor.system("supervision-tests");
  final Program program;
  final List<TreeId> trees = new ArrayList<>();
  /** Demonstration households, tree by tree. */
  final List<HouseholdId> demos = new ArrayList<>();
  /** Growers, household by household. */
  final List<HouseholdId> growers = new ArrayList<>();
  /** Grower to its demonstration household. */
  final Map<HouseholdId, HouseholdId> mentorOf = new LinkedHashMap<>();
  /** Demonstration household to its tree. */
  final Map<HouseholdId, TreeId> treeOf = new LinkedHashMap<>();
  /** When each grower was assigned. */
  final Map<HouseholdId, Instant> assignedAt = new LinkedHashMap<>();
  /** A household registered in the program but with no demonstration household, or null. */
  final HouseholdId loner;
  /** Everything drained from the outbox so far, in order. */
  final List<OutboxMessage> drained = new ArrayList<>();

  private SupervisionWorld(Shape shape, MentorshipSettings settings) {
    this.shape = shape;
    clock = new MovableClock(START);
    zhuli = Zhuli.builder().clock(clock).ids(IdGenerator.timeOrdered(clock, new Random(7)))
        .mentorshipSettings(settings).subscriber("audit", e -> { }).build();
    mentorship = zhuli.mentorship();
    supervision = zhuli.supervision();
    Roster r = zhuli.roster();
    Region weinan = r.createRegion(system, new NewRegion.Builder().name("渭南市")
        .level(RegionLevel.CITY).build());
    Region heyangCounty = r.createRegion(system, new NewRegion.Builder().name("合陽縣")
        .level(RegionLevel.COUNTY).parent(weinan.id()).build());
    Region xinchi = r.createRegion(system, new NewRegion.Builder().name("新池鎮")
        .level(RegionLevel.TOWN).parent(heyangCounty.id()).build());
    nangou = r.createVillage(system, new NewVillage.Builder().name("南溝社區")
        .kind(VillageKind.COMMUNITY).town(xinchi.id()).build());
    HelpGroup heyang = r.createGroup(system, new NewGroup.Builder().name("合陽縣紅色助力團")
        .county(heyangCounty.id()).build());
    coordinator = member(heyang, "韓協調", Background.WORK_TEAM_MEMBER, null);
    r.appointCoordinator(system, heyang.id(), coordinator.id(), null);
    secretary = member(heyang, "高書記", Background.FIRST_SECRETARY, null);
    professorA = member(heyang, "田教授", Background.EXPERT, null);
    professorB = member(heyang, "馮教授", Background.EXPERT, null);
    cadre = member(heyang, "南溝主任", Background.VILLAGE_CADRE, nangou);
    Region chengcheng = r.createRegion(system, new NewRegion.Builder().name("澄城縣")
        .level(RegionLevel.COUNTY).parent(weinan.id()).build());
    HelpGroup other = r.createGroup(system, new NewGroup.Builder().name("澄城縣紅色助力團")
        .county(chengcheng.id()).build());
    outsider = member(other, "外縣專家", Background.EXPERT, null);

    program = mentorship.createProgram(Actor.member(coordinator.id()), new NewProgram.Builder()
        .name("南溝葡萄示範園").village(nangou.id()).crop("陽光玫瑰葡萄").season(SEASON)
        .addPlan(Practice.of(PRACTICES.get(0), 10, 11), Practice.of(PRACTICES.get(1), 12, 13),
            Practice.of(PRACTICES.get(2), 18, 20))
        .yieldTarget(TARGET).owner(secretary.id()).policy(ProgramPolicy.of(10, 1, 20)).build());
    List<Member> experts = List.of(professorA, professorB);
    int registered = 0;
    for (int t = 0; t < shape.growers().size(); t++) {
      Actor expert = Actor.member(experts.get(t).id());
      TreeId tree = mentorship.addExpert(owner(), program.id(), experts.get(t).id(), null).id();
      trees.add(tree);
      for (int count : shape.growers().get(t)) {
        HouseholdId demo = register("示範" + registered++);
        mentorship.appoint(expert, tree, demo, null);
        demos.add(demo);
        treeOf.put(demo, tree);
        for (int g = 0; g < count; g++) {
          HouseholdId grower = register("種植" + registered++);
          clock.advance(Duration.ofMinutes(shape.assignGapMinutes()));
          mentorship.assign(Actor.household(demo), program.id(), grower, demo, null);
          growers.add(grower);
          mentorOf.put(grower, demo);
          assignedAt.put(grower, clock.instant());
        }
      }
    }
    loner = shape.loner() ? register("散戶") : null;
    drainAll();
  }

  /** Builds a world of a shape with the default settings. */
  static SupervisionWorld build(Shape shape) {
    return new SupervisionWorld(shape, MentorshipSettings.defaults());
  }

  /** Builds a world of a shape with some settings. */
  static SupervisionWorld build(Shape shape, MentorshipSettings settings) {
    return new SupervisionWorld(shape, settings);
  }

  private Member member(HelpGroup group, String name, Background background, Village village) {
    NewMember.Builder b = new NewMember.Builder().group(group.id()).name(name)
        .background(background);
    if (village != null) {
      b.village(village.id());
    }
    return zhuli.roster().addMember(system, b.build());
  }

  private HouseholdId register(String head) {
    return mentorship.registerHousehold(owner(), program.id(), new NewHousehold.Builder()
        .head(head + "號戶").build()).id();
  }

  Actor owner() {
    return Actor.member(secretary.id());
  }

  /** Who records an entry for a household: the head of its demonstration household, if any. */
  Actor recorderFor(HouseholdId household) {
    HouseholdId demo = mentorOf.get(household);
    return demo != null ? Actor.household(demo) : owner();
  }

  /**
   * The household an entry's index names: the growers, then the demonstration households, then
   * the loner.
   */
  HouseholdId household(int index) {
    if (index < growers.size()) {
      return growers.get(index);
    }
    if (index < growers.size() + demos.size()) {
      return demos.get(index - growers.size());
    }
    return loner;
  }

  /** Today in the program's time zone, by the world's clock. */
  LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZONE);
  }

  // ---- entries ------------------------------------------------------------------------------

  /** Records the entries in order, then voids those marked; returns their ids, in order. */
  List<EntryId> record(List<Entry> entries) {
    List<EntryId> ids = new ArrayList<>();
    for (Entry e : entries) {
      ids.add(record(e));
    }
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).voided()) {
        voidEntry(entries.get(i), ids.get(i));
      }
    }
    return ids;
  }

  EntryId record(Entry e) {
    if (e instanceof Inspect i) {
      HouseholdId g = growers.get(i.grower());
      return supervision.recordInspection(Actor.household(mentorOf.get(g)), program.id(),
          new NewInspection.Builder().grower(g).practice(PRACTICES.get(i.practice()))
              .date(i.date()).execution(i.execution()).build()).id();
    }
    Harvest h = (Harvest) e;
    HouseholdId who = household(h.household());
    return supervision.recordHarvest(h.household() % 2 == 0 ? owner() : recorderFor(who),
        program.id(), new NewHarvest.Builder().household(who).season(h.season()).area(h.area())
            .yieldKg(h.kg()).revenue(h.revenue()).build()).id();
  }

  void voidEntry(Entry e, EntryId id) {
    Actor by = e instanceof Inspect i ? Actor.household(mentorOf.get(growers.get(i.grower())))
        : owner();
    supervision.voidEntry(by, program.id(), id, "錄入有誤", null);
  }

  // ---- the outbox ---------------------------------------------------------------------------

  /** Claims and acknowledges every message in the outbox; returns them and keeps them. */
  List<OutboxMessage> drainAll() {
    List<OutboxMessage> out = new ArrayList<>();
    while (true) {
      List<ClaimedMessage> claimed = zhuli.storage().outbox()
          .claim("supervision-tests", FAR, Duration.ofMinutes(1), 1000);
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

  /** The overdue-inspection reminders among some messages. */
  static List<Reminder> reminders(List<OutboxMessage> messages) {
    List<Reminder> out = new ArrayList<>();
    for (OutboxMessage m : messages) {
      if (m.destination().equals("notifier")
          && m.type().equals("mentorship.inspection_overdue")) {
        JsonNode n = json(m.payload());
        List<String> to = new ArrayList<>();
        n.get("recipients").forEach(x -> to.add(x.asText()));
        JsonNode p = n.get("parameters");
        out.add(new Reminder(HouseholdId.of(p.get("household").asText()), to,
            p.get("since").asText(), m.dueAt()));
      }
    }
    return out;
  }

  /** How many of some messages are events of a type for the audit subscriber. */
  static long events(List<OutboxMessage> messages, String type) {
    return messages.stream().filter(m -> m.destination().equals("subscriber:audit")
        && m.type().equals(type)).count();
  }

  private static JsonNode json(byte[] payload) {
    try {
      return JSON.readTree(payload);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    zhuli.close();
  }

  @Override
  public String toString() {
    return shape.toString();
  }

  // ---- data ---------------------------------------------------------------------------------

  /** An overdue-inspection reminder as the notifier would receive it. */
  record Reminder(HouseholdId grower, List<String> recipients, String since, Instant raisedAt) {
    @Override
    public String toString() {
      return grower + " since " + since + " raised " + raisedAt + " to " + recipients;
    }
  }

  /**
   * How many trees, demonstration households and growers: growers()[t][d] is the number of
   * growers of tree t's d-th household. Growers are assigned {@code assignGapMinutes} apart;
   * {@code loner} adds a registered household with no demonstration household.
   */
  record Shape(List<List<Integer>> growers, boolean loner, int assignGapMinutes) {
    int growerCount() {
      return growers.stream().flatMap(List::stream).mapToInt(Integer::intValue).sum();
    }

    int demoCount() {
      return growers.stream().mapToInt(List::size).sum();
    }

    /** Growers, demonstration households and the loner, as entries index them. */
    int householdCount() {
      return growerCount() + demoCount() + (loner ? 1 : 0);
    }

    @Override
    public String toString() {
      return "trees " + growers + (loner ? " + a household without one" : "")
          + (assignGapMinutes > 0 ? ", assigned " + assignGapMinutes + " min apart" : "");
    }
  }

  /** An inspection or harvest to record, and whether to void it afterwards. */
  sealed interface Entry permits Inspect, Harvest {
    boolean voided();
  }

  /** An inspection of the grower at an index, on the practice at an index. */
  record Inspect(int grower, int practice, LocalDate date, Execution execution,
      boolean voided) implements Entry {
    @Override
    public String toString() {
      return "inspect g" + grower + " p" + practice + " " + date + " " + execution
          + (voided ? " (void)" : "");
    }
  }

  /** A harvest of the household at an index, as {@link SupervisionWorld#household} reads it. */
  record Harvest(int household, String season, BigDecimal area, BigDecimal kg, BigDecimal revenue,
      boolean voided) implements Entry {
    @Override
    public String toString() {
      return "harvest h" + household + " " + season + " " + area.toPlainString() + "mu "
          + kg.toPlainString() + "kg " + revenue.toPlainString() + "yuan"
          + (voided ? " (void)" : "");
    }
  }

  /** A world's shape and its entries. */
  record Plan(Shape shape, List<Entry> entries) {
    List<Entry> live() {
      return entries.stream().filter(e -> !e.voided()).collect(Collectors.toList());
    }

    @Override
    public String toString() {
      return shape + "\n  " + entries.stream().map(Entry::toString)
          .collect(Collectors.joining("\n  "));
    }
  }

  // ---- generators ---------------------------------------------------------------------------

  /** 1–2 trees of 2–4 demonstration households (all told) with 2–5 growers each. */
  static Gen<Shape> shapes() {
    return in -> {
      int trees = Generate.range(1, 2).generate(in);
      int demos = Generate.range(Math.max(2, trees), 4).generate(in);
      List<List<Integer>> growers = new ArrayList<>();
      for (int t = 0; t < trees; t++) {
        growers.add(new ArrayList<>());
      }
      for (int d = 0; d < demos; d++) {
        int t = d < trees ? d : Generate.range(0, trees - 1).generate(in);
        growers.get(t).add(Generate.range(2, 5).generate(in));
      }
      boolean loner = Generate.booleans().generate(in);
      return new Shape(growers.stream().map(List::copyOf).collect(Collectors.toList()), loner,
          0);
    };
  }

  /** Shapes with their entries: a few inspections and harvests per grower, some voided. */
  static Gen<Plan> plans() {
    Gen<Shape> shapes = shapes();
    return in -> {
      Shape shape = shapes.generate(in);
      return new Plan(shape, entries(shape).generate(in));
    };
  }

  /**
   * 0–3 inspections and 0–2 harvests per grower (one in four voided), 0–2 harvests of other
   * households, in random order.
   */
  static Gen<List<Entry>> entries(Shape shape) {
    Gen<Boolean> voided = Generate.frequency(Pair.of(3, Generate.constant(false)),
        Pair.of(1, Generate.constant(true)));
    return in -> {
      List<Entry> out = new ArrayList<>();
      for (int g = 0; g < shape.growerCount(); g++) {
        int inspections = Generate.range(0, 3).generate(in);
        for (int i = 0; i < inspections; i++) {
          out.add(inspection(g).zip(voided, (x, v) -> new Inspect(x.grower(), x.practice(),
              x.date(), x.execution(), v)).generate(in));
        }
        int harvests = Generate.range(0, 2).generate(in);
        for (int h = 0; h < harvests; h++) {
          out.add(harvest(g, Generate.pick(List.of(SEASON, SEASON, PREVIOUS)).generate(in),
              voided.generate(in)).generate(in));
        }
      }
      // a few harvests of demonstration households and the loner: never a grower's figure
      int others = shape.householdCount() - shape.growerCount();
      int extra = Generate.range(0, 2).generate(in);
      for (int i = 0; i < extra; i++) {
        int who = shape.growerCount() + Generate.range(0, others - 1).generate(in);
        out.add(harvest(who, SEASON, voided.generate(in)).generate(in));
      }
      // shuffle by generated keys, so that the order of recording varies too
      List<Entry> shuffled = new ArrayList<>();
      for (Entry e : out) {
        int at = Generate.range(0, shuffled.size()).generate(in);
        shuffled.add(at, e);
      }
      return List.copyOf(shuffled);
    };
  }

  /** A live inspection of a grower, dated in 2025 or early 2026. */
  static Gen<Inspect> inspection(int grower) {
    return Generate.range(0, PRACTICES.size() - 1).zip(
        Generate.range(0, (int) (LAST_DAY.toEpochDay() - FIRST_DAY.toEpochDay())),
        Generate.enumValues(Execution.class),
        (p, day, x) -> new Inspect(grower, p, FIRST_DAY.plusDays(day), x, false));
  }

  /**
   * A harvest: 0.01 to 5 mu, 0 to 6000 kg per mu (sometimes exactly the target or next to it),
   * 0 to 20 yuan per kg.
   */
  static Gen<Harvest> harvest(int household, String season, boolean voided) {
    Gen<BigDecimal> area = Generate.frequency(
        Pair.of(6, Generate.range(50, 500).map(c -> BigDecimal.valueOf(c, 2))),
        Pair.of(1, Generate.pick(List.of(new BigDecimal("0.01"), new BigDecimal("2"),
            new BigDecimal("1.00")))));
    Gen<Integer> perMu = Generate.frequency(Pair.of(6, Generate.range(0, 6000)),
        Pair.of(1, Generate.pick(List.of(0, 2250, 2249, 2251))));
    Gen<Integer> price = Generate.range(0, 20);
    return area.zip(perMu, price, (a, y, p) -> {
      BigDecimal kg = a.multiply(BigDecimal.valueOf(y)).setScale(2, RoundingMode.HALF_UP);
      BigDecimal yuan = kg.multiply(BigDecimal.valueOf(p)).setScale(2, RoundingMode.HALF_UP);
      return new Harvest(household, season, a, kg, yuan, voided);
    });
  }

  // ---- the clock ----------------------------------------------------------------------------

  /** A clock the test moves forward; read by every command. */
  static final class MovableClock extends Clock {
    private final AtomicReference<Instant> now;

    MovableClock(Instant start) {
      now = new AtomicReference<>(start);
    }

    void advance(Duration d) {
      now.updateAndGet(t -> t.plus(d));
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
