package dev.zhuli.weinan;

import dev.zhuli.core.Actor;
import dev.zhuli.core.OrderId;
import dev.zhuli.core.Zhuli;
import dev.zhuli.core.order.Acceptance;
import dev.zhuli.core.order.ActivityKind;
import dev.zhuli.core.order.NewActivity;
import dev.zhuli.core.order.NewOrder;
import dev.zhuli.core.order.OrderCategory;
import dev.zhuli.core.order.Orders;
import dev.zhuli.core.order.Resolution;
import dev.zhuli.core.order.Urgency;
import dev.zhuli.core.roster.Background;
import dev.zhuli.core.roster.Member;
import dev.zhuli.core.roster.NewMember;
import dev.zhuli.core.roster.NewRegion;
import dev.zhuli.core.roster.NewVillage;
import dev.zhuli.core.roster.Region;
import dev.zhuli.core.roster.RegionLevel;
import dev.zhuli.core.roster.SquadKind;
import dev.zhuli.core.roster.Village;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * A generated year beside the article's story: {@code villages} invented villages spread over
 * the counties, and {@code orders} orders placed through 2025, each dispatched to the squad its
 * category calls for, accepted, worked on and mostly resolved and rated, a few left open or
 * cancelled. Everything follows from the seed; request keys carry the seed, so a rerun with the
 * same seed replays and another seed adds another year's worth.
 */
final class GeneratedYear {
  private static final String[] TOPICS = {"獼猴桃", "蘋果", "櫻桃", "花椒", "冬棗", "葡萄",
      "核桃", "蔬菜大棚", "鄉村旅遊", "手工掛麵"};
  private static final OrderCategory[] CATEGORIES = {OrderCategory.INDUSTRY,
      OrderCategory.TRAINING, OrderCategory.MARKETING, OrderCategory.LEADERSHIP,
      OrderCategory.INFRASTRUCTURE, OrderCategory.FUNDING};
  private static final Map<OrderCategory, SquadKind> SQUAD_FOR = Map.of(
      OrderCategory.INDUSTRY, SquadKind.INDUSTRY, OrderCategory.TRAINING, SquadKind.TRAINING,
      OrderCategory.MARKETING, SquadKind.MARKETING, OrderCategory.LEADERSHIP,
      SquadKind.LEAD_GEESE, OrderCategory.INFRASTRUCTURE, SquadKind.INDUSTRY,
      OrderCategory.FUNDING, SquadKind.LEAD_GEESE);

  private final Zhuli zhuli;
  private final DemoClock clock;
  private final long seed;
  private final Actor system = Actor.system("weinan-generator");

  GeneratedYear(Zhuli zhuli, DemoClock clock, long seed) {
    this.zhuli = zhuli;
    this.clock = clock;
    this.seed = seed;
  }

  private String key(String what) {
    return "weinan-gen-" + seed + "-" + what;
  }

  /** One step of one order's life, at its time. */
  private record Step(Instant at, int order, int stage) {}

  /** A generated village with its cadre, in a county. */
  private record Place(Scenario.County county, Village village, Member cadre) {}

  /**
   * Makes the villages and plays the orders in time order; reports progress as steps done.
   *
   * @return the number of steps, for the progress bar's total
   */
  int steps(int villages, int orders) {
    return villages + orders * 6;
  }

  void run(List<Scenario.County> counties, int villages, int orders, IntConsumer progress) {
    Random rng = new Random(seed);
    List<Place> places = new ArrayList<>();
    int done = 0;
    for (int v = 0; v < villages; v++) {
      Scenario.County c = counties.get(v % counties.size());
      int townNo = v / counties.size() / 8;
      Region town = zhuli.roster().createRegion(system, new NewRegion.Builder()
          .name(c.name().substring(0, 2) + "第" + (townNo + 1) + "鎮").level(RegionLevel.TOWN)
          .parent(c.region().id()).requestKey(key("town-" + c.index() + "-" + townNo)).build());
      Village village = zhuli.roster().createVillage(system, new NewVillage.Builder()
          .name(Names.SURNAMES[rng.nextInt(Names.SURNAMES.length)] + "家" + (v + 1) + "村")
          .town(town.id()).requestKey(key("village-" + v)).build());
      Member cadre = zhuli.roster().addMember(system, new NewMember.Builder()
          .group(c.group().id()).name(Names.person(500 + v) + "（村幹部）")
          .background(Background.VILLAGE_CADRE).partyMember(true).village(village.id())
          .requestKey(key("cadre-" + v)).build());
      places.add(new Place(c, village, cadre));
      progress.accept(++done);
    }
    if (places.isEmpty() || orders == 0) {
      return;
    }
    // plan every order's life first, then play all steps in time order on one clock
    long yearStart = Instant.parse(Scenario.YEAR + "-01-02T00:00:00Z").getEpochSecond();
    long span = Duration.ofDays(330).getSeconds();
    List<Plan> plans = new ArrayList<>();
    List<Step> steps = new ArrayList<>();
    for (int o = 0; o < orders; o++) {
      Place p = places.get(rng.nextInt(places.size()));
      OrderCategory cat = CATEGORIES[rng.nextInt(CATEGORIES.length)];
      String topic = TOPICS[rng.nextInt(TOPICS.length)];
      double fate = rng.nextDouble();
      // 5% cancelled before dispatch, 7% still open, 10% resolved not yet rated, the rest rated
      int last = fate < 0.05 ? -1 : fate < 0.12 ? 2 : fate < 0.22 ? 4 : 5;
      Instant placed = Instant.ofEpochSecond(yearStart + (long) (rng.nextDouble() * span));
      Instant dispatched = placed.plus(Duration.ofMinutes(30 + rng.nextInt(60 * 30)));
      Instant accepted = dispatched.plus(Duration.ofMinutes(30 + (long) (rng.nextDouble()
          * rng.nextDouble() * 60 * 72)));
      Instant worked = accepted.plus(Duration.ofHours(12 + rng.nextInt(24 * 6)));
      Instant resolved = worked.plus(Duration.ofHours(12 + (long) (rng.nextDouble()
          * rng.nextDouble() * 24 * 20)));
      Instant rated = resolved.plus(Duration.ofHours(6 + rng.nextInt(24 * 4)));
      int stars = rng.nextDouble() < 0.7 ? 5 : rng.nextDouble() < 0.8 ? 4 : 3;
      int heads = 10 + rng.nextInt(60);
      BigDecimal money = BigDecimal.valueOf(10_000L * (1 + rng.nextInt(30)));
      plans.add(new Plan(p, cat, topic, last, stars, heads, money));
      Instant[] at = {placed, dispatched, accepted, worked, resolved, rated};
      steps.add(new Step(placed, o, 0));
      if (last < 0) {
        steps.add(new Step(placed.plus(Duration.ofHours(2)), o, -1));
      }
      for (int s = 1; s <= last; s++) {
        steps.add(new Step(at[s], o, s));
      }
    }
    steps.sort(Comparator.comparing(Step::at).thenComparingInt(Step::order)
        .thenComparingInt(Step::stage));
    clock.set(steps.get(0).at());
    List<OrderId> ids = new ArrayList<>();
    for (int o = 0; o < orders; o++) {
      ids.add(null);
    }
    int total = steps(villages, orders);
    for (Step s : steps) {
      clock.moveTo(s.at());
      Plan p = plans.get(s.order());
      ids.set(s.order(), play(s, p, ids.get(s.order())));
      progress.accept(++done);
    }
    progress.accept(total);
  }

  private record Plan(Place place, OrderCategory category, String topic, int last, int stars,
      int heads, BigDecimal money) {}

  private OrderId play(Step s, Plan p, OrderId id) {
    Orders orders = zhuli.orders();
    Scenario.County c = p.place().county();
    SquadKind kind = SQUAD_FOR.get(p.category());
    Member lead = c.leaders().get(kind);
    Actor cadre = Actor.member(p.place().cadre().id());
    String k = "o" + s.order() + "-";
    switch (s.stage()) {
      case 0:
        return orders.place(cadre, new NewOrder.Builder().village(p.place().village().id())
            .requester(p.place().cadre().id()).title(p.topic() + "：" + title(p.category()))
            .description("村裡的" + p.topic() + "需要幫助：" + title(p.category()))
            .category(p.category()).urgency(Urgency.ROUTINE).requestKey(key(k + "place"))
            .build()).id();
      case -1:
        orders.cancel(cadre, id, "村裡自行解決了", key(k + "cancel"));
        return id;
      case 1:
        orders.dispatch(Actor.member(c.coordinator().id()), id, c.squads().get(kind).id(),
            key(k + "dispatch"));
        return id;
      case 2:
        orders.accept(Actor.member(lead.id()), id, new Acceptance.Builder().lead(lead.id())
            .requestKey(key(k + "accept")).build());
        return id;
      case 3:
        NewActivity.Builder a = new NewActivity.Builder().requestKey(key(k + "activity"));
        if (p.category().equals(OrderCategory.FUNDING)
            || p.category().equals(OrderCategory.INFRASTRUCTURE)) {
          a.kind(ActivityKind.REFERRAL).summary("對接幫扶項目").referredTo("縣鄉村振興項目庫")
              .money(p.money());
        } else if (p.category().equals(OrderCategory.TRAINING)
            || p.category().equals(OrderCategory.MARKETING)) {
          a.kind(ActivityKind.TRAINING).summary(p.topic() + "培訓").topic(p.topic())
              .headCount(p.heads());
        } else {
          a.kind(ActivityKind.VISIT).summary("入村調研" + p.topic());
        }
        orders.recordActivity(Actor.member(lead.id()), id, a.build());
        return id;
      case 4:
        orders.resolve(Actor.member(lead.id()), id, new Resolution.Builder()
            .report(p.topic() + "問題已辦結").requestKey(key(k + "resolve")).build());
        return id;
      default:
        orders.rate(cadre, id, p.stars(), p.stars() >= 4 ? "滿意" : "基本滿意", key(k + "rate"));
        return id;
    }
  }

  private static String title(OrderCategory c) {
    if (c.equals(OrderCategory.INDUSTRY)) {
      return "產業怎麼發展";
    } else if (c.equals(OrderCategory.TRAINING)) {
      return "想請專家來培訓";
    } else if (c.equals(OrderCategory.MARKETING)) {
      return "產品賣不出去";
    } else if (c.equals(OrderCategory.LEADERSHIP)) {
      return "村班子能力提升";
    } else if (c.equals(OrderCategory.INFRASTRUCTURE)) {
      return "設施設備短缺";
    }
    return "缺少項目資金";
  }
}
