package dev.zhuli.core.order;

import dev.zhuli.core.ValidationException;
import java.time.LocalDate;

/**
 * Which days count towards a deadline (工作日曆): a group on calendar days counts every day; a
 * group on working days counts only the days this calendar says are working days. Public
 * holidays, their make-up working days (調休) and seasonal blackout windows such as harvest
 * weeks are the calendar's business; the bundled {@link DatedCalendar} takes them as lists of
 * dates.
 *
 * <p>A deadline of n days (see {@link Term#days(int)}) falls at the end of
 * {@link #plusWorkingDays(LocalDate, int) plusWorkingDays(start, n)} in the group's time zone.
 *
 * <p>Implementations must be thread-safe and answer quickly: the core asks a calendar inside
 * commands, day by day. An exception a host's calendar throws reaches the command's caller and
 * the command changes nothing.
 *
 * @since 0.1.0
 */
public interface WorkCalendar {
  /** How far the day-counting methods look for a working day before they give up: ten years. */
  int MAX_SCAN_DAYS = 3660;

  /**
   * Whether a day counts towards a deadline.
   *
   * @param day the day
   * @return true for a working day
   */
  boolean isWorkingDay(LocalDate day);

  /**
   * Every day counts: the calendar-day default.
   *
   * @return a calendar without rest days, holidays or blackouts
   * @since 0.1.0
   */
  static DatedCalendar everyDay() {
    return DatedCalendar.EVERY_DAY;
  }

  /**
   * Monday to Friday count; add holidays, make-up days and blackouts with the {@code with}
   * methods of the result.
   *
   * @return a Monday-to-Friday calendar
   * @since 0.1.0
   */
  static DatedCalendar weekdays() {
    return DatedCalendar.WEEKDAYS;
  }

  /**
   * The day n working days after a day. With n = 0, the day itself if it is a working day, else
   * the next working day; with n &gt; 0, the n-th working day strictly after it. So for a
   * working day d, {@code minusWorkingDays(plusWorkingDays(d, n), n)} is d.
   *
   * @param from the day counted from
   * @param n 0 or more working days
   * @return the day
   * @throws ValidationException if n is negative, or if no working day lies within
   *     {@value #MAX_SCAN_DAYS} days of where the count stands
   * @since 0.1.0
   */
  default LocalDate plusWorkingDays(LocalDate from, int n) {
    return count(this, from, n, 1);
  }

  /**
   * The day n working days before a day: with n = 0 the day itself if it is a working day, else
   * the previous working day; with n &gt; 0 the n-th working day strictly before it.
   *
   * @param from the day counted from
   * @param n 0 or more working days
   * @return the day
   * @throws ValidationException as for {@link #plusWorkingDays}
   * @since 0.1.0
   */
  default LocalDate minusWorkingDays(LocalDate from, int n) {
    return count(this, from, n, -1);
  }

  private static LocalDate count(WorkCalendar calendar, LocalDate from, int n, int step) {
    if (from == null) {
      throw new ValidationException("day", "must not be null");
    }
    if (n < 0) {
      throw new ValidationException("workingDays", "must be 0 or more, was " + n);
    }
    LocalDate day = from;
    int counted = 0;
    int scanned = 0;
    if (n == 0) {
      while (!calendar.isWorkingDay(day)) {
        day = next(day, step);
        if (++scanned > MAX_SCAN_DAYS) {
          throw noWorkingDay(from);
        }
      }
      return day;
    }
    while (counted < n) {
      day = next(day, step);
      if (calendar.isWorkingDay(day)) {
        counted++;
        scanned = 0;
      } else if (++scanned > MAX_SCAN_DAYS) {
        throw noWorkingDay(day);
      }
    }
    return day;
  }

  private static LocalDate next(LocalDate day, int step) {
    if (step > 0 ? day.equals(LocalDate.MAX) : day.equals(LocalDate.MIN)) {
      throw new ValidationException("day", "counting working days ran past the calendar's end");
    }
    return day.plusDays(step);
  }

  private static ValidationException noWorkingDay(LocalDate near) {
    return new ValidationException("workCalendar",
        "has no working day within " + MAX_SCAN_DAYS + " days of " + near);
  }
}
