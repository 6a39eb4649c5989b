package dev.zhuli.core.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.QuickTheory.qt;

import dev.zhuli.core.Actor;
import dev.zhuli.core.OrderId;
import dev.zhuli.core.RuleViolationException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.quicktheories.core.stateful.Sequential;

/**
 * The order service against its model ({@link OrderModel}): random histories of order commands
 * by random actors, allowed and not, and a fixed tour through every row, compared with the model
 * and checked for the lifecycle's invariants after every step; and, one test each, the places
 * where the service departed or departs from its documented contract (the model's D1 to D4), so
 * that each shows on its own.
 */
class OrderModelTest {

  @Test
  @Timeout(120)
  void randomHistoriesByRandomActorsMatchTheModel() {
    Map<String, Integer> seen = new ConcurrentHashMap<>();
    qt().withExamples(100).withShrinkCycles(60)
        .forAll(OrderModel.histories())
        .checkAssert(history -> check(history, seen));
    // the histories are not degenerate: they reach (nearly) every row and refusal; the tour
    // below reaches each of them every time
    Set<String> missing = new TreeSet<>(wanted());
    missing.removeAll(seen.keySet());
    assertThat(missing).as("what the histories reached: %s", new TreeMap<>(seen))
        .hasSizeLessThan(4);
  }

  /**
   * A fixed history through every row of the table (but the merges) and every rule a command
   * refuses with, checked against the model like the random ones.
   */
  @Test
  void aTourThroughEveryRowMatchesTheModel() {
    Map<String, Integer> seen = new ConcurrentHashMap<>();
    check(tour(), seen);
    assertThat(seen.keySet()).as("what the tour reached: %s", new TreeMap<>(seen))
        .containsAll(wanted());
  }

  /**
   * Every row but the merges, which these histories do not make, and the service-level rows,
   * which ServiceLevelModelTest models; and the refusals.
   */
  private static Set<String> wanted() {
    Set<String> wanted = new TreeSet<>();
    for (Transition t : EnumSet.complementOf(EnumSet.of(Transition.MERGE, Transition.MERGE_IN,
        Transition.REQUEST_EXTENSION, Transition.DECIDE_EXTENSION, Transition.REMIND,
        Transition.MARK_OVERDUE, Transition.ESCALATE))) {
      wanted.add(t.name());
    }
    wanted.addAll(List.of("order-transition", "ACCESS_DENIED", "lead-in-squad",
        "helpers-in-group", "squad-in-group", "accept-target-squad", "quiet-period",
        "transfer-elsewhere", "verify-handled-orders", "void-once", "return-dispatched-only",
        "requester-is-cadre", "REQUEST_KEY_REUSED", "replayed"));
    return wanted;
  }

  /** Runs a history against the model, on a new world, counting what it reached. */
  private static void check(List<OrderModel.Step> history, Map<String, Integer> seen) {
    List<OrderModel.Sut> made = new ArrayList<>();
    try {
      Sequential.modelCheck(OrderModel.State.initial(), history, m -> {
        OrderModel.Sut sut = new OrderModel.Sut();
        made.add(sut);
        return sut;
      }, sut -> {
        OrderModel.State s = OrderModel.project(sut);
        count(seen, sut, s);
        return s;
      });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + OrderModel.takeDiff(), e);
    } finally {
      made.forEach(OrderModel.Sut::close);
    }
  }

  private static List<OrderModel.Step> tour() {
    OrderModel.Who co = OrderModel.Who.COORDINATOR;
    OrderModel.Who takerA = OrderModel.Who.TAKER_A;
    OrderModel.Who lead = OrderModel.Who.LEAD;
    OrderModel.Who requester = OrderModel.Who.REQUESTER;
    OrderModel.SquadPick target = OrderModel.SquadPick.TARGET;
    OrderModel.SquadPick s0 = OrderModel.SquadPick.S0;
    OrderModel.SquadPick s1 = OrderModel.SquadPick.S1;
    OrderModel.SquadPick s2 = OrderModel.SquadPick.S2;
    OrderModel.LeadPick self = OrderModel.LeadPick.SELF;
    List<OrderModel.HelperPick> none = List.of();
    OrderModel.ActivitySpec visit = new OrderModel.ActivitySpec(ActivityKind.VISIT, "走訪農戶",
        null, null, null, null, List.of());
    OrderModel.ActivitySpec training = new OrderModel.ActivitySpec(ActivityKind.TRAINING,
        "直播電商培訓", "直播帶貨入門", 52, null, null, List.of());
    OrderModel.Step accept = new OrderModel.Accept(takerA, 0, "k1", target, 0, self,
        List.of(OrderModel.HelperPick.S0B));
    return List.of(
        place(OrderModel.Who.CADRE0, 0, OrderModel.RequesterPick.SELF, target),
        new OrderModel.Dispatch(OrderModel.Who.LOOSE, 0, null, s0, 0),
        new OrderModel.Dispatch(co, 0, null, OrderModel.SquadPick.OTHER_GROUP, 0),
        new OrderModel.Dispatch(co, 0, null, s0, 0),
        new OrderModel.Accept(takerA, 0, null, s1, 0, self, none),
        new OrderModel.Accept(takerA, 0, null, target, 0, OrderModel.LeadPick.LOOSE, none),
        new OrderModel.Accept(takerA, 0, null, target, 0, self,
            List.of(OrderModel.HelperPick.COORDINATOR)),
        new OrderModel.SendBack(OrderModel.Who.TAKER_B, 0, null, "人手不足"),
        new OrderModel.Accept(takerA, 0, null, target, 0, self, none),
        new OrderModel.Assign(co, 0, null, s1, 0, OrderModel.LeadPick.TAKER_A,
            List.of(OrderModel.HelperPick.S2A)),
        new OrderModel.Transfer(co, 0, null, target, 0, "改派"),
        new OrderModel.Transfer(co, 0, null, s2, 0, "改派"),
        accept,
        accept,
        new OrderModel.RecordActivity(lead, 0, null, visit),
        new OrderModel.RecordActivity(OrderModel.Who.HELPER, 0, null, training),
        new OrderModel.VoidActivity(lead, 0, null, "a1", "記錯了"),
        new OrderModel.VoidActivity(lead, 0, null, "a1", "記錯了"),
        new OrderModel.Resolve(lead, 0, null, "培訓50餘人", Map.of()),
        new OrderModel.CloseUnrated(co, 0, null),
        new OrderModel.Rate(requester, 0, null, 1, "沒有解決"),
        new OrderModel.Resolve(lead, 0, null, "已解決", Map.of()),
        new OrderModel.Tick(java.time.Duration.ofDays(2)),
        new OrderModel.CloseUnrated(co, 0, null),
        new OrderModel.Verify(co, 0, null, Verdict.DISPUTED, "村民說問題仍在"),
        new OrderModel.Resolve(lead, 0, null, "已解決", Map.of()),
        new OrderModel.Rate(requester, 0, null, 5, null),
        new OrderModel.Verify(co, 0, null, Verdict.CONFIRMED, "村民確認已解決"),
        place(OrderModel.Who.CADRE1, 2, OrderModel.RequesterPick.SELF,
            OrderModel.SquadPick.S3),
        new OrderModel.Cancel(requester, 0, null, "已自行解決"),
        place(OrderModel.Who.SYSTEM, 0, OrderModel.RequesterPick.SELF, target),
        new OrderModel.OpenForClaiming(co, 0, "k2"),
        new OrderModel.SendBack(OrderModel.Who.SYSTEM, 0, null, "人手不足"),
        new OrderModel.Claimable(false, 1),
        place(OrderModel.Who.CADRE0, 0, OrderModel.RequesterPick.C1, target),
        place(OrderModel.Who.CADRE0, 0, OrderModel.RequesterPick.SELF, target),
        new OrderModel.CloseOutOfScope(co, 0, null, "不在服務範圍"),
        new OrderModel.Verify(co, 0, null, Verdict.CONFIRMED, "村民確認已解決"),
        new OrderModel.OpenForClaiming(co, 1, "k2"),
        new OrderModel.OpenForClaiming(co, 2, "k2"),
        new OrderModel.WithStatus(false, OrderStatus.CLOSED, 1),
        new OrderModel.OpenWorkOf(s2, 2),
        new OrderModel.StatusOf(OrderModel.GHOST_ORDER),
        // last, as the service departs from the contract here (D3)
        place(OrderModel.Who.CADRE0, 0, OrderModel.RequesterPick.SELF, target),
        new OrderModel.OpenForClaiming(co, 0, null),
        new OrderModel.Cancel(requester, 0, null, "已自行解決"),
        new OrderModel.Claimable(false, 50));
  }

  private static OrderModel.Step place(OrderModel.Who who, int village,
      OrderModel.RequesterPick requester, OrderModel.SquadPick squad) {
    return new OrderModel.Place(who, village, requester, "蜂蜜網上銷售", "想學直播帶貨，請派人培訓",
        OrderCategory.MARKETING, Urgency.ROUTINE, List.of(), null, squad, null, null);
  }

  /** Counts the transitions committed and the refusals met, for the coverage check. */
  private static void count(Map<String, Integer> seen, OrderModel.Sut sut, OrderModel.State s) {
    String[] words = s.last.split(" ");
    if (words.length > 1 && words[1].equals("error")) {
      seen.merge(words[words.length - 1], 1, Integer::sum);
      seen.merge(words[words.length - 2], 1, Integer::sum);
    }
    boolean command = words.length == 5 && words[2].startsWith("o") && words[4].startsWith("v");
    if (!command || sut.refused) {
      return;
    }
    if (!sut.changed) {
      seen.merge("replayed", 1, Integer::sum);
      return;
    }
    for (OrderModel.O o : s.orders) {
      if (o.handle.equals(words[2])) {
        seen.merge(o.timeline.get(o.timeline.size() - 1).split(" ")[1], 1, Integer::sum);
      }
    }
  }

  // ---- departures from the contract, one by one: D3 open, D1, D2, D4 fixed and guarded -----

  /**
   * D1. The contract: "a command whose row does not start from the order's status is refused
   * with rule order-transition". Accepting a placed order (no squad, not open) once failed with a
   * ValidationException on field squadId, when accept read the target squad with
   * {@code SquadId.of(o.squad())} before the table was consulted.
   */
  @Test
  void acceptingAPlacedOrderIsRefusedByTheTable() {
    try (OrderModel.Sut sut = new OrderModel.Sut()) {
      Order placed = place(sut);
      Throwable refused = catchThrowable(() -> sut.orders.accept(sut.actor("s0a"), placed.id(),
          new Acceptance.Builder().lead(sut.member("s0a")).build()));
      assertThat(refused).isInstanceOf(RuleViolationException.class);
      assertThat(((RuleViolationException) refused).rule()).isEqualTo("order-transition");
      assertThat(sut.orders.order(placed.id())).contains(placed);
    }
  }

  /**
   * D2. Returning a placed order (no squad, not open) once threw a NullPointerException from
   * {@code TreeMap.merge(null, …)} in sendBack, instead of the rule order-transition.
   */
  @Test
  void returningAPlacedOrderIsRefusedByTheTable() {
    try (OrderModel.Sut sut = new OrderModel.Sut()) {
      Order placed = place(sut);
      Throwable refused = catchThrowable(
          () -> sut.orders.sendBack(sut.actor("s0a"), placed.id(), "人手不足", null));
      assertThat(refused).isInstanceOf(RuleViolationException.class);
      assertThat(((RuleViolationException) refused).rule()).isEqualTo("order-transition");
      assertThat(sut.orders.order(placed.id())).contains(placed);
    }
  }

  /**
   * D3. A cancelled order is open for nobody to claim ({@link Order#openForClaiming}: "whether it
   * is open for any squad of the group to claim"), but cancel leaves the flag as it was, where
   * closing out of scope clears it. The claimable query and the table are right; the view is not.
   */
  @Test
  void cancellingAnOpenOrderEndsItsClaiming() {
    try (OrderModel.Sut sut = new OrderModel.Sut()) {
      Order placed = place(sut);
      sut.orders.openForClaiming(sut.actor("co"), placed.id(), null);
      Order cancelled = sut.orders.cancel(sut.actor("c0"), placed.id(), "已自行解決", null);
      assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
      assertThat(sut.orders.claimable(sut.groupG, null).items()).isEmpty();
      Throwable refused = catchThrowable(
          () -> sut.orders.sendBack(sut.actor("s0a"), placed.id(), "人手不足", null));
      assertThat(((RuleViolationException) refused).rule()).isEqualTo("order-transition");
      assertThat(cancelled.openForClaiming()).as("openForClaiming of the cancelled order")
          .isFalse();
    }
  }

  /**
   * D4. The rows of {@link Transition} (from, to, action, recipients) against the table in its
   * Javadoc, which {@link OrderModel#DOCUMENTED} transcribes; the recipients of PLACE_TO_SQUAD,
   * REOPEN_ON_RATING and VERIFY_DISPUTED once differed.
   */
  @Test
  void theRowsAreTheTableOfTheJavadoc() {
    List<String> differences = new ArrayList<>();
    for (Transition t : Transition.values()) {
      OrderModel.Row row = OrderModel.DOCUMENTED.get(t);
      if (!t.from().equals(row.from)) {
        differences.add(t + " from " + t.from() + ", documented " + row.from);
      }
      for (OrderStatus s : OrderStatus.values()) {
        OrderStatus to = row.to == null ? s : row.to;
        if (row.from.contains(s) && t.to(s) != to) {
          differences.add(t + " from " + s + " to " + t.to(s) + ", documented " + to);
        }
      }
      if (t.action() != row.by) {
        differences.add(t + " by " + t.action() + ", documented " + row.by);
      }
      if (!Set.copyOf(t.notifies()).equals(Set.copyOf(row.notifies))) {
        differences.add(t + " notifies " + t.notifies() + ", documented " + row.notifies);
      }
    }
    assertThat(differences).as("rows of Transition that differ from its Javadoc table")
        .isEmpty();
  }

  private static Order place(OrderModel.Sut sut) {
    Actor cadre = sut.actor("c0");
    Order placed = sut.orders.place(cadre, new NewOrder.Builder()
        .village(sut.villages.get("v0")).requester(sut.member("c0")).title("蜂蜜網上銷售")
        .description("想學直播帶貨，請派人培訓").category(OrderCategory.MARKETING).build());
    assertThat(placed.status()).isEqualTo(OrderStatus.PLACED);
    OrderId id = placed.id();
    assertThat(sut.orders.order(id)).contains(placed);
    return placed;
  }
}
