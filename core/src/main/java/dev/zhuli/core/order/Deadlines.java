package dev.zhuli.core.order;

import dev.zhuli.core.order.OrderRecords.StageRecord;
import dev.zhuli.core.roster.HelpGroup;
import dev.zhuli.core.store.Times;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The service-level clocks of orders, as pure functions of an order's record, its group's
 * {@link ServiceLevels} and the time: which clock a transition starts or ends, when it is due,
 * and which alerts are due at an instant. The sweep and every command use these and nothing else,
 * so "when is it due" has one answer.
 */
final class Deadlines {
  private final OrderSettings settings;

  Deadlines(OrderSettings settings) {
    this.settings = settings;
  }

  /**
   * The clocks after a transition: the running clock ends and a new one starts when the
   * transition moves the order to another stage, or hands it to another squad (a transfer
   * restarts the clock to accept).
   */
  List<StageRecord> advance(List<StageRecord> stages, OrderStatus to, Transition t,
      Urgency urgency, Instant now, HelpGroup group) {
    StageRecord running = stages.isEmpty() ? null : stages.get(stages.size() - 1);
    if (running != null && running.endedAt() != null) {
      running = null;
    }
    ServiceStage next = ServiceStage.of(to);
    boolean restart = running == null ? next != null
        : !running.stage().equals(next == null ? null : next.name())
            || t == Transition.TRANSFER;
    if (!restart) {
      return stages;
    }
    List<StageRecord> out = new ArrayList<>(stages);
    if (running != null) {
      out.set(out.size() - 1, running.ended(now.toString(), t));
    }
    if (next != null) {
      out.add(start(next, urgency, now, group));
    }
    return List.copyOf(out);
  }

  /** A new clock of a stage, started now. */
  StageRecord start(ServiceStage stage, Urgency urgency, Instant now, HelpGroup group) {
    if (stage == ServiceStage.RATING) {
      return new StageRecord(stage.name(), now.toString(),
          now.plus(settings.quietPeriod()).toString(), null, null, null, null, List.of());
    }
    ServiceLevels levels = settings.serviceLevels(group.id());
    ServiceLevel level = levels.of(urgency);
    Instant due = level.term(stage).dueAfter(now, group.timeZone(), levels.calendar());
    return timed(stage.name(), now.toString(), due, now, level, levels);
  }

  /** The running resolution clock moved to the end of a day (an approved extension). */
  StageRecord extended(StageRecord running, LocalDate until, Urgency urgency, Instant now,
      HelpGroup group) {
    ServiceLevels levels = settings.serviceLevels(group.id());
    Instant due = until.plusDays(1).atStartOfDay(group.timeZone()).toInstant();
    StageRecord moved = timed(running.stage(), running.startedAt(), due, now,
        levels.of(urgency), levels);
    return new StageRecord(moved.stage(), moved.startedAt(), moved.dueAt(), moved.remindAt(),
        moved.escalateAt(), null, null, running.alerts());
  }

  /** The deadline an extension to the end of a day would set. */
  static Instant endOf(LocalDate day, HelpGroup group) {
    return day.plusDays(1).atStartOfDay(group.timeZone()).toInstant();
  }

  private static StageRecord timed(String stage, String startedAt, Instant due, Instant now,
      ServiceLevel level, ServiceLevels levels) {
    Instant remind = due.minus(level.remindBefore());
    return new StageRecord(stage, startedAt, due.toString(),
        remind.isAfter(now) ? remind.toString() : null,
        due.plus(levels.escalateAfter()).toString(), null, null, List.of());
  }

  /**
   * The first alert of a running clock that is due at {@code now} and not yet raised for its
   * deadline: MARK_OVERDUE and ESCALATE once their time has come; REMIND only before the
   * deadline and before the overdue notice (a reminder the sweep comes too late for is passed
   * over, as the overdue notice says more; a sweep judging an earlier instant than one that
   * already raised the overdue notice comes too late as well); AUTO_CLOSE when a resolved order's quiet period is over. Null when none is due.
   */
  static Transition dueAlert(StageRecord stage, Instant now) {
    if (stage == null || stage.endedAt() != null) {
      return null;
    }
    Instant due = Times.parse(stage.dueAt());
    if (ServiceStage.valueOf(stage.stage()) == ServiceStage.RATING) {
      return now.isBefore(due) ? null : Transition.AUTO_CLOSE;
    }
    if (!now.isBefore(due) && !stage.raised(Transition.MARK_OVERDUE)) {
      return Transition.MARK_OVERDUE;
    }
    if (!now.isBefore(Times.parse(stage.escalateAt()))
        && !stage.raised(Transition.ESCALATE)) {
      return Transition.ESCALATE;
    }
    if (stage.remindAt() != null && now.isBefore(due)
        && !now.isBefore(Times.parse(stage.remindAt()))
        && !stage.raised(Transition.REMIND) && !stage.raised(Transition.MARK_OVERDUE)) {
      return Transition.REMIND;
    }
    return null;
  }

  /**
   * When the sweep next has something to do for a running clock: the earliest alert not yet
   * raised (a reminder only while the overdue notice is not raised), or null.
   */
  static Instant nextAlert(StageRecord stage) {
    if (stage == null || stage.endedAt() != null) {
      return null;
    }
    Instant due = Times.parse(stage.dueAt());
    if (ServiceStage.valueOf(stage.stage()) == ServiceStage.RATING) {
      return due;
    }
    Instant next = null;
    if (!stage.raised(Transition.MARK_OVERDUE)) {
      next = due;
      if (stage.remindAt() != null && !stage.raised(Transition.REMIND)) {
        next = Times.parse(stage.remindAt());
      }
    }
    if (!stage.raised(Transition.ESCALATE)) {
      Instant escalate = Times.parse(stage.escalateAt());
      next = next == null || escalate.isBefore(next) ? escalate : next;
    }
    return next;
  }
}
