package dev.zhuli.core.order;

import static dev.zhuli.core.HostileChecks.assertNotEchoed;
import static dev.zhuli.core.TestTexts.show;
import static dev.zhuli.core.order.OrderFixtures.actor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.zhuli.core.HostileChecks.Expected;
import dev.zhuli.core.AccessDeniedException;
import dev.zhuli.core.Actor;
import dev.zhuli.core.ErrorCode;
import dev.zhuli.core.GroupId;
import dev.zhuli.core.MemberId;
import dev.zhuli.core.NotFoundException;
import dev.zhuli.core.OrderId;
import dev.zhuli.core.PageRequest;
import dev.zhuli.core.RuleViolationException;
import dev.zhuli.core.SquadId;
import dev.zhuli.core.ValidationException;
import dev.zhuli.core.VillageId;
import dev.zhuli.core.ZhuliException;
import dev.zhuli.core.access.Action;
import dev.zhuli.core.order.OrderFixtures.Team;
import dev.zhuli.core.roster.Member;
import dev.zhuli.core.roster.SquadKind;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Every order command, fed hostile input: blank, whitespace-only, over-long and malformed text
 * (control characters, unpaired surrogates, non-characters, invisible formatting), missing
 * attributes, null arguments, unknown ids, ids of another group, actors without the right,
 * orders in the wrong status, hostile request keys. Each attempt must fail with the
 * {@link ZhuliException} subtype that names the field, rule, kind or action, must not echo the
 * hostile text, and must change nothing: the same order views and no new outbox message.
 */
class OrderHostileInputTest {
  private static final long SEED = 0x0DE5_2024_0603L;
  private static final int EXAMPLES = 100;

  private OrderFixtures w;
  private Orders orders;
  private Team hy;
  private Team cc;
  private OrderFixtures.OrdersSnapshot lastSnapshot;

  // the heyang orders the attempts aim at, one per status (北順村, 產業組, handled by its leader)
  private Order oldResolved;
  private Order placed;
  private Order dispatched;
  private Order open;
  private Order returned;
  private Order accepted;
  private Order inProgress;
  private Order withVoided;
  private Order resolved;
  private Order closed;
  private Order outOfScope;
  private Order cancelled;
  // orders of 澄城縣's group, for the heyang actors to be refused on
  private Map<OrderStatus, Order> other;

  private Actor coordinator;
  private Actor requester;
  private Actor lead;
  private Actor targetMember;

  @BeforeAll
  static void warmUp() {
    try (OrderFixtures f = OrderFixtures.weinan()) {
      f.orderIn(OrderStatus.CLOSED, "預熱");
      f.snapshot();
      qt().withFixedSeed(SEED).withExamples(50).forAll(hostileTexts(100), hostileRequestKeys())
          .check((t, k) -> t != null && k != null);
    }
  }

  @BeforeEach
  void setUp() {
    w = OrderFixtures.weinan();
    orders = w.orders;
    hy = w.heyangTeam;
    cc = w.chengchengTeam;
    coordinator = w.coordinator();
    requester = w.requester();
    lead = actor(w.standardLead());
    targetMember = actor(hy.member(SquadKind.INDUSTRY, 1));

    oldResolved = w.orderIn(OrderStatus.RESOLVED, "早已辦結");
    other = new LinkedHashMap<>();
    other.put(OrderStatus.RESOLVED, otherOrder(OrderStatus.RESOLVED));
    w.clock.advance(Duration.ofDays(8));
    for (OrderStatus s : List.of(OrderStatus.PLACED, OrderStatus.DISPATCHED,
        OrderStatus.RETURNED, OrderStatus.ACCEPTED, OrderStatus.IN_PROGRESS,
        OrderStatus.CLOSED)) {
      other.put(s, otherOrder(s));
    }
    placed = w.orderIn(OrderStatus.PLACED, "待派");
    dispatched = w.orderIn(OrderStatus.DISPATCHED, "已派");
    open = orders.openForClaiming(coordinator, w.orderIn(OrderStatus.PLACED, "搶單").id(),
        null);
    returned = w.orderIn(OrderStatus.RETURNED, "退回");
    accepted = w.orderIn(OrderStatus.ACCEPTED, "已接");
    inProgress = w.orderIn(OrderStatus.IN_PROGRESS, "辦理中");
    Order v = w.orderIn(OrderStatus.IN_PROGRESS, "有作廢活動");
    orders.voidActivity(lead, v.id(), "a1", "記錯了", null);
    withVoided = orders.recordActivity(lead, v.id(), OrderFixtures.visit("重新走訪"));
    resolved = w.orderIn(OrderStatus.RESOLVED, "剛辦結");
    closed = w.orderIn(OrderStatus.CLOSED, "已評");
    outOfScope = orders.closeOutOfScope(coordinator,
        w.orderIn(OrderStatus.PLACED, "範圍外").id(), "不屬本團", null);
    cancelled = w.orderIn(OrderStatus.CANCELLED, "已撤銷");
    w.drainAll();
  }

  @AfterEach
  void tearDown() {
    w.close();
  }

  /** A 東白龍村 order of 澄城縣's group in a status, moved there by the system. */
  private Order otherOrder(OrderStatus s) {
    Actor sys = w.system;
    Member ccLead = cc.lead(SquadKind.INDUSTRY);
    Order o = orders.place(sys, new NewOrder.Builder().village(w.dongbailong.id())
        .requester(w.dongbailongCadre.id()).title("澄城的需求 " + s).description("冷庫")
        .category(OrderCategory.INFRASTRUCTURE).build());
    if (s == OrderStatus.PLACED) {
      return o;
    }
    o = orders.dispatch(sys, o.id(), cc.squadId(SquadKind.INDUSTRY), null);
    if (s == OrderStatus.DISPATCHED) {
      return o;
    }
    if (s == OrderStatus.RETURNED) {
      return orders.sendBack(sys, o.id(), "退回", null);
    }
    o = orders.accept(sys, o.id(), OrderFixtures.acceptance(ccLead));
    if (s == OrderStatus.ACCEPTED) {
      return o;
    }
    o = orders.recordActivity(sys, o.id(), OrderFixtures.visit("走訪"));
    if (s == OrderStatus.IN_PROGRESS) {
      return o;
    }
    o = orders.resolve(sys, o.id(), OrderFixtures.resolution("辦結"));
    if (s == OrderStatus.RESOLVED) {
      return o;
    }
    return orders.rate(sys, o.id(), 5, null, null);
  }

  // ---- the properties -------------------------------------------------------------------------

  @Test
  void placeRefusesHostileInputAndChangesNothing() {
    Gen<Actor> cadres = Generate.pick(List.of(requester, w.system));
    check(cases(
        hostileTexts(100).zip(cadres, (t, a) -> attempt("place title " + show(t),
            () -> orders.place(a, w.beishunOrder(t).build()), Expected.invalid("order.title"),
            t)),
        hostileTexts(2000).zip(cadres, (t, a) -> attempt("place description " + show(t),
            () -> orders.place(a, w.beishunOrder("標題").description(t).build()),
            Expected.invalid("order.description"), t)),
        hostileTexts(256).zip(integers().between(0, 3), (t, i) -> attempt(
            "place attachment " + show(t), () -> orders.place(requester,
                w.beishunOrder("附件").attachments(withAt(i, t, "photo://ok.jpg")).build()),
            Expected.invalidPrefix("order.attachments"), t)),
        without("village"), without("requester"), without("title"), without("description"),
        without("category"), without("urgency"), without("attachment"),
        Generate.constant(attempt("place(null)", () -> orders.place(requester, null),
            Expected.invalid("order"))),
        Generate.constant(attempt("place by null actor",
            () -> orders.place(null, w.beishunOrder("無人").build()), Expected.invalid("actor"))),
        unknownIds().map(id -> attempt("place in unknown village " + id,
            () -> orders.place(w.system, w.beishunOrder("不存在的村")
                .village(VillageId.of(id)).build()), Expected.notFound("village"))),
        unknownIds().map(id -> attempt("place by unknown requester " + id,
            () -> orders.place(w.system, w.beishunOrder("不存在的人")
                .requester(MemberId.of(id)).build()), Expected.notFound("member"))),
        unknownIds().map(id -> attempt("place to unknown squad " + id,
            () -> orders.place(requester, w.beishunOrder("不存在的組")
                .squad(SquadId.of(id)).build()), Expected.notFound("squad"))),
        Generate.pick(otherSquads()).map(sq -> attempt("place to another group's squad",
            () -> orders.place(requester, w.beishunOrder("外團的組").squad(sq).build()),
            Expected.rule("squad-in-group"))),
        Generate.pick(List.of(w.dongbailong, w.lishisan)).map(v -> attempt(
            "place for " + v.name() + " with 北順村's secretary as requester",
            () -> orders.place(w.system, w.beishunOrder("外縣的村").village(v.id()).build()),
            Expected.rule("requester-is-cadre"))),
        Generate.constant(attempt("place by a cadre for another cadre",
            () -> orders.place(actor(w.beishunDeputy), w.beishunOrder("代書記點").build()),
            Expected.invalid("order.requester"))),
        integers().between(1, 400).map(days -> attempt("place desired " + days + " days ago",
            () -> orders.place(requester, w.beishunOrder("過去的日期").desiredBy(
                LocalDate.ofInstant(w.clock.instant(), OrderFixtures.SHANGHAI)
                    .minusDays(days)).build()), Expected.invalid("order.desiredBy"))),
        Generate.pick(placeWrong()).map(who -> attempt("place by " + who,
            () -> orders.place(who.actor(), w.beishunOrder("無權點單").build()),
            Expected.denied(Action.PLACE_ORDER))),
        Generate.pick(List.of(w.heyangAdmin, w.chengchengAdmin)).map(a -> attempt(
            "place 東白龍村 by " + a, () -> orders.place(a, new NewOrder.Builder()
                .village(w.dongbailong.id()).requester(w.dongbailongCadre.id()).title("代點")
                .description("代點").category(OrderCategory.OTHER).build()),
            Expected.denied(Action.PLACE_ORDER))),
        hostileRequestKeys().map(k -> attempt("place key " + show(k),
            () -> orders.place(requester, w.beishunOrder("鍵").requestKey(k).build()),
            Expected.invalid("requestKey"), k))));
  }

  @Test
  void dispatchRefusesHostileInputAndChangesNothing() {
    SquadId industry = hy.squadId(SquadKind.INDUSTRY);
    check(cases(
        common("dispatch", Action.COORDINATE_ORDER, coordinator, placed,
            (a, id, k) -> orders.dispatch(a, id, industry, k), coordinatorWrong(),
            List.of(dispatched, accepted, inProgress, resolved, closed, cancelled)),
        Generate.pick(List.of(placed, returned)).map(o -> attempt("dispatch to null squad",
            () -> orders.dispatch(coordinator, o.id(), null, null), Expected.invalid("squad"))),
        unknownIds().map(id -> attempt("dispatch to unknown squad " + id,
            () -> orders.dispatch(coordinator, placed.id(), SquadId.of(id), null),
            Expected.notFound("squad"))),
        Generate.pick(otherSquads()).map(sq -> attempt("dispatch to another group's squad",
            () -> orders.dispatch(coordinator, returned.id(), sq, null),
            Expected.rule("squad-in-group")))));
  }

  @Test
  void openForClaimingRefusesHostileInputAndChangesNothing() {
    check(cases(common("openForClaiming", Action.COORDINATE_ORDER, coordinator, returned,
        (a, id, k) -> orders.openForClaiming(a, id, k), coordinatorWrong(),
        List.of(dispatched, open, accepted, closed, cancelled))));
  }

  @Test
  void acceptRefusesHostileInputAndChangesNothing() {
    Member industryLead = w.standardLead();
    Gen<Member> notOfSquad = Generate.pick(List.of(hy.lead(SquadKind.MARKETING),
        hy.member(SquadKind.TRAINING, 2), hy.plain, hy.coordinator, w.beishunSecretary,
        cc.lead(SquadKind.INDUSTRY), w.linweiTeam.member(SquadKind.INDUSTRY, 1)));
    Gen<Member> notHelpers = Generate.pick(List.of(hy.plain, hy.coordinator,
        w.beishunSecretary, cc.member(SquadKind.TRAINING, 1),
        w.linweiTeam.lead(SquadKind.MARKETING)));
    check(cases(
        common("accept", Action.TAKE_ORDER, targetMember, dispatched,
            (a, id, k) -> orders.accept(a, id, keyed(new Acceptance.Builder()
                .lead(industryLead.id()), k).build()), takeWrong(),
            List.of(placed, returned, accepted, inProgress, closed, cancelled)),
        Generate.constant(attempt("accept(null)",
            () -> orders.accept(targetMember, dispatched.id(), null),
            Expected.invalid("acceptance"))),
        Generate.constant(attempt("accept without lead",
            () -> orders.accept(targetMember, dispatched.id(), new Acceptance.Builder().build()),
            Expected.invalid("acceptance.lead"))),
        unknownIds().map(id -> attempt("accept unknown lead " + id,
            () -> orders.accept(targetMember, dispatched.id(), new Acceptance.Builder()
                .lead(MemberId.of(id)).build()), Expected.notFound("member"))),
        notOfSquad.map(m -> attempt("accept with a lead outside the squad",
            () -> orders.accept(targetMember, dispatched.id(),
                OrderFixtures.acceptance(m)), Expected.rule("lead-in-squad"))),
        unknownIds().map(id -> attempt("accept unknown helper " + id,
            () -> orders.accept(targetMember, dispatched.id(), new Acceptance.Builder()
                .lead(industryLead.id()).addHelpers(MemberId.of(id)).build()),
            Expected.notFound("member"))),
        notHelpers.map(m -> attempt("accept with a helper in no squad of the group",
            () -> orders.accept(targetMember, dispatched.id(),
                OrderFixtures.acceptance(industryLead, m)), Expected.rule("helpers-in-group"))),
        Generate.constant(attempt("accept with a null helper",
            () -> orders.accept(targetMember, dispatched.id(), new Acceptance.Builder()
                .lead(industryLead.id()).addHelpers((MemberId) null).build()),
            Expected.invalid("acceptance.helpers"))),
        Generate.constant(attempt("accept with 11 helpers",
            () -> orders.accept(targetMember, dispatched.id(),
                OrderFixtures.acceptance(industryLead, elevenHelpers())),
            Expected.invalid("acceptance.helpers"))),
        Generate.pick(List.of(SquadKind.LEAD_GEESE, SquadKind.TRAINING, SquadKind.MARKETING))
            .map(k -> attempt("accept naming squad " + k.code(),
                () -> orders.accept(targetMember, dispatched.id(), new Acceptance.Builder()
                    .squad(hy.squadId(k)).lead(industryLead.id()).build()),
                Expected.rule("accept-target-squad"))),
        Generate.constant(attempt("claim without a squad",
            () -> orders.accept(w.system, open.id(), OrderFixtures.acceptance(industryLead)),
            Expected.invalid("acceptance.squad"))),
        unknownIds().map(id -> attempt("claim for unknown squad " + id,
            () -> orders.accept(w.system, open.id(), new Acceptance.Builder()
                .squad(SquadId.of(id)).lead(industryLead.id()).build()),
            Expected.notFound("squad"))),
        Generate.pick(otherSquads()).map(sq -> attempt("claim for another group's squad",
            () -> orders.accept(w.system, open.id(), new Acceptance.Builder().squad(sq)
                .lead(industryLead.id()).build()), Expected.rule("squad-in-group"))),
        Generate.pick(List.of(hy.plain, hy.coordinator, w.beishunSecretary)).map(m -> attempt(
            "claim by someone in no squad",
            () -> orders.accept(actor(m), open.id(), new Acceptance.Builder()
                .squad(hy.squadId(SquadKind.INDUSTRY)).lead(industryLead.id()).build()),
            Expected.denied(Action.TAKE_ORDER)))));
  }

  @Test
  void sendBackRefusesHostileInputAndChangesNothing() {
    check(cases(
        common("sendBack", Action.TAKE_ORDER, targetMember, dispatched,
            (a, id, k) -> orders.sendBack(a, id, "人手不足", k), takeWrong(),
            List.of(placed, returned, accepted, inProgress, closed, cancelled)),
        hostileTexts(500).map(t -> attempt("sendBack reason " + show(t),
            () -> orders.sendBack(targetMember, dispatched.id(), t, null),
            Expected.invalid("reason"), t)),
        Generate.constant(attempt("sendBack without reason",
            () -> orders.sendBack(targetMember, dispatched.id(), null, null),
            Expected.invalid("reason"))),
        Generate.constant(attempt("sendBack an open order",
            () -> orders.sendBack(w.system, open.id(), "不想接", null),
            Expected.rule("return-dispatched-only")))));
  }

  @Test
  void assignRefusesHostileInputAndChangesNothing() {
    SquadId industry = hy.squadId(SquadKind.INDUSTRY);
    check(cases(
        common("assign", Action.COORDINATE_ORDER, coordinator, returned,
            (a, id, k) -> orders.assign(a, id, keyed(new Acceptance.Builder().squad(industry)
                .lead(w.standardLead().id()), k).build()), coordinatorWrong(),
            List.of(placed, dispatched, accepted, inProgress, closed, cancelled)),
        Generate.constant(attempt("assign(null)",
            () -> orders.assign(coordinator, returned.id(), null),
            Expected.invalid("acceptance"))),
        Generate.constant(attempt("assign without squad",
            () -> orders.assign(coordinator, returned.id(),
                OrderFixtures.acceptance(w.standardLead())), Expected.invalid("acceptance.squad"))),
        Generate.constant(attempt("assign without lead",
            () -> orders.assign(coordinator, returned.id(),
                new Acceptance.Builder().squad(industry).build()),
            Expected.invalid("acceptance.lead"))),
        unknownIds().map(id -> attempt("assign to unknown squad " + id,
            () -> orders.assign(coordinator, returned.id(), new Acceptance.Builder()
                .squad(SquadId.of(id)).lead(w.standardLead().id()).build()),
            Expected.notFound("squad"))),
        Generate.pick(otherSquads()).map(sq -> attempt("assign to another group's squad",
            () -> orders.assign(coordinator, returned.id(), new Acceptance.Builder().squad(sq)
                .lead(w.standardLead().id()).build()), Expected.rule("squad-in-group"))),
        Generate.pick(List.of(hy.lead(SquadKind.TRAINING), hy.plain,
            cc.lead(SquadKind.INDUSTRY))).map(m -> attempt("assign a lead outside the squad",
                () -> orders.assign(coordinator, returned.id(), new Acceptance.Builder()
                    .squad(industry).lead(m.id()).build()), Expected.rule("lead-in-squad")))));
  }

  @Test
  void closeOutOfScopeRefusesHostileInputAndChangesNothing() {
    check(cases(
        common("closeOutOfScope", Action.COORDINATE_ORDER, coordinator, placed,
            (a, id, k) -> orders.closeOutOfScope(a, id, "不屬本團", k), coordinatorWrong(),
            List.of(dispatched, open, accepted, inProgress, resolved, closed, cancelled)),
        hostileTexts(500).zip(Generate.pick(List.of(placed, returned)), (t, o) -> attempt(
            "closeOutOfScope reason " + show(t),
            () -> orders.closeOutOfScope(coordinator, o.id(), t, null), Expected.invalid("reason"),
            t)),
        Generate.constant(attempt("closeOutOfScope without reason",
            () -> orders.closeOutOfScope(coordinator, placed.id(), null, null),
            Expected.invalid("reason")))));
  }

  @Test
  void transferRefusesHostileInputAndChangesNothing() {
    SquadId marketing = hy.squadId(SquadKind.MARKETING);
    Gen<Order> transferable = Generate.pick(List.of(dispatched, accepted, inProgress));
    check(cases(
        common("transfer", Action.COORDINATE_ORDER, coordinator, inProgress,
            (a, id, k) -> orders.transfer(a, id, marketing, "改由行銷組", k), coordinatorWrong(),
            List.of(placed, returned, resolved, closed, cancelled)),
        hostileTexts(500).zip(transferable, (t, o) -> attempt("transfer reason " + show(t),
            () -> orders.transfer(coordinator, o.id(), marketing, t, null),
            Expected.invalid("reason"), t)),
        transferable.map(o -> attempt("transfer without reason",
            () -> orders.transfer(coordinator, o.id(), marketing, null, null),
            Expected.invalid("reason"))),
        transferable.map(o -> attempt("transfer to null squad",
            () -> orders.transfer(coordinator, o.id(), null, "轉", null),
            Expected.invalid("squad"))),
        unknownIds().zip(transferable, (id, o) -> attempt("transfer to unknown squad " + id,
            () -> orders.transfer(coordinator, o.id(), SquadId.of(id), "轉", null),
            Expected.notFound("squad"))),
        Generate.pick(otherSquads()).zip(transferable, (sq, o) -> attempt(
            "transfer to another group's squad",
            () -> orders.transfer(coordinator, o.id(), sq, "轉", null),
            Expected.rule("squad-in-group"))),
        transferable.map(o -> attempt("transfer to the same squad",
            () -> orders.transfer(coordinator, o.id(), hy.squadId(SquadKind.INDUSTRY), "轉",
                null), Expected.rule("transfer-elsewhere")))));
  }

  @Test
  void cancelRefusesHostileInputAndChangesNothing() {
    Gen<Order> cancellable = Generate.pick(List.of(placed, dispatched, open, returned));
    check(cases(
        common("cancel", Action.PLACE_ORDER, requester, dispatched,
            (a, id, k) -> orders.cancel(a, id, "不需要了", k), villageWrong(),
            List.of(accepted, inProgress, resolved, closed, cancelled)),
        hostileTexts(500).zip(cancellable, (t, o) -> attempt("cancel reason " + show(t),
            () -> orders.cancel(requester, o.id(), t, null), Expected.invalid("reason"), t)),
        cancellable.map(o -> attempt("cancel without reason",
            () -> orders.cancel(requester, o.id(), null, null), Expected.invalid("reason")))));
  }

  @Test
  void recordActivityRefusesHostileInputAndChangesNothing() {
    Gen<Order> workable = Generate.pick(List.of(accepted, inProgress));
    Gen<Actor> handlers = Generate.pick(List.of(lead, actor(w.standardHelper())));
    check(cases(
        common("recordActivity", Action.HANDLE_ORDER, lead, inProgress,
            (a, id, k) -> orders.recordActivity(a, id, new NewActivity.Builder()
                .kind(ActivityKind.VISIT).summary("走訪").requestKey(java.util.Optional
                    .ofNullable(k)).build()), handleWrong(),
            List.of(placed, dispatched, returned, resolved, closed, cancelled)),
        Generate.constant(attempt("recordActivity(null)",
            () -> orders.recordActivity(lead, inProgress.id(), null),
            Expected.invalid("activity"))),
        Generate.constant(attempt("recordActivity without kind",
            () -> orders.recordActivity(lead, inProgress.id(),
                new NewActivity.Builder().summary("走訪").build()),
            Expected.invalid("activity.kind"))),
        Generate.enumValues(ActivityKind.class).map(k -> attempt("recordActivity without summary",
            () -> orders.recordActivity(lead, inProgress.id(), complete(k).summary(null)
                .build()), Expected.invalid("activity.summary"))),
        hostileTexts(2000).zip(workable, handlers, (t, o, a) -> attempt(
            "recordActivity summary " + show(t), () -> orders.recordActivity(a, o.id(),
                complete(ActivityKind.CONSULTATION).summary(t).build()),
            Expected.invalid("activity.summary"), t)),
        hostileTexts(100).zip(workable, (t, o) -> attempt("recordActivity topic " + show(t),
            () -> orders.recordActivity(lead, o.id(), complete(ActivityKind.TRAINING).topic(t)
                .build()), Expected.invalid("activity.topic"), t)),
        hostileTexts(200).zip(workable, (t, o) -> attempt(
            "recordActivity referredTo " + show(t), () -> orders.recordActivity(lead, o.id(),
                complete(ActivityKind.REFERRAL).referredTo(t).build()),
            Expected.invalid("activity.referredTo"), t)),
        hostileTexts(256).zip(integers().between(0, 2), (t, i) -> attempt(
            "recordActivity attachment " + show(t), () -> orders.recordActivity(lead,
                inProgress.id(), complete(ActivityKind.VISIT)
                    .attachments(withAt(i, t, "photo://ok.jpg")).build()),
            Expected.invalidPrefix("activity.attachments"), t)),
        Generate.constant(attempt("a training without topic",
            () -> orders.recordActivity(lead, inProgress.id(), new NewActivity.Builder()
                .kind(ActivityKind.TRAINING).summary("培訓").headCount(20).build()),
            Expected.invalid("activity.topic"))),
        badHeadCounts().map(n -> attempt("a training of " + n + " people",
            () -> orders.recordActivity(lead, inProgress.id(), complete(ActivityKind.TRAINING)
                .headCount(n).build()), Expected.invalid("activity.headCount"))),
        Generate.constant(attempt("a training without head-count",
            () -> orders.recordActivity(lead, inProgress.id(), new NewActivity.Builder()
                .kind(ActivityKind.TRAINING).summary("培訓").topic("修剪").build()),
            Expected.invalid("activity.headCount"))),
        Generate.constant(attempt("a referral without referredTo",
            () -> orders.recordActivity(lead, inProgress.id(), new NewActivity.Builder()
                .kind(ActivityKind.REFERRAL).summary("對接").build()),
            Expected.invalid("activity.referredTo"))),
        badMoney().map(m -> attempt("a referral of " + m.toPlainString() + " yuan",
            () -> orders.recordActivity(lead, inProgress.id(), complete(ActivityKind.REFERRAL)
                .money(m).build()), Expected.invalid("activity.money"))),
        Generate.pick(List.of(ActivityKind.VISIT, ActivityKind.CONSULTATION,
            ActivityKind.TRAINING)).zip(integers().between(0, 1_000_000), (k, y) -> attempt(
                "a " + k + " with money", () -> orders.recordActivity(lead, inProgress.id(),
                    complete(k).money(BigDecimal.valueOf(y)).build()),
                Expected.invalid("activity.money")))));
  }

  @Test
  void voidActivityRefusesHostileInputAndChangesNothing() {
    check(cases(
        common("voidActivity", Action.HANDLE_ORDER, lead, inProgress,
            (a, id, k) -> orders.voidActivity(a, id, "a1", "記錯了", k), handleWrong(),
            List.of(placed, dispatched, returned, closed)),
        hostileTexts(16).map(t -> attempt("voidActivity id " + show(t),
            () -> orders.voidActivity(lead, inProgress.id(), t, "記錯了", null),
            Expected.invalid("activityId"), t)),
        Generate.constant(attempt("voidActivity without id",
            () -> orders.voidActivity(lead, inProgress.id(), null, "記錯了", null),
            Expected.invalid("activityId"))),
        Generate.pick(List.of("a0", "a2", "a99", "A1", "x", "1", "activity-1"))
            .map(id -> attempt("voidActivity unknown " + id,
                () -> orders.voidActivity(lead, inProgress.id(), id, "記錯了", null),
                Expected.notFound("activity"))),
        Generate.constant(attempt("voidActivity twice",
            () -> orders.voidActivity(lead, withVoided.id(), "a1", "再作廢", null),
            Expected.rule("void-once"))),
        hostileTexts(500).map(t -> attempt("voidActivity reason " + show(t),
            () -> orders.voidActivity(lead, inProgress.id(), "a1", t, null),
            Expected.invalid("reason"), t)),
        Generate.constant(attempt("voidActivity without reason",
            () -> orders.voidActivity(lead, inProgress.id(), "a1", null, null),
            Expected.invalid("reason")))));
  }

  @Test
  void resolveRefusesHostileInputAndChangesNothing() {
    Gen<Order> resolvable = Generate.pick(List.of(accepted, inProgress));
    check(cases(
        common("resolve", Action.HANDLE_ORDER, lead, inProgress,
            (a, id, k) -> orders.resolve(a, id, new Resolution.Builder().report("辦結")
                .requestKey(java.util.Optional.ofNullable(k)).build()), handleWrong(),
            List.of(placed, dispatched, returned, resolved, closed, cancelled)),
        Generate.constant(attempt("resolve(null)",
            () -> orders.resolve(lead, inProgress.id(), null), Expected.invalid("resolution"))),
        Generate.constant(attempt("resolve without report",
            () -> orders.resolve(lead, inProgress.id(), new Resolution.Builder().build()),
            Expected.invalid("resolution.report"))),
        hostileTexts(4000).zip(resolvable, (t, o) -> attempt("resolve report " + show(t),
            () -> orders.resolve(lead, o.id(), new Resolution.Builder().report(t).build()),
            Expected.invalid("resolution.report"), t)),
        hostileTexts(64).zip(resolvable, (t, o) -> attempt("resolve figure name " + show(t),
            () -> orders.resolve(lead, o.id(), new Resolution.Builder().report("辦結")
                .putOutcome("workers", BigDecimal.TEN).putOutcome(t, BigDecimal.ONE).build()),
            Expected.invalid("resolution.outcome"), t)),
        Generate.constant(attempt("resolve with a null figure",
            () -> orders.resolve(lead, inProgress.id(), new Resolution.Builder().report("辦結")
                .putOutcome("workers", null).build()), Expected.invalid("resolution.outcome"))),
        Generate.constant(attempt("resolve with an unnamed figure",
            () -> orders.resolve(lead, inProgress.id(), new Resolution.Builder().report("辦結")
                .putOutcome(null, BigDecimal.ONE).build()),
            Expected.invalid("resolution.outcome"))),
        integers().between(21, 40).map(n -> attempt("resolve with " + n + " figures",
            () -> orders.resolve(lead, inProgress.id(), new Resolution.Builder().report("辦結")
                .outcome(figures(n)).build()), Expected.invalid("resolution.outcome")))));
  }

  @Test
  void rateRefusesHostileInputAndChangesNothing() {
    check(cases(
        common("rate", Action.RATE_ORDER, requester, resolved,
            (a, id, k) -> orders.rate(a, id, 5, null, k), villageWrong(),
            List.of(placed, dispatched, returned, accepted, inProgress, closed, cancelled)),
        badStars().map(n -> attempt("rate " + n + " stars",
            () -> orders.rate(requester, resolved.id(), n, null, null),
            Expected.invalid("rating.stars"))),
        hostileTexts(500).zip(integers().between(1, 5), (t, n) -> attempt(
            "rate comment " + show(t), () -> orders.rate(requester, resolved.id(), n, t, null),
            Expected.invalid("rating.comment"), t))));
  }

  @Test
  void closeUnratedRefusesHostileInputAndChangesNothing() {
    check(cases(
        common("closeUnrated", Action.COORDINATE_ORDER, coordinator, oldResolved,
            (a, id, k) -> orders.closeUnrated(a, id, k), coordinatorWrong(),
            List.of(placed, dispatched, accepted, inProgress, closed, outOfScope, cancelled)),
        Generate.pick(List.of(coordinator, w.system)).map(a -> attempt(
            "closeUnrated within the quiet period by " + a,
            () -> orders.closeUnrated(a, resolved.id(), null), Expected.rule("quiet-period")))));
  }

  @Test
  void verifyRefusesHostileInputAndChangesNothing() {
    check(cases(
        common("verify", Action.COORDINATE_ORDER, coordinator, closed,
            (a, id, k) -> orders.verify(a, id, Verdict.CONFIRMED, "回訪", k), coordinatorWrong(),
            List.of(placed, dispatched, accepted, inProgress, resolved, cancelled)),
        Generate.enumValues(Verdict.class).map(v -> attempt("verify " + v + " out of scope",
            () -> orders.verify(coordinator, outOfScope.id(), v, "回訪", null),
            Expected.rule("verify-handled-orders"))),
        Generate.constant(attempt("verify without verdict",
            () -> orders.verify(coordinator, closed.id(), null, "回訪", null),
            Expected.invalid("verdict"))),
        hostileTexts(500).zip(Generate.enumValues(Verdict.class), (t, v) -> attempt(
            "verify note " + show(t), () -> orders.verify(coordinator, closed.id(), v, t, null),
            Expected.invalid("note"), t)),
        Generate.enumValues(Verdict.class).map(v -> attempt("verify without note",
            () -> orders.verify(coordinator, closed.id(), v, null, null),
            Expected.invalid("note")))));
  }

  @Test
  void queriesRefuseNullArgumentsAndFindNothingForUnknownIds() {
    check(cases(
        Generate.constant(attempt("order(null)", () -> orders.order(null),
            Expected.invalid("order"))),
        Generate.constant(attempt("ofVillage(null)",
            () -> orders.ofVillage(null, PageRequest.first()), Expected.invalid("village"))),
        Generate.constant(attempt("openWorkOf(null)",
            () -> orders.openWorkOf(null, PageRequest.first()), Expected.invalid("squad"))),
        Generate.constant(attempt("withStatus(null, PLACED)",
            () -> orders.withStatus(null, OrderStatus.PLACED, PageRequest.first()),
            Expected.invalid("group"))),
        Generate.constant(attempt("withStatus(group, null)",
            () -> orders.withStatus(hy.id, null, PageRequest.first()),
            Expected.invalid("status"))),
        Generate.constant(attempt("claimable(null)",
            () -> orders.claimable(null, PageRequest.first()), Expected.invalid("group")))));
    qt().withFixedSeed(SEED).withExamples(20).forAll(unknownIds()).checkAssert(id -> {
      assertThat(orders.order(OrderId.of(id))).isEmpty();
      assertThat(orders.ofVillage(VillageId.of(id), PageRequest.first()).items()).isEmpty();
      assertThat(orders.openWorkOf(SquadId.of(id), PageRequest.first()).items()).isEmpty();
      assertThat(orders.claimable(GroupId.of(id), PageRequest.first()).items()).isEmpty();
      assertThat(orders.withStatus(GroupId.of(id), OrderStatus.PLACED, PageRequest.first())
          .items()).isEmpty();
    });
  }

  // ---- what every command on an existing order is fed -----------------------------------

  /** A command on an order, with a request key. */
  private interface Call {
    Order run(Actor actor, OrderId order, String requestKey);
  }

  /**
   * The attempts every order command must refuse: an unknown order, a null order, a null actor,
   * a hostile request key, each wrong actor, the right actor on another group's order in the same
   * status, and the system on orders in a status the command does not start from.
   */
  private List<Gen<Attempt>> common(String name, Action action, Actor right, Order target,
      Call call, List<Who> wrong, List<Order> wrongStatus) {
    Order otherGroups = other.get(target.status());
    List<Gen<Attempt>> gens = new ArrayList<>(List.of(
        unknownIds().map(id -> attempt(name + " of unknown order " + id,
            () -> call.run(right, OrderId.of(id), null), Expected.notFound("order"))),
        Generate.constant(attempt(name + " of null order", () -> call.run(right, null, null),
            Expected.invalid("order"))),
        Generate.constant(attempt(name + " by null actor",
            () -> call.run(null, target.id(), null), Expected.invalid("actor"))),
        hostileRequestKeys().map(k -> attempt(name + " key " + show(k),
            () -> call.run(right, target.id(), k), Expected.invalid("requestKey"), k)),
        Generate.pick(wrong).map(who -> attempt(name + " by " + who,
            () -> call.run(who.actor(), target.id(), null), Expected.denied(action))),
        Generate.pick(wrongStatus).map(o -> attempt(name + " of a " + o.status() + " order",
            () -> call.run(w.system, o.id(), null), Expected.rule("order-transition")))));
    if (otherGroups != null) {
      gens.add(Generate.constant(attempt(name + " of another group's order by " + right,
          () -> call.run(right, otherGroups.id(), null), Expected.denied(action))));
    }
    return gens;
  }

  /** A named actor, for labels. */
  record Who(String name, Actor actor) {
    @Override
    public String toString() {
      return name;
    }
  }

  private List<Who> standardWrong() {
    return List.of(
        new Who("a cadre of another village", actor(w.nangouCadre)),
        new Who("another group's coordinator", cc.coordinatorActor),
        new Who("a member of another squad", actor(hy.member(SquadKind.MARKETING, 1))),
        new Who("the county's administrator", w.heyangAdmin),
        new Who("the city's administrator", w.cityAdmin),
        new Who("a plain member", actor(hy.plain)),
        new Who("a member of another group", actor(w.linweiTeam.member(SquadKind.INDUSTRY, 1))),
        new Who("an unknown member", Actor.member(MemberId.of("unknown-member-1"))));
  }

  private List<Who> with(List<Who> base, Who... extra) {
    List<Who> out = new ArrayList<>(base);
    out.addAll(List.of(extra));
    return out;
  }

  private List<Who> coordinatorWrong() {
    return with(standardWrong(), new Who("the requester", requester),
        new Who("the lead", lead));
  }

  private List<Who> takeWrong() {
    return with(standardWrong(), new Who("the requester", requester),
        new Who("the coordinator", coordinator));
  }

  private List<Who> handleWrong() {
    return with(standardWrong(), new Who("the requester", requester),
        new Who("the coordinator", coordinator),
        new Who("a squad member who is no handler", actor(hy.member(SquadKind.INDUSTRY, 2))));
  }

  private List<Who> villageWrong() {
    return with(standardWrong(), new Who("the coordinator", coordinator),
        new Who("the lead", lead));
  }

  private List<Who> placeWrong() {
    return with(standardWrong(), new Who("the coordinator", coordinator),
        new Who("the lead", lead), new Who("a cadre of 東白龍村", actor(w.dongbailongCadre)));
  }

  private List<SquadId> otherSquads() {
    return List.of(cc.squadId(SquadKind.INDUSTRY), cc.squadId(SquadKind.TRAINING),
        w.linweiTeam.squadId(SquadKind.MARKETING), w.linweiTeam.squadId(SquadKind.LEAD_GEESE));
  }

  private Member[] elevenHelpers() {
    List<Member> out = new ArrayList<>();
    for (SquadKind k : OrderFixtures.KINDS) {
      for (Member m : hy.members.get(k)) {
        if (!m.id().equals(w.standardLead().id())) {
          out.add(m);
        }
      }
    }
    return out.toArray(Member[]::new);
  }

  private Gen<Attempt> without(String field) {
    return Generate.pick(List.of(requester, w.system)).map(a -> attempt(
        "place without " + field, () -> orders.place(a, withoutField(field)),
        field.equals("attachment") ? Expected.invalidPrefix("order.attachments")
            : Expected.invalid("order." + field)));
  }

  private NewOrder withoutField(String field) {
    NewOrder.Builder b = new NewOrder.Builder();
    if (!field.equals("village")) {
      b.village(w.beishun.id());
    }
    if (!field.equals("requester")) {
      b.requester(w.beishunSecretary.id());
    }
    if (!field.equals("title")) {
      b.title("缺欄位");
    }
    if (!field.equals("description")) {
      b.description("缺欄位的需求");
    }
    if (!field.equals("category")) {
      b.category(OrderCategory.OTHER);
    }
    if (field.equals("urgency")) {
      b.urgency(null);
    }
    if (field.equals("attachment")) {
      b.addAttachments("photo://ok.jpg", null);
    }
    return b.build();
  }

  private static Acceptance.Builder keyed(Acceptance.Builder b, String key) {
    return key == null ? b : b.requestKey(key);
  }

  /** A valid activity of a kind, to spoil one attribute of. */
  private static NewActivity.Builder complete(ActivityKind kind) {
    NewActivity.Builder b = new NewActivity.Builder().kind(kind).summary("完整的活動");
    if (kind == ActivityKind.TRAINING) {
      b.topic("修剪技術").headCount(25);
    }
    if (kind == ActivityKind.REFERRAL) {
      b.referredTo("縣農業農村局");
    }
    return b;
  }

  private static Map<String, BigDecimal> figures(int n) {
    Map<String, BigDecimal> out = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      out.put("figure" + i, BigDecimal.valueOf(i));
    }
    return out;
  }

  private static List<String> withAt(int at, String bad, String good) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < at; i++) {
      out.add(good + "?" + i);
    }
    out.add(bad);
    out.add(good);
    return out;
  }

  // ---- checking -----------------------------------------------------------------------------

  private final java.util.Set<String> seen = new java.util.TreeSet<>();

  private void check(Gen<Attempt> attempts) {
    long start = System.nanoTime();
    seen.clear();
    qt().withFixedSeed(SEED).withExamples(EXAMPLES).withShrinkCycles(0).forAll(attempts)
        .checkAssert(this::check);
    long millis = (System.nanoTime() - start) / 1_000_000;
    org.slf4j.LoggerFactory.getLogger(OrderHostileInputTest.class)
        .info("{} examples in {} ms, {} distinct refusals: {}", EXAMPLES, millis, seen.size(),
            seen);
  }

  private void check(Attempt a) {
    // Refused attempts change nothing, so the last example's "after" is this one's "before";
    // it is only reused when that example passed.
    OrderFixtures.OrdersSnapshot before = lastSnapshot != null ? lastSnapshot : w.snapshot();
    lastSnapshot = null;

    Throwable thrown = catchThrowable(a.call());
    seen.add(a.expected().toString().replaceAll("^\\S+ \\S+ ", ""));

    Expected x = a.expected();
    assertThat(thrown).as(a.label()).isInstanceOf(x.type());
    ZhuliException e = (ZhuliException) thrown;
    assertThat(e.code()).as(a.label() + ": " + e.getMessage()).isEqualTo(x.code());
    String detail = OrderRulesTest.detailOf(e);
    if (x.prefix()) {
      assertThat(detail).as(a.label() + ": " + e.getMessage()).startsWith(x.detail());
    } else {
      assertThat(detail).as(a.label() + ": " + e.getMessage()).isEqualTo(x.detail());
    }
    for (String text : a.texts()) {
      assertNotEchoed(a.label(), e.getMessage(), text);
    }
    OrderFixtures.OrdersSnapshot after = w.snapshot();
    assertThat(after).as(a.label() + ": nothing changed").isEqualTo(before);
    assertThat(w.drainAll()).as(a.label() + ": no new outbox message").isEmpty();
    lastSnapshot = after;
  }



  /** One hostile call, what it must fail with, and the texts it must not echo. */
  record Attempt(String label, ThrowingCallable call, Expected expected, List<String> texts) {
    @Override
    public String toString() {
      return label + " ⇒ " + expected;
    }
  }

  private static Attempt attempt(String label, ThrowingCallable call, Expected expected,
      String... texts) {
    return new Attempt(label, call, expected, java.util.Arrays.asList(texts));
  }

  @SafeVarargs
  private static Gen<Attempt> cases(Gen<Attempt>... gens) {
    return cases(List.of(), gens);
  }

  /** The common attempts and the command's own, each equally likely. */
  @SafeVarargs
  private static Gen<Attempt> cases(List<Gen<Attempt>> common, Gen<Attempt>... own) {
    List<Gen<Attempt>> all = new ArrayList<>(common);
    for (Gen<Attempt> g : own) {
      all.add(g);
    }
    return Gens.oneOf(all);
  }

  // ---- generators -----------------------------------------------------------------------------

  static final List<String> PHRASES = List.of("葡萄", "冷庫設備", "直播電商", "合作社", "李秀蘭",
      "獼猴桃", "花椒", "蘋果套袋", "村集體經濟", "Cafe\u0301");
  static final List<String> NFC_PHRASES = List.of("葡萄", "冷庫設備", "直播電商", "合作社",
      "獼猴桃", "花椒", "蘋果套袋", "村集體經濟", "Café", "🍎蘋果");
  static final List<String> PADDINGS = List.of("", "", " ", "  ", "\u3000", "\t", " \u3000");
  /** Control characters that are not whitespace, so trimming cannot remove them. */
  static final List<String> CONTROLS = List.of("\u0000", "\u0001", "\u0007", "\u0008", "\u001b",
      "\u007f", "\u0085", "\u009b");
  /** Unpaired surrogates and non-characters. */
  static final List<String> MALFORMED = List.of("\uD800", "\uDBFF", "\uDC00", "\uDFFF",
      "\uFFFF", "\uFFFE", "\uFDD0", "\uFDEF", "\uD83F\uDFFE", "\uDBFF\uDFFF");
  /** Invisible formatting characters and line separators (the emoji joiners are allowed). */
  static final List<String> INVISIBLE = List.of("\u200B", "\u200E", "\u200F", "\u202A",
      "\u202E", "\u2060", "\u2066", "\uFEFF", "\u00AD", "\u061C", "\u180E", "\u2028", "\u2029");

  static final List<String> FIXED_HOSTILE = List.of("", " ", "   ", "\t", "\n", "\u3000",
      "\u3000\u3000", " \t\u3000\n ", "\u00A0", "\u2003\u3000", "a\u0000b", "\u001b[31m",
      "冷庫\u0000", "\uD800x", "x\uDC00", "\uFFFF", "名\uFDD0字", "葡\u200B萄", "\u202E村幹部",
      "\uFEFF", "\u2060\u2060", "行一\u2028行二");

  static Gen<String> hostileTexts(int max) {
    Gen<String> fixed = Generate.pick(FIXED_HOSTILE);
    Gen<String> blank = lists().of(Generate.pick(List.of(" ", "\t", "\n", "\r", "\u3000",
        "\u2003", "\u00A0", "\u000B", "\u001C", "\u2028"))).ofSizeBetween(0, 8)
        .map(l -> String.join("", l));
    // over-long counted after NFC: only phrases that NFC leaves as they are
    Gen<String> overLong = integers().between(max + 1, max + 26).zip(Generate.pick(NFC_PHRASES),
        Generate.pick(PADDINGS), (n, unit, pad) -> pad + repeatCodePoints(unit, n) + pad);
    Gen<String> overLongEmoji = integers().between(max + 1, max + 6)
        .map(n -> "🍇".repeat(n));
    Gen<String> withControl = Generate.pick(PHRASES).zip(Generate.pick(CONTROLS),
        integers().between(0, 3), OrderHostileInputTest::insert);
    Gen<String> withMalformed = Generate.pick(PHRASES).zip(Generate.pick(MALFORMED),
        integers().between(0, 3), OrderHostileInputTest::insert);
    // inside the text: a line separator at either end is space, and trimmed
    Gen<String> withInvisible = Generate.pick(PHRASES).zip(Generate.pick(INVISIBLE),
        integers().between(1, 3), (p, bad, at) -> insert(p, bad, Math.min(at, p.length() - 1)));
    return Gens.oneOf(List.of(fixed, blank, overLong, overLongEmoji, withControl,
        withMalformed, withInvisible));
  }

  static Gen<String> hostileRequestKeys() {
    return Generate.pick(List.of("", " ", "key with spaces", "k".repeat(65), "鍵-1", "key\u0000",
        "\tkey", "key\n", "😀", "key\u200B", "村-2024"));
  }

  static Gen<String> unknownIds() {
    return Generate.pick(List.of("unknown-1", "unknown-2", "Z",
        "0190f3c2-0000-7000-8000-000000000000", "x.y_z-0", "9".repeat(64)));
  }

  static Gen<Integer> badStars() {
    return Gens.oneOf(List.of(Generate.pick(List.of(0, 6, -1, 10, Integer.MIN_VALUE,
        Integer.MAX_VALUE)), integers().between(-1000, 0), integers().between(6, 1000)));
  }

  static Gen<Integer> badHeadCounts() {
    return Gens.oneOf(List.of(Generate.pick(List.of(0, -1, 100_001,
        Integer.MIN_VALUE, Integer.MAX_VALUE)), integers().between(-1000, 0),
        integers().between(100_001, 10_000_000)));
  }

  static Gen<BigDecimal> badMoney() {
    Gen<BigDecimal> negative = integers().between(1, 1_000_000).map(n -> BigDecimal.valueOf(-n));
    Gen<BigDecimal> fine = integers().between(0, 1_000_000).zip(integers().between(3, 8),
        (n, scale) -> BigDecimal.valueOf(n).movePointLeft(scale));
    Gen<BigDecimal> fixed = Generate.pick(List.of(new BigDecimal("-0.01"),
        new BigDecimal("0.001"), new BigDecimal("350000.005"), new BigDecimal("1000000000000"),
        new BigDecimal("1E+13"), new BigDecimal("-350000")));
    return Gens.oneOf(List.of(negative, fine, fixed));
  }

  private static String insert(String text, String bad, int at) {
    int i = Math.min(at, text.length());
    if (i > 0 && i < text.length() && Character.isLowSurrogate(text.charAt(i))) {
      i--;
    }
    return text.substring(0, i) + bad + text.substring(i);
  }

  private static String repeatCodePoints(String unit, int codePoints) {
    StringBuilder b = new StringBuilder();
    int n = 0;
    while (n < codePoints) {
      for (int i = 0; i < unit.length() && n < codePoints; ) {
        int cp = unit.codePointAt(i);
        b.appendCodePoint(cp);
        i += Character.charCount(cp);
        n++;
      }
    }
    return b.toString();
  }

  /** Equal-weight choice among generators. */
  private static final class Gens {
    static <T> Gen<T> oneOf(List<Gen<T>> gens) {
      List<Pair<Integer, Gen<T>>> weighted = new ArrayList<>();
      for (Gen<T> g : gens) {
        weighted.add(Pair.of(1, g));
      }
      return Generate.frequency(weighted);
    }
  }
}
