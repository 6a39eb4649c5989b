package dev.zhuli.core.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zhuli.core.Actor;
import dev.zhuli.core.PageRequest;
import dev.zhuli.core.Zhuli;
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
import dev.zhuli.core.GroupId;
import dev.zhuli.core.SquadId;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's "Orders" section, compiled and run as it stands there ({@code ReadmeSnippetsTest}
 * checks that the marked snippets are the README's word for word).
 */
class OrdersReadmeTest {

  /** The roster the README's snippets assume. */
  private record World(Zhuli zhuli, Village liShisan, HelpGroup group, Squad marketing,
      Member coordinatorMember, Member deputy, Member seller) {}

  private static World world(Zhuli zhuli) {
    Roster roster = zhuli.roster();
    Actor setup = Actor.system("setup");
    Region weinan = roster.createRegion(setup,
        new NewRegion.Builder().name("渭南市").level(RegionLevel.CITY).build());
    Region linwei = roster.createRegion(setup, new NewRegion.Builder().name("臨渭區")
        .level(RegionLevel.DISTRICT).parent(weinan.id()).build());
    Region lindian = roster.createRegion(setup, new NewRegion.Builder().name("藺店鎮")
        .level(RegionLevel.TOWN).parent(linwei.id()).build());
    Village liShisan = roster.createVillage(setup,
        new NewVillage.Builder().name("李十三村").town(lindian.id()).build());
    HelpGroup group = roster.createGroup(setup,
        new NewGroup.Builder().name("臨渭區紅色助力團").county(linwei.id()).build());
    Squad marketing = roster.createSquad(setup, new NewSquad.Builder().group(group.id())
        .name("行銷組").kind(SquadKind.MARKETING).build());
    Member coordinatorMember = roster.addMember(setup, new NewMember.Builder()
        .group(group.id()).name("周主任").background(Background.WORK_TEAM_MEMBER).build());
    roster.appointCoordinator(setup, group.id(), coordinatorMember.id(), null);
    Member deputy = roster.addMember(setup, new NewMember.Builder().group(group.id())
        .name("李副主任").background(Background.VILLAGE_CADRE).village(liShisan.id()).build());
    Member seller = roster.addMember(setup, new NewMember.Builder().group(group.id())
        .name("孫老師").background(Background.ENTERPRISE_LIAISON).addSkills("直播電商").build());
    roster.joinSquad(setup, seller.id(), marketing.id(), SquadRole.LEADER, null);
    return new World(zhuli, liShisan, group, marketing, coordinatorMember, deputy, seller);
  }

  @Test
  void liShisanAsksForLiveStreamTraining() {
    try (Zhuli zhuli = Zhuli.builder().build()) {
      World w = world(zhuli);
      Village liShisan = w.liShisan();
      Squad marketing = w.marketing();
      Member coordinatorMember = w.coordinatorMember();
      Member deputy = w.deputy();
      Member seller = w.seller();

      // --- README orders begin ---
      Orders orders = zhuli.orders();
      Actor village = Actor.member(deputy.id());           // a cadre of 李十三村
      Actor coordinator = Actor.member(coordinatorMember.id());
      Actor squad = Actor.member(seller.id());             // the marketing squad's leader

      Order order = orders.place(village, new NewOrder.Builder()
          .village(liShisan.id()).requester(deputy.id())
          .title("蜂蜜產品如何網上銷售").description("想學直播帶貨，請派人培訓")
          .category(OrderCategory.MARKETING).urgency(Urgency.ROUTINE).build());
      orders.dispatch(coordinator, order.id(), marketing.id(), null);
      orders.accept(squad, order.id(), new Acceptance.Builder().lead(seller.id()).build());
      orders.recordActivity(squad, order.id(), new NewActivity.Builder()
          .kind(ActivityKind.TRAINING).summary("直播電商培訓")
          .topic("直播帶貨入門").headCount(52).build());
      orders.resolve(squad, order.id(), new Resolution.Builder()
          .report("培訓50餘人，蜂蜜開始線上銷售")
          .putOutcome("trained", BigDecimal.valueOf(52)).build());
      Order closed = orders.rate(village, order.id(), 5, "很有幫助", null);
      // --- README orders end ---

      assertThat(closed.status()).isEqualTo(OrderStatus.CLOSED);
      assertThat(closed.closure()).contains(Closure.RATED);
      assertThat(closed.timeline()).extracting(TimelineEntry::transition).containsExactly(
          Transition.PLACE, Transition.DISPATCH, Transition.ACCEPT, Transition.START,
          Transition.RESOLVE, Transition.RATE);
      assertThat(orders.ofVillage(liShisan.id(), PageRequest.first()).items())
          .extracting(Order::id).containsExactly(order.id());
      assertThat(closed.activities()).singleElement()
          .satisfies(a -> assertThat(a.headCount()).contains(52));
    }
  }

  @Test
  void deadlinesOnTheSpringFestivalCalendar() {
    // Friday 13 February 2026, 16:00 in Weinan
    java.time.Clock clock = java.time.Clock.fixed(Instant.parse("2026-02-13T08:00:00Z"),
        java.time.ZoneOffset.UTC);
    List<LocalDate> springFestival = new ArrayList<>();
    for (int day = 15; day <= 23; day++) {
      springFestival.add(LocalDate.of(2026, 2, day));
    }

    // --- README deadlines begin ---
    WorkCalendar weinan2026 = WorkCalendar.weekdays()
        .withHolidays(springFestival)                      // 15–23 February off
        .withMakeUpDays(List.of(LocalDate.of(2026, 2, 14), LocalDate.of(2026, 2, 28)))
        .withBlackout(LocalDate.of(2026, 8, 10), LocalDate.of(2026, 8, 23));  // grape harvest
    OrderSettings settings = OrderSettings.defaults().withServiceLevels(
        ServiceLevels.defaults()
            .with(Urgency.ROUTINE, ServiceLevel.of(Term.days(1), Term.days(2), Term.days(10),
                Duration.ofDays(1)))                       // dispatch, accept, resolve, remind
            .withCalendar(weinan2026));
    try (Zhuli zhuli = Zhuli.builder().orderSettings(settings).clock(clock).build()) {
    // --- README deadlines end ---
      World w = world(zhuli);
      Orders orders = zhuli.orders();
      Actor village = Actor.member(w.deputy().id());
      Actor coordinator = Actor.member(w.coordinatorMember().id());
      Actor lead = Actor.member(w.seller().id());
      Order order = orders.place(village, new NewOrder.Builder()
          .village(w.liShisan().id()).requester(w.deputy().id())
          .title("年貨直播").description("春節前後想做直播賣年貨")
          .category(OrderCategory.MARKETING).urgency(Urgency.ROUTINE).build());
      orders.dispatch(coordinator, order.id(), w.marketing().id(), null);
      orders.accept(lead, order.id(), new Acceptance.Builder().lead(w.seller().id()).build());
      GroupId group = w.group().id();
      SquadId marketing = w.marketing().id();
      Instant now = clock.instant();
      Instant from = now;
      Instant to = now.plus(Duration.ofDays(60));

      // --- README sweep begin ---
      // the lead sees it will take longer; the coordinator agrees
      orders.requestExtension(lead, order.id(), LocalDate.of(2026, 3, 20), "設備節後到貨", null);
      orders.decideExtension(coordinator, order.id(), true, "同意", null);

      // the host's scheduler (or the relay) sweeps every few minutes: reminders before each
      // deadline, overdue notices at it, escalation to administrators a day later
      SweepReport swept = orders.sweep(zhuli.clock().instant());

      List<Order> late = orders.overdue(group, now, PageRequest.first()).items();
      InTimeFigures marketingInTime = orders.inTime(marketing, from, to);
      // --- README sweep end ---

      Order extended = orders.order(order.id()).orElseThrow();
      assertThat(extended.extensions()).singleElement()
          .satisfies(x -> assertThat(x.approved()).contains(true));
      assertThat(extended.deadline().orElseThrow().dueAt())
          .isEqualTo(Instant.parse("2026-03-20T16:00:00Z"));
      assertThat(extended.deadlines().get(1).dueAt()).as("accept within 2 working days: the"
          + " make-up Saturday, then the first day after the festival")
          .isEqualTo(Instant.parse("2026-02-24T16:00:00Z"));
      assertThat(swept.reminders() + swept.overdue() + swept.escalations()).isZero();
      assertThat(late).isEmpty();
      assertThat(marketingInTime.inTimeShare()).isEmpty();
    }
  }
}
