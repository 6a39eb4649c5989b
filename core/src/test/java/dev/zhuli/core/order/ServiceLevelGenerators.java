package dev.zhuli.core.order;

import static java.time.Duration.ZERO;
import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * Generators for the service-level properties of {@link ServiceLevelModelTest}: service levels
 * with short and odd terms, so that a history of a few dozen steps crosses reminders, deadlines
 * and escalations many times; histories of clock moves, sweeps and order commands over a few
 * orders; concurrent races of sweepers and a commanding thread; and dated work calendars.
 *
 * <p>Every instant a history produces is a whole minute: the fixture starts at 09:30 in Weinan
 * and every tick, offset and term is a whole number of minutes, so the {@code deadline}
 * parameter of a notification (minute precision) names its deadline exactly.
 */
final class ServiceLevelGenerators {
  private ServiceLevelGenerators() {}

  /** Terms of a few hours or days, some shorter than a reminder lead (no reminder at all). */
  static final List<Term> TERMS = List.of(Term.hours(1), Term.hours(3), Term.hours(10),
      Term.hours(30), Term.days(0), Term.days(1), Term.days(3));
  static final List<Duration> LEADS = List.of(ofMinutes(30), ofHours(2), ofHours(6), ofDays(1),
      ofDays(2));
  static final List<Duration> ESCALATIONS = List.of(ofHours(1), ofHours(3), ofDays(1),
      ofDays(2));
  static final List<Duration> QUIET = List.of(ofHours(1), ofDays(1), ofDays(3));
  /** Clock moves: none at all, a minute, hours, days, and far past any escalation. */
  static final List<Duration> TICKS = List.of(ZERO, ofMinutes(1), ofMinutes(17), ofHours(1),
      ofHours(5), ofDays(1), ofDays(3), ofDays(40));
  /** Offsets of a sweep from where it is aimed: mostly exactly there, else a little or far off. */
  static final List<Duration> OFFSETS = List.of(ZERO, ZERO, ZERO, ZERO, ofMinutes(-1),
      ofMinutes(1), ofHours(-5), ofHours(5), ofDays(-2), ofDays(1), ofDays(40));

  // ---- what a history is made of --------------------------------------------------------------

  /** Where a sweep or a clock move is aimed: the clock, the last sweep, or a mark of a clock. */
  enum Aim {
    /** The test clock. */
    CLOCK,
    /** The instant of the previous sweep, exactly (the offset is ignored): a repeated sweep. */
    LAST_SWEEP,
    /** The running clock's reminder of the order picked (its deadline if it has none). */
    REMIND,
    /** The running clock's deadline (for a resolved order, the end of its quiet period). */
    DUE,
    /** The running clock's second escalation (for a resolved order, its deadline). */
    ESCALATE
  }

  /**
   * Order commands. {@link #NEXT} is whatever moves the order on from its status when the
   * command runs (with some detours: returns, transfers, extensions); the others are taken as
   * named, allowed or not.
   */
  enum Command {
    NEXT, DISPATCH, OPEN_FOR_CLAIMING, ACCEPT, SEND_BACK, TRANSFER, RECORD_ACTIVITY, RESOLVE,
    RATE, REQUEST_EXTENSION, DECIDE_EXTENSION, CANCEL, CLOSE_UNRATED, VERIFY_DISPUTED
  }

  /** One step of a history. */
  sealed interface Step permits Tick, TickOnto, Sweep, Act {}

  /** The test clock moves forward by a duration, possibly zero. */
  record Tick(Duration by) implements Step {
    @Override
    public String toString() {
      return "tick " + by;
    }
  }

  /** The test clock moves exactly onto a mark of an order's running clock, if that lies ahead. */
  record TickOnto(int order, Aim mark) implements Step {
    @Override
    public String toString() {
      return "tick onto o" + order + " " + mark;
    }
  }

  /** A sweep at an instant aimed at the clock, the last sweep or a mark, plus an offset. */
  record Sweep(Aim aim, int order, Duration offset) implements Step {
    @Override
    public String toString() {
      return "sweep at " + aim + (aim == Aim.CLOCK || aim == Aim.LAST_SWEEP ? "" : " of o" + order)
          + (aim == Aim.LAST_SWEEP || offset.isZero() ? "" : " " + offset);
    }
  }

  /**
   * A command on an order (by its index, modulo the number of orders), by the person the
   * transition table names (resolved from the order as it stands) or by the system actor; the
   * variant picks squads, members, stars, days and decisions.
   */
  record Act(Command command, int order, int variant, boolean bySystem) implements Step {
    @Override
    public String toString() {
      return command + " o" + order + " v" + variant + (bySystem ? " by system" : "");
    }
  }

  /**
   * An order placed before the history starts, after the clock moved by {@code after}: of
   * 北順村 (合陽縣's group), or {@code elsewhere}, of 東白龍村 (澄城縣's group).
   */
  record Placement(Urgency urgency, Duration after, boolean elsewhere) {
    @Override
    public String toString() {
      return urgency + (elsewhere ? " elsewhere" : "") + " after " + after;
    }
  }

  /** The settings of a world, the orders placed in it, and the steps that follow. */
  record History(OrderSettings settings, List<Placement> placements, List<Step> steps) {
    @Override
    public String toString() {
      StringBuilder b = new StringBuilder("\n  settings: ").append(settings)
          .append("\n  placed: ").append(placements);
      for (int i = 0; i < steps.size(); i++) {
        b.append("\n  ").append(i).append(": ").append(steps.get(i));
      }
      return b.toString();
    }
  }

  // ---- generators -----------------------------------------------------------------------------

  static Gen<ServiceLevel> levels() {
    return Generate.pick(TERMS).zip(Generate.pick(TERMS), Generate.pick(TERMS),
        Generate.pick(LEADS), ServiceLevel::of);
  }

  /**
   * Settings with generated service levels for every urgency, escalation delay and quiet period,
   * counting days on calendar days or on weekdays.
   */
  static Gen<OrderSettings> settings() {
    Gen<Map<Urgency, ServiceLevel>> perUrgency = levels().zip(levels(), levels(), (r, u, e) -> {
      Map<Urgency, ServiceLevel> m = new EnumMap<>(Urgency.class);
      m.put(Urgency.ROUTINE, r);
      m.put(Urgency.URGENT, u);
      m.put(Urgency.EMERGENCY, e);
      return m;
    });
    return perUrgency.zip(Generate.pick(ESCALATIONS), Generate.pick(QUIET), Generate.booleans(),
        (m, escalate, quiet, weekdays) -> {
          ServiceLevels levels = ServiceLevels.defaults().withEscalateAfter(escalate)
              .withCalendar(weekdays ? WorkCalendar.weekdays() : WorkCalendar.everyDay());
          for (Map.Entry<Urgency, ServiceLevel> e : m.entrySet()) {
            levels = levels.with(e.getKey(), e.getValue());
          }
          return OrderSettings.of(ofDays(3), 1, quiet).withServiceLevels(levels);
        });
  }

  static Gen<Placement> placements(int elsewhereOneIn) {
    return Generate.enumValues(Urgency.class).zip(
        Generate.pick(List.of(ZERO, ofMinutes(1), ofHours(5), ofDays(1))),
        Generate.range(0, elsewhereOneIn - 1), (u, after, e) -> new Placement(u, after, e == 0));
  }

  static Gen<Act> acts() {
    List<Command> commands = new ArrayList<>(List.of(Command.values()));
    for (int i = 0; i < 16; i++) {
      commands.add(Command.NEXT);
    }
    return Generate.pick(commands).zip(Generate.range(0, 3), Generate.range(0, 11),
        Generate.range(0, 4), (c, order, variant, who) -> new Act(c, order, variant, who == 0));
  }

  /** Sweeps aimed mostly at the clock and at reminders, which a late sweep passes over. */
  static Gen<Sweep> sweeps() {
    return Generate.pick(List.of(Aim.CLOCK, Aim.CLOCK, Aim.CLOCK, Aim.LAST_SWEEP, Aim.REMIND,
        Aim.REMIND, Aim.REMIND, Aim.DUE, Aim.DUE, Aim.ESCALATE))
        .zip(Generate.range(0, 3), Generate.pick(OFFSETS), Sweep::new);
  }

  static Gen<Step> steps(boolean withSweeps) {
    Gen<Step> act = acts().map(a -> a);
    Gen<Step> tick = Generate.pick(TICKS).map(Tick::new);
    Gen<Step> onto = Generate.range(0, 3).zip(
        Generate.pick(List.of(Aim.REMIND, Aim.DUE, Aim.ESCALATE)), TickOnto::new);
    List<Pair<Integer, Gen<Step>>> mix = new ArrayList<>(List.of(Pair.of(9, act),
        Pair.of(3, tick), Pair.of(2, onto)));
    if (withSweeps) {
      mix.add(Pair.of(7, sweeps().map(s -> s)));
    }
    return Generate.frequency(mix);
  }

  /** Histories over 2 to 4 orders, one in four of them elsewhere, of up to 30 steps. */
  static Gen<History> histories() {
    return settings().zip(SourceDSL.lists().of(placements(4)).ofSizeBetween(2, 4),
        SourceDSL.lists().of(steps(true)).ofSizeBetween(1, 30), History::new);
  }

  /** Command histories (no sweeps) over 2 or 3 orders, of up to 16 steps. */
  static Gen<History> commandHistories() {
    return settings().zip(SourceDSL.lists().of(placements(4)).ofSizeBetween(2, 3),
        SourceDSL.lists().of(steps(false)).ofSizeBetween(0, 16), History::new);
  }

  // ---- races ----------------------------------------------------------------------------------

  /**
   * Offsets from 09:30 in Weinan at which the race's clocks have marks, with the
   * {@link #raceSettings()}: dispatch reminder, deadline and escalation at +3h, +5h and +8h,
   * acceptance at +5h, +7h and +10h, resolution at +9h, +11h and +14h, an extension's midnight
   * at +14h30 (its reminder at +12h30, its escalation at +17h30); most of them inside a
   * reminder's window, where a sweep that comes first decides whether the reminder is raised.
   */
  static final List<Duration> RACE_OFFSETS = List.of(ZERO, ofMinutes(-1), ofHours(3),
      ofMinutes(3 * 60 + 30), ofHours(4), ofMinutes(299), ofHours(5), ofMinutes(5 * 60 + 30),
      ofHours(6), ofHours(7), ofHours(8), ofHours(9), ofMinutes(9 * 60 + 30), ofHours(10),
      ofHours(11), ofMinutes(12 * 60 + 30), ofHours(14), ofMinutes(14 * 60 + 30),
      ofMinutes(17 * 60 + 30), ofHours(20));

  /**
   * Settings of a race: the same terms for every urgency, in hours and each different (5, 7 and
   * 11 hours), reminders 2 hours before, escalation 3 hours after, a quiet period of a day. With
   * commands a whole number of days apart (hour-counted deadlines at 14:30, 16:30 and 20:30 of
   * distinct days) and each extension asked to a later day than the order's last (deadlines at
   * distinct midnights), no two clocks of an order share a deadline, so an alert is named by its
   * order, kind and deadline alone, as a notification's {@code deadline} parameter gives it.
   */
  static OrderSettings raceSettings() {
    ServiceLevel level = ServiceLevel.of(Term.hours(5), Term.hours(7), Term.hours(11),
        ofHours(2));
    ServiceLevels levels = ServiceLevels.defaults().withEscalateAfter(ofHours(3));
    for (Urgency u : Urgency.values()) {
      levels = levels.with(u, level);
    }
    return OrderSettings.of(ofDays(3), 1, ofDays(1)).withServiceLevels(levels);
  }

  /**
   * A sweep of a race, aimed when it runs: at the commanding thread's clock (09:30 of some day,
   * as it moves by whole days), moved by some days and an offset within the day.
   */
  record RaceSweep(int days, Duration offset) {
    @Override
    public String toString() {
      return (days < 0 ? "" : "+") + days + "d+" + offset;
    }
  }

  /**
   * A race: three orders; a commanding thread that, before each command, moves the clock on by
   * a whole number of days (1 or 2); and 2 to 4 sweeping threads, each sweeping 3 to 12 times
   * near the clock as it stands, often at the same marks as the others.
   */
  record Race(List<Urgency> urgencies, List<Act> commands, List<Integer> gaps,
      List<List<RaceSweep>> sweepers) {
    @Override
    public String toString() {
      return "\n  urgencies " + urgencies + "\n  commands " + commands + "\n  gaps " + gaps
          + "\n  sweepers " + sweepers;
    }
  }

  static Gen<Race> races() {
    Gen<RaceSweep> sweep = Generate.pick(List.of(-1, 0, 0, 0, 0, 1)).zip(
        Generate.pick(RACE_OFFSETS), RaceSweep::new);
    return SourceDSL.lists().of(Generate.enumValues(Urgency.class)).ofSize(3).zip(
        SourceDSL.lists().of(acts()).ofSizeBetween(6, 14),
        SourceDSL.lists().of(Generate.range(1, 2)).ofSize(14),
        SourceDSL.lists().of(SourceDSL.lists().of(sweep).ofSizeBetween(3, 12))
            .ofSizeBetween(2, 4),
        Race::new);
  }

  // ---- sweeping in any order ------------------------------------------------------------------

  /**
   * Commands first, then sweeps at 2 to 6 instants (aimed as {@link Sweep}s are, against the
   * state the commands left), run in the order given by sorting them by {@code shuffle}.
   */
  record Shuffled(History commands, List<Sweep> sweeps, List<Integer> shuffle) {
    @Override
    public String toString() {
      return commands + "\n  sweeps " + sweeps + "\n  shuffled by " + shuffle;
    }
  }

  static Gen<Shuffled> shuffled() {
    return commandHistories().zip(SourceDSL.lists().of(sweeps()).ofSizeBetween(2, 6),
        SourceDSL.lists().of(Generate.range(0, 99)).ofSize(6), Shuffled::new);
  }

  // ---- dated calendars ------------------------------------------------------------------------

  /**
   * A dated calendar as data: weekday or every-day rest days, holidays, make-up working days
   * (none of them a holiday) and blackout windows, all within {@code [first, first + span)}.
   */
  record CalendarSpec(boolean weekdays, Set<LocalDate> holidays, Set<LocalDate> makeUpDays,
      List<List<LocalDate>> blackouts) {

    /** The calendar the core is given. */
    DatedCalendar calendar() {
      DatedCalendar c = weekdays ? WorkCalendar.weekdays() : WorkCalendar.everyDay();
      c = c.withHolidays(holidays).withMakeUpDays(makeUpDays);
      for (List<LocalDate> w : blackouts) {
        c = c.withBlackout(w.get(0), w.get(1));
      }
      return c;
    }

    /** Whether a day counts, restated from the data, as {@link DatedCalendar} documents it. */
    boolean working(LocalDate day) {
      for (List<LocalDate> w : blackouts) {
        if (!day.isBefore(w.get(0)) && !day.isAfter(w.get(1))) {
          return false;
        }
      }
      if (holidays.contains(day)) {
        return false;
      }
      boolean rest = weekdays && (day.getDayOfWeek() == DayOfWeek.SATURDAY
          || day.getDayOfWeek() == DayOfWeek.SUNDAY);
      return makeUpDays.contains(day) || !rest;
    }
  }

  static Gen<CalendarSpec> calendars(LocalDate first, int span) {
    Gen<LocalDate> day = Generate.range(0, span - 1).map(first::plusDays);
    Gen<List<LocalDate>> window = Generate.range(0, span - 1).zip(Generate.range(0, 13),
        (start, length) -> List.of(first.plusDays(start), first.plusDays(start + length)));
    return Generate.booleans().zip(SourceDSL.lists().of(day).ofSizeBetween(0, 20),
        SourceDSL.lists().of(day).ofSizeBetween(0, 6),
        SourceDSL.lists().of(window).ofSizeBetween(0, 3), (weekdays, holidays, makeUps, w) -> {
          Set<LocalDate> h = new TreeSet<>(holidays);
          Set<LocalDate> m = new TreeSet<>(makeUps);
          m.removeAll(h);
          return new CalendarSpec(weekdays, h, m, w);
        });
  }

  /**
   * A world with a dated calendar for 合陽縣's group: the calendar, service levels counting whole
   * days (0 to 4) for routine, urgent and emergency orders, the orders placed (one in three of
   * them in 澄城縣's group, which counts calendar days) and command histories.
   */
  record Dated(CalendarSpec calendar, List<ServiceLevel> levels, List<Placement> placements,
      List<Step> steps) {
    @Override
    public String toString() {
      return "\n  calendar " + calendar + "\n  levels " + levels + "\n  placed " + placements
          + "\n  steps " + steps;
    }
  }

  static Gen<Dated> dated(LocalDate first, int span) {
    Gen<Term> days = Generate.range(0, 4).map(Term::days);
    Gen<ServiceLevel> level = days.zip(days, days, Generate.pick(LEADS), ServiceLevel::of);
    return calendars(first, span).zip(SourceDSL.lists().of(level).ofSize(3),
        SourceDSL.lists().of(placements(3)).ofSizeBetween(2, 4),
        SourceDSL.lists().of(steps(false)).ofSizeBetween(0, 16), Dated::new);
  }
}
