package dev.zhuli.weinan;

import dev.zhuli.core.HouseholdId;
import dev.zhuli.core.Zhuli;
import dev.zhuli.core.mentorship.BonusRound;
import dev.zhuli.core.mentorship.ComplianceReport;
import dev.zhuli.core.mentorship.DisparityReport;
import dev.zhuli.core.mentorship.HarvestRecord;
import dev.zhuli.core.mentorship.MentorshipTree;
import dev.zhuli.core.PageRequest;
import dev.zhuli.core.ResultPage;
import dev.zhuli.core.SquadId;
import dev.zhuli.core.order.InTimeFigures;
import dev.zhuli.core.order.Order;
import dev.zhuli.core.order.OrderStatistics;
import dev.zhuli.core.order.OrderStatus;
import dev.zhuli.core.roster.Squad;
import dev.zhuli.core.roster.SquadKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures both reports show, read once from the library's queries: order statistics and
 * in-time shares per county and squad, the Nangou tree with compliance and yields, the disparity
 * report and the bonus round.
 *
 * @param rows one row per county (the whole group) followed by its squads with orders
 * @param totals the figures summed over every county
 * @param tree the Nangou tree
 * @param compliance the season's compliance
 * @param disparity the season's disparity report
 * @param bonuses the year-end bonus round
 * @param growerYield each grower's yield per mu in the season
 * @param orders every order of every group, as it stands now
 * @param kinds the kind of every squad
 * @param story what the scenario made
 */
record Figures(List<Row> rows, Totals totals, MentorshipTree tree, ComplianceReport compliance,
    DisparityReport disparity, BonusRound bonuses, Map<HouseholdId, Double> growerYield,
    List<Order> orders, Map<SquadId, SquadKind> kinds, Scenario.Story story) {

  /** The year the reports cover. */
  static final Instant FROM = Instant.parse(Scenario.YEAR + "-01-01T00:00:00Z");
  static final Instant TO = Instant.parse((Scenario.YEAR + 1) + "-01-01T00:00:00Z");

  /**
   * One line of the orders table.
   *
   * @param county the county's name
   * @param squad the squad's name, or null for the whole group
   * @param kind the squad's kind, or null for the whole group
   * @param stats the order statistics
   * @param inTime the in-time figures
   */
  record Row(String county, String squad, SquadKind kind, OrderStatistics stats,
      InTimeFigures inTime) {}

  /**
   * The city's totals.
   *
   * @param placed orders placed
   * @param byStatus orders by status now
   * @param money money mobilised, yuan
   * @param trained people trained
   * @param resolved orders resolved
   * @param resolvedInTime of them, in time
   */
  record Totals(int placed, Map<OrderStatus, Integer> byStatus, BigDecimal money, long trained,
      int resolved, int resolvedInTime) {}

  static Figures of(Zhuli zhuli, Scenario.Story story) {
    List<Row> rows = new ArrayList<>();
    int placed = 0;
    int resolved = 0;
    int inTime = 0;
    long trained = 0;
    BigDecimal money = BigDecimal.ZERO;
    Map<OrderStatus, Integer> byStatus = new EnumMap<>(OrderStatus.class);
    List<Order> orders = new ArrayList<>();
    Map<SquadId, SquadKind> kinds = new LinkedHashMap<>();
    for (Scenario.County c : story.counties()) {
      c.squads().forEach((k, sq) -> kinds.put(sq.id(), k));
      for (OrderStatus status : OrderStatus.values()) {
        PageRequest page = PageRequest.first(200);
        while (true) {
          ResultPage<Order> r = zhuli.orders().withStatus(c.group().id(), status, page);
          orders.addAll(r.items());
          if (r.nextCursor().isEmpty()) {
            break;
          }
          page = page.after(r.nextCursor().get());
        }
      }
      OrderStatistics s = zhuli.orders().statisticsOf(c.group().id(), FROM, TO);
      InTimeFigures t = zhuli.orders().inTime(c.group().id(), FROM, TO);
      rows.add(new Row(c.name(), null, null, s, t));
      placed += s.placed();
      resolved += t.resolved();
      inTime += t.resolvedInTime();
      trained += s.trained();
      money = money.add(s.moneyMobilised());
      s.byStatus().forEach((k, v) -> byStatus.merge(k, v, Integer::sum));
      for (Map.Entry<SquadKind, Squad> e : c.squads().entrySet()) {
        OrderStatistics ss = zhuli.orders().statisticsOf(e.getValue().id(), FROM, TO);
        if (ss.placed() > 0 || ss.byStatus().values().stream().mapToInt(i -> i).sum() > 0) {
          rows.add(new Row(c.name(), e.getValue().name(), e.getKey(), ss,
              zhuli.orders().inTime(e.getValue().id(), FROM, TO)));
        }
      }
    }
    byStatus.values().removeIf(v -> v == 0);
    String season = String.valueOf(Scenario.YEAR);
    var program = story.nangou().id();
    ComplianceReport compliance = zhuli.supervision().compliance(program,
        LocalDate.of(Scenario.YEAR, 1, 1), LocalDate.of(Scenario.YEAR, 12, 31));
    DisparityReport disparity = zhuli.supervision().disparity(program, season);
    BonusRound bonuses = zhuli.supervision().bonuses(program, season).orElseThrow();
    Map<HouseholdId, double[]> sums = new LinkedHashMap<>();
    for (HarvestRecord h : zhuli.supervision().harvests(program, season)) {
      if (!h.voided()) {
        double[] s = sums.computeIfAbsent(h.household(), k -> new double[2]);
        s[0] += h.yieldKg().doubleValue();
        s[1] += h.area().doubleValue();
      }
    }
    Map<HouseholdId, Double> growerYield = new LinkedHashMap<>();
    sums.forEach((k, v) -> growerYield.put(k, v[0] / v[1]));
    MentorshipTree tree = zhuli.mentorship().tree(story.tree().id()).orElseThrow();
    return new Figures(rows, new Totals(placed, byStatus, money, trained, resolved, inTime), tree,
        compliance, disparity, bonuses, growerYield, orders, kinds, story);
  }
}
