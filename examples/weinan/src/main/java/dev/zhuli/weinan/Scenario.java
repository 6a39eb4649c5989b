package dev.zhuli.weinan;

import dev.zhuli.core.Actor;
import dev.zhuli.core.HouseholdId;
import dev.zhuli.core.MemberId;
import dev.zhuli.core.Zhuli;
import dev.zhuli.core.mentorship.Execution;
import dev.zhuli.core.mentorship.Mentorship;
import dev.zhuli.core.mentorship.MentorshipTree;
import dev.zhuli.core.mentorship.NewHarvest;
import dev.zhuli.core.mentorship.NewHousehold;
import dev.zhuli.core.mentorship.NewInspection;
import dev.zhuli.core.mentorship.NewProgram;
import dev.zhuli.core.mentorship.NewVisit;
import dev.zhuli.core.mentorship.NewPromotion;
import dev.zhuli.core.mentorship.Practice;
import dev.zhuli.core.mentorship.Program;
import dev.zhuli.core.mentorship.ProgramPolicy;
import dev.zhuli.core.mentorship.Supervision;
import dev.zhuli.core.order.Acceptance;
import dev.zhuli.core.order.ActivityKind;
import dev.zhuli.core.order.NewActivity;
import dev.zhuli.core.order.NewOrder;
import dev.zhuli.core.order.Order;
import dev.zhuli.core.order.OrderCategory;
import dev.zhuli.core.order.Orders;
import dev.zhuli.core.order.Resolution;
import dev.zhuli.core.order.Urgency;
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
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The source article's story, told through the library's public API: Weinan with its 11
 * county-level divisions, a help group per county with its four squads, the article's orders and
 * the Nangou grape program with a seeded season. Every command carries a request key derived
 * from the scenario ("weinan-setup-…"), so a second run on the same database replays the first
 * run's results instead of adding a second Weinan. All people are invented.
 */
final class Scenario {
  /** The year the story runs through. */
  static final int YEAR = 2025;
  /** Where the story's clock starts: Monday 6 January 2025, 09:00 in Weinan. */
  static final Instant START = Instant.parse("2025-01-06T01:00:00Z");
  /** The seed of the Nangou season. */
  static final long NANGOU_SEED = 2025L;
  /** The garment factory's workers and monthly wage (yuan), as the article reports them. */
  static final int FACTORY_WORKERS = 50;
  static final int FACTORY_WAGE = 3000;
  /** People trained in live-stream selling in Li Shisan village. */
  static final int LIVE_STREAM_TRAINEES = 52;
  /** Cadres of Beishun trained by the lead-geese squad. */
  static final int CADRES_TRAINED = 18;
  /** The Datang support project, yuan. */
  static final BigDecimal DATANG_PROJECT = new BigDecimal("350000");
  /** Grape price, yuan per kg. */
  static final BigDecimal GRAPE_PRICE = new BigDecimal("18");

  /** The county-level divisions of Weinan, zh-Hant name and level, in the article's order. */
  static final Map<String, RegionLevel> COUNTIES = counties();

  private static Map<String, RegionLevel> counties() {
    Map<String, RegionLevel> m = new LinkedHashMap<>();
    m.put("臨渭區", RegionLevel.DISTRICT);
    m.put("華州區", RegionLevel.DISTRICT);
    m.put("潼關縣", RegionLevel.COUNTY);
    m.put("大荔縣", RegionLevel.COUNTY);
    m.put("合陽縣", RegionLevel.COUNTY);
    m.put("澄城縣", RegionLevel.COUNTY);
    m.put("蒲城縣", RegionLevel.COUNTY);
    m.put("白水縣", RegionLevel.COUNTY);
    m.put("富平縣", RegionLevel.COUNTY);
    m.put("韓城市", RegionLevel.COUNTY_LEVEL_CITY);
    m.put("華陰市", RegionLevel.COUNTY_LEVEL_CITY);
    return m;
  }

  /** The squads of every group, with their zh-Hant names. */
  static final Map<SquadKind, String> SQUADS = squads();

  private static Map<SquadKind, String> squads() {
    Map<SquadKind, String> m = new LinkedHashMap<>();
    m.put(SquadKind.LEAD_GEESE, "頭雁組");
    m.put(SquadKind.INDUSTRY, "產業組");
    m.put(SquadKind.TRAINING, "培訓組");
    m.put(SquadKind.MARKETING, "行銷組");
    return m;
  }

  /** A county's help group, its squads and their leaders. */
  record County(int index, String name, Region region, HelpGroup group, Member coordinator,
      Map<SquadKind, Squad> squads, Map<SquadKind, Member> leaders) {}

  /** What the story made, for the reports. */
  record Story(List<County> counties, List<Order> orders, Program nangou, MentorshipTree tree,
      Map<HouseholdId, String> householdNames, Map<HouseholdId, HouseholdId> mentorOf,
      Program promoted, Member professor) {}

  private final Zhuli zhuli;
  private final DemoClock clock;
  private final Roster roster;
  private final Orders orders;
  private final Actor system = Actor.system("weinan-setup");

  Scenario(Zhuli zhuli, DemoClock clock) {
    this.zhuli = zhuli;
    this.clock = clock;
    this.roster = zhuli.roster();
    this.orders = zhuli.orders();
  }

  private static String key(String what) {
    return "weinan-setup-" + what;
  }

  /** Tells the whole story; on a database that already holds it, replays it. */
  Story tell() {
    Region city = roster.createRegion(system, new NewRegion.Builder().name("渭南市")
        .level(RegionLevel.CITY).requestKey(key("city")).build());
    List<County> counties = new ArrayList<>();
    Map<String, County> byName = new LinkedHashMap<>();
    int n = 0;
    for (Map.Entry<String, RegionLevel> e : COUNTIES.entrySet()) {
      County c = county(city, e.getKey(), e.getValue(), n++);
      counties.add(c);
      byName.put(c.name(), c);
    }
    County heyang = byName.get("合陽縣");
    County chengcheng = byName.get("澄城縣");
    County linwei = byName.get("臨渭區");
    Region xinchi = town(heyang, "新池鎮", "xinchi");
    Region weizhuang = town(chengcheng, "韋莊鎮", "weizhuang");
    Region lindian = town(linwei, "藺店鎮", "lindian");
    Village beishun = village(xinchi, "北順村", "beishun", VillageKind.VILLAGE);
    Village nangou = village(xinchi, "南溝社區", "nangou", VillageKind.COMMUNITY);
    Village dongbailong = village(weizhuang, "東白龍村", "dongbailong", VillageKind.VILLAGE);
    Village liShisan = village(lindian, "李十三村", "lishisan", VillageKind.VILLAGE);

    List<Order> told = new ArrayList<>();
    told.add(beishun(heyang, beishun));
    told.add(liShisan(linwei, liShisan));
    Member dongSecretary = member(chengcheng, "dongbailong-secretary", "東白龍村第一書記 韋立新",
        Background.FIRST_SECRETARY, null, "State Grid Weinan", dongbailong);
    roster.joinSquad(system, dongSecretary.id(),
        chengcheng.squads().get(SquadKind.INDUSTRY).id(), SquadRole.MEMBER,
        key("join-dongbailong-secretary"));
    Member dongCadre = member(chengcheng, "dongbailong-cadre", "東白龍村主任 韋紅霞",
        Background.VILLAGE_CADRE, null, null, dongbailong);
    told.add(dongbailong(chengcheng, dongbailong, dongCadre, dongSecretary));
    told.add(cherryVideo(chengcheng, dongbailong, dongCadre));
    told.add(xinchiGrapes(heyang, xinchi, nangou));

    Nangou season = nangou(heyang, nangou, beishun);
    return new Story(counties, told, season.program, season.tree, season.names,
        season.mentorOf, season.promoted, season.professor);
  }

  // ---------------------------------------------------------------- roster

  private County county(Region city, String name, RegionLevel level, int n) {
    Region region = roster.createRegion(system, new NewRegion.Builder().name(name).level(level)
        .parent(city.id()).requestKey(key("county-" + n)).build());
    HelpGroup group = roster.createGroup(system, new NewGroup.Builder()
        .name(name + "紅色助力團").county(region.id()).requestKey(key("group-" + n)).build());
    County partial = new County(n, name, region, group, null, Map.of(), Map.of());
    String[] surnames = Names.SURNAMES;
    Member coordinator = member(partial, "coordinator", surnames[n % surnames.length] + "協調員",
        Background.WORK_TEAM_MEMBER, null, null, null);
    roster.appointCoordinator(system, group.id(), coordinator.id(), key("coordinator-" + n));
    Map<SquadKind, Squad> squads = new LinkedHashMap<>();
    Map<SquadKind, Member> leaders = new LinkedHashMap<>();
    int s = 0;
    for (Map.Entry<SquadKind, String> e : SQUADS.entrySet()) {
      Squad squad = roster.createSquad(system, new NewSquad.Builder().group(group.id())
          .name(e.getValue()).kind(e.getKey()).requestKey(key("squad-" + n + "-" + s)).build());
      squads.put(e.getKey(), squad);
      // a leader and two members of different backgrounds per squad
      Background[] backgrounds = Names.BACKGROUNDS_BY_SQUAD.get(e.getKey());
      for (int i = 0; i < backgrounds.length; i++) {
        Member m = member(partial, "squad-" + s + "-" + i,
            Names.person(n * 16 + s * 4 + i) + Names.title(backgrounds[i]), backgrounds[i],
            Names.skill(e.getKey()), null, null);
        SquadRole role = i == 0 ? SquadRole.LEADER : SquadRole.MEMBER;
        roster.joinSquad(system, m.id(), squad.id(), role, key("join-" + n + "-" + s + "-" + i));
        if (i == 0) {
          leaders.put(e.getKey(), m);
        }
      }
      s++;
    }
    return new County(n, name, region, group, coordinator, squads, leaders);
  }

  private Member member(County c, String tag, String name, Background background, String skill,
      String home, Village village) {
    NewMember.Builder b = new NewMember.Builder().group(c.group().id()).name(name)
        .background(background).requestKey(key("member-" + c.index() + "-" + tag));
    if (background == Background.FIRST_SECRETARY || background == Background.VILLAGE_CADRE
        || background == Background.WORK_TEAM_MEMBER) {
      b.partyMember(true);
    }
    if (skill != null) {
      b.addSkills(skill);
    }
    if (home != null) {
      b.homeOrganisation(home);
    }
    if (village != null) {
      b.village(village.id());
    }
    return roster.addMember(system, b.build());
  }

  private Region town(County c, String name, String tag) {
    return roster.createRegion(system, new NewRegion.Builder().name(name)
        .level(RegionLevel.TOWN).parent(c.region().id()).requestKey(key("town-" + tag)).build());
  }

  private Village village(Region town, String name, String tag, VillageKind kind) {
    return roster.createVillage(system, new NewVillage.Builder().name(name).kind(kind)
        .town(town.id()).requestKey(key("village-" + tag)).build());
  }

  // ---------------------------------------------------------------- orders

  private Order place(String tag, Member requester, Village village, String title,
      String description, OrderCategory category) {
    return orders.place(Actor.member(requester.id()), new NewOrder.Builder()
        .village(village.id()).requester(requester.id()).title(title).description(description)
        .category(category).urgency(Urgency.ROUTINE).requestKey(key("order-" + tag)).build());
  }

  private Order dispatchAndAccept(String tag, County c, Order order, SquadKind kind,
      Duration toDispatch, Duration toAccept, List<MemberId> helpers) {
    clock.advance(toDispatch);
    orders.dispatch(Actor.member(c.coordinator().id()), order.id(), c.squads().get(kind).id(),
        key("dispatch-" + tag));
    clock.advance(toAccept);
    Member lead = c.leaders().get(kind);
    return orders.accept(Actor.member(lead.id()), order.id(), new Acceptance.Builder()
        .lead(lead.id()).addAllHelpers(helpers).requestKey(key("accept-" + tag)).build());
  }

  private Order activity(String tag, County c, SquadKind kind, Order order, Duration after,
      NewActivity.Builder activity) {
    clock.advance(after);
    return orders.recordActivity(Actor.member(c.leaders().get(kind).id()), order.id(),
        activity.requestKey(key("activity-" + tag)).build());
  }

  private Order resolve(String tag, County c, SquadKind kind, Order order, Duration after,
      Resolution.Builder resolution) {
    clock.advance(after);
    return orders.resolve(Actor.member(c.leaders().get(kind).id()), order.id(),
        resolution.requestKey(key("resolve-" + tag)).build());
  }

  private Order rate(String tag, Member requester, Order order, Duration after, int stars,
      String comment) {
    clock.advance(after);
    return orders.rate(Actor.member(requester.id()), order.id(), stars, comment,
        key("rate-" + tag));
  }

  /** Beishun asks the lead geese how to build a shared-prosperity mechanism. */
  private Order beishun(County heyang, Village beishun) {
    clock.moveTo(Instant.parse("2025-02-10T01:00:00Z"));
    Member cadre = member(heyang, "beishun-cadre", "北順村支書 趙志強", Background.VILLAGE_CADRE,
        null, null, beishun);
    Order o = place("beishun", cadre, beishun, "如何建立共同富裕機制",
        "村集體想辦社區工廠，帶動群眾增收，請頭雁組指導", OrderCategory.LEADERSHIP);
    o = dispatchAndAccept("beishun", heyang, o, SquadKind.LEAD_GEESE, Duration.ofHours(3),
        Duration.ofHours(20), List.of());
    o = activity("beishun-1", heyang, SquadKind.LEAD_GEESE, o, Duration.ofDays(4),
        new NewActivity.Builder().kind(ActivityKind.TRAINING).summary("村幹部共富機制培訓")
            .topic("村集體經濟與社區工廠").headCount(CADRES_TRAINED));
    o = resolve("beishun", heyang, SquadKind.LEAD_GEESE, o, Duration.ofDays(6),
        new Resolution.Builder().report("社區服裝廠擴大到50名工人，月工資3000元")
            .putOutcome("workers", BigDecimal.valueOf(FACTORY_WORKERS))
            .putOutcome("monthlyWage", BigDecimal.valueOf(FACTORY_WAGE)));
    return rate("beishun", cadre, o, Duration.ofDays(2), 5, "廠子辦起來了");
  }

  /** Li Shisan's deputy director cannot sell his honey online. */
  private Order liShisan(County linwei, Village liShisan) {
    clock.moveTo(Instant.parse("2025-04-14T02:00:00Z"));
    Member deputy = member(linwei, "lishisan-deputy", "李十三村副主任 李海波",
        Background.VILLAGE_CADRE, null, null, liShisan);
    Order o = place("lishisan", deputy, liShisan, "蜂蜜產品如何網上銷售",
        "做了蜂蜜產品卻不會網上賣，想學直播帶貨", OrderCategory.MARKETING);
    o = dispatchAndAccept("lishisan", linwei, o, SquadKind.MARKETING, Duration.ofHours(2),
        Duration.ofHours(26), List.of());
    clock.moveTo(Instant.parse("2025-04-24T01:30:00Z"));
    o = activity("lishisan-1", linwei, SquadKind.MARKETING, o, Duration.ZERO,
        new NewActivity.Builder().kind(ActivityKind.TRAINING)
            .summary("臨渭區直播電商孵化基地負責人到村培訓").topic("直播帶貨入門")
            .headCount(LIVE_STREAM_TRAINEES));
    o = resolve("lishisan", linwei, SquadKind.MARKETING, o, Duration.ofDays(3),
        new Resolution.Builder().report("培訓50餘人，蜂蜜開始線上銷售")
            .putOutcome("trained", BigDecimal.valueOf(LIVE_STREAM_TRAINEES)));
    return rate("lishisan", deputy, o, Duration.ofDays(1), 5, "很有幫助");
  }

  /** Dongbailong's cold store lacks equipment; a referral finds a support project. */
  private Order dongbailong(County chengcheng, Village dongbailong, Member cadre,
      Member secretary) {
    clock.moveTo(Instant.parse("2025-05-12T01:00:00Z"));
    Order o = place("dongbailong", cadre, dongbailong, "氣調冷庫缺設備無法運行",
        "新建的氣調冷庫缺少製冷與氣調設備，無法投入使用", OrderCategory.INFRASTRUCTURE);
    o = dispatchAndAccept("dongbailong", chengcheng, o, SquadKind.INDUSTRY, Duration.ofHours(5),
        Duration.ofDays(1), List.of(secretary.id()));
    o = activity("dongbailong-1", chengcheng, SquadKind.INDUSTRY, o, Duration.ofDays(4),
        new NewActivity.Builder().kind(ActivityKind.REFERRAL)
            .summary("經助力團結識和家樓村第一書記（大唐集團派駐），爭取大唐幫扶項目")
            .referredTo("中國大唐集團").money(DATANG_PROJECT));
    o = resolve("dongbailong", chengcheng, SquadKind.INDUSTRY, o, Duration.ofDays(21),
        new Resolution.Builder().report("35萬元大唐幫扶項目落地，冷庫設備到位")
            .putOutcome("yuan", DATANG_PROJECT));
    return rate("dongbailong", cadre, o, Duration.ofDays(3), 5, "資源共享解決了大問題");
  }

  /** The cherry season's short video, a marketing order left awaiting its rating. */
  private Order cherryVideo(County chengcheng, Village dongbailong, Member cadre) {
    clock.moveTo(Instant.parse("2025-05-19T01:00:00Z"));
    Order o = place("cherry", cadre, dongbailong, "櫻桃季短視頻行銷",
        "澄城櫻桃季，想請韋莊鎮幹部拍短視頻《詩詞話櫻桃》", OrderCategory.MARKETING);
    o = dispatchAndAccept("cherry", chengcheng, o, SquadKind.MARKETING, Duration.ofHours(1),
        Duration.ofHours(6), List.of());
    o = activity("cherry-1", chengcheng, SquadKind.MARKETING, o, Duration.ofDays(5),
        new NewActivity.Builder().kind(ActivityKind.VISIT).summary("拍攝短視頻《詩詞話櫻桃》"));
    return resolve("cherry", chengcheng, SquadKind.MARKETING, o, Duration.ofDays(4),
        new Resolution.Builder().report("短視頻《詩詞話櫻桃》發布，助力櫻桃銷售"));
  }

  /** Xinchi's grape gap: industry and training co-handle it and choose Nangou as the pilot. */
  private Order xinchiGrapes(County heyang, Region xinchi, Village nangou) {
    clock.moveTo(Instant.parse("2025-02-17T01:00:00Z"));
    Member cadre = member(heyang, "nangou-cadre", "南溝社區主任 楊春梅",
        Background.VILLAGE_CADRE, null, null, nangou);
    Order o = place("xinchi", cadre, nangou, "同樣指導為何畝收入差距大",
        "新池鎮葡萄種植戶畝收入有的五六萬元，有的不到兩萬元，請查原因", OrderCategory.INDUSTRY);
    o = dispatchAndAccept("xinchi", heyang, o, SquadKind.INDUSTRY, Duration.ofHours(4),
        Duration.ofHours(22), List.of(heyang.leaders().get(SquadKind.TRAINING).id()));
    o = activity("xinchi-1", heyang, SquadKind.INDUSTRY, o, Duration.ofDays(3),
        new NewActivity.Builder().kind(ActivityKind.VISIT)
            .summary("入戶調研：差距在執行，不在技術和品種"));
    o = activity("xinchi-2", heyang, SquadKind.INDUSTRY, o, Duration.ofDays(2),
        new NewActivity.Builder().kind(ActivityKind.TRAINING)
            .summary("綠色防控「三位一體」技術培訓").topic("病害預防、蟲害防治、營養管理")
            .headCount(36));
    o = resolve("xinchi", heyang, SquadKind.INDUSTRY, o, Duration.ofDays(4),
        new Resolution.Builder().report("選定南溝社區為試點，推行蛛網式管理")
            .putOutcome("pilotVillages", BigDecimal.ONE));
    return rate("xinchi", cadre, o, Duration.ofDays(2), 4, "找到了原因，看明年效果");
  }

  // ---------------------------------------------------------------- Nangou

  private record Nangou(Program program, MentorshipTree tree, Map<HouseholdId, String> names,
      Map<HouseholdId, HouseholdId> mentorOf, Program promoted, Member professor) {}

  /** The spider-web program: plan, tree, a seeded season, bonuses, and a promotion. */
  private Nangou nangou(County heyang, Village nangou, Village beishun) {
    Mentorship m = zhuli.mentorship();
    Supervision sv = zhuli.supervision();
    clock.moveTo(Instant.parse("2025-03-03T01:00:00Z"));
    Member secretary = member(heyang, "nangou-secretary", "南溝社區第一書記 高遠",
        Background.FIRST_SECRETARY, "葡萄產業", "西北農林科技大學", nangou);
    Member professor = member(heyang, "professor-a", "田教授", Background.EXPERT, "葡萄栽培",
        "西北農林科技大學", null);
    member(heyang, "professor-b", "馮教授", Background.EXPERT, "植物保護", "西北農林科技大學", null);
    Actor owner = Actor.member(secretary.id());
    Program p = m.createProgram(Actor.member(heyang.coordinator().id()), new NewProgram.Builder()
        .name("南溝葡萄示範園").village(nangou.id()).crop("陽光玫瑰葡萄")
        .season(String.valueOf(YEAR))
        .addPlan(Practice.of("石硫合劑清園", 10, 11), Practice.of("銅製劑防病", 12, 13),
            Practice.of("疏花疏果", 18, 20))
        .yieldTarget(new BigDecimal("2250")).owner(secretary.id())
        .policy(ProgramPolicy.defaults()).requestKey(key("program-nangou")).build());
    MentorshipTree tree = m.addExpert(owner, p.id(), professor.id(), key("tree-nangou"));
    Actor expert = Actor.member(professor.id());
    Random rng = new Random(NANGOU_SEED);
    Map<HouseholdId, String> names = new LinkedHashMap<>();
    Map<HouseholdId, HouseholdId> mentorOf = new LinkedHashMap<>();
    int grower = 0;
    for (int d = 0; d < 10; d++) {
      String demoName = Names.household(d) + "（示範戶）";
      HouseholdId demo = m.registerHousehold(owner, p.id(), new NewHousehold.Builder()
          .head(demoName).requestKey(key("demo-" + d)).build()).id();
      names.put(demo, demoName);
      m.appoint(expert, tree.id(), demo, key("appoint-" + d));
      int growers = 10 + rng.nextInt(11);
      for (int g = 0; g < growers; g++) {
        String name = Names.household(100 + grower);
        HouseholdId h = m.registerHousehold(owner, p.id(), new NewHousehold.Builder()
            .head(name).requestKey(key("grower-" + grower)).build()).id();
        names.put(h, name);
        m.assign(Actor.household(demo), p.id(), h, demo, key("assign-" + grower));
        mentorOf.put(h, demo);
        grower++;
      }
    }
    // the season: the professor visits every demonstration household in each practice's week
    clock.moveTo(Instant.parse("2025-09-15T01:00:00Z"));
    List<dev.zhuli.core.mentorship.DemoHousehold> appointed = m.tree(tree.id()).orElseThrow()
        .households();
    for (Practice practice : p.plan()) {
      LocalDate week = LocalDate.of(YEAR, 1, 6)
          .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, practice.fromWeek());
      for (int d = 0; d < appointed.size(); d++) {
        sv.recordVisit(expert, p.id(), new NewVisit.Builder()
            .household(appointed.get(d).household()).date(week.plusDays(d % 5))
            .addPractices(practice.name()).notes("手把手示範：" + practice.name())
            .requestKey(key("visit-" + practice.fromWeek() + "-" + d)).build());
      }
    }
    // then the demonstration households inspect their growers on the plan's weeks, and the
    // harvest follows; execution drives the yield
    int g = 0;
    for (Map.Entry<HouseholdId, HouseholdId> e : mentorOf.entrySet()) {
      Actor demo = Actor.household(e.getValue());
      double diligence = 0.05 + 0.95 * rng.nextDouble();
      double score = 0;
      int checks = 0;
      int i = 0;
      for (Practice practice : p.plan()) {
        for (int visit = 0; visit < 2; visit++) {
          double roll = rng.nextDouble();
          Execution x = roll < diligence ? Execution.ON_TIME
              : roll < diligence + (1 - diligence) / 2 ? Execution.LATE : Execution.NOT_DONE;
          score += x.score();
          checks++;
          LocalDate day = LocalDate.of(YEAR, 1, 6)
              .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, practice.fromWeek() + visit)
              .plusDays(rng.nextInt(5));
          sv.recordInspection(demo, p.id(), new NewInspection.Builder().grower(e.getKey())
              .practice(practice.name()).date(day).execution(x)
              .requestKey(key("inspect-" + g + "-" + i++)).build());
        }
      }
      double compliance = score / checks;
      double perMu = 400 + 3000 * compliance + 150 * rng.nextGaussian();
      BigDecimal area = BigDecimal.valueOf(1 + rng.nextInt(4)).add(new BigDecimal("0.5"));
      double lastYear = perMu * (0.75 + 0.1 * rng.nextDouble());
      harvest(sv, demo, p, e.getKey(), String.valueOf(YEAR), area, perMu, "harvest-" + g);
      harvest(sv, demo, p, e.getKey(), String.valueOf(YEAR - 1), area, lastYear,
          "harvest-prev-" + g);
      g++;
    }
    // year end: the collective's bonuses to the demonstration households
    clock.moveTo(Instant.parse("2025-12-22T02:00:00Z"));
    sv.computeBonuses(owner, p.id(), String.valueOf(YEAR), String.valueOf(YEAR - 1),
        key("bonuses"));
    Member villageHead = member(heyang, "nangou-cadre", "南溝社區主任 楊春梅",
        Background.VILLAGE_CADRE, null, null, nangou);
    if (sv.bonuses(p.id(), String.valueOf(YEAR)).orElseThrow().approvedAt().isEmpty()) {
      sv.approveBonuses(Actor.member(villageHead.id()), p.id(), String.valueOf(YEAR),
          "村民代表大會通過", key("approve-bonuses"));
    }
    // the model travels: Beishun takes the plan for the next season
    clock.moveTo(Instant.parse("2025-12-29T02:00:00Z"));
    Member beishunSecretary = member(heyang, "beishun-secretary", "北順村第一書記 蘇明",
        Background.FIRST_SECRETARY, null, null, beishun);
    Program promoted = m.promote(Actor.member(heyang.coordinator().id()),
        new NewPromotion.Builder().template(p.id()).village(beishun.id())
            .owner(beishunSecretary.id()).name("北順葡萄示範園").season(String.valueOf(YEAR + 1))
            .requestKey(key("promote-beishun")).build());
    return new Nangou(m.program(p.id()).orElseThrow(), m.tree(tree.id()).orElseThrow(), names,
        mentorOf, promoted, professor);
  }

  private static void harvest(Supervision sv, Actor demo, Program p, HouseholdId grower,
      String season, BigDecimal area, double perMu, String tag) {
    BigDecimal kg = area.multiply(BigDecimal.valueOf(perMu)).setScale(2, RoundingMode.HALF_UP);
    sv.recordHarvest(demo, p.id(), new NewHarvest.Builder().household(grower).season(season)
        .area(area).yieldKg(kg).revenue(kg.multiply(GRAPE_PRICE)).requestKey(key(tag)).build());
  }
}
