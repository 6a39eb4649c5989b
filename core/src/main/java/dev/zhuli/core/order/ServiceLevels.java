package dev.zhuli.core.order;

import static dev.zhuli.core.order.ServiceLevel.present;

import dev.zhuli.core.ValidationException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * A help group's service levels: a {@link ServiceLevel} per {@link Urgency}, how long an overdue
 * order waits before it is escalated a second time (to the group's administrators), and the
 * {@link WorkCalendar} that days are counted on.
 *
 * <p>The defaults follow the 12345 hotline's practice: an emergency is dispatched, accepted and
 * resolved the same day; an urgent order is dispatched and accepted within a day and resolved
 * within 3; a routine one is dispatched within a day, accepted within 2 and resolved within 13.
 * Days are calendar days; reminders come 2 hours (emergency), 1 day (urgent) or 2 days (routine)
 * before each deadline; a second escalation follows 1 day after the deadline.
 *
 * <pre>{@code
 * ServiceLevels levels = ServiceLevels.defaults()
 *     .with(Urgency.ROUTINE, ServiceLevel.of(Term.days(1), Term.days(2), Term.days(10),
 *         Duration.ofDays(1)))
 *     .withCalendar(WorkCalendar.weekdays().withHolidays(holidays));
 * }</pre>
 *
 * <p>Immutable and thread-safe. A deadline is computed when its clock starts and kept with the
 * order, so changing the service levels affects clocks started afterwards only.
 *
 * @since 0.1.0
 */
public final class ServiceLevels {
  /** The longest delay of the second escalation: 30 days. */
  public static final Duration MAX_ESCALATION_DELAY = Duration.ofDays(30);

  private static final ServiceLevels DEFAULTS;

  static {
    Map<Urgency, ServiceLevel> levels = new EnumMap<>(Urgency.class);
    levels.put(Urgency.EMERGENCY, ServiceLevel.of(Term.days(0), Term.days(0), Term.days(0),
        Duration.ofHours(2)));
    levels.put(Urgency.URGENT, ServiceLevel.of(Term.days(1), Term.days(1), Term.days(3),
        Duration.ofDays(1)));
    levels.put(Urgency.ROUTINE, ServiceLevel.of(Term.days(1), Term.days(2), Term.days(13),
        Duration.ofDays(2)));
    DEFAULTS = new ServiceLevels(levels, Duration.ofDays(1), WorkCalendar.everyDay());
  }

  private final Map<Urgency, ServiceLevel> levels;
  private final Duration escalateAfter;
  private final WorkCalendar calendar;

  private ServiceLevels(Map<Urgency, ServiceLevel> levels, Duration escalateAfter,
      WorkCalendar calendar) {
    this.levels = levels;
    this.escalateAfter = escalateAfter;
    this.calendar = calendar;
  }

  /**
   * The defaults described above.
   *
   * @return the defaults
   */
  public static ServiceLevels defaults() {
    return DEFAULTS;
  }

  /**
   * The same service levels with another level for one urgency.
   *
   * @param urgency the urgency
   * @param level its terms
   * @return new service levels
   * @throws ValidationException if either is null
   */
  public ServiceLevels with(Urgency urgency, ServiceLevel level) {
    Map<Urgency, ServiceLevel> copy = new EnumMap<>(levels);
    copy.put(present("urgency", urgency), present("serviceLevel", level));
    return new ServiceLevels(copy, escalateAfter, calendar);
  }

  /**
   * The same service levels with another delay from a deadline to the second escalation.
   *
   * @param delay positive, at most {@link #MAX_ESCALATION_DELAY}
   * @return new service levels
   * @throws ValidationException if the delay is out of range
   */
  public ServiceLevels withEscalateAfter(Duration delay) {
    present("serviceLevels.escalateAfter", delay);
    if (delay.isNegative() || delay.isZero() || delay.compareTo(MAX_ESCALATION_DELAY) > 0) {
      throw new ValidationException("serviceLevels.escalateAfter",
          "must be positive and at most 30 days, was " + delay);
    }
    return new ServiceLevels(levels, delay, calendar);
  }

  /**
   * The same service levels counting days on this calendar.
   *
   * @param calendar the calendar; {@link WorkCalendar#everyDay()} for calendar days
   * @return new service levels
   * @throws ValidationException if the calendar is null
   */
  public ServiceLevels withCalendar(WorkCalendar calendar) {
    return new ServiceLevels(levels, escalateAfter, present("calendar", calendar));
  }

  /**
   * The level of an urgency.
   *
   * @param urgency the urgency
   * @return its level
   */
  public ServiceLevel of(Urgency urgency) {
    return levels.get(present("urgency", urgency));
  }

  /**
   * How long after a deadline an order still overdue is escalated to the group's administrators.
   *
   * @return the delay
   */
  public Duration escalateAfter() {
    return escalateAfter;
  }

  /**
   * The calendar days are counted on.
   *
   * @return the calendar
   */
  public WorkCalendar calendar() {
    return calendar;
  }

  @Override
  public String toString() {
    return "ServiceLevels" + levels + ", escalate " + escalateAfter + " after, " + calendar;
  }
}
