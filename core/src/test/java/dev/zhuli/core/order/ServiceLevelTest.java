package dev.zhuli.core.order;

import static dev.zhuli.core.order.OrderFixtures.acceptance;
import static dev.zhuli.core.order.OrderFixtures.actor;
import static dev.zhuli.core.order.OrderFixtures.all;
import static dev.zhuli.core.order.OrderFixtures.resolution;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zhuli.core.GroupId;
import dev.zhuli.core.OrderId;
import dev.zhuli.core.RuleViolationException;
import dev.zhuli.core.ValidationException;
import dev.zhuli.core.order.OrderFixtures.Note;
import dev.zhuli.core.roster.Member;
import dev.zhuli.core.roster.SquadKind;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Service levels by example, in the Weinan world (the clock starts on Monday 3 June 2024, 09:30
 * in Weinan, 01:30 UTC): the clocks each status runs, the sweep's reminders, overdue notices and
 * escalations and whom they reach, extensions, closing unrated orders, the overdue lists and the
 * in-time shares, and per-group calendars.
 */
class ServiceLevelTest {
  private static final String SWEEPER = "system service-levels";
  private final OrderFixtures w = OrderFixtures.weinan();
  private final Orders orders = w.orders;

  @AfterEach
  void close() {
    w.close();
  }

  private void at(Instant t) {
    w.clock.advance(Duration.between(w.clock.instant(), t));
  }

  private SweepReport sweepNow() {
    return orders.sweep(w.clock.instant());
  }

  private Order dispatched(String title) {
    Order o = orders.place(w.requester(), w.beishunOrder(title).build());
    return orders.dispatch(w.coordinator(), o.id(), w.heyangTeam.squadId(SquadKind.INDUSTRY),
        null);
  }

  @Test
  void eachStatusRunsItsClockFromPlacementToClosure() {
    Order o = orders.place(w.requester(), w.beishunOrder("葡萄技術指導").build());
    Deadline dispatch = o.deadline().orElseThrow();
    assertThat(dispatch.stage()).isEqualTo(ServiceStage.DISPATCH);
    assertThat(dispatch.startedAt()).isEqualTo(OrderFixtures.START);
    // routine: dispatched within a day, by the end of Tuesday 4 June in Weinan
    assertThat(dispatch.dueAt()).isEqualTo(Instant.parse("2024-06-04T16:00:00Z"));
    assertThat(dispatch.remindAt()).as("two days before is before the start: no reminder")
        .isEmpty();
    assertThat(dispatch.escalateAt()).contains(Instant.parse("2024-06-05T16:00:00Z"));

    w.clock.advance(Duration.ofHours(1));
    o = orders.dispatch(w.coordinator(), o.id(), w.heyangTeam.squadId(SquadKind.INDUSTRY),
        null);
    Deadline accept = o.deadline().orElseThrow();
    assertThat(accept.stage()).isEqualTo(ServiceStage.ACCEPT);
    assertThat(accept.dueAt()).isEqualTo(Instant.parse("2024-06-05T16:00:00Z"));
    assertThat(accept.remindAt()).contains(Instant.parse("2024-06-03T16:00:00Z"));
    assertThat(o.deadlines().get(0).endedBy()).contains(Transition.DISPATCH);
    assertThat(o.deadlines().get(0).metInTime()).isTrue();

    w.clock.advance(Duration.ofHours(1));
    Member lead = w.standardLead();
    o = orders.accept(actor(lead), o.id(), acceptance(lead));
    Deadline resolve = o.deadline().orElseThrow();
    assertThat(resolve.stage()).isEqualTo(ServiceStage.RESOLVE);
    assertThat(resolve.dueAt()).as("13 days after 3 June")
        .isEqualTo(Instant.parse("2024-06-16T16:00:00Z"));
    o = orders.recordActivity(actor(lead), o.id(), OrderFixtures.visit("走訪"));
    assertThat(o.deadline()).as("starting the work keeps the clock").contains(resolve);

    o = orders.resolve(actor(lead), o.id(), resolution("辦結"));
    Deadline rating = o.deadline().orElseThrow();
    assertThat(rating.stage()).isEqualTo(ServiceStage.RATING);
    assertThat(rating.dueAt()).isEqualTo(w.clock.instant().plus(Duration.ofDays(7)));
    assertThat(rating.remindAt()).isEmpty();
    assertThat(rating.escalateAt()).isEmpty();
    assertThat(o.deadlines().get(2).metInTime()).isTrue();

    o = orders.rate(w.requester(), o.id(), 5, null, null);
    assertThat(o.deadline()).isEmpty();
    assertThat(o.deadlines()).extracting(Deadline::stage).containsExactly(ServiceStage.DISPATCH,
        ServiceStage.ACCEPT, ServiceStage.RESOLVE, ServiceStage.RATING);
    assertThat(o.deadlines()).noneMatch(Deadline::running);
  }

  @Test
  void anEmergencyIsDueTheSameDayAndATransferRestartsTheClockToAccept() {
    Order o = orders.place(w.requester(), w.beishunOrder("冷庫斷電")
        .urgency(Urgency.EMERGENCY).build());
    assertThat(o.deadline().orElseThrow().dueAt())
        .as("the end of 3 June in Weinan").isEqualTo(Instant.parse("2024-06-03T16:00:00Z"));
    assertThat(o.deadline().orElseThrow().remindAt())
        .contains(Instant.parse("2024-06-03T14:00:00Z"));
    o = orders.dispatch(w.coordinator(), o.id(), w.heyangTeam.squadId(SquadKind.INDUSTRY),
        null);
    w.clock.advance(Duration.ofHours(20));
    o = orders.transfer(w.coordinator(), o.id(), w.heyangTeam.squadId(SquadKind.MARKETING),
        "改由行銷組", null);
    Deadline again = o.deadline().orElseThrow();
    assertThat(again.stage()).isEqualTo(ServiceStage.ACCEPT);
    assertThat(again.startedAt()).isEqualTo(w.clock.instant());
    assertThat(again.dueAt()).isEqualTo(Instant.parse("2024-06-04T16:00:00Z"));
    Deadline before = o.deadlines().get(o.deadlines().size() - 2);
    assertThat(before.endedBy()).contains(Transition.TRANSFER);
    assertThat(before.metInTime()).as("transferred after its deadline").isFalse();
  }

  @Test
  void theSweepRemindsThenMarksOverdueThenEscalatesEachOnce() {
    Order o = dispatched("電商培訓");
    GroupId group = w.heyangTeam.id;
    w.drainAll();
    Deadline d = o.deadline().orElseThrow();

    at(d.remindAt().get().minusNanos(1));
    assertThat(sweepNow()).isEqualTo(report(0, 0, 0, 0));
    assertThat(w.drainNotes()).isEmpty();

    at(d.remindAt().get());
    assertThat(sweepNow()).isEqualTo(report(1, 0, 0, 0));
    assertThat(sweepNow()).as("again at the same instant").isEqualTo(report(0, 0, 0, 0));
    Note remind = single(w.drainNotes());
    assertThat(remind.type()).isEqualTo("order.remind");
    assertThat(remind.recipientSet()).as("the squad the clock waits for")
        .isEqualTo(w.heyangTeam.memberIds(SquadKind.INDUSTRY));
    assertThat(remind.parameters()).containsEntry("deadline", "2024-06-06 00:00")
        .containsEntry("orderId", o.id().value());

    at(d.dueAt().minusNanos(1));
    assertThat(sweepNow()).isEqualTo(report(0, 0, 0, 0));
    at(d.dueAt());
    assertThat(sweepNow()).isEqualTo(report(0, 1, 0, 0));
    Note overdue = single(w.drainNotes());
    assertThat(overdue.type()).isEqualTo("order.mark_overdue");
    assertThat(overdue.recipientSet()).contains(w.heyangTeam.coordinator.id().value())
        .containsAll(w.heyangTeam.memberIds(SquadKind.INDUSTRY));

    at(d.escalateAt().get());
    assertThat(sweepNow()).isEqualTo(report(0, 0, 1, 0));
    Note escalate = single(w.drainNotes());
    assertThat(escalate.type()).isEqualTo("order.escalate");
    assertThat(escalate.recipients()).containsExactlyInAnyOrder(
        "role:administrators:" + group.value(), w.heyangTeam.coordinator.id().value());

    w.clock.advance(Duration.ofDays(30));
    assertThat(sweepNow()).as("nothing more for this deadline").isEqualTo(report(0, 0, 0, 0));
    Order after = w.order(o.id());
    assertThat(after.status()).isEqualTo(OrderStatus.DISPATCHED);
    List<TimelineEntry> alerts = after.timeline().stream()
        .filter(e -> e.actor().equals(SWEEPER)).collect(Collectors.toList());
    assertThat(alerts).extracting(TimelineEntry::transition).containsExactly(Transition.REMIND,
        Transition.MARK_OVERDUE, Transition.ESCALATE);
    assertThat(alerts).extracting(TimelineEntry::at).containsExactly(d.remindAt().get(),
        d.dueAt(), d.escalateAt().get());
  }

  @Test
  void aLateSweepPassesOverTheReminderAndRaisesWhatIsDue() {
    Order o = dispatched("冷庫設備");
    w.drainAll();
    at(o.deadline().orElseThrow().escalateAt().get().plusSeconds(1));
    assertThat(sweepNow()).isEqualTo(report(0, 1, 1, 0));
    assertThat(w.drainNotes()).extracting(Note::type)
        .containsExactly("order.mark_overdue", "order.escalate");
  }

  @Test
  void acceptingStopsTheClockToAcceptAndItsAlerts() {
    Order o = dispatched("短視頻拍攝");
    Member lead = w.standardLead();
    o = orders.accept(actor(lead), o.id(), acceptance(lead, w.standardHelper()));
    Deadline resolve = o.deadline().orElseThrow();
    w.drainAll();
    at(Instant.parse("2024-06-07T00:00:00Z"));
    assertThat(sweepNow()).as("the accept clock's alerts are gone with it")
        .isEqualTo(report(0, 0, 0, 0));
    at(resolve.remindAt().get());
    assertThat(sweepNow()).isEqualTo(report(1, 0, 0, 0));
    assertThat(single(w.drainNotes()).recipientSet()).as("the handlers")
        .containsExactlyInAnyOrder(lead.id().value(), w.standardHelper().id().value());
  }

  @Test
  void theLeadAsksForMoreTimeAndTheCoordinatorDecides() {
    Member lead = w.standardLead();
    Order o = w.orderIn(OrderStatus.IN_PROGRESS, "直播帶貨培訓");
    Deadline first = o.deadline().orElseThrow();
    LocalDate later = LocalDate.of(2024, 6, 30);

    assertRule(() -> orders.requestExtension(actor(w.standardHelper()), o.id(), later,
        "設備未到", null), "extension-by-lead");
    assertThatThrownBy(() -> orders.requestExtension(actor(lead), o.id(),
        LocalDate.of(2024, 6, 16), "設備未到", null))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.field()).isEqualTo("until"))
        .hasMessageContaining("2024-06-17 00:00");
    assertRule(() -> orders.decideExtension(w.coordinator(), o.id(), true, null, null),
        "extension-pending");

    Order asked = orders.requestExtension(actor(lead), o.id(), later, "設備未到", null);
    assertThat(asked.extensions()).singleElement().satisfies(x -> {
      assertThat(x.until()).isEqualTo(later);
      assertThat(x.approved()).isEmpty();
    });
    assertThat(asked.deadline()).contains(first);
    assertRule(() -> orders.requestExtension(actor(lead), o.id(), later.plusDays(1), "再延", null),
        "one-extension-request");
    assertRule(() -> orders.decideExtension(actor(lead), o.id(), true, null, null), null);

    w.drainAll();
    Order refused = orders.decideExtension(w.coordinator(), o.id(), false, "先按原時限", null);
    assertThat(refused.deadline()).contains(first);
    assertThat(refused.extensions().get(0).approved()).contains(false);
    assertThat(single(w.drainNotes()).recipientSet())
        .containsExactlyInAnyOrder(lead.id().value(), w.standardHelper().id().value());

    // the old deadline passes and is marked overdue; an approved extension re-arms the alerts
    at(first.dueAt());
    assertThat(sweepNow().overdue()).isEqualTo(1);
    orders.requestExtension(actor(lead), o.id(), later, "設備仍未到", null);
    Order approved = orders.decideExtension(w.coordinator(), o.id(), true, "同意", null);
    Deadline moved = approved.deadline().orElseThrow();
    assertThat(moved.dueAt()).isEqualTo(Instant.parse("2024-06-30T16:00:00Z"));
    assertThat(moved.startedAt()).isEqualTo(first.startedAt());
    assertThat(moved.remindAt()).contains(Instant.parse("2024-06-28T16:00:00Z"));
    assertThat(approved.extensions()).hasSize(2);
    w.drainAll();
    assertThat(sweepNow()).as("no longer overdue").isEqualTo(report(0, 0, 0, 0));
    at(moved.remindAt().get());
    assertThat(sweepNow()).isEqualTo(report(1, 0, 0, 0));
    at(moved.dueAt());
    assertThat(sweepNow()).as("overdue again, for the new deadline")
        .isEqualTo(report(0, 1, 0, 0));

    Order placed = w.orderIn(OrderStatus.PLACED, "還沒受理");
    assertRule(() -> orders.requestExtension(w.system, placed.id(), later, "太早", null),
        "order-transition");
  }

  @Test
  void aRequestStillWaitingWhenItsClockEndsLapses() {
    Member lead = w.standardLead();
    Order o = w.orderIn(OrderStatus.ACCEPTED, "轉組前申請延期");
    orders.requestExtension(actor(lead), o.id(), LocalDate.of(2024, 7, 1), "等待專家", null);
    Order moved = orders.transfer(w.coordinator(), o.id(),
        w.heyangTeam.squadId(SquadKind.TRAINING), "改由培訓組", null);
    assertThat(moved.extensions()).singleElement().satisfies(x -> {
      assertThat(x.approved()).contains(false);
      assertThat(x.decidedBy()).contains("lapsed");
      assertThat(x.note().orElseThrow()).contains("TRANSFER");
    });
    Member trainer = w.heyangTeam.lead(SquadKind.TRAINING);
    orders.accept(actor(trainer), o.id(), acceptance(trainer));
    assertRule(() -> orders.decideExtension(w.coordinator(), o.id(), true, null, null),
        "extension-pending");
  }

  @Test
  void theSweepClosesResolvedOrdersAfterTheQuietPeriod() {
    Order o = w.orderIn(OrderStatus.RESOLVED, "等評價");
    Instant quietEnd = o.deadline().orElseThrow().dueAt();
    at(quietEnd.minusNanos(1));
    assertThat(sweepNow()).isEqualTo(report(0, 0, 0, 0));
    at(quietEnd);
    assertThat(sweepNow()).isEqualTo(report(0, 0, 0, 1));
    Order closed = w.order(o.id());
    assertThat(closed.status()).isEqualTo(OrderStatus.CLOSED);
    assertThat(closed.closure()).contains(Closure.UNRATED);
    TimelineEntry last = closed.timeline().get(closed.timeline().size() - 1);
    assertThat(last.transition()).isEqualTo(Transition.AUTO_CLOSE);
    assertThat(last.actor()).isEqualTo(SWEEPER);
    assertThat(sweepNow()).isEqualTo(report(0, 0, 0, 0));
  }

  @Test
  void overdueListsAndInTimeShares() {
    GroupId group = w.heyangTeam.id;
    Member lead = w.standardLead();
    Order placed = w.orderIn(OrderStatus.PLACED, "待派單");
    Order accepted = w.orderIn(OrderStatus.ACCEPTED, "待辦結");
    Order open = orders.openForClaiming(w.coordinator(),
        w.orderIn(OrderStatus.PLACED, "搶單").id(), null);
    assertThat(all(p -> orders.overdue(group, w.clock.instant(), p))).isEmpty();

    Instant day2 = Instant.parse("2024-06-05T00:00:00Z");
    assertThat(ids(all(p -> orders.overdue(group, day2, p))))
        .as("the dispatch deadline of the placed order has passed")
        .containsExactly(placed.id());
    Instant day20 = Instant.parse("2024-06-23T00:00:00Z");
    assertThat(ids(all(p -> orders.overdue(group, day20, p))))
        .as("most overdue first").containsExactly(placed.id(), open.id(), accepted.id());
    assertThat(ids(all(p -> orders.overdue(w.heyangTeam.squadId(SquadKind.INDUSTRY), day20,
        p)))).as("the squad's own; an open order is nobody's yet")
        .containsExactly(accepted.id());

    // one resolved in time, one late
    orders.resolve(actor(lead), accepted.id(), resolution("按時辦結"));
    Order late = w.orderIn(OrderStatus.ACCEPTED, "超期辦結");
    at(Instant.parse("2024-06-20T00:00:00Z"));
    orders.resolve(actor(lead), late.id(), resolution("超期辦結"));
    assertThat(ids(all(p -> orders.overdue(group, day20, p)))).doesNotContain(accepted.id(),
        late.id());

    Instant from = Instant.parse("2024-06-01T00:00:00Z");
    Instant to = Instant.parse("2024-07-01T00:00:00Z");
    InTimeFigures squad = orders.inTime(w.heyangTeam.squadId(SquadKind.INDUSTRY), from, to);
    assertThat(squad.resolved()).isEqualTo(2);
    assertThat(squad.resolvedInTime()).isEqualTo(1);
    assertThat(squad.inTimeShare()).hasValue(0.5);
    assertThat(orders.inTime(group, from, to).resolved()).isEqualTo(2);
    assertThat(orders.inTime(w.heyangTeam.squadId(SquadKind.TRAINING), from, to).inTimeShare())
        .isEmpty();
    assertThat(orders.inTime(group, to, to.plusSeconds(86400)).resolved())
        .as("the period's end is exclusive, and nothing was resolved after it").isZero();
    assertThatThrownBy(() -> orders.inTime(group, to, from))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void eachGroupMayHaveItsOwnLevelsAndCalendar() {
    GroupId heyang;
    try (OrderFixtures probe = OrderFixtures.weinan()) {
      heyang = probe.heyangTeam.id; // the fixture's ids are seeded: the same in the next one
    }
    // Heyang counts working days, with the Dragon Boat Festival (10 June 2024) off and a
    // harvest blackout; everybody else keeps the defaults
    WorkCalendar heyangDays = WorkCalendar.weekdays()
        .withHolidays(List.of(LocalDate.of(2024, 6, 10)))
        .withBlackout(LocalDate.of(2024, 6, 12), LocalDate.of(2024, 6, 14));
    OrderSettings settings = OrderSettings.defaults().withServiceLevels(heyang,
        ServiceLevels.defaults().withCalendar(heyangDays)
            .with(Urgency.URGENT, ServiceLevel.of(Term.hours(4), Term.hours(8), Term.days(2),
                Duration.ofHours(1)))
            .withEscalateAfter(Duration.ofHours(12)));
    try (OrderFixtures f = OrderFixtures.weinan(settings)) {
      assertThat(f.heyangTeam.id).isEqualTo(heyang);
      Order o = f.orders.place(f.requester(), f.beishunOrder("葡萄裂果").build());
      // routine accept within 2 working days, resolve within 13; days count on the calendar
      Member lead = f.standardLead();
      o = f.orders.dispatch(f.coordinator(), o.id(), f.heyangTeam.squadId(SquadKind.INDUSTRY),
          null);
      assertThat(o.deadline().orElseThrow().dueAt()).as("Tue, Wed: the end of Wed 5 June")
          .isEqualTo(Instant.parse("2024-06-05T16:00:00Z"));
      o = f.orders.accept(actor(lead), o.id(), acceptance(lead));
      // 4,5,6,7 June; 10 June off; 11; 12–14 blackout; 17,18,19,20,21,24,25,26: the 13th is 26
      assertThat(o.deadline().orElseThrow().dueAt())
          .isEqualTo(Instant.parse("2024-06-26T16:00:00Z"));
      assertThat(o.deadline().orElseThrow().escalateAt())
          .contains(Instant.parse("2024-06-27T04:00:00Z"));

      Order urgent = f.orders.place(f.requester(), f.beishunOrder("急需農藥")
          .urgency(Urgency.URGENT).build());
      assertThat(urgent.deadline().orElseThrow().dueAt()).as("4 hours, whatever the calendar")
          .isEqualTo(OrderFixtures.START.plus(Duration.ofHours(4)));

      Order elsewhere = f.orders.place(actor(f.dongbailongCadre), new NewOrder.Builder()
          .village(f.dongbailong.id()).requester(f.dongbailongCadre.id()).title("冷庫設備")
          .description("冷庫缺少設備").category(OrderCategory.INDUSTRY)
          .urgency(Urgency.URGENT).build());
      assertThat(elsewhere.deadline().orElseThrow().dueAt()).as("Chengcheng keeps the defaults")
          .isEqualTo(Instant.parse("2024-06-04T16:00:00Z"));
    }
  }

  @Test
  void badSettingsAndArgumentsAreRefusedNamingTheField() {
    Term day = Term.days(1);
    assertField(() -> ServiceLevel.of(null, day, day, Duration.ofHours(1)),
        "serviceLevel.dispatch");
    assertField(() -> ServiceLevel.of(day, day, day, Duration.ZERO),
        "serviceLevel.remindBefore");
    assertField(() -> ServiceLevel.of(day, day, day, Duration.ofDays(31)),
        "serviceLevel.remindBefore");
    assertField(() -> ServiceLevels.defaults().withEscalateAfter(Duration.ofSeconds(-1)),
        "serviceLevels.escalateAfter");
    assertField(() -> ServiceLevels.defaults().withEscalateAfter(Duration.ofDays(31)),
        "serviceLevels.escalateAfter");
    assertField(() -> ServiceLevels.defaults().with(null, ServiceLevels.defaults()
        .of(Urgency.URGENT)), "urgency");
    assertField(() -> ServiceLevels.defaults().withCalendar(null), "calendar");
    assertField(() -> OrderSettings.defaults().withServiceLevels(null), "serviceLevels");
    assertField(() -> OrderSettings.defaults().withServiceLevels(null,
        ServiceLevels.defaults()), "group");
    assertField(() -> orders.sweep(null), "now");
    assertField(() -> orders.sweep(Instant.MAX), "now");
    assertField(() -> orders.sweep(Instant.parse("9999-06-01T00:00:00Z")), "now");
    assertField(() -> orders.overdue((GroupId) null, Instant.EPOCH, null), "group");
    assertField(() -> orders.overdue(w.heyangTeam.id, null, null), "now");
    Order o = w.orderIn(OrderStatus.ACCEPTED, "延期參數");
    Member lead = w.standardLead();
    assertField(() -> orders.requestExtension(actor(lead), o.id(), null, "原因", null), "until");
    assertField(() -> orders.requestExtension(actor(lead), o.id(), LocalDate.MAX, "原因", null),
        "until");
    assertField(() -> orders.requestExtension(actor(lead), o.id(), LocalDate.of(2025, 1, 1),
        " ", null), "reason");
    assertField(() -> orders.decideExtension(w.coordinator(), o.id(), true, "x".repeat(501),
        null), "note");
    assertThat(w.order(o.id())).as("nothing changed").isEqualTo(o);
  }

  @Test
  void theSweepIsIdempotentOnARequestlessRerunAndCountsPerOrder() {
    List<OrderId> ids = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      ids.add(orders.place(w.requester(), w.beishunOrder("批量需求" + i).build()).id());
    }
    at(Instant.parse("2024-06-04T16:00:00Z"));
    assertThat(sweepNow()).as("more than one page of due orders")
        .isEqualTo(report(0, 120, 0, 0));
    assertThat(sweepNow()).isEqualTo(report(0, 0, 0, 0));
    Map<String, Long> types = w.drainNotes().stream()
        .collect(Collectors.groupingBy(Note::aggregateKey, Collectors.counting()));
    assertThat(types).hasSize(120).allSatisfy((k, n) -> assertThat(n).isEqualTo(2L));
  }

  private SweepReport report(int reminders, int overdue, int escalations, int closed) {
    return ImmutableSweepReport.builder().at(w.clock.instant()).reminders(reminders)
        .overdue(overdue).escalations(escalations).autoClosed(closed).deferred(0).build();
  }

  private static Note single(List<Note> notes) {
    assertThat(notes).hasSize(1);
    return notes.get(0);
  }

  private static List<OrderId> ids(List<Order> orders) {
    return orders.stream().map(Order::id).collect(Collectors.toList());
  }

  private static void assertRule(Runnable call, String rule) {
    if (rule == null) {
      assertThatThrownBy(call::run).isInstanceOf(dev.zhuli.core.AccessDeniedException.class);
      return;
    }
    assertThatThrownBy(call::run).isInstanceOfSatisfying(RuleViolationException.class,
        e -> assertThat(e.rule()).isEqualTo(rule));
  }

  private static void assertField(Runnable call, String field) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(ValidationException.class,
        e -> assertThat(e.field()).isEqualTo(field));
  }
}
