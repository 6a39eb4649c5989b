package dev.zhuli.core.order;

import dev.zhuli.core.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How long a stage of an order may take (時限): a number of days counted on the group's
 * {@link WorkCalendar} and ending at midnight in the group's time zone, or a number of elapsed
 * hours whatever the calendar says.
 *
 * <p>{@code days(0)} is "the same day": the end of the day the clock started, or of the next
 * working day if it started on a day that does not count. {@code days(3)} started on a Monday
 * ends at the end of Thursday on calendar days.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Term {
  /** The longest term in days: a year. */
  public static final int MAX_DAYS = 366;
  /** The longest term in hours: a year. */
  public static final int MAX_HOURS = 366 * 24;

  private final int days;
  private final int hours;

  private Term(int days, int hours) {
    this.days = days;
    this.hours = hours;
  }

  /**
   * A term of whole days on the group's calendar, ending at midnight in its time zone.
   *
   * @param n 0 (the same day) to {@value #MAX_DAYS}
   * @return the term
   * @throws ValidationException if n is out of range
   */
  public static Term days(int n) {
    if (n < 0 || n > MAX_DAYS) {
      throw new ValidationException("term.days", "must be 0 to " + MAX_DAYS + ", was " + n);
    }
    return new Term(n, -1);
  }

  /**
   * A term of elapsed hours, which the calendar does not stop.
   *
   * @param n 1 to {@value #MAX_HOURS}
   * @return the term
   * @throws ValidationException if n is out of range
   */
  public static Term hours(int n) {
    if (n < 1 || n > MAX_HOURS) {
      throw new ValidationException("term.hours", "must be 1 to " + MAX_HOURS + ", was " + n);
    }
    return new Term(-1, n);
  }

  /**
   * When a stage started at {@code start} is due.
   *
   * @param start when its clock started
   * @param zone the group's time zone
   * @param calendar the group's calendar
   * @return the deadline
   */
  public Instant dueAfter(Instant start, ZoneId zone, WorkCalendar calendar) {
    Objects.requireNonNull(start, "start");
    if (hours > 0) {
      return start.plus(Duration.ofHours(hours));
    }
    return calendar.plusWorkingDays(start.atZone(zone).toLocalDate(), days).plusDays(1)
        .atStartOfDay(zone).toInstant();
  }

  /**
   * Whether the term counts days on the calendar, rather than elapsed hours.
   *
   * @return true for {@link #days(int)}
   */
  public boolean inDays() {
    return days >= 0;
  }

  /**
   * The number of days or hours.
   *
   * @return the number
   */
  public int amount() {
    return days >= 0 ? days : hours;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Term && ((Term) o).days == days && ((Term) o).hours == hours;
  }

  @Override
  public int hashCode() {
    return Objects.hash(days, hours);
  }

  @Override
  public String toString() {
    return days >= 0 ? (days == 0 ? "same day" : days + " days") : hours + " hours";
  }
}
