package dev.zhuli.core.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.zhuli.core.ConcurrentUpdateException;
import dev.zhuli.core.OrderId;
import dev.zhuli.core.RuleViolationException;
import dev.zhuli.core.ZhuliException;
import dev.zhuli.spi.storage.ClaimedMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.quicktheories.core.Gen;
import org.quicktheories.core.stateful.Command;
import org.quicktheories.core.stateful.Parallel;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * Concurrent commands on one order, in the world of {@link OrderModel} (with two more members of
 * squad s0, {@code s0c} and {@code s0d}): bounded races whose outcome the transition table fixes,
 * and {@link Parallel#parallelCheck} on short random command lists, whose end must be one that
 * some serial order of the same commands reaches. Every wait has a timeout; nothing sleeps.
 */
class OrderConcurrencyTest {
  private static final long WAIT_SECONDS = 10;
  private static final List<String> S0 = List.of("s0a", "s0b", "s0c", "s0d");

  private OrderModel.Sut sut;
  private ExecutorService pool;

  @BeforeEach
  void start() {
    sut = new OrderModel.Sut(2, 5);
    pool = Executors.newFixedThreadPool(S0.size());
  }

  @AfterEach
  void stop() throws InterruptedException {
    pool.shutdownNow();
    try {
      assertThat(pool.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS)).as("racers stopped")
          .isTrue();
    } finally {
      sut.close();
    }
  }

  /**
   * Four members of the target squad accept the same dispatched order at once, each naming
   * themselves lead, for 30 orders: one wins; the others are refused by the table (or give up
   * on conflicts); the timeline holds one ACCEPT by the winner, the lead is the winner, and the
   * requester was told once.
   */
  @Test
  @Timeout(60)
  void oneOfFourMembersAcceptingAtOnceWins() throws Exception {
    for (int round = 1; round <= 30; round++) {
      OrderId id = placeAndDispatch("s0");
      sut.drainOutbox();
      List<Callable<String>> racers = new ArrayList<>();
      for (String member : S0) {
        racers.add(() -> outcome(() -> sut.orders.accept(sut.actor(member), id,
            new Acceptance.Builder().lead(sut.member(member)).build())));
      }
      List<String> outcomes = race(racers);
      List<String> winners = new ArrayList<>();
      for (int i = 0; i < S0.size(); i++) {
        if (outcomes.get(i).equals("ok")) {
          winners.add(S0.get(i));
        }
      }
      assertThat(winners).as("round %d: %s", round, outcomes).hasSize(1);
      assertThat(outcomes).as("round %d", round).filteredOn(o -> !o.equals("ok"))
          .allMatch(o -> o.equals("order-transition") || o.equals("CONFLICT"));
      Order order = sut.orders.order(id).orElseThrow();
      assertThat(order.timeline()).extracting(TimelineEntry::transition).as("round %d", round)
          .containsExactly(Transition.PLACE, Transition.DISPATCH, Transition.ACCEPT);
      assertThat(order.timeline().get(2).actor())
          .isEqualTo(sut.actor(winners.get(0)).toString());
      assertThat(order.lead()).contains(sut.member(winners.get(0)));
      assertThat(order.status()).isEqualTo(OrderStatus.ACCEPTED);
      assertThat(order.version()).isEqualTo(3);
      assertThat(notifications(id)).as("round %d", round).containsExactly("order.accept");
    }
  }

  /**
   * The cadre cancels a placed order while the coordinator closes it out of scope: both start
   * only from PLACED (and RETURNED), so exactly one wins and the order ends as the winner left it.
   */
  @Test
  @Timeout(60)
  void cancelAndCloseOutOfScopeAtOnceOneWins() throws Exception {
    for (int round = 1; round <= 20; round++) {
      OrderId id = place();
      List<String> outcomes = race(List.of(
          () -> outcome(() -> sut.orders.cancel(sut.actor("c0"), id, "已自行解決", null)),
          () -> outcome(() -> sut.orders.closeOutOfScope(sut.actor("co"), id, "不在服務範圍",
              null))));
      assertThat(outcomes).as("round %d", round).containsOnlyOnce("ok")
          .containsAnyOf("order-transition", "CONFLICT");
      Order order = sut.orders.order(id).orElseThrow();
      assertThat(order.status()).isEqualTo(outcomes.get(0).equals("ok") ? OrderStatus.CANCELLED
          : OrderStatus.CLOSED);
      assertThat(order.timeline()).hasSize(2);
    }
  }

  /**
   * A member of the target squad accepts while the cadre cancels: CANCEL does not start from
   * ACCEPTED and ACCEPT not from CANCELLED, so exactly one wins.
   */
  @Test
  @Timeout(60)
  void acceptAndCancelAtOnceOneWins() throws Exception {
    for (int round = 1; round <= 20; round++) {
      OrderId id = placeAndDispatch("s0");
      List<String> outcomes = race(List.of(
          () -> outcome(() -> sut.orders.accept(sut.actor("s0b"), id,
              new Acceptance.Builder().lead(sut.member("s0b")).build())),
          () -> outcome(() -> sut.orders.cancel(sut.actor("c0"), id, "已自行解決", null))));
      assertThat(outcomes).as("round %d", round).containsOnlyOnce("ok");
      Order order = sut.orders.order(id).orElseThrow();
      assertThat(order.status()).isEqualTo(outcomes.get(0).equals("ok") ? OrderStatus.ACCEPTED
          : OrderStatus.CANCELLED);
      assertThat(order.timeline()).hasSize(3);
    }
  }

  /**
   * The coordinator dispatches a placed order while the cadre cancels it. CANCEL starts from
   * DISPATCHED too, so "exactly one wins" does not hold here: either the cancel wins and the
   * dispatch is refused, or both win in the order dispatch, cancel. Either way the order ends
   * cancelled, with a timeline that one of the two serial orders gives.
   */
  @Test
  @Timeout(60)
  void dispatchAndCancelAtOnceEndCancelled() throws Exception {
    int both = 0;
    for (int round = 1; round <= 20; round++) {
      OrderId id = place();
      List<String> outcomes = race(List.of(
          () -> outcome(() -> sut.orders.dispatch(sut.actor("co"), id, sut.squad("s1"), null)),
          () -> outcome(() -> sut.orders.cancel(sut.actor("c0"), id, "已自行解決", null))));
      Order order = sut.orders.order(id).orElseThrow();
      assertThat(order.status()).as("round %d: %s", round, outcomes)
          .isEqualTo(OrderStatus.CANCELLED);
      assertThat(outcomes.get(1)).as("the cancel, round %d", round).isEqualTo("ok");
      List<Transition> timeline = order.timeline().stream().map(TimelineEntry::transition)
          .collect(Collectors.toList());
      if (outcomes.get(0).equals("ok")) {
        both++;
        assertThat(timeline).containsExactly(Transition.PLACE, Transition.DISPATCH,
            Transition.CANCEL);
      } else {
        assertThat(outcomes.get(0)).isIn("order-transition", "CONFLICT");
        assertThat(timeline).containsExactly(Transition.PLACE, Transition.CANCEL);
      }
    }
    assertThat(both).as("rounds in which both won").isBetween(0, 20);
  }

  // ---- Parallel.parallelCheck ---------------------------------------------------------------

  /**
   * Up to eight commands on one order dispatched to s0 (accepts and returns by members of s0, a
   * cancel by the cadre, dispatches and a transfer by the coordinator, an accept by s1's leader, a
   * resolve by s0's leader), run at once on as many threads released together: the order's
   * status, squad, lead, returns and timeline, and which commands succeeded, must be what some
   * serial order of the same commands gives.
   */
  @Test
  @Timeout(120)
  void concurrentCommandsEndAsSomeSerialOrder() {
    Gen<List<Kind>> kinds = SourceDSL.lists().of(Generate.enumValues(Kind.class))
        .ofSizeBetween(3, 8);
    qt().withExamples(12).withShrinkCycles(20).forAll(kinds).checkAssert(list -> {
      List<Cmd> commands = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        commands.add(new Cmd(i, list.get(i)));
      }
      List<RaceSut> made = Collections.synchronizedList(new ArrayList<>());
      AtomicInteger factories = new AtomicInteger();
      try {
        new Parallel(30, TimeUnit.SECONDS).parallelCheck(Seen.initial(list.size()), commands,
            m -> {
              // the first world runs the commands one by one, the second all at once
              RaceSut s = new RaceSut(list.size(), factories.incrementAndGet() > 1);
              made.add(s);
              return s;
            }, RaceSut::project, list.size());
      } finally {
        made.forEach(RaceSut::close);
      }
      for (RaceSut s : made) {
        assertThat(s.trouble).as("what went wrong while racing").isEmpty();
      }
    });
  }

  /** The commands of the parallel check. */
  enum Kind {
    ACCEPT_S0A, ACCEPT_S0B, RETURN_S0B, CANCEL_C0, DISPATCH_S1, ACCEPT_S1A, TRANSFER_S2,
    DISPATCH_S0, RESOLVE_S0A
  }

  /** What the parallel check compares: the order, and which command succeeded. */
  record Seen(OrderStatus status, String squad, boolean open, String lead, int returns,
      List<Transition> timeline, List<String> outcomes) {

    static Seen initial(int commands) {
      return new Seen(OrderStatus.DISPATCHED, "s0", false, null, 0,
          List.of(Transition.PLACE, Transition.DISPATCH),
          Collections.nCopies(commands, "-"));
    }

    Seen with(int command, String outcome) {
      List<String> o = new ArrayList<>(outcomes);
      o.set(command, outcome);
      return new Seen(status, squad, open, lead, returns, timeline, List.copyOf(o));
    }

    Seen to(Transition t, OrderStatus status, String squad, String lead, int returns) {
      List<Transition> tl = new ArrayList<>(timeline);
      tl.add(t);
      return new Seen(status, squad, open, lead, returns, List.copyOf(tl), outcomes);
    }
  }

  /** A command of the parallel check, with its place in the list. */
  static final class Cmd implements Command<RaceSut, Seen> {
    final int index;
    final Kind kind;

    Cmd(int index, Kind kind) {
      this.index = index;
      this.kind = kind;
    }

    @Override
    public void run(RaceSut s) {
      s.await();
      String outcome;
      try {
        execute(s);
        outcome = "ok";
      } catch (ZhuliException e) {
        outcome = "refused";
      } catch (RuntimeException e) {
        s.trouble.add(kind + ": " + e);
        outcome = "refused";
      }
      s.outcomes.set(index, outcome);
    }

    private void execute(RaceSut r) {
      OrderModel.Sut s = r.sut;
      OrderId id = r.order;
      switch (kind) {
        case ACCEPT_S0A:
          accept(s, id, "s0a");
          break;
        case ACCEPT_S0B:
          accept(s, id, "s0b");
          break;
        case ACCEPT_S1A:
          accept(s, id, "s1a");
          break;
        case RETURN_S0B:
          s.orders.sendBack(s.actor("s0b"), id, "人手不足", null);
          break;
        case CANCEL_C0:
          s.orders.cancel(s.actor("c0"), id, "已自行解決", null);
          break;
        case DISPATCH_S1:
          s.orders.dispatch(s.actor("co"), id, s.squad("s1"), null);
          break;
        case DISPATCH_S0:
          s.orders.dispatch(s.actor("co"), id, s.squad("s0"), null);
          break;
        case TRANSFER_S2:
          s.orders.transfer(s.actor("co"), id, s.squad("s2"), "改派", null);
          break;
        case RESOLVE_S0A:
          s.orders.resolve(s.actor("s0a"), id, new Resolution.Builder().report("已解決").build());
          break;
        default:
          throw new IllegalStateException("unknown " + kind);
      }
    }

    private static void accept(OrderModel.Sut s, OrderId id, String member) {
      s.orders.accept(s.actor(member), id, new Acceptance.Builder().lead(s.member(member))
          .build());
    }

    /** The table, for these commands and this world. */
    @Override
    public Seen nextState(Seen m) {
      OrderStatus st = m.status();
      boolean dispatchedTo = st == OrderStatus.DISPATCHED && !m.open();
      Seen next = null;
      switch (kind) {
        case ACCEPT_S0A:
        case ACCEPT_S0B:
        case ACCEPT_S1A: {
          String member = kind == Kind.ACCEPT_S0A ? "s0a" : kind == Kind.ACCEPT_S0B ? "s0b"
              : "s1a";
          if (dispatchedTo && member.startsWith(m.squad())) {
            next = m.to(Transition.ACCEPT, OrderStatus.ACCEPTED, m.squad(), member, m.returns());
          }
          break;
        }
        case RETURN_S0B:
          if (dispatchedTo && "s0".equals(m.squad())) {
            next = m.to(Transition.RETURN, OrderStatus.RETURNED, null, m.lead(), m.returns() + 1);
          }
          break;
        case CANCEL_C0:
          // an order accepted once (or assigned) can no longer be cancelled by the village
          if ((st == OrderStatus.PLACED || st == OrderStatus.DISPATCHED
              || st == OrderStatus.RETURNED) && !m.timeline().contains(Transition.ACCEPT)
              && !m.timeline().contains(Transition.ASSIGN)) {
            next = m.to(Transition.CANCEL, OrderStatus.CANCELLED, m.squad(), m.lead(),
                m.returns());
          }
          break;
        case DISPATCH_S1:
        case DISPATCH_S0:
          if (st == OrderStatus.PLACED || st == OrderStatus.RETURNED) {
            next = m.to(Transition.DISPATCH, OrderStatus.DISPATCHED,
                kind == Kind.DISPATCH_S1 ? "s1" : "s0", m.lead(), m.returns());
          }
          break;
        case TRANSFER_S2:
          if ((st == OrderStatus.DISPATCHED || st == OrderStatus.ACCEPTED
              || st == OrderStatus.IN_PROGRESS) && !"s2".equals(m.squad())) {
            next = m.to(Transition.TRANSFER, OrderStatus.DISPATCHED, "s2", null, m.returns());
          }
          break;
        case RESOLVE_S0A:
          if ((st == OrderStatus.ACCEPTED || st == OrderStatus.IN_PROGRESS)
              && "s0a".equals(m.lead())) {
            next = m.to(Transition.RESOLVE, OrderStatus.RESOLVED, m.squad(), m.lead(),
                m.returns());
          }
          break;
        default:
          throw new IllegalStateException("unknown " + kind);
      }
      return next == null ? m.with(index, "refused") : next.with(index, "ok");
    }

    @Override
    public String toString() {
      return "#" + index + " " + kind;
    }
  }

  /** A world with one order dispatched to s0, and the outcomes of the commands run on it. */
  static final class RaceSut implements AutoCloseable {
    final OrderModel.Sut sut = new OrderModel.Sut(0, 20);
    final OrderId order;
    final AtomicReferenceArray<String> outcomes;
    final CyclicBarrier barrier;
    final List<String> trouble = Collections.synchronizedList(new ArrayList<>());

    RaceSut(int commands, boolean together) {
      outcomes = new AtomicReferenceArray<>(commands);
      for (int i = 0; i < commands; i++) {
        outcomes.set(i, "-");
      }
      barrier = together ? new CyclicBarrier(commands) : null;
      Order placed = sut.orders.place(sut.actor("c0"), new NewOrder.Builder()
          .village(sut.villages.get("v0")).requester(sut.member("c0")).title("蜂蜜網上銷售")
          .description("想學直播帶貨，請派人培訓").category(OrderCategory.MARKETING).build());
      order = sut.orders.dispatch(sut.actor("co"), placed.id(), sut.squad("s0"), null).id();
    }

    /** Waits for every other command when they run at once. */
    void await() {
      if (barrier == null) {
        return;
      }
      try {
        barrier.await(WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (Exception e) {
        trouble.add("the racers were not released together: " + e);
      }
    }

    Seen project() {
      Order o = sut.orders.order(order).orElseThrow();
      List<String> out = new ArrayList<>();
      for (int i = 0; i < outcomes.length(); i++) {
        out.add(outcomes.get(i));
      }
      return new Seen(o.status(), o.squad().map(sut::handle).orElse(null), o.openForClaiming(),
          o.lead().map(sut::handle).orElse(null), o.returns(),
          o.timeline().stream().map(TimelineEntry::transition).collect(Collectors.toList()),
          List.copyOf(out));
    }

    @Override
    public void close() {
      sut.close();
    }
  }

  // ---- helpers ------------------------------------------------------------------------------

  private OrderId place() {
    return sut.orders.place(sut.actor("c0"), new NewOrder.Builder()
        .village(sut.villages.get("v0")).requester(sut.member("c0")).title("蜂蜜網上銷售")
        .description("想學直播帶貨，請派人培訓").category(OrderCategory.MARKETING).build()).id();
  }

  private OrderId placeAndDispatch(String squad) {
    OrderId id = place();
    sut.orders.dispatch(sut.actor("co"), id, sut.squad(squad), null);
    return id;
  }

  /** {@code ok}, the rule of a refusal by rule, or the error code of another refusal. */
  private static String outcome(Runnable command) {
    try {
      command.run();
      return "ok";
    } catch (RuleViolationException e) {
      return e.rule();
    } catch (ConcurrentUpdateException e) {
      return e.code().name();
    } catch (ZhuliException e) {
      return e.getClass().getSimpleName() + " " + e.code();
    }
  }

  /** The types of the notifications about an order now in the outbox, which it empties. */
  private List<String> notifications(OrderId id) {
    List<String> types = new ArrayList<>();
    for (ClaimedMessage m : sut.drainOutbox()) {
      if (Objects.equals(m.message().aggregateKey(), "order/" + id.value())) {
        types.add(m.message().type());
      }
    }
    return types;
  }

  /** Runs the racers on the pool, released together; their results, each within the bound. */
  private <T> List<T> race(List<Callable<T>> racers) throws Exception {
    CountDownLatch ready = new CountDownLatch(racers.size());
    CountDownLatch go = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (Callable<T> racer : racers) {
      futures.add(pool.submit(() -> {
        ready.countDown();
        if (!go.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the race never started");
        }
        return racer.call();
      }));
    }
    assertThat(ready.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("all racers ready").isTrue();
    go.countDown();
    List<T> out = new ArrayList<>();
    for (Future<T> f : futures) {
      out.add(f.get(WAIT_SECONDS, TimeUnit.SECONDS));
    }
    return out;
  }
}
