package dev.zhuli.core.order;

import static dev.zhuli.core.order.OrderFixtures.acceptance;
import static dev.zhuli.core.order.OrderFixtures.actor;
import static dev.zhuli.core.order.OrderFixtures.all;
import static dev.zhuli.core.order.OrderFixtures.ids;
import static dev.zhuli.core.order.OrderFixtures.idsOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zhuli.core.Actor;
import dev.zhuli.core.order.OrderFixtures.Note;
import dev.zhuli.core.order.OrderFixtures.Team;
import dev.zhuli.core.roster.Member;
import dev.zhuli.core.roster.SquadKind;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cases of the article on Weinan's Red Assistance Groups, end to end through the public API:
 * a village places an order, a squad takes it, works it, resolves it, and the village rates it.
 * Each case checks the timeline, the activities and the outcome.
 */
class OrderCasesTest {
  private OrderFixtures w;
  private Orders orders;

  @BeforeEach
  void setUp() {
    w = OrderFixtures.weinan();
    orders = w.orders;
  }

  @AfterEach
  void tearDown() {
    w.close();
  }

  /** (a) 北順村 asks the lead-geese squad how to build a shared-prosperity mechanism. */
  @Test
  void beishunLearnsToBuildASharedProsperityMechanism() {
    Team hy = w.heyangTeam;
    Actor village = actor(w.beishunSecretary);
    Member goose = hy.lead(SquadKind.LEAD_GEESE);
    Actor squad = actor(goose);

    Order placed = orders.place(village, new NewOrder.Builder().village(w.beishun.id())
        .requester(w.beishunSecretary.id()).title("如何建立聯農帶農共富機制")
        .description("村集體經濟剛起步，想學習如何建立利益聯結機制，帶動村民就近就業")
        .category(OrderCategory.LEADERSHIP).requestedSquadKind(SquadKind.LEAD_GEESE)
        .desiredBy(LocalDate.of(2024, 7, 15)).build());
    assertThat(placed.status()).isEqualTo(OrderStatus.PLACED);
    assertThat(ids(all(p -> orders.withStatus(hy.id, OrderStatus.PLACED, p))))
        .containsExactly(placed.id());

    w.clock.advance(Duration.ofHours(2));
    orders.dispatch(w.coordinator(), placed.id(), hy.squadId(SquadKind.LEAD_GEESE), null);
    assertThat(ids(all(p -> orders.openWorkOf(hy.squadId(SquadKind.LEAD_GEESE), p))))
        .containsExactly(placed.id());

    w.clock.advance(Duration.ofHours(1));
    Order accepted = orders.accept(squad, placed.id(), acceptance(goose));
    assertThat(accepted.lead()).contains(goose.id());

    w.clock.advance(Duration.ofDays(5));
    Order trained = orders.recordActivity(squad, placed.id(), new NewActivity.Builder()
        .kind(ActivityKind.TRAINING).summary("為北順村兩委幹部講解共富機制與合作社分紅辦法")
        .topic("村集體經濟共富機制").headCount(18).build());
    assertThat(trained.status()).isEqualTo(OrderStatus.IN_PROGRESS);

    w.clock.advance(Duration.ofDays(20));
    Order resolved = orders.resolve(squad, placed.id(), new Resolution.Builder()
        .report("村裡成立勞務合作社，吸納村民在家門口就業")
        .putOutcome("workers", BigDecimal.valueOf(50))
        .putOutcome("monthlyWageYuan", BigDecimal.valueOf(3000)).build());
    assertThat(resolved.status()).isEqualTo(OrderStatus.RESOLVED);
    assertThat(resolved.outcome()).isEqualTo(Map.of("workers", BigDecimal.valueOf(50),
        "monthlyWageYuan", BigDecimal.valueOf(3000)));

    w.clock.advance(Duration.ofDays(2));
    Order rated = orders.rate(village, placed.id(), 5, "村民在家門口就能掙錢", null);

    assertThat(rated.status()).isEqualTo(OrderStatus.CLOSED);
    assertThat(rated.closure()).contains(Closure.RATED);
    assertThat(rated.squad()).contains(hy.squadId(SquadKind.LEAD_GEESE));
    assertThat(rated.timeline()).extracting(TimelineEntry::transition).containsExactly(
        Transition.PLACE, Transition.DISPATCH, Transition.ACCEPT, Transition.START,
        Transition.RESOLVE, Transition.RATE);
    assertThat(rated.timeline()).extracting(TimelineEntry::to).containsExactly(
        OrderStatus.PLACED, OrderStatus.DISPATCHED, OrderStatus.ACCEPTED,
        OrderStatus.IN_PROGRESS, OrderStatus.RESOLVED, OrderStatus.CLOSED);
    assertThat(rated.timeline()).extracting(TimelineEntry::at).isSorted();
    assertThat(rated.activities()).singleElement().satisfies(a -> {
      assertThat(a.kind()).isEqualTo(ActivityKind.TRAINING);
      assertThat(a.topic()).contains("村集體經濟共富機制");
      assertThat(a.headCount()).contains(18);
      assertThat(a.actor()).isEqualTo("member " + goose.id());
      assertThat(a.voided()).isFalse();
    });
    assertThat(rated.report()).contains("村裡成立勞務合作社，吸納村民在家門口就業");
    assertThat(rated.outcome().get("workers")).isEqualByComparingTo("50");
    assertThat(rated.outcome().get("monthlyWageYuan")).isEqualByComparingTo("3000");
    assertThat(rated.ratings()).singleElement().satisfies(r -> {
      assertThat(r.stars()).isEqualTo(5);
      assertThat(r.comment()).contains("村民在家門口就能掙錢");
    });
    assertThat(rated.acceptedAt()).contains(OrderFixtures.START.plus(Duration.ofHours(3)));
    assertThat(rated.resolvedAt()).contains(OrderFixtures.START.plus(Duration.ofHours(3))
        .plus(Duration.ofDays(25)));
    assertThat(all(p -> orders.openWorkOf(hy.squadId(SquadKind.LEAD_GEESE), p))).isEmpty();
    assertThat(ids(all(p -> orders.ofVillage(w.beishun.id(), p))))
        .containsExactly(placed.id());
  }

  /** (b) 李十三村's deputy director asks for live-stream e-commerce; the incubator trains 52. */
  @Test
  void liShisanLearnsLiveStreamSelling() {
    Team lw = w.linweiTeam;
    Actor deputy = actor(w.lishisanDeputy);
    Member incubator = w.incubatorHead;
    Member seller = lw.member(SquadKind.MARKETING, 1);

    Order placed = orders.place(deputy, new NewOrder.Builder().village(w.lishisan.id())
        .requester(w.lishisanDeputy.id()).title("村裡農產品想通過直播電商銷售")
        .description("村民想學直播帶貨，請派人來村裡培訓").category(OrderCategory.MARKETING)
        .urgency(Urgency.URGENT).squad(lw.squadId(SquadKind.MARKETING)).build());
    assertThat(placed.status()).isEqualTo(OrderStatus.DISPATCHED);
    assertThat(placed.group()).isEqualTo(lw.id);
    List<Note> placedNotes = w.drainNotes();
    assertThat(placedNotes).singleElement().satisfies(n ->
        assertThat(n.recipientSet()).containsAll(lw.memberIds(SquadKind.MARKETING)));

    Order accepted = orders.accept(actor(seller), placed.id(),
        acceptance(incubator, seller));
    assertThat(accepted.lead()).contains(incubator.id());
    assertThat(accepted.helpers()).containsExactly(seller.id());
    assertThat(w.drainNotes()).singleElement().satisfies(n ->
        assertThat(n.recipients()).containsExactly(w.lishisanDeputy.id().value()));

    w.clock.advance(Duration.ofDays(3));
    orders.recordActivity(actor(incubator), placed.id(), new NewActivity.Builder()
        .kind(ActivityKind.TRAINING).summary("在村委會舉辦直播電商培訓")
        .topic("直播帶貨入門").headCount(52).addAttachments("photo://lishisan/training.jpg")
        .build());
    w.clock.advance(Duration.ofDays(10));
    Order resolved = orders.resolve(actor(incubator), placed.id(), new Resolution.Builder()
        .report("培訓50餘人，村裡的農產品開始在網上銷售")
        .putOutcome("trained", BigDecimal.valueOf(52)).build());
    assertThat(w.drainNotes()).extracting(Note::type)
        .containsExactly("order.start", "order.resolve");

    Order rated = orders.rate(deputy, placed.id(), 5, "很有幫助", null);

    assertThat(rated.status()).isEqualTo(OrderStatus.CLOSED);
    assertThat(rated.timeline()).extracting(TimelineEntry::transition).containsExactly(
        Transition.PLACE_TO_SQUAD, Transition.ACCEPT, Transition.START, Transition.RESOLVE,
        Transition.RATE);
    assertThat(rated.timeline().get(0).actor()).isEqualTo("member " + w.lishisanDeputy.id());
    assertThat(rated.activities()).singleElement().satisfies(a -> {
      assertThat(a.kind()).isEqualTo(ActivityKind.TRAINING);
      assertThat(a.headCount()).hasValueSatisfying(n -> assertThat(n).isGreaterThan(50));
      assertThat(a.headCount()).contains(52);
      assertThat(a.topic()).contains("直播帶貨入門");
      assertThat(a.actor()).isEqualTo("member " + incubator.id());
      assertThat(a.attachments()).containsExactly("photo://lishisan/training.jpg");
    });
    assertThat(rated.outcome()).containsEntry("trained", BigDecimal.valueOf(52));
    assertThat(rated.report()).isEqualTo(resolved.report());
    assertThat(w.drainNotes()).singleElement().satisfies(n -> {
      assertThat(n.type()).isEqualTo("order.rate");
      assertThat(n.recipientSet()).isEqualTo(idsOf(incubator, seller));
    });
  }

  /** (c) 東白龍村's cold store lacks equipment; a referral mobilises a 350,000-yuan project. */
  @Test
  void dongbailongGetsItsColdStoreEquipped() {
    Team cc = w.chengchengTeam;
    Actor village = actor(w.dongbailongCadre);
    Member lead = cc.lead(SquadKind.INDUSTRY);
    Member helper = cc.member(SquadKind.INDUSTRY, 1);

    Order placed = orders.place(village, new NewOrder.Builder().village(w.dongbailong.id())
        .requester(w.dongbailongCadre.id()).title("冷庫缺少製冷設備")
        .description("村裡的櫻桃冷庫建好了，但缺少製冷設備，無法投入使用")
        .category(OrderCategory.INFRASTRUCTURE).requestedSquadKind(SquadKind.INDUSTRY).build());
    orders.dispatch(cc.coordinatorActor, placed.id(), cc.squadId(SquadKind.INDUSTRY), null);
    orders.accept(actor(lead), placed.id(), acceptance(lead, helper));

    w.clock.advance(Duration.ofDays(1));
    orders.recordActivity(actor(lead), placed.id(), new NewActivity.Builder()
        .kind(ActivityKind.VISIT).summary("實地查看冷庫，核實設備缺口").build());
    w.clock.advance(Duration.ofDays(2));
    orders.recordActivity(actor(helper), placed.id(), new NewActivity.Builder()
        .kind(ActivityKind.REFERRAL).summary("對接駐村第一書記聯繫的製冷設備企業")
        .referredTo("第一書記聯繫的製冷設備企業").build());
    w.clock.advance(Duration.ofDays(9));
    Order funded = orders.recordActivity(actor(lead), placed.id(), new NewActivity.Builder()
        .kind(ActivityKind.REFERRAL).summary("爭取到縣級產業扶持項目資金")
        .referredTo("縣級產業扶持項目").money(new BigDecimal("350000")).build());
    assertThat(funded.status()).isEqualTo(OrderStatus.IN_PROGRESS);

    w.clock.advance(Duration.ofDays(30));
    orders.resolve(actor(lead), placed.id(), new Resolution.Builder()
        .report("製冷設備安裝到位，冷庫投入使用")
        .putOutcome("supportYuan", new BigDecimal("350000"))
        .putOutcome("coldStoreTonnes", BigDecimal.valueOf(500)).build());
    Order rated = orders.rate(village, placed.id(), 5, null, null);

    assertThat(rated.status()).isEqualTo(OrderStatus.CLOSED);
    assertThat(rated.closure()).contains(Closure.RATED);
    assertThat(rated.timeline()).extracting(TimelineEntry::transition).containsExactly(
        Transition.PLACE, Transition.DISPATCH, Transition.ACCEPT, Transition.START,
        Transition.RECORD_ACTIVITY, Transition.RECORD_ACTIVITY, Transition.RESOLVE,
        Transition.RATE);
    assertThat(rated.activities()).extracting(Activity::kind).containsExactly(
        ActivityKind.VISIT, ActivityKind.REFERRAL, ActivityKind.REFERRAL);
    assertThat(rated.activities()).extracting(Activity::actor).containsExactly(
        "member " + lead.id(), "member " + helper.id(), "member " + lead.id());
    assertThat(rated.activities().get(1).referredTo()).contains("第一書記聯繫的製冷設備企業");
    assertThat(rated.activities().get(1).money()).isEmpty();
    assertThat(rated.activities().get(2).referredTo()).contains("縣級產業扶持項目");
    assertThat(rated.activities().get(2).money()).hasValueSatisfying(m ->
        assertThat(m).isEqualByComparingTo("350000"));
    BigDecimal mobilised = rated.activities().stream().filter(a -> !a.voided())
        .map(a -> a.money().orElse(BigDecimal.ZERO)).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(mobilised).isEqualByComparingTo("350000");
    assertThat(rated.outcome().get("supportYuan")).isEqualByComparingTo("350000");
    assertThat(rated.group()).isEqualTo(cc.id);
    assertThat(all(p -> orders.ofVillage(w.beishun.id(), p))).isEmpty();
  }

  /** (d) 新池鎮's grape question: the industry squad's lead with a training-squad helper. */
  @Test
  void xinchisGrapeQuestionIsCoHandledByTwoSquads() {
    Team hy = w.heyangTeam;
    Actor village = actor(w.nangouCadre);
    Member lead = hy.lead(SquadKind.INDUSTRY);
    Member trainer = hy.member(SquadKind.TRAINING, 1);

    Order placed = orders.place(village, new NewOrder.Builder().village(w.nangou.id())
        .requester(w.nangouCadre.id()).title("葡萄種植技術缺口")
        .description("社區新發展葡萄產業，缺少修剪、控產和病害防治技術")
        .category(OrderCategory.INDUSTRY).build());
    orders.dispatch(w.coordinator(), placed.id(), hy.squadId(SquadKind.INDUSTRY), null);
    w.drainAll();
    Order accepted = orders.accept(actor(hy.member(SquadKind.INDUSTRY, 2)), placed.id(),
        acceptance(lead, trainer));
    assertThat(accepted.squad()).contains(hy.squadId(SquadKind.INDUSTRY));
    assertThat(accepted.lead()).contains(lead.id());
    assertThat(accepted.helpers()).containsExactly(trainer.id());

    w.clock.advance(Duration.ofDays(2));
    orders.recordActivity(actor(lead), placed.id(), new NewActivity.Builder()
        .kind(ActivityKind.VISIT).summary("到葡萄園查看長勢").build());
    w.clock.advance(Duration.ofDays(1));
    orders.recordActivity(actor(trainer), placed.id(), new NewActivity.Builder()
        .kind(ActivityKind.TRAINING).summary("田間課堂：葡萄夏季修剪").topic("葡萄夏季修剪")
        .headCount(36).build());
    w.clock.advance(Duration.ofDays(1));
    Order resolved = orders.resolve(actor(trainer), placed.id(), new Resolution.Builder()
        .report("葡萄種植戶掌握了修剪與病害防治").putOutcome("growersTrained",
            BigDecimal.valueOf(36)).build());
    assertThat(resolved.status()).isEqualTo(OrderStatus.RESOLVED);
    w.drainAll();
    Order rated = orders.rate(village, placed.id(), 4, "希望秋季再來", null);

    assertThat(rated.timeline()).extracting(TimelineEntry::transition).containsExactly(
        Transition.PLACE, Transition.DISPATCH, Transition.ACCEPT, Transition.START,
        Transition.RECORD_ACTIVITY, Transition.RESOLVE, Transition.RATE);
    assertThat(rated.timeline().get(2).actor())
        .isEqualTo("member " + hy.member(SquadKind.INDUSTRY, 2).id());
    assertThat(rated.timeline().get(5).actor()).isEqualTo("member " + trainer.id());
    assertThat(rated.activities()).extracting(Activity::actor).containsExactly(
        "member " + lead.id(), "member " + trainer.id());
    assertThat(rated.activities().get(1).headCount()).contains(36);
    assertThat(rated.outcome()).containsEntry("growersTrained", BigDecimal.valueOf(36));
    assertThat(rated.ratings()).extracting(Rating::stars).containsExactly(4);
    assertThat(w.drainNotes()).singleElement().satisfies(n ->
        assertThat(n.recipientSet()).isEqualTo(idsOf(lead, trainer)));
    assertThat(ids(all(p -> orders.ofVillage(w.nangou.id(), p))))
        .containsExactly(placed.id());
  }
}
