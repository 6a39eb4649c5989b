package dev.zhuli.core.order;

import static dev.zhuli.core.order.OrderFixtures.acceptance;
import static dev.zhuli.core.order.OrderFixtures.actor;
import static dev.zhuli.core.order.OrderFixtures.all;
import static dev.zhuli.core.order.OrderFixtures.ids;
import static dev.zhuli.core.order.OrderFixtures.idsOf;
import static dev.zhuli.core.order.OrderFixtures.resolution;
import static dev.zhuli.core.order.OrderFixtures.visit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.zhuli.core.AccessDeniedException;
import dev.zhuli.core.Actor;
import dev.zhuli.core.ErrorCode;
import dev.zhuli.core.NotFoundException;
import dev.zhuli.core.OrderId;
import dev.zhuli.core.RuleViolationException;
import dev.zhuli.core.SquadId;
import dev.zhuli.core.ValidationException;
import dev.zhuli.core.ZhuliException;
import dev.zhuli.core.access.Action;
import dev.zhuli.core.order.OrderFixtures.Note;
import dev.zhuli.core.order.OrderFixtures.Team;
import dev.zhuli.core.roster.Member;
import dev.zhuli.core.roster.SquadKind;
import dev.zhuli.spi.storage.OutboxMessage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * One example per rule of the order lifecycle: every row of {@link Transition} from each status
 * it allows and refused from each it does not, the checks of every command, who may, request
 * keys, the queries, the notifications and the events. Refusals must change nothing: the same
 * views, the same version, no outbox message.
 */
class OrderRulesTest {
  private static final Duration DAY = Duration.ofDays(1);

  private OrderFixtures w;
  private Orders orders;
  private Team hy;

  @BeforeEach
  void setUp() {
    w = OrderFixtures.weinan();
    orders = w.orders;
    hy = w.heyangTeam;
  }

  @AfterEach
  void tearDown() {
    w.close();
  }

  // ---- the transition table, row by status ---------------------------------------------------

  /**
   * A command as the table's rows see it: which rows it may take, which it takes from a status,
   * and the call. Commands that choose between rows (recordActivity: START or RECORD_ACTIVITY;
   * rate: RATE or REOPEN_ON_RATING; verify) are given with the arguments that pick one.
   */
  private record Row(String name, Function<OrderStatus, Transition> takes,
      BiFunction<OrderFixtures, Order, Order> call) {}

  private static Row row(Transition t, BiFunction<OrderFixtures, Order, Order> call) {
    return new Row(t.name(), s -> t.allowedFrom(s) ? t : null, call);
  }

  private static List<Row> rows() {
    Actor sys = Actor.system("matrix");
    return List.of(
        row(Transition.DISPATCH, (f, o) -> f.orders.dispatch(sys, o.id(),
            f.heyangTeam.squadId(SquadKind.TRAINING), null)),
        row(Transition.OPEN_FOR_CLAIMING, (f, o) -> f.orders.openForClaiming(sys, o.id(), null)),
        row(Transition.ACCEPT, (f, o) -> f.orders.accept(sys, o.id(),
            acceptance(f.heyangTeam.lead(SquadKind.INDUSTRY)))),
        row(Transition.RETURN, (f, o) -> f.orders.sendBack(sys, o.id(), "本組無此專長", null)),
        row(Transition.ASSIGN, (f, o) -> f.orders.assign(sys, o.id(), new Acceptance.Builder()
            .squad(f.heyangTeam.squadId(SquadKind.INDUSTRY))
            .lead(f.heyangTeam.lead(SquadKind.INDUSTRY).id()).build())),
        row(Transition.CLOSE_OUT_OF_SCOPE, (f, o) -> f.orders.closeOutOfScope(sys, o.id(),
            "不屬本團服務範圍", null)),
        row(Transition.TRANSFER, (f, o) -> f.orders.transfer(sys, o.id(),
            f.heyangTeam.squadId(SquadKind.MARKETING), "需要行銷組", null)),
        row(Transition.CANCEL, (f, o) -> f.orders.cancel(sys, o.id(), "村裡已自行解決", null)),
        new Row("START/RECORD_ACTIVITY", s -> s == OrderStatus.ACCEPTED ? Transition.START
            : s == OrderStatus.IN_PROGRESS ? Transition.RECORD_ACTIVITY : null,
            (f, o) -> f.orders.recordActivity(sys, o.id(), visit("再次走訪"))),
        row(Transition.VOID_ACTIVITY, (f, o) -> f.orders.voidActivity(sys, o.id(), "a1",
            "記錄有誤", null)),
        row(Transition.RESOLVE, (f, o) -> f.orders.resolve(sys, o.id(), resolution("已辦結"))),
        row(Transition.RATE, (f, o) -> f.orders.rate(sys, o.id(), 5, null, null)),
        row(Transition.REOPEN_ON_RATING, (f, o) -> f.orders.rate(sys, o.id(), 1, "沒解決", null)),
        row(Transition.AUTO_CLOSE, (f, o) -> f.orders.closeUnrated(sys, o.id(), null)),
        row(Transition.VERIFY_CONFIRMED, (f, o) -> f.orders.verify(sys, o.id(),
            Verdict.CONFIRMED, "村民確認已解決", null)),
        row(Transition.VERIFY_DISPUTED, (f, o) -> f.orders.verify(sys, o.id(),
            Verdict.DISPUTED, "村民說問題仍在", null)),
        row(Transition.REQUEST_EXTENSION, (f, o) -> f.orders.requestExtension(sys, o.id(),
            laterDay(f), "等待設備到貨", null)),
        row(Transition.DECIDE_EXTENSION, (f, o) -> f.orders.decideExtension(sys, o.id(), true,
            "同意延期", null)));
  }

  /** A day well after any default deadline of an order placed now. */
  static java.time.LocalDate laterDay(OrderFixtures f) {
    return java.time.LocalDate.ofInstant(f.clock.instant(), java.time.ZoneId.of("Asia/Shanghai"))
        .plusDays(60);
  }

  /**
   * Every transition but the two of a merge, which OrderDuplicatesTest covers, and the three
   * alerts only the service-level sweep raises, which ServiceLevelTest covers.
   */
  static Transition[] singleOrderTransitions() {
    return EnumSet.complementOf(EnumSet.of(Transition.MERGE, Transition.MERGE_IN,
        Transition.REMIND, Transition.MARK_OVERDUE, Transition.ESCALATE))
        .toArray(new Transition[0]);
  }

  @Test
  void theRowsCoverEveryTransitionThatChangesAnOrder() {
    Set<Transition> covered = EnumSet.noneOf(Transition.class);
    for (Row r : rows()) {
      for (OrderStatus s : OrderStatus.values()) {
        if (r.takes().apply(s) != null) {
          covered.add(r.takes().apply(s));
        }
      }
    }
    covered.add(Transition.PLACE);
    covered.add(Transition.PLACE_TO_SQUAD);
    // MERGE and MERGE_IN change two orders at once; OrderDuplicatesTest covers them.
    assertThat(covered).containsExactlyInAnyOrder(singleOrderTransitions());
    assertThat(Transition.PLACE.from()).isEmpty();
    assertThat(Transition.PLACE_TO_SQUAD.from()).isEmpty();
  }

  /**
   * Every row from every status: taken where the table allows it (the new status, one timeline
   * entry, version + 1), refused with {@code order-transition} and no change everywhere else.
   * The system actor runs them, so that only the table decides.
   */
  @TestFactory
  Stream<DynamicTest> everyRowFromEveryStatus() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Row r : rows()) {
      for (OrderStatus s : OrderStatus.values()) {
        Transition expected = r.takes().apply(s);
        String label = r.name() + " from " + s + (expected == null ? " is refused"
            : " takes " + expected);
        tests.add(DynamicTest.dynamicTest(label, () -> checkRow(r, s, expected, label)));
      }
    }
    return tests.stream();
  }

  private void checkRow(Row r, OrderStatus s, Transition expected, String label) {
    boolean voids = r.name().equals(Transition.VOID_ACTIVITY.name());
    Order made = voids ? withActivity(s, label) : w.orderIn(s, label);
    Order before = r.name().equals(Transition.DECIDE_EXTENSION.name())
        && (s == OrderStatus.ACCEPTED || s == OrderStatus.IN_PROGRESS)
        ? orders.requestExtension(w.system, made.id(), laterDay(w), "等待設備到貨", null)
        : made;
    assertThat(before.status()).isEqualTo(s);
    if (expected == Transition.AUTO_CLOSE) {
      w.clock.advance(Duration.ofDays(8));
    }
    w.drainAll();
    if (expected == null) {
      // (a placed order cannot hold activity a1: the status is what the table refuses)
      RuleViolationException e = refused(() -> r.call().apply(w, before),
          RuleViolationException.class, "order-transition");
      assertThat(e.getMessage()).doesNotContain(before.title());
      assertThat(w.order(before.id()).version()).isEqualTo(before.version());
      return;
    }
    Order after = r.call().apply(w, before);
    assertThat(after.status()).as(label).isEqualTo(expected.to(s));
    assertThat(after.version()).isEqualTo(before.version() + 1);
    assertThat(after.timeline()).hasSize(before.timeline().size() + 1);
    TimelineEntry last = after.timeline().get(after.timeline().size() - 1);
    assertThat(last.transition()).isEqualTo(expected);
    assertThat(last.from()).contains(s);
    assertThat(last.to()).isEqualTo(expected.to(s));
    assertThat(last.at()).isEqualTo(w.clock.instant());
    assertThat(last.actor()).isEqualTo("system matrix");
    assertThat(w.order(after.id())).isEqualTo(after);
  }

  /** An order in a status that holds activity a1 (a placed order cannot). */
  private Order withActivity(OrderStatus s, String title) {
    Actor sys = w.system;
    switch (s) {
      case PLACED:
      case CANCELLED: // an order accepted once cannot be cancelled, so it never held activities
        return w.orderIn(s, title);
      case IN_PROGRESS:
      case RESOLVED:
      case CLOSED:
        return w.orderIn(s, title);
      default:
        break;
    }
    Order o = w.orderIn(OrderStatus.IN_PROGRESS, title);
    o = orders.transfer(sys, o.id(), hy.squadId(SquadKind.TRAINING), "改由培訓組辦理", null);
    switch (s) {
      case DISPATCHED:
        return o;
      case ACCEPTED:
        return orders.accept(sys, o.id(), acceptance(hy.lead(SquadKind.TRAINING)));
      case RETURNED:
        return orders.sendBack(sys, o.id(), "培訓組也無法辦理", null);
      default:
        throw new IllegalArgumentException(s.name());
    }
  }

  @Test
  void aCancelledOrderNeverChangesAgain() {
    Order o = w.orderIn(OrderStatus.CANCELLED, "已撤銷的需求");
    for (Transition t : Transition.values()) {
      assertThat(t.allowedFrom(OrderStatus.CANCELLED)).as(t.name()).isFalse();
    }
    refused(() -> orders.dispatch(w.coordinator(), o.id(), hy.squadId(SquadKind.INDUSTRY), null),
        RuleViolationException.class, "order-transition");
    refused(() -> orders.cancel(w.requester(), o.id(), "再撤一次", null),
        RuleViolationException.class, "order-transition");
  }

  // ---- place --------------------------------------------------------------------------------

  @Test
  void placeLandsPlacedWithOneTimelineEntry() {
    LocalDate desired = LocalDate.of(2024, 6, 30);
    Order o = orders.place(w.requester(), w.beishunOrder("葡萄裂果怎麼辦")
        .urgency(Urgency.URGENT).requestedSquadKind(SquadKind.INDUSTRY).desiredBy(desired)
        .addAttachments("photo://vineyard/1.jpg").build());

    assertThat(o.status()).isEqualTo(OrderStatus.PLACED);
    assertThat(o.group()).isEqualTo(hy.id);
    assertThat(o.village()).isEqualTo(w.beishun.id());
    assertThat(o.requester()).isEqualTo(w.beishunSecretary.id());
    assertThat(o.title()).isEqualTo("葡萄裂果怎麼辦");
    assertThat(o.urgency()).isEqualTo(Urgency.URGENT);
    assertThat(o.requestedSquadKind()).contains(SquadKind.INDUSTRY);
    assertThat(o.desiredBy()).contains(desired);
    assertThat(o.attachments()).containsExactly("photo://vineyard/1.jpg");
    assertThat(o.squad()).isEmpty();
    assertThat(o.openForClaiming()).isFalse();
    assertThat(o.lead()).isEmpty();
    assertThat(o.placedAt()).isEqualTo(OrderFixtures.START);
    assertThat(o.version()).isEqualTo(1);
    assertThat(o.timeline()).singleElement().satisfies(e -> {
      assertThat(e.transition()).isEqualTo(Transition.PLACE);
      assertThat(e.from()).isEmpty();
      assertThat(e.to()).isEqualTo(OrderStatus.PLACED);
      assertThat(e.actor()).isEqualTo("member " + w.beishunSecretary.id());
    });
    assertThat(w.order(o.id())).isEqualTo(o);
  }

  @Test
  void placeTrimsAndKeepsTheLimitsInclusive() {
    Order o = orders.place(w.requester(), w.beishunOrder("\u3000" + "題".repeat(100) + " ")
        .description("述".repeat(2000)).attachments(attachments(20)).build());
    assertThat(o.title()).isEqualTo("題".repeat(100));
    assertThat(o.description()).hasSize(2000);
    assertThat(o.attachments()).hasSize(20);
  }

  @Test
  void placeRefusesABlankTitle() {
    for (String blank : List.of("", "   ", "\u3000\u3000", "\t\n")) {
      ValidationException e = refused(() -> orders.place(w.requester(),
          w.beishunOrder(blank).build()), ValidationException.class, "order.title");
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
    }
  }

  @Test
  void placeRefusesATitleOf101Characters() {
    String title = "葡".repeat(101);
    ValidationException e = refused(() -> orders.place(w.requester(),
        w.beishunOrder(title).build()), ValidationException.class, "order.title");
    assertThat(e.getMessage()).doesNotContain("葡");
  }

  @Test
  void placeRefusesADescriptionOf2001Characters() {
    refused(() -> orders.place(w.requester(), w.beishunOrder("太長的說明")
        .description("述".repeat(2001)).build()), ValidationException.class,
        "order.description");
  }

  @Test
  void placeRefuses21Attachments() {
    refused(() -> orders.place(w.requester(), w.beishunOrder("附件太多")
        .attachments(attachments(21)).build()), ValidationException.class,
        "order.attachments");
  }

  @Test
  void placeRefusesADesiredDateInThePastOfTheGroupsZone() {
    // 2024-06-03T17:00Z is already 4 June, 01:00, in Weinan: 3 June has passed there.
    w.clock.set(Instant.parse("2024-06-03T17:00:00Z"));
    refused(() -> orders.place(w.requester(), w.beishunOrder("昨天就要")
        .desiredBy(LocalDate.of(2024, 6, 3)).build()), ValidationException.class,
        "order.desiredBy");

    Order today = orders.place(w.requester(), w.beishunOrder("今天就要")
        .desiredBy(LocalDate.of(2024, 6, 4)).build());
    assertThat(today.desiredBy()).contains(LocalDate.of(2024, 6, 4));
  }

  @Test
  void placeRefusesARequesterWhoIsNotACadreOfTheVillage() {
    refused(() -> orders.place(w.system, w.beishunOrder("替北順村點單")
        .requester(w.nangouCadre.id()).build()), RuleViolationException.class,
        "requester-is-cadre");
    refused(() -> orders.place(w.system, w.beishunOrder("普通成員點單")
        .requester(hy.plain.id()).build()), RuleViolationException.class,
        "requester-is-cadre");
    refused(() -> orders.place(w.system, w.beishunOrder("澄城的村幹部")
        .requester(w.dongbailongCadre.id()).build()), RuleViolationException.class,
        "requester-is-cadre");
    refused(() -> orders.place(w.requester(), w.beishunOrder("書記替普通成員點單")
        .requester(hy.plain.id()).build()), RuleViolationException.class,
        "requester-is-cadre");
  }

  @Test
  void placeRefusesACadreActingForAnotherCadre() {
    refused(() -> orders.place(actor(w.beishunDeputy), w.beishunOrder("替書記點單").build()),
        ValidationException.class, "order.requester");
  }

  @Test
  void anotherCadreOfTheVillagePlacesForHimself() {
    Order o = orders.place(actor(w.beishunDeputy), w.beishunOrder("副主任點單")
        .requester(w.beishunDeputy.id()).build());
    assertThat(o.requester()).isEqualTo(w.beishunDeputy.id());
  }

  @Test
  void placingWithASquadLandsDispatched() {
    Order o = orders.place(w.requester(), w.beishunOrder("直接點產業組")
        .squad(hy.squadId(SquadKind.INDUSTRY)).build());
    assertThat(o.status()).isEqualTo(OrderStatus.DISPATCHED);
    assertThat(o.squad()).contains(hy.squadId(SquadKind.INDUSTRY));
    assertThat(o.openForClaiming()).isFalse();
    assertThat(o.timeline()).singleElement().satisfies(e -> {
      assertThat(e.transition()).isEqualTo(Transition.PLACE_TO_SQUAD);
      assertThat(e.from()).isEmpty();
      assertThat(e.to()).isEqualTo(OrderStatus.DISPATCHED);
    });
    assertThat(ids(all(p -> orders.openWorkOf(hy.squadId(SquadKind.INDUSTRY), p))))
        .containsExactly(o.id());
  }

  @Test
  void placingWithASquadOfAnotherGroupIsRefused() {
    refused(() -> orders.place(w.requester(), w.beishunOrder("點了澄城的組")
        .squad(w.chengchengTeam.squadId(SquadKind.INDUSTRY)).build()),
        RuleViolationException.class, "squad-in-group");
  }

  // ---- dispatch, open for claiming, accept ------------------------------------------------

  @Test
  void dispatchSendsAPlacedOrderToASquad() {
    Order o = w.orderIn(OrderStatus.PLACED, "派單");
    Order d = orders.dispatch(w.coordinator(), o.id(), hy.squadId(SquadKind.TRAINING), null);
    assertThat(d.status()).isEqualTo(OrderStatus.DISPATCHED);
    assertThat(d.squad()).contains(hy.squadId(SquadKind.TRAINING));
    assertThat(d.openForClaiming()).isFalse();
  }

  @Test
  void dispatchToASquadOfAnotherGroupIsRefused() {
    Order o = w.orderIn(OrderStatus.PLACED, "派錯團");
    refused(() -> orders.dispatch(w.coordinator(), o.id(),
        w.linweiTeam.squadId(SquadKind.TRAINING), null), RuleViolationException.class,
        "squad-in-group");
  }

  @Test
  void acceptNamesTheLeadAndHelpersFromAnySquadOfTheGroup() {
    Order o = w.orderIn(OrderStatus.DISPATCHED, "接單");
    Member helper1 = hy.member(SquadKind.TRAINING, 2);
    Member helper2 = hy.member(SquadKind.MARKETING, 0);
    Order a = orders.accept(actor(hy.member(SquadKind.INDUSTRY, 2)), o.id(),
        acceptance(w.standardLead(), helper1, helper2));
    assertThat(a.status()).isEqualTo(OrderStatus.ACCEPTED);
    assertThat(a.squad()).contains(hy.squadId(SquadKind.INDUSTRY));
    assertThat(a.lead()).contains(w.standardLead().id());
    assertThat(a.helpers()).containsExactlyInAnyOrder(helper1.id(), helper2.id());
    assertThat(a.acceptedAt()).contains(w.clock.instant());
  }

  @Test
  void theLeadMustServeInTheSquad() {
    Order o = w.orderIn(OrderStatus.DISPATCHED, "組長不在本組");
    refused(() -> orders.accept(actor(w.standardLead()), o.id(),
        acceptance(hy.lead(SquadKind.MARKETING))), RuleViolationException.class,
        "lead-in-squad");
    refused(() -> orders.accept(actor(w.standardLead()), o.id(),
        acceptance(hy.plain)), RuleViolationException.class, "lead-in-squad");
    refused(() -> orders.accept(actor(w.standardLead()), o.id(),
        acceptance(w.chengchengTeam.lead(SquadKind.INDUSTRY))), RuleViolationException.class,
        "lead-in-squad");
  }

  @Test
  void helpersMustServeInSomeSquadOfTheGroup() {
    Order o = w.orderIn(OrderStatus.DISPATCHED, "幫手不在組裡");
    refused(() -> orders.accept(actor(w.standardLead()), o.id(),
        acceptance(w.standardLead(), hy.plain)), RuleViolationException.class,
        "helpers-in-group");
    refused(() -> orders.accept(actor(w.standardLead()), o.id(),
        acceptance(w.standardLead(), w.linweiTeam.member(SquadKind.TRAINING, 1))),
        RuleViolationException.class, "helpers-in-group");
    refused(() -> orders.accept(actor(w.standardLead()), o.id(),
        acceptance(w.standardLead(), w.beishunSecretary)), RuleViolationException.class,
        "helpers-in-group");
  }

  @Test
  void atMostTenHelpers() {
    List<Member> others = new ArrayList<>();
    for (SquadKind k : OrderFixtures.KINDS) {
      for (Member m : hy.members.get(k)) {
        if (!m.id().equals(w.standardLead().id())) {
          others.add(m);
        }
      }
    }
    assertThat(others).hasSize(11);
    Order o = w.orderIn(OrderStatus.DISPATCHED, "幫手太多");
    refused(() -> orders.accept(actor(w.standardLead()), o.id(),
        acceptance(w.standardLead(), others.toArray(Member[]::new))),
        ValidationException.class, "acceptance.helpers");

    Order ten = orders.accept(actor(w.standardLead()), o.id(),
        acceptance(w.standardLead(), others.subList(0, 10).toArray(Member[]::new)));
    assertThat(ten.helpers()).hasSize(10);
  }

  @Test
  void aDispatchedOrderIsAcceptedOnlyForItsTargetSquad() {
    Order o = w.orderIn(OrderStatus.DISPATCHED, "別的組接單");
    refused(() -> orders.accept(actor(w.standardLead()), o.id(), new Acceptance.Builder()
        .squad(hy.squadId(SquadKind.TRAINING)).lead(hy.lead(SquadKind.TRAINING).id()).build()),
        RuleViolationException.class, "accept-target-squad");

    Order named = orders.accept(actor(w.standardLead()), o.id(), new Acceptance.Builder()
        .squad(hy.squadId(SquadKind.INDUSTRY)).lead(w.standardLead().id()).build());
    assertThat(named.status()).isEqualTo(OrderStatus.ACCEPTED);
  }

  @Test
  void anOpenOrderIsClaimedByASquadItsMemberServesIn() {
    Order o = w.orderIn(OrderStatus.PLACED, "搶單");
    Order open = orders.openForClaiming(w.coordinator(), o.id(), null);
    assertThat(open.status()).isEqualTo(OrderStatus.DISPATCHED);
    assertThat(open.openForClaiming()).isTrue();
    assertThat(open.squad()).isEmpty();

    Actor trainer = actor(hy.member(SquadKind.TRAINING, 1));
    Order claimed = orders.accept(trainer, o.id(), new Acceptance.Builder()
        .squad(hy.squadId(SquadKind.TRAINING)).lead(hy.lead(SquadKind.TRAINING).id()).build());
    assertThat(claimed.status()).isEqualTo(OrderStatus.ACCEPTED);
    assertThat(claimed.squad()).contains(hy.squadId(SquadKind.TRAINING));
    assertThat(claimed.openForClaiming()).isFalse();
    assertThat(claimed.lead()).contains(hy.lead(SquadKind.TRAINING).id());
  }

  @Test
  void claimingAnOpenOrderNeedsTheSquad() {
    Order o = w.orderIn(OrderStatus.PLACED, "搶單沒寫組");
    orders.openForClaiming(w.coordinator(), o.id(), null);
    refused(() -> orders.accept(w.system, o.id(), acceptance(hy.lead(SquadKind.TRAINING))),
        ValidationException.class, "acceptance.squad");
  }

  /**
   * Orders: "members of the target squad (of any squad, for an open order) accept"; Role:
   * TARGET_SQUAD_MEMBER is "a member of ... any squad for an open order". So a squad member who
   * forgets to name the squad holds the role and is refused for the missing field.
   */
  @Test
  void aSquadMemberClaimingAnOpenOrderWithoutTheSquadIsToldTheSquadIsMissing() {
    Order o = w.orderIn(OrderStatus.PLACED, "組員搶單沒寫組");
    orders.openForClaiming(w.coordinator(), o.id(), null);
    refused(() -> orders.accept(actor(hy.member(SquadKind.TRAINING, 1)), o.id(),
        acceptance(hy.lead(SquadKind.TRAINING))), ValidationException.class,
        "acceptance.squad");
  }

  @Test
  void anOpenOrderIsClaimedOnlyForASquadTheActorServesIn() {
    Order o = w.orderIn(OrderStatus.PLACED, "搶別組的單");
    orders.openForClaiming(w.coordinator(), o.id(), null);
    refused(() -> orders.accept(actor(hy.member(SquadKind.TRAINING, 1)), o.id(),
        new Acceptance.Builder().squad(hy.squadId(SquadKind.MARKETING))
            .lead(hy.lead(SquadKind.MARKETING).id()).build()),
        AccessDeniedException.class, Action.TAKE_ORDER.name());
    refused(() -> orders.accept(actor(hy.plain), o.id(),
        new Acceptance.Builder().squad(hy.squadId(SquadKind.MARKETING))
            .lead(hy.lead(SquadKind.MARKETING).id()).build()),
        AccessDeniedException.class, Action.TAKE_ORDER.name());
  }

  @Test
  void anOpenOrderIsNotClaimedForASquadOfAnotherGroup() {
    Order o = w.orderIn(OrderStatus.PLACED, "搶單給外團");
    orders.openForClaiming(w.coordinator(), o.id(), null);
    refused(() -> orders.accept(w.system, o.id(),
        new Acceptance.Builder().squad(w.chengchengTeam.squadId(SquadKind.TRAINING))
            .lead(w.chengchengTeam.lead(SquadKind.TRAINING).id()).build()),
        RuleViolationException.class, "squad-in-group");
  }

  // ---- returns, assignment, transfer, cancel ----------------------------------------------

  @Test
  void sendBackCountsReturnsPerOrderAndPerSquadAndClearsTheSquad() {
    SquadId industry = hy.squadId(SquadKind.INDUSTRY);
    SquadId training = hy.squadId(SquadKind.TRAINING);
    Order o = w.orderIn(OrderStatus.PLACED, "三次退單");
    orders.dispatch(w.coordinator(), o.id(), industry, null);
    Order r1 = orders.sendBack(actor(hy.member(SquadKind.INDUSTRY, 1)), o.id(), "人手不足", null);
    assertThat(r1.status()).isEqualTo(OrderStatus.RETURNED);
    assertThat(r1.squad()).isEmpty();
    assertThat(r1.returns()).isEqualTo(1);
    assertThat(r1.returnsBySquad()).containsExactlyEntriesOf(Map.of(industry, 1));
    assertThat(r1.timeline().get(r1.timeline().size() - 1).note()).contains("人手不足");

    orders.dispatch(w.coordinator(), o.id(), training, null);
    orders.sendBack(actor(hy.lead(SquadKind.TRAINING)), o.id(), "不是培訓問題", null);
    orders.dispatch(w.coordinator(), o.id(), industry, null);
    Order r3 = orders.sendBack(actor(w.standardLead()), o.id(), "仍然無法辦理", null);

    assertThat(r3.returns()).isEqualTo(3);
    assertThat(r3.returnsBySquad()).isEqualTo(Map.of(industry, 2, training, 1));
    assertThat(r3.squad()).isEmpty();
    assertThat(r3.timeline()).extracting(TimelineEntry::transition).containsExactly(
        Transition.PLACE, Transition.DISPATCH, Transition.RETURN, Transition.DISPATCH,
        Transition.RETURN, Transition.DISPATCH, Transition.RETURN);
  }

  @Test
  void anOpenOrderCannotBeSentBack() {
    Order o = w.orderIn(OrderStatus.PLACED, "搶單不能退");
    orders.openForClaiming(w.coordinator(), o.id(), null);
    refused(() -> orders.sendBack(w.system, o.id(), "不想接", null),
        RuleViolationException.class, "return-dispatched-only");
  }

  /**
   * Orders: members "of any squad, for an open order" accept and return; so a squad member who
   * tries to return an open order holds the role and is refused by the rule.
   */
  @Test
  void aSquadMemberReturningAnOpenOrderIsToldOnlyDispatchedOrdersReturn() {
    Order o = w.orderIn(OrderStatus.PLACED, "組員退搶單");
    orders.openForClaiming(w.coordinator(), o.id(), null);
    refused(() -> orders.sendBack(actor(w.standardLead()), o.id(), "不想接", null),
        RuleViolationException.class, "return-dispatched-only");
  }

  @Test
  void assignRulesOnAReturnedOrderAndNeedsTheSquad() {
    Order o = w.orderIn(OrderStatus.RETURNED, "指派");
    refused(() -> orders.assign(w.coordinator(), o.id(), acceptance(w.standardLead())),
        ValidationException.class, "acceptance.squad");

    Order a = orders.assign(w.coordinator(), o.id(), new Acceptance.Builder()
        .squad(hy.squadId(SquadKind.INDUSTRY)).lead(w.standardLead().id())
        .addHelpers(w.standardHelper().id()).build());
    assertThat(a.status()).isEqualTo(OrderStatus.ACCEPTED);
    assertThat(a.squad()).contains(hy.squadId(SquadKind.INDUSTRY));
    assertThat(a.lead()).contains(w.standardLead().id());
    assertThat(a.helpers()).containsExactly(w.standardHelper().id());
  }

  @Test
  void assignChecksTheLeadAndTheSquadsGroup() {
    Order o = w.orderIn(OrderStatus.RETURNED, "指派給外團");
    refused(() -> orders.assign(w.coordinator(), o.id(), new Acceptance.Builder()
        .squad(w.chengchengTeam.squadId(SquadKind.INDUSTRY))
        .lead(w.chengchengTeam.lead(SquadKind.INDUSTRY).id()).build()),
        RuleViolationException.class, "squad-in-group");
    refused(() -> orders.assign(w.coordinator(), o.id(), new Acceptance.Builder()
        .squad(hy.squadId(SquadKind.INDUSTRY)).lead(hy.lead(SquadKind.TRAINING).id()).build()),
        RuleViolationException.class, "lead-in-squad");
  }

  @Test
  void transferToTheSameSquadIsRefused() {
    Order o = w.orderIn(OrderStatus.ACCEPTED, "原地轉辦");
    refused(() -> orders.transfer(w.coordinator(), o.id(), hy.squadId(SquadKind.INDUSTRY),
        "轉給自己", null), RuleViolationException.class, "transfer-elsewhere");
  }

  @Test
  void transferReleasesLeadAndHelpersAndTheNewSquadAcceptsAnew() {
    Order o = w.orderIn(OrderStatus.IN_PROGRESS, "轉辦");
    SquadId marketing = hy.squadId(SquadKind.MARKETING);
    Order t = orders.transfer(w.coordinator(), o.id(), marketing, "其實是銷售問題", null);
    assertThat(t.status()).isEqualTo(OrderStatus.DISPATCHED);
    assertThat(t.squad()).contains(marketing);
    assertThat(t.lead()).isEmpty();
    assertThat(t.helpers()).isEmpty();
    assertThat(t.activities()).hasSize(1);
    assertThat(t.timeline().get(t.timeline().size() - 1).note()).contains("其實是銷售問題");

    // the released lead no longer handles it
    refused(() -> orders.recordActivity(actor(w.standardLead()), o.id(), visit("還想記一筆")),
        RuleViolationException.class, "order-transition");
    Order a = orders.accept(actor(hy.lead(SquadKind.MARKETING)), o.id(),
        acceptance(hy.lead(SquadKind.MARKETING)));
    assertThat(a.lead()).contains(hy.lead(SquadKind.MARKETING).id());
    assertThat(a.squad()).contains(marketing);
  }

  @Test
  void transferToASquadOfAnotherGroupIsRefused() {
    Order o = w.orderIn(OrderStatus.DISPATCHED, "轉到外團");
    refused(() -> orders.transfer(w.coordinator(), o.id(),
        w.linweiTeam.squadId(SquadKind.MARKETING), "外團更懂", null),
        RuleViolationException.class, "squad-in-group");
  }

  @Test
  void cancelOnlyBeforeAcceptance() {
    for (OrderStatus s : List.of(OrderStatus.PLACED, OrderStatus.DISPATCHED,
        OrderStatus.RETURNED)) {
      Order o = w.orderIn(s, "撤銷 " + s);
      Order c = orders.cancel(w.requester(), o.id(), "不需要了", null);
      assertThat(c.status()).isEqualTo(OrderStatus.CANCELLED);
      assertThat(c.closedAt()).contains(w.clock.instant());
    }
    for (OrderStatus s : List.of(OrderStatus.ACCEPTED, OrderStatus.IN_PROGRESS,
        OrderStatus.RESOLVED, OrderStatus.CLOSED)) {
      Order o = w.orderIn(s, "撤銷 " + s);
      refused(() -> orders.cancel(w.requester(), o.id(), "不需要了", null),
          RuleViolationException.class, "order-transition");
    }
  }

  @Test
  void closeOutOfScopeClosesWithTheReason() {
    Order o = w.orderIn(OrderStatus.PLACED, "要求修高速公路");
    Order c = orders.closeOutOfScope(w.coordinator(), o.id(), "屬交通部門職責", null);
    assertThat(c.status()).isEqualTo(OrderStatus.CLOSED);
    assertThat(c.closure()).contains(Closure.OUT_OF_SCOPE);
    assertThat(c.closedAt()).contains(w.clock.instant());
    assertThat(c.timeline().get(c.timeline().size() - 1).note()).contains("屬交通部門職責");
  }

  // ---- activities -----------------------------------------------------------------------------

  @Test
  void theFirstActivityStartsTheWorkAndLaterOnesStay() {
    Order o = w.orderIn(OrderStatus.ACCEPTED, "活動");
    Order first = orders.recordActivity(actor(w.standardLead()), o.id(), visit("第一次走訪"));
    assertThat(first.status()).isEqualTo(OrderStatus.IN_PROGRESS);
    assertThat(first.timeline().get(first.timeline().size() - 1).transition())
        .isEqualTo(Transition.START);

    w.clock.advance(Duration.ofHours(3));
    Order second = orders.recordActivity(actor(w.standardHelper()), o.id(),
        new NewActivity.Builder().kind(ActivityKind.CONSULTATION).summary("電話諮詢").build());
    assertThat(second.status()).isEqualTo(OrderStatus.IN_PROGRESS);
    TimelineEntry last = second.timeline().get(second.timeline().size() - 1);
    assertThat(last.transition()).isEqualTo(Transition.RECORD_ACTIVITY);
    assertThat(last.from()).contains(OrderStatus.IN_PROGRESS);
    assertThat(second.activities()).extracting(Activity::kind)
        .containsExactly(ActivityKind.VISIT, ActivityKind.CONSULTATION);
    assertThat(second.activities()).extracting(Activity::actor).containsExactly(
        "member " + w.standardLead().id(), "member " + w.standardHelper().id());
    assertThat(second.activities().get(1).at()).isEqualTo(w.clock.instant());
    assertThat(second.activities()).extracting(Activity::id).doesNotHaveDuplicates();
  }

  @Test
  void aTrainingNeedsATopicAndAHeadCountOf1To100000() {
    Order o = w.orderIn(OrderStatus.ACCEPTED, "培訓");
    Actor lead = actor(w.standardLead());
    refused(() -> orders.recordActivity(lead, o.id(), training(null, 30)),
        ValidationException.class, "activity.topic");
    refused(() -> orders.recordActivity(lead, o.id(), training("修剪技術", null)),
        ValidationException.class, "activity.headCount");
    refused(() -> orders.recordActivity(lead, o.id(), training("修剪技術", 0)),
        ValidationException.class, "activity.headCount");
    refused(() -> orders.recordActivity(lead, o.id(), training("修剪技術", 100_001)),
        ValidationException.class, "activity.headCount");

    Order one = orders.recordActivity(lead, o.id(), training("修剪技術", 1));
    Order many = orders.recordActivity(lead, o.id(), training("病蟲害防治", 100_000));
    assertThat(one.activities().get(0).headCount()).contains(1);
    assertThat(many.activities().get(1).headCount()).contains(100_000);
    assertThat(many.activities().get(1).topic()).contains("病蟲害防治");
  }

  @Test
  void aReferralNeedsWhomItReferredTo() {
    Order o = w.orderIn(OrderStatus.ACCEPTED, "對接");
    refused(() -> orders.recordActivity(actor(w.standardLead()), o.id(),
        new NewActivity.Builder().kind(ActivityKind.REFERRAL).summary("對接資源").build()),
        ValidationException.class, "activity.referredTo");
  }

  @Test
  void moneyOnlyOnReferralsAtLeastZeroWithAtMostTwoDecimals() {
    Order o = w.orderIn(OrderStatus.ACCEPTED, "資金");
    Actor lead = actor(w.standardLead());
    refused(() -> orders.recordActivity(lead, o.id(), new NewActivity.Builder()
        .kind(ActivityKind.VISIT).summary("走訪").money(new BigDecimal("100")).build()),
        ValidationException.class, "activity.money");
    refused(() -> orders.recordActivity(lead, o.id(), referral(new BigDecimal("-0.01"))),
        ValidationException.class, "activity.money");
    refused(() -> orders.recordActivity(lead, o.id(), referral(new BigDecimal("12.345"))),
        ValidationException.class, "activity.money");

    Order zero = orders.recordActivity(lead, o.id(), referral(BigDecimal.ZERO));
    Order cents = orders.recordActivity(lead, o.id(), referral(new BigDecimal("12.34")));
    assertThat(zero.activities().get(0).money()).contains(BigDecimal.ZERO);
    assertThat(cents.activities().get(1).money()).contains(new BigDecimal("12.34"));
    assertThat(cents.activities().get(1).referredTo()).contains("縣農業農村局項目辦");
  }

  @Test
  void voidActivityMarksItVoidWithTheReason() {
    Order o = w.orderIn(OrderStatus.IN_PROGRESS, "作廢");
    String id = o.activities().get(0).id();
    Order v = orders.voidActivity(actor(w.standardHelper()), o.id(), id, "記錯了村子", null);
    assertThat(v.status()).isEqualTo(OrderStatus.IN_PROGRESS);
    assertThat(v.activities()).singleElement().satisfies(a -> {
      assertThat(a.id()).isEqualTo(id);
      assertThat(a.voided()).isTrue();
      assertThat(a.voidReason()).contains("記錯了村子");
      assertThat(a.summary()).isEqualTo(o.activities().get(0).summary());
    });
    TimelineEntry last = v.timeline().get(v.timeline().size() - 1);
    assertThat(last.transition()).isEqualTo(Transition.VOID_ACTIVITY);
    assertThat(last.from()).contains(OrderStatus.IN_PROGRESS);
    assertThat(last.to()).isEqualTo(OrderStatus.IN_PROGRESS);
  }

  @Test
  void voidingAnUnknownActivityIsNotFound() {
    Order o = w.orderIn(OrderStatus.IN_PROGRESS, "作廢不存在的");
    NotFoundException e = refused(() -> orders.voidActivity(actor(w.standardLead()), o.id(),
        "a99", "沒有這條", null), NotFoundException.class, "activity");
    assertThat(e.id()).isEqualTo("a99");
  }

  @Test
  void anActivityIsVoidedOnce() {
    Order o = w.orderIn(OrderStatus.IN_PROGRESS, "作廢兩次");
    String id = o.activities().get(0).id();
    orders.voidActivity(actor(w.standardLead()), o.id(), id, "記錯了", null);
    refused(() -> orders.voidActivity(actor(w.standardLead()), o.id(), id, "再作廢", null),
        RuleViolationException.class, "void-once");
  }

  // ---- resolution and rating ----------------------------------------------------------------

  @Test
  void resolveKeepsTheReportAndFigures() {
    Order o = w.orderIn(OrderStatus.IN_PROGRESS, "辦結");
    Map<String, BigDecimal> figures = new LinkedHashMap<>();
    for (int i = 1; i <= 20; i++) {
      figures.put("figure" + i, BigDecimal.valueOf(i));
    }
    Order r = orders.resolve(actor(w.standardLead()), o.id(), new Resolution.Builder()
        .report("  完成報告  ").outcome(figures).build());
    assertThat(r.status()).isEqualTo(OrderStatus.RESOLVED);
    assertThat(r.report()).contains("完成報告");
    assertThat(r.outcome()).isEqualTo(figures);
    assertThat(r.resolvedAt()).contains(w.clock.instant());
  }

  @Test
  void resolveRefuses21Figures() {
    Order o = w.orderIn(OrderStatus.IN_PROGRESS, "數字太多");
    Resolution.Builder b = new Resolution.Builder().report("完成");
    for (int i = 1; i <= 21; i++) {
      b.putOutcome("figure" + i, BigDecimal.ONE);
    }
    Resolution tooMany = b.build();
    refused(() -> orders.resolve(actor(w.standardLead()), o.id(), tooMany),
        ValidationException.class, "resolution.outcome");
  }

  @Test
  void anAcceptedOrderMayBeResolvedWithoutActivities() {
    Order o = w.orderIn(OrderStatus.ACCEPTED, "直接辦結");
    Order r = orders.resolve(actor(w.standardLead()), o.id(), resolution("電話裡就解決了"));
    assertThat(r.status()).isEqualTo(OrderStatus.RESOLVED);
  }

  @Test
  void starsMustBe1To5() {
    Order o = w.orderIn(OrderStatus.RESOLVED, "評分範圍");
    for (int stars : new int[] {0, 6, -1, Integer.MAX_VALUE}) {
      refused(() -> orders.rate(w.requester(), o.id(), stars, null, null),
          ValidationException.class, "rating.stars");
    }
    for (int stars = 3; stars <= 5; stars++) {
      Order r = w.orderIn(OrderStatus.RESOLVED, "評" + stars);
      Order rated = orders.rate(w.requester(), r.id(), stars, null, null);
      assertThat(rated.status()).isEqualTo(OrderStatus.CLOSED);
      assertThat(rated.closure()).contains(Closure.RATED);
      assertThat(rated.ratings()).singleElement().satisfies(x -> {
        assertThat(x.stars()).isEqualTo(rated.ratings().get(0).stars());
        assertThat(x.actor()).isEqualTo("member " + w.beishunSecretary.id());
      });
    }
  }

  @Test
  void aPoorRatingWithinTheWindowReopensWithTheSameLead() {
    Order o = w.orderIn(OrderStatus.RESOLVED, "差評重辦");
    w.clock.advance(Duration.ofDays(14));
    Order reopened = orders.rate(w.requester(), o.id(), 2, "葡萄還是裂", null);
    assertThat(reopened.status()).isEqualTo(OrderStatus.IN_PROGRESS);
    assertThat(reopened.lead()).isEqualTo(o.lead());
    assertThat(reopened.helpers()).isEqualTo(o.helpers());
    assertThat(reopened.reopens()).isEqualTo(1);
    assertThat(reopened.closure()).isEmpty();
    assertThat(reopened.ratings()).singleElement().satisfies(r -> {
      assertThat(r.stars()).isEqualTo(2);
      assertThat(r.comment()).contains("葡萄還是裂");
    });
    assertThat(reopened.timeline().get(reopened.timeline().size() - 1).transition())
        .isEqualTo(Transition.REOPEN_ON_RATING);

    orders.resolve(actor(w.standardLead()), o.id(), resolution("再次指導"));
    Order closed = orders.rate(w.requester(), o.id(), 4, null, null);
    assertThat(closed.status()).isEqualTo(OrderStatus.CLOSED);
    assertThat(closed.ratings()).extracting(Rating::stars).containsExactly(2, 4);
  }

  @Test
  void aPoorRatingOutsideTheWindowCloses() {
    Order o = w.orderIn(OrderStatus.RESOLVED, "過期差評");
    w.clock.advance(Duration.ofDays(15).plusSeconds(1));
    Order closed = orders.rate(w.requester(), o.id(), 1, "太晚了", null);
    assertThat(closed.status()).isEqualTo(OrderStatus.CLOSED);
    assertThat(closed.closure()).contains(Closure.RATED);
    assertThat(closed.reopens()).isZero();
    assertThat(closed.ratings()).extracting(Rating::stars).containsExactly(1);
  }

  @Test
  void aPoorRatingPastMaxReopensCloses() {
    Order o = w.orderIn(OrderStatus.RESOLVED, "多次差評");
    Actor lead = actor(w.standardLead());
    assertThat(orders.rate(w.requester(), o.id(), 1, null, null).reopens()).isEqualTo(1);
    orders.resolve(lead, o.id(), resolution("第二次辦結"));
    assertThat(orders.rate(w.requester(), o.id(), 2, null, null).reopens()).isEqualTo(2);
    orders.resolve(lead, o.id(), resolution("第三次辦結"));
    Order closed = orders.rate(w.requester(), o.id(), 1, null, null);
    assertThat(closed.status()).isEqualTo(OrderStatus.CLOSED);
    assertThat(closed.closure()).contains(Closure.RATED);
    assertThat(closed.reopens()).isEqualTo(2);
    assertThat(closed.ratings()).extracting(Rating::stars).containsExactly(1, 2, 1);
    assertThat(closed.timeline()).extracting(TimelineEntry::transition)
        .filteredOn(t -> t == Transition.REOPEN_ON_RATING).hasSize(2);
  }

  @Test
  void maxReopensOfZeroNeverReopens() {
    try (OrderFixtures strict = OrderFixtures.weinan(
        OrderSettings.of(Duration.ofDays(15), 0, Duration.ofDays(7)))) {
      Order o = strict.orderIn(OrderStatus.RESOLVED, "不許重辦");
      Order closed = strict.orders.rate(strict.requester(), o.id(), 1, null, null);
      assertThat(closed.status()).isEqualTo(OrderStatus.CLOSED);
      assertThat(closed.reopens()).isZero();
    }
  }

  @Test
  void anotherCadreOfTheVillageMayRate() {
    Order o = w.orderIn(OrderStatus.RESOLVED, "副主任評分");
    Order rated = orders.rate(actor(w.beishunDeputy), o.id(), 5, null, null);
    assertThat(rated.ratings()).singleElement()
        .satisfies(r -> assertThat(r.actor()).isEqualTo("member " + w.beishunDeputy.id()));
  }

  @Test
  void closeUnratedWaitsForTheQuietPeriod() {
    Order o = w.orderIn(OrderStatus.RESOLVED, "無人評分");
    w.clock.advance(Duration.ofDays(7).minusSeconds(1));
    refused(() -> orders.closeUnrated(w.coordinator(), o.id(), null),
        RuleViolationException.class, "quiet-period");
    w.clock.advance(Duration.ofSeconds(1));
    Order closed = orders.closeUnrated(w.coordinator(), o.id(), null);
    assertThat(closed.status()).isEqualTo(OrderStatus.CLOSED);
    assertThat(closed.closure()).contains(Closure.UNRATED);
    assertThat(closed.ratings()).isEmpty();
    assertThat(closed.timeline().get(closed.timeline().size() - 1).transition())
        .isEqualTo(Transition.AUTO_CLOSE);
  }

  @Test
  void verifyConfirmedKeepsItClosed() {
    Order o = w.orderIn(OrderStatus.CLOSED, "回訪確認");
    Order v = orders.verify(w.coordinator(), o.id(), Verdict.CONFIRMED, "村民滿意", null);
    assertThat(v.status()).isEqualTo(OrderStatus.CLOSED);
    assertThat(v.closure()).contains(Closure.RATED);
    assertThat(v.reopens()).isZero();
    TimelineEntry last = v.timeline().get(v.timeline().size() - 1);
    assertThat(last.transition()).isEqualTo(Transition.VERIFY_CONFIRMED);
    assertThat(last.note()).contains("村民滿意");
  }

  @Test
  void verifyDisputedReopensWithTheSameLead() {
    Order o = w.orderIn(OrderStatus.CLOSED, "回訪有異議");
    Order v = orders.verify(w.coordinator(), o.id(), Verdict.DISPUTED, "村民說沒有人來過", null);
    assertThat(v.status()).isEqualTo(OrderStatus.IN_PROGRESS);
    assertThat(v.lead()).isEqualTo(o.lead());
    assertThat(v.reopens()).isEqualTo(1);
    assertThat(v.closure()).isEmpty();
    assertThat(v.closedAt()).isEmpty();
    assertThat(v.timeline().get(v.timeline().size() - 1).transition())
        .isEqualTo(Transition.VERIFY_DISPUTED);
  }

  @Test
  void verifyingAnOutOfScopeClosureIsRefused() {
    Order o = w.orderIn(OrderStatus.PLACED, "範圍外");
    orders.closeOutOfScope(w.coordinator(), o.id(), "不屬本團", null);
    refused(() -> orders.verify(w.coordinator(), o.id(), Verdict.CONFIRMED, "回訪", null),
        RuleViolationException.class, "verify-handled-orders");
    refused(() -> orders.verify(w.coordinator(), o.id(), Verdict.DISPUTED, "回訪", null),
        RuleViolationException.class, "verify-handled-orders");
  }

  // ---- who may ---------------------------------------------------------------------------------

  /** A named actor, for messages. */
  private record Who(String name, Actor actor) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** A command, the status its order must be in, who may run it and who else must not. */
  private record Access(String name, Action action, Function<String, Order> prepare,
      List<Who> right, List<Who> extraWrong, BiFunction<Actor, Order, Order> call) {}

  private List<Access> accessCases() {
    Who requester = new Who("the requester", w.requester());
    Who deputy = new Who("another cadre of the village", actor(w.beishunDeputy));
    Who coordinator = new Who("the coordinator", w.coordinator());
    Who targetMember = new Who("a member of the target squad",
        actor(hy.member(SquadKind.INDUSTRY, 1)));
    Who lead = new Who("the lead", actor(w.standardLead()));
    Who helper = new Who("a helper", actor(w.standardHelper()));
    Who notHandling = new Who("a member of the squad who is no handler",
        actor(hy.member(SquadKind.INDUSTRY, 2)));
    Who system = new Who("the system", Actor.system("host-scheduler"));
    SquadId industry = hy.squadId(SquadKind.INDUSTRY);
    SquadId marketing = hy.squadId(SquadKind.MARKETING);
    Function<OrderStatus, Function<String, Order>> in = s -> title -> w.orderIn(s, title);
    return List.of(
        new Access("dispatch", Action.COORDINATE_ORDER, in.apply(OrderStatus.PLACED),
            List.of(coordinator, system), List.of(requester, lead),
            (a, o) -> orders.dispatch(a, o.id(), industry, null)),
        new Access("openForClaiming", Action.COORDINATE_ORDER, in.apply(OrderStatus.PLACED),
            List.of(coordinator, system), List.of(requester, lead),
            (a, o) -> orders.openForClaiming(a, o.id(), null)),
        new Access("accept", Action.TAKE_ORDER, in.apply(OrderStatus.DISPATCHED),
            List.of(targetMember, lead, system), List.of(requester, coordinator),
            (a, o) -> orders.accept(a, o.id(), acceptance(w.standardLead()))),
        new Access("sendBack", Action.TAKE_ORDER, in.apply(OrderStatus.DISPATCHED),
            List.of(targetMember, lead, system), List.of(requester, coordinator),
            (a, o) -> orders.sendBack(a, o.id(), "人手不足", null)),
        new Access("assign", Action.COORDINATE_ORDER, in.apply(OrderStatus.RETURNED),
            List.of(coordinator, system), List.of(requester, lead),
            (a, o) -> orders.assign(a, o.id(), new Acceptance.Builder().squad(industry)
                .lead(w.standardLead().id()).build())),
        new Access("closeOutOfScope", Action.COORDINATE_ORDER, in.apply(OrderStatus.PLACED),
            List.of(coordinator, system), List.of(requester, lead),
            (a, o) -> orders.closeOutOfScope(a, o.id(), "不屬本團", null)),
        new Access("transfer", Action.COORDINATE_ORDER, in.apply(OrderStatus.IN_PROGRESS),
            List.of(coordinator, system), List.of(requester, lead),
            (a, o) -> orders.transfer(a, o.id(), marketing, "改由行銷組", null)),
        new Access("cancel", Action.PLACE_ORDER, in.apply(OrderStatus.DISPATCHED),
            List.of(requester, deputy, system), List.of(coordinator, targetMember),
            (a, o) -> orders.cancel(a, o.id(), "不需要了", null)),
        new Access("recordActivity", Action.HANDLE_ORDER, in.apply(OrderStatus.ACCEPTED),
            List.of(lead, helper, system), List.of(notHandling, requester, coordinator),
            (a, o) -> orders.recordActivity(a, o.id(), visit("走訪"))),
        new Access("voidActivity", Action.HANDLE_ORDER, in.apply(OrderStatus.IN_PROGRESS),
            List.of(lead, helper, system), List.of(notHandling, requester, coordinator),
            (a, o) -> orders.voidActivity(a, o.id(), o.activities().get(0).id(), "記錯了",
                null)),
        new Access("resolve", Action.HANDLE_ORDER, in.apply(OrderStatus.IN_PROGRESS),
            List.of(lead, helper, system), List.of(notHandling, requester, coordinator),
            (a, o) -> orders.resolve(a, o.id(), resolution("辦結"))),
        new Access("rate", Action.RATE_ORDER, in.apply(OrderStatus.RESOLVED),
            List.of(requester, deputy, system), List.of(coordinator, lead),
            (a, o) -> orders.rate(a, o.id(), 5, null, null)),
        new Access("closeUnrated", Action.COORDINATE_ORDER, title -> {
          Order o = w.orderIn(OrderStatus.RESOLVED, title);
          w.clock.advance(Duration.ofDays(8));
          return o;
        }, List.of(coordinator, system), List.of(requester, lead),
            (a, o) -> orders.closeUnrated(a, o.id(), null)),
        new Access("verify", Action.COORDINATE_ORDER, in.apply(OrderStatus.CLOSED),
            List.of(coordinator, system), List.of(requester, lead),
            (a, o) -> orders.verify(a, o.id(), Verdict.CONFIRMED, "回訪滿意", null)));
  }

  private List<Who> standardWrong() {
    return List.of(
        new Who("a cadre of another village", actor(w.nangouCadre)),
        new Who("another group's coordinator", w.chengchengTeam.coordinatorActor),
        new Who("a member of another squad", actor(hy.member(SquadKind.MARKETING, 1))),
        new Who("an administrator of the county", w.heyangAdmin),
        new Who("an administrator of the city", w.cityAdmin),
        new Who("a plain member", actor(hy.plain)),
        new Who("a member of another group", actor(w.linweiTeam.member(SquadKind.INDUSTRY, 1))));
  }

  @TestFactory
  Stream<DynamicTest> everyCommandIsForItsRolesOnly() {
    return accessCases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      Order o = c.prepare().apply(c.name() + " denied");
      List<Who> wrong = new ArrayList<>(standardWrong());
      wrong.addAll(c.extraWrong());
      for (Who who : wrong) {
        AccessDeniedException e = refused(() -> c.call().apply(who.actor(), o),
            AccessDeniedException.class, c.action().name(), c.name() + " by " + who);
        assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED);
      }
      for (Who who : c.right()) {
        Order fresh = c.prepare().apply(c.name() + " by " + who);
        Order after = c.call().apply(who.actor(), fresh);
        assertThat(after.version()).as(c.name() + " by " + who)
            .isEqualTo(fresh.version() + 1);
        assertThat(after.timeline().get(after.timeline().size() - 1).actor())
            .isEqualTo(who.actor().toString());
      }
    }));
  }

  @Test
  void onlyTheVillagesCadresPlace() {
    List<Who> wrong = new ArrayList<>(standardWrong());
    wrong.add(new Who("the coordinator", w.coordinator()));
    wrong.add(new Who("a squad leader", actor(w.standardLead())));
    for (Who who : wrong) {
      refused(() -> orders.place(who.actor(), w.beishunOrder("代點").build()),
          AccessDeniedException.class, Action.PLACE_ORDER.name(), "place for the cadre by " + who);
      if (who.actor().member().isPresent()) {
        refused(() -> orders.place(who.actor(), w.beishunOrder("自己點")
            .requester(who.actor().member().get()).build()), AccessDeniedException.class,
            Action.PLACE_ORDER.name(), "place for themselves by " + who);
      }
      refused(() -> orders.place(who.actor(), w.beishunOrder("點給產業組")
          .squad(hy.squadId(SquadKind.INDUSTRY)).build()),
          AccessDeniedException.class, Action.PLACE_ORDER.name(), "place to squad by " + who);
    }
    Order bySecretary = orders.place(w.requester(), w.beishunOrder("書記點單").build());
    assertThat(bySecretary.requester()).isEqualTo(w.beishunSecretary.id());
    Order bySystem = orders.place(Actor.system("import"), w.beishunOrder("匯入的需求").build());
    assertThat(bySystem.requester()).isEqualTo(w.beishunSecretary.id());
    assertThat(bySystem.timeline().get(0).actor()).isEqualTo("system import");
  }

  @Test
  void aReplacedCoordinatorIsNoLongerOne() {
    Order o = w.orderIn(OrderStatus.PLACED, "換了協調人");
    Member next = hy.lead(SquadKind.LEAD_GEESE);
    w.roster.appointCoordinator(w.heyangAdmin, hy.id, next.id(), null);
    refused(() -> orders.dispatch(w.coordinator(), o.id(), hy.squadId(SquadKind.INDUSTRY),
        null), AccessDeniedException.class, Action.COORDINATE_ORDER.name());
    Order d = orders.dispatch(actor(next), o.id(), hy.squadId(SquadKind.INDUSTRY), null);
    assertThat(d.status()).isEqualTo(OrderStatus.DISPATCHED);
  }

  // ---- request keys ---------------------------------------------------------------------------

  @Test
  void repeatingPlaceWithTheSameKeyReturnsTheSameOrderAndCreatesNothing() {
    NewOrder input = w.beishunOrder("斷網重試").requestKey("beishun-2024-06-03-001").build();
    Order first = orders.place(w.requester(), input);
    w.drainAll();
    OrderFixtures.OrdersSnapshot before = w.snapshot();

    w.clock.advance(Duration.ofMinutes(5));
    Order again = orders.place(w.requester(), input);

    assertThat(again).isEqualTo(first);
    assertThat(w.snapshot()).isEqualTo(before);
    assertThat(w.drainAll()).isEmpty();
    assertThat(all(p -> orders.ofVillage(w.beishun.id(), p))).hasSize(1);
  }

  @Test
  void theSameKeyForADifferentOrderIsRefused() {
    orders.place(w.requester(), w.beishunOrder("第一張").requestKey("k-1").build());
    ValidationException e = refused(() -> orders.place(w.requester(),
        w.beishunOrder("第二張").requestKey("k-1").build()), ValidationException.class,
        "requestKey");
    assertThat(e.code()).isEqualTo(ErrorCode.REQUEST_KEY_REUSED);
  }

  @Test
  void repeatingATransitionWithTheSameKeyChangesNothing() {
    Order o = w.orderIn(OrderStatus.PLACED, "重複派單");
    Order first = orders.dispatch(w.coordinator(), o.id(), hy.squadId(SquadKind.INDUSTRY),
        "dispatch-1");
    w.drainAll();
    Order again = orders.dispatch(w.coordinator(), o.id(), hy.squadId(SquadKind.INDUSTRY),
        "dispatch-1");
    assertThat(again).isEqualTo(first);
    assertThat(w.order(o.id())).isEqualTo(first);
    assertThat(w.drainAll()).isEmpty();
    ValidationException e = refused(() -> orders.dispatch(w.coordinator(), o.id(),
        hy.squadId(SquadKind.TRAINING), "dispatch-1"), ValidationException.class,
        "requestKey");
    assertThat(e.code()).isEqualTo(ErrorCode.REQUEST_KEY_REUSED);

    Order r = w.orderIn(OrderStatus.RESOLVED, "重複評分");
    Order rated = orders.rate(w.requester(), r.id(), 4, "好", "rate-1");
    assertThat(orders.rate(w.requester(), r.id(), 4, "好", "rate-1")).isEqualTo(rated);
    assertThat(w.order(r.id()).ratings()).hasSize(1);
  }

  // ---- queries --------------------------------------------------------------------------------

  @Test
  void ofVillageListsAVillagesOrdersInTheOrderPlaced() {
    Order a = w.orderIn(OrderStatus.PLACED, "一");
    Order b = w.orderIn(OrderStatus.CLOSED, "二");
    Order other = orders.place(actor(w.nangouCadre), w.beishunOrder("南溝的需求")
        .village(w.nangou.id()).requester(w.nangouCadre.id()).build());
    Order c = w.orderIn(OrderStatus.CANCELLED, "三");
    assertThat(ids(all(p -> orders.ofVillage(w.beishun.id(), p))))
        .containsExactly(a.id(), b.id(), c.id());
    assertThat(ids(all(p -> orders.ofVillage(w.nangou.id(), p)))).containsExactly(other.id());
    assertThat(all(p -> orders.ofVillage(w.lishisan.id(), p))).isEmpty();
    assertThat(all(p -> orders.ofVillage(w.beishun.id(), p)).get(1)).isEqualTo(w.order(b.id()));
  }

  @Test
  void openWorkOfIsSortedByDesiredDateUndatedLast() {
    SquadId industry = hy.squadId(SquadKind.INDUSTRY);
    Order july = dispatched("七月", LocalDate.of(2024, 7, 1));
    Order undated = dispatched("不急", null);
    Order june10 = dispatched("六月十日", LocalDate.of(2024, 6, 10));
    Order june20 = dispatched("六月二十日", LocalDate.of(2024, 6, 20));
    Order placedOnly = orders.place(w.requester(), w.beishunOrder("還沒派")
        .desiredBy(LocalDate.of(2024, 6, 5)).build());
    assertThat(ids(all(p -> orders.openWorkOf(industry, p))))
        .containsExactly(june10.id(), june20.id(), july.id(), undated.id());

    Actor lead = actor(w.standardLead());
    orders.accept(lead, june20.id(), acceptance(w.standardLead()));
    orders.accept(lead, july.id(), acceptance(w.standardLead()));
    orders.recordActivity(lead, july.id(), visit("走訪"));
    assertThat(ids(all(p -> orders.openWorkOf(industry, p))))
        .as("accepted and in-progress orders stay")
        .containsExactly(june10.id(), june20.id(), july.id(), undated.id());

    orders.resolve(lead, july.id(), resolution("辦結"));
    orders.transfer(w.coordinator(), june10.id(), hy.squadId(SquadKind.MARKETING), "行銷", null);
    assertThat(ids(all(p -> orders.openWorkOf(industry, p))))
        .containsExactly(june20.id(), undated.id());
    assertThat(ids(all(p -> orders.openWorkOf(hy.squadId(SquadKind.MARKETING), p))))
        .containsExactly(june10.id());

    orders.rate(w.requester(), july.id(), 5, null, null);
    orders.resolve(lead, june20.id(), resolution("辦結"));
    orders.sendBack(lead, undated.id(), "退回", null);
    assertThat(all(p -> orders.openWorkOf(industry, p))).isEmpty();
    assertThat(placedOnly.status()).isEqualTo(OrderStatus.PLACED);
  }

  private Order dispatched(String title, LocalDate desiredBy) {
    NewOrder.Builder b = w.beishunOrder(title);
    if (desiredBy != null) {
      b.desiredBy(desiredBy);
    }
    Order o = orders.place(w.requester(), b.build());
    return orders.dispatch(w.coordinator(), o.id(), hy.squadId(SquadKind.INDUSTRY), null);
  }

  @Test
  void withStatusListsAGroupsOrdersInOneStatus() {
    Map<OrderStatus, OrderId> byStatus = new LinkedHashMap<>();
    for (OrderStatus s : OrderStatus.values()) {
      byStatus.put(s, w.orderIn(s, "狀態 " + s).id());
    }
    Order second = w.orderIn(OrderStatus.PLACED, "第二張待派");
    for (OrderStatus s : OrderStatus.values()) {
      List<OrderId> expected = s == OrderStatus.PLACED
          ? List.of(byStatus.get(s), second.id()) : List.of(byStatus.get(s));
      assertThat(ids(all(p -> orders.withStatus(hy.id, s, p)))).as(s.name())
          .containsExactlyElementsOf(expected);
      assertThat(all(p -> orders.withStatus(w.chengchengTeam.id, s, p))).isEmpty();
    }
    orders.dispatch(w.coordinator(), second.id(), hy.squadId(SquadKind.TRAINING), null);
    assertThat(ids(all(p -> orders.withStatus(hy.id, OrderStatus.PLACED, p))))
        .containsExactly(byStatus.get(OrderStatus.PLACED));
    assertThat(ids(all(p -> orders.withStatus(hy.id, OrderStatus.DISPATCHED, p))))
        .containsExactly(byStatus.get(OrderStatus.DISPATCHED), second.id());
  }

  @Test
  void claimableListsOpenOrdersOnlyUntilAccepted() {
    Order open1 = w.orderIn(OrderStatus.PLACED, "搶單一");
    Order dispatched = w.orderIn(OrderStatus.DISPATCHED, "已派");
    Order open2 = w.orderIn(OrderStatus.RETURNED, "搶單二");
    orders.openForClaiming(w.coordinator(), open1.id(), null);
    orders.openForClaiming(w.coordinator(), open2.id(), null);
    assertThat(ids(all(p -> orders.claimable(hy.id, p))))
        .containsExactly(open1.id(), open2.id()).doesNotContain(dispatched.id());
    assertThat(all(p -> orders.claimable(w.linweiTeam.id, p))).isEmpty();

    orders.accept(actor(hy.member(SquadKind.MARKETING, 2)), open1.id(),
        new Acceptance.Builder().squad(hy.squadId(SquadKind.MARKETING))
            .lead(hy.member(SquadKind.MARKETING, 2).id()).build());
    assertThat(ids(all(p -> orders.claimable(hy.id, p)))).containsExactly(open2.id());
    orders.cancel(w.requester(), open2.id(), "不需要了", null);
    assertThat(all(p -> orders.claimable(hy.id, p))).isEmpty();
  }

  // ---- notifications and events ----------------------------------------------------------

  /** Walks an order (and three more) through every transition, calling back after each. */
  private void walkEveryTransition(OrderFixtures f, Step step) {
    Team t = f.heyangTeam;
    Orders os = f.orders;
    Actor req = f.requester();
    Actor coord = f.coordinator();
    Member lead = f.standardLead();
    Member helper = f.standardHelper();
    Member marketingLead = t.lead(SquadKind.MARKETING);
    f.drainAll();

    Order o = os.place(req, f.beishunOrder("全流程").build());
    step.after(Transition.PLACE, o);
    Order direct = os.place(req, f.beishunOrder("直接點組")
        .squad(t.squadId(SquadKind.INDUSTRY)).build());
    step.after(Transition.PLACE_TO_SQUAD, direct);
    step.after(Transition.DISPATCH,
        os.dispatch(coord, o.id(), t.squadId(SquadKind.INDUSTRY), null));
    step.after(Transition.RETURN, os.sendBack(actor(lead), o.id(), "人手不足", null));
    step.after(Transition.ASSIGN, os.assign(coord, o.id(), new Acceptance.Builder()
        .squad(t.squadId(SquadKind.INDUSTRY)).lead(lead.id()).addHelpers(helper.id()).build()));
    step.after(Transition.START, os.recordActivity(actor(lead), o.id(), visit("走訪")));
    step.after(Transition.REQUEST_EXTENSION, os.requestExtension(actor(lead), o.id(),
        laterDay(f), "等待設備到貨", null));
    step.after(Transition.DECIDE_EXTENSION, os.decideExtension(coord, o.id(), true, "同意",
        null));
    Order second = os.recordActivity(actor(helper), o.id(), visit("再走訪"));
    step.after(Transition.RECORD_ACTIVITY, second);
    step.after(Transition.VOID_ACTIVITY, os.voidActivity(actor(lead), o.id(),
        second.activities().get(1).id(), "重複記錄", null));
    step.after(Transition.TRANSFER, os.transfer(coord, o.id(), t.squadId(SquadKind.MARKETING),
        "改由行銷組", null));
    step.after(Transition.ACCEPT, os.accept(actor(marketingLead), o.id(),
        acceptance(marketingLead, helper)));
    step.after(Transition.RESOLVE, os.resolve(actor(marketingLead), o.id(),
        resolution("辦結")));
    step.after(Transition.REOPEN_ON_RATING, os.rate(req, o.id(), 1, "沒解決", null));
    os.resolve(actor(marketingLead), o.id(), resolution("再辦結"));
    f.drainAll();
    step.after(Transition.RATE, os.rate(req, o.id(), 5, null, null));
    step.after(Transition.VERIFY_CONFIRMED, os.verify(coord, o.id(), Verdict.CONFIRMED,
        "滿意", null));
    step.after(Transition.VERIFY_DISPUTED, os.verify(coord, o.id(), Verdict.DISPUTED,
        "有異議", null));
    os.resolve(actor(marketingLead), o.id(), resolution("三辦結"));
    f.clock.advance(Duration.ofDays(7));
    f.drainAll();
    step.after(Transition.AUTO_CLOSE, os.closeUnrated(coord, o.id(), null));

    Order open = os.place(req, f.beishunOrder("搶單").build());
    f.drainAll();
    step.after(Transition.OPEN_FOR_CLAIMING, os.openForClaiming(coord, open.id(), null));
    Order scope = os.place(req, f.beishunOrder("範圍外").build());
    f.drainAll();
    step.after(Transition.CLOSE_OUT_OF_SCOPE, os.closeOutOfScope(coord, scope.id(), "不屬本團",
        null));
    Order cancel = os.place(req, f.beishunOrder("撤銷").build());
    f.drainAll();
    step.after(Transition.CANCEL, os.cancel(req, cancel.id(), "不需要了", null));
  }

  private interface Step {
    void after(Transition t, Order o);
  }

  /** Whom each row tells, as the rows of {@link Transition} name them, resolved to people. */
  private Set<String> expectedRecipients(Transition t, Order o) {
    String coordinator = hy.coordinator.id().value();
    String requester = o.requester().value();
    Set<String> handlers = new LinkedHashSet<>();
    o.lead().ifPresent(l -> handlers.add(l.value()));
    o.helpers().forEach(h -> handlers.add(h.value()));
    Set<String> squad = new LinkedHashSet<>();
    o.squad().ifPresent(s -> {
      for (SquadKind k : OrderFixtures.KINDS) {
        if (hy.squadId(k).equals(s)) {
          squad.addAll(hy.memberIds(k));
        }
      }
    });
    Set<String> out = new LinkedHashSet<>();
    switch (t) {
      case PLACE, RETURN, CANCEL, REQUEST_EXTENSION -> out.add(coordinator);
      case PLACE_TO_SQUAD -> {
        out.addAll(squad);
        out.add(coordinator);
      }
      case DISPATCH, TRANSFER -> out.addAll(squad);
      case OPEN_FOR_CLAIMING -> out.addAll(hy.allSquadMemberIds());
      case ACCEPT, CLOSE_OUT_OF_SCOPE, START, RECORD_ACTIVITY, RESOLVE -> out.add(requester);
      case ASSIGN -> {
        out.add(requester);
        out.addAll(handlers);
      }
      case RATE, AUTO_CLOSE, DECIDE_EXTENSION -> out.addAll(handlers);
      case REOPEN_ON_RATING, VERIFY_DISPUTED -> {
        out.add(coordinator);
        out.addAll(handlers);
      }
      case VOID_ACTIVITY, VERIFY_CONFIRMED -> { }
      default -> throw new IllegalArgumentException(t.name());
    }
    return out;
  }

  @Test
  void everyTransitionNotifiesWhomItsRowNames() {
    Set<Transition> seen = EnumSet.noneOf(Transition.class);
    walkEveryTransition(w, (t, o) -> {
      seen.add(t);
      List<Note> notes = w.drainNotes();
      Set<String> expected = expectedRecipients(t, o);
      if (expected.isEmpty()) {
        assertThat(notes).as(t + " tells nobody").isEmpty();
        return;
      }
      assertThat(notes).as(t.name()).singleElement().satisfies(n -> {
        String lower = t.name().toLowerCase(java.util.Locale.ROOT);
        assertThat(n.type()).isEqualTo("order." + lower);
        assertThat(n.templateKey()).isEqualTo(t.templateKey()).isEqualTo("order." + lower);
        Map<String, String> parameters = new java.util.HashMap<>(Map.of("orderId",
            o.id().value(), "title", o.title(), "status", o.status().name()));
        o.deadline().ifPresent(d -> parameters.put("deadline",
            java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm")
                .format(d.dueAt().atZone(java.time.ZoneId.of("Asia/Shanghai")))));
        assertThat(n.parameters()).isEqualTo(parameters);
        assertThat(n.recipientSet()).as(t + " recipients")
            .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(n.recipients()).doesNotHaveDuplicates();
        assertThat(n.aggregateKey()).isEqualTo("order/" + o.id().value());
      });
    });
    assertThat(seen).containsExactlyInAnyOrder(singleOrderTransitions());
  }

  @Test
  void notificationsNameTheRowsPeople() {
    // spot checks against the fixture's people, independent of expectedRecipients
    Order o = w.orderIn(OrderStatus.PLACED, "點名");
    w.drainAll();
    orders.dispatch(w.coordinator(), o.id(), hy.squadId(SquadKind.TRAINING), null);
    assertThat(w.drainNotes()).singleElement().satisfies(n -> assertThat(n.recipientSet())
        .isEqualTo(idsOf(hy.members.get(SquadKind.TRAINING).toArray(Member[]::new))));
    orders.accept(actor(hy.lead(SquadKind.TRAINING)), o.id(),
        acceptance(hy.lead(SquadKind.TRAINING), hy.member(SquadKind.LEAD_GEESE, 2)));
    assertThat(w.drainNotes()).singleElement().satisfies(n -> assertThat(n.recipients())
        .containsExactly(w.beishunSecretary.id().value()));
    orders.resolve(actor(hy.member(SquadKind.LEAD_GEESE, 2)), o.id(), resolution("辦結"));
    assertThat(w.drainNotes()).singleElement().satisfies(n -> assertThat(n.recipients())
        .containsExactly(w.beishunSecretary.id().value()));
    orders.rate(actor(w.beishunDeputy), o.id(), 5, null, null);
    assertThat(w.drainNotes()).singleElement().satisfies(n -> assertThat(n.recipientSet())
        .isEqualTo(idsOf(hy.lead(SquadKind.TRAINING), hy.member(SquadKind.LEAD_GEESE, 2))));
  }

  @Test
  void everyCommittedTransitionEmitsOneEventPerSubscriber() {
    try (OrderFixtures f = OrderFixtures.weinanWithSubscriber("audit", e -> { })) {
      Set<Transition> seen = EnumSet.noneOf(Transition.class);
      walkEveryTransition(f, (t, o) -> {
        seen.add(t);
        List<OutboxMessage> events = f.drainAll().stream()
            .filter(m -> m.destination().startsWith("subscriber:"))
            .collect(Collectors.toList());
        assertThat(events).as(t.name()).singleElement().satisfies(m -> {
          assertThat(m.destination()).isEqualTo("subscriber:audit");
          assertThat(m.type()).isEqualTo("order." + t.name().toLowerCase(java.util.Locale.ROOT));
          assertThat(m.aggregateKey()).isEqualTo("order/" + o.id().value());
          assertThat(m.dueAt()).isEqualTo(f.clock.instant());
        });
      });
      assertThat(seen).containsExactlyInAnyOrder(singleOrderTransitions());

      Order o = f.orderIn(OrderStatus.PLACED, "被拒絕的命令");
      f.drainAll();
      catchThrowable(() -> f.orders.rate(f.requester(), o.id(), 5, null, null));
      catchThrowable(() -> f.orders.dispatch(f.heyangAdmin, o.id(),
          f.heyangTeam.squadId(SquadKind.INDUSTRY), null));
      assertThat(f.drainAll()).as("refused commands emit nothing").isEmpty();
    }
  }

  // ---- helpers ------------------------------------------------------------------------------

  private static List<String> attachments(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add("photo://order/" + i + ".jpg");
    }
    return out;
  }

  private static NewActivity training(String topic, Integer heads) {
    NewActivity.Builder b = new NewActivity.Builder().kind(ActivityKind.TRAINING)
        .summary("在村委會培訓");
    if (topic != null) {
      b.topic(topic);
    }
    if (heads != null) {
      b.headCount(heads);
    }
    return b.build();
  }

  private static NewActivity referral(BigDecimal money) {
    return new NewActivity.Builder().kind(ActivityKind.REFERRAL).summary("對接項目資金")
        .referredTo("縣農業農村局項目辦").money(money).build();
  }

  private <E extends ZhuliException> E refused(ThrowingCallable call, Class<E> type,
      String detail) {
    return refused(call, type, detail, detail);
  }

  /**
   * Runs a call that must fail with the given type naming the field, rule, kind or action, and
   * change nothing: every order view as before, no outbox message.
   */
  private <E extends ZhuliException> E refused(ThrowingCallable call, Class<E> type,
      String detail, String label) {
    w.drainAll();
    OrderFixtures.OrdersSnapshot before = w.snapshot();
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).as(label).isInstanceOf(type);
    E e = type.cast(thrown);
    assertThat(detailOf(e)).as(label + ": " + e.getMessage()).isEqualTo(detail);
    assertThat(w.snapshot()).as(label + ": nothing changed").isEqualTo(before);
    assertThat(w.drainAll()).as(label + ": nothing in the outbox").isEmpty();
    return e;
  }

  static String detailOf(ZhuliException e) {
    if (e instanceof ValidationException v) {
      return v.field();
    } else if (e instanceof RuleViolationException r) {
      return r.rule();
    } else if (e instanceof NotFoundException n) {
      return n.kind();
    } else if (e instanceof AccessDeniedException d) {
      return d.action();
    }
    return e.code().name();
  }
}
