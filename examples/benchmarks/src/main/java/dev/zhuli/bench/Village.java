package dev.zhuli.bench;

import dev.zhuli.core.Actor;
import dev.zhuli.core.GroupId;
import dev.zhuli.core.MemberId;
import dev.zhuli.core.OrderId;
import dev.zhuli.core.SquadId;
import dev.zhuli.core.VillageId;
import dev.zhuli.core.Zhuli;
import dev.zhuli.core.order.Acceptance;
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
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The roster every order benchmark works in, built through the public API: a county's help
 * group with a coordinator; villages, each with a cadre who places and rates its orders; and
 * squads, each led by a member who accepts and resolves them. Squad 0 runs the measured
 * lifecycles; the others hold the orders a growth benchmark stores beforehand. Order number
 * {@code n} belongs to village {@code n % villages}: placing an order compares its title with
 * every open order of its village in its category (to flag a possible duplicate), so orders are
 * spread over villages as in a county, rather than piling them onto one. The roster holds ids
 * only, so that it can be {@linkplain #describe described} and {@linkplain #reopen reopened} on
 * a copy of its database.
 *
 * @since 0.1.0
 */
public final class Village {
  private static final Resolution RESOLUTION = new Resolution.Builder()
      .report("培訓50餘人，蜂蜜開始線上銷售").putOutcome("trained", BigDecimal.valueOf(52)).build();

  /** Villages the lifecycle benchmarks spread their orders over. */
  public static final int VILLAGES = 50;

  /** Stored orders per village in the growth benchmark and the heap measurement. */
  public static final int ORDERS_PER_VILLAGE = 100;

  private final Zhuli zhuli;
  private final Orders orders;
  private final List<VillageId> villages;
  private final GroupId group;
  private final List<MemberId> cadres;
  private final List<SquadId> squads;
  private final List<MemberId> leads;

  private Village(Zhuli zhuli, List<VillageId> villages, GroupId group, List<MemberId> cadres,
      List<SquadId> squads, List<MemberId> leads) {
    this.zhuli = zhuli;
    this.orders = zhuli.orders();
    this.villages = List.copyOf(villages);
    this.group = group;
    this.cadres = List.copyOf(cadres);
    this.squads = List.copyOf(squads);
    this.leads = List.copyOf(leads);
  }

  /**
   * Builds the roster in a new Zhuli.
   *
   * @param zhuli Zhuli, on any store
   * @param squadCount how many squads, at least 1
   * @param villageCount how many villages, at least 1
   * @return the village
   */
  public static Village build(Zhuli zhuli, int squadCount, int villageCount) {
    Roster roster = zhuli.roster();
    Actor setup = Actor.system("bench");
    Region weinan = roster.createRegion(setup,
        new NewRegion.Builder().name("渭南市").level(RegionLevel.CITY).build());
    Region linwei = roster.createRegion(setup, new NewRegion.Builder().name("臨渭區")
        .level(RegionLevel.DISTRICT).parent(weinan.id()).build());
    Region lindian = roster.createRegion(setup, new NewRegion.Builder().name("藺店鎮")
        .level(RegionLevel.TOWN).parent(linwei.id()).build());
    HelpGroup group = roster.createGroup(setup,
        new NewGroup.Builder().name("臨渭區紅色助力團").county(linwei.id()).build());
    Member coordinator = roster.addMember(setup, new NewMember.Builder()
        .group(group.id()).name("周主任").background(Background.WORK_TEAM_MEMBER).build());
    roster.appointCoordinator(setup, group.id(), coordinator.id(), null);
    List<VillageId> villages = new ArrayList<>();
    List<MemberId> cadres = new ArrayList<>();
    for (int i = 0; i < villageCount; i++) {
      dev.zhuli.core.roster.Village village = roster.createVillage(setup,
          new NewVillage.Builder().name("李十三村" + i).town(lindian.id()).build());
      cadres.add(roster.addMember(setup, new NewMember.Builder().group(group.id())
          .name("李副主任" + i).background(Background.VILLAGE_CADRE).village(village.id())
          .build()).id());
      villages.add(village.id());
    }
    List<SquadId> squads = new ArrayList<>();
    List<MemberId> leads = new ArrayList<>();
    for (int i = 0; i < squadCount; i++) {
      Squad squad = roster.createSquad(setup, new NewSquad.Builder().group(group.id())
          .name("行銷組" + i).kind(SquadKind.MARKETING).build());
      Member lead = roster.addMember(setup, new NewMember.Builder().group(group.id())
          .name("孫老師" + i).background(Background.ENTERPRISE_LIAISON).build());
      roster.joinSquad(setup, lead.id(), squad.id(), SquadRole.LEADER, null);
      squads.add(squad.id());
      leads.add(lead.id());
    }
    return new Village(zhuli, villages, group.id(), cadres, squads, leads);
  }

  /**
   * The ids this roster consists of, to {@linkplain #reopen reopen} it on a copy of its database.
   *
   * @return the ids, as text
   */
  public Properties describe() {
    Properties p = new Properties();
    p.setProperty("group", group.value());
    p.setProperty("villages", join(villages, VillageId::value));
    p.setProperty("cadres", join(cadres, MemberId::value));
    p.setProperty("squads", join(squads, SquadId::value));
    p.setProperty("leads", join(leads, MemberId::value));
    return p;
  }

  /**
   * The roster that {@link #describe} described, on a Zhuli whose database holds it.
   *
   * @param zhuli Zhuli on a copy of the database the roster was built in
   * @param ids what {@link #describe} returned
   * @return the roster
   */
  public static Village reopen(Zhuli zhuli, Properties ids) {
    return new Village(zhuli, split(ids, "villages", VillageId::of),
        GroupId.of(ids.getProperty("group")), split(ids, "cadres", MemberId::of),
        split(ids, "squads", SquadId::of), split(ids, "leads", MemberId::of));
  }

  private static <T> String join(List<T> ids, Function<T, String> value) {
    return ids.stream().map(value).collect(Collectors.joining(","));
  }

  private static <T> List<T> split(Properties ids, String name, Function<String, T> id) {
    return Arrays.stream(ids.getProperty(name).split(",")).map(id).toList();
  }

  /**
   * Zhuli.
   *
   * @return Zhuli
   */
  public Zhuli zhuli() {
    return zhuli;
  }

  /**
   * The help group.
   *
   * @return the group
   */
  public GroupId group() {
    return group;
  }

  /**
   * A squad.
   *
   * @param i its number
   * @return its id
   */
  public SquadId squad(int i) {
    return squads.get(i);
  }

  /**
   * How many squads there are.
   *
   * @return the count
   */
  public int squadCount() {
    return squads.size();
  }

  /**
   * Places order number {@code n} of its village naming squad {@code i}, so that it lands
   * DISPATCHED (點單 and 派單 in one command).
   *
   * @param i the squad
   * @param n the order's number: its village, and a number for the title
   * @return the order's id
   */
  public OrderId place(int i, long n) {
    int v = village(n);
    MemberId cadre = cadres.get(v);
    Order order = orders.place(Actor.member(cadre), new NewOrder.Builder()
        .village(villages.get(v)).requester(cadre).squad(squads.get(i))
        .title("蜂蜜產品如何網上銷售 " + n).description("想學直播帶貨，請派人培訓")
        .category(OrderCategory.MARKETING).urgency(Urgency.ROUTINE).build());
    return order.id();
  }

  /**
   * Squad {@code i}'s lead accepts the order (接單).
   *
   * @param i the squad
   * @param order the order
   */
  public void accept(int i, OrderId order) {
    MemberId lead = leads.get(i);
    orders.accept(Actor.member(lead), order, new Acceptance.Builder().lead(lead).build());
  }

  /**
   * Squad {@code i}'s lead resolves the order (辦結).
   *
   * @param i the squad
   * @param order the order
   */
  public void resolve(int i, OrderId order) {
    orders.resolve(Actor.member(leads.get(i)), order, RESOLUTION);
  }

  /**
   * The village's cadre rates the order five stars, which closes it (評單).
   *
   * @param n the order's number, as placed
   * @param order the order
   */
  public void rate(long n, OrderId order) {
    orders.rate(Actor.member(cadres.get(village(n))), order, 5, "很有幫助", null);
  }

  private int village(long n) {
    return (int) (n % villages.size());
  }

  /**
   * One whole lifecycle on squad {@code i}: place, accept, resolve, rate; four commands, four
   * transactions.
   *
   * @param i the squad
   * @param n a number for the title
   * @return the closed order's id
   */
  public OrderId lifecycle(int i, long n) {
    OrderId id = place(i, n);
    accept(i, id);
    resolve(i, id);
    rate(n, id);
    return id;
  }
}
