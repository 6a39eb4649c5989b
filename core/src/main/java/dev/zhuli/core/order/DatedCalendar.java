package dev.zhuli.core.order;

import dev.zhuli.core.ValidationException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The bundled {@link WorkCalendar}: weekly rest days, plus lists of dates. A day is a working day
 * unless it lies in a blackout window (never counted, whatever else is said of it), is a public
 * holiday, or is a rest day that is not a make-up working day (調休上班).
 *
 * <pre>{@code
 * WorkCalendar shaanxi2026 = WorkCalendar.weekdays()
 *     .withHolidays(springFestival)                        // 2026-02-15 … 2026-02-23
 *     .withMakeUpDays(List.of(LocalDate.of(2026, 2, 14), LocalDate.of(2026, 2, 28)))
 *     .withBlackout(LocalDate.of(2026, 8, 10), LocalDate.of(2026, 8, 23)); // grape harvest
 * }</pre>
 *
 * <p>Immutable and thread-safe; each {@code with} method returns a new calendar.
 *
 * @since 0.1.0
 */
public final class DatedCalendar implements WorkCalendar {
  /** Most dates a calendar holds in each list: a century of holidays is far below it. */
  public static final int MAX_DATES = 10_000;

  static final DatedCalendar EVERY_DAY = new DatedCalendar(EnumSet.noneOf(DayOfWeek.class),
      new TreeSet<>(), new TreeSet<>(), List.of());
  static final DatedCalendar WEEKDAYS = new DatedCalendar(
      EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), new TreeSet<>(), new TreeSet<>(),
      List.of());

  private final Set<DayOfWeek> restDays;
  private final NavigableSet<LocalDate> holidays;
  private final NavigableSet<LocalDate> makeUpDays;
  private final List<LocalDate[]> blackouts;

  private DatedCalendar(Set<DayOfWeek> restDays, NavigableSet<LocalDate> holidays,
      NavigableSet<LocalDate> makeUpDays, List<LocalDate[]> blackouts) {
    this.restDays = restDays;
    this.holidays = holidays;
    this.makeUpDays = makeUpDays;
    this.blackouts = blackouts;
  }

  /**
   * The same calendar with other weekly rest days.
   *
   * @param days the rest days, possibly none
   * @return a new calendar
   * @throws ValidationException if the collection or a day is null
   */
  public DatedCalendar withRestDays(Collection<DayOfWeek> days) {
    Set<DayOfWeek> rest = EnumSet.noneOf(DayOfWeek.class);
    for (DayOfWeek d : present("restDays", days)) {
      rest.add(present("restDays", d));
    }
    return new DatedCalendar(rest, holidays, makeUpDays, blackouts);
  }

  /**
   * The same calendar with more public holidays: days off whatever the weekday.
   *
   * @param days the holidays
   * @return a new calendar
   * @throws ValidationException if a day is null, is also a make-up day, or the list grows past
   *     {@value #MAX_DATES}
   */
  public DatedCalendar withHolidays(Collection<LocalDate> days) {
    NavigableSet<LocalDate> more = merged("holidays", holidays, days);
    for (LocalDate d : more) {
      if (makeUpDays.contains(d)) {
        throw new ValidationException("holidays", d + " is a make-up working day already");
      }
    }
    return new DatedCalendar(restDays, more, makeUpDays, blackouts);
  }

  /**
   * The same calendar with more make-up working days: rest days worked in exchange for a
   * holiday (調休).
   *
   * @param days the make-up days
   * @return a new calendar
   * @throws ValidationException if a day is null, is also a holiday, or the list grows past
   *     {@value #MAX_DATES}
   */
  public DatedCalendar withMakeUpDays(Collection<LocalDate> days) {
    NavigableSet<LocalDate> more = merged("makeUpDays", makeUpDays, days);
    for (LocalDate d : more) {
      if (holidays.contains(d)) {
        throw new ValidationException("makeUpDays", d + " is a holiday already");
      }
    }
    return new DatedCalendar(restDays, holidays, more, blackouts);
  }

  /**
   * The same calendar with one more blackout window, such as harvest weeks: none of its days
   * counts towards a deadline, whatever else the calendar says of them.
   *
   * @param first the first day of the window
   * @param last the last day, inclusive; not before the first
   * @return a new calendar
   * @throws ValidationException if a day is null, the days are out of order, or the calendar
   *     would hold more than {@value #MAX_DATES} windows
   */
  public DatedCalendar withBlackout(LocalDate first, LocalDate last) {
    present("blackout.first", first);
    present("blackout.last", last);
    if (last.isBefore(first)) {
      throw new ValidationException("blackout.last", "must not lie before the first day "
          + first + ", was " + last);
    }
    if (blackouts.size() >= MAX_DATES) {
      throw new ValidationException("blackout", "at most " + MAX_DATES + " windows");
    }
    List<LocalDate[]> more = new ArrayList<>(blackouts);
    more.add(new LocalDate[] {first, last});
    return new DatedCalendar(restDays, holidays, makeUpDays, List.copyOf(more));
  }

  @Override
  public boolean isWorkingDay(LocalDate day) {
    present("day", day);
    for (LocalDate[] window : blackouts) {
      if (!day.isBefore(window[0]) && !day.isAfter(window[1])) {
        return false;
      }
    }
    if (holidays.contains(day)) {
      return false;
    }
    return makeUpDays.contains(day) || !restDays.contains(day.getDayOfWeek());
  }

  @Override
  public String toString() {
    return "DatedCalendar{rest " + restDays + ", " + holidays.size() + " holidays, "
        + makeUpDays.size() + " make-up days, " + blackouts.size() + " blackouts}";
  }

  private static NavigableSet<LocalDate> merged(String field, NavigableSet<LocalDate> have,
      Collection<LocalDate> add) {
    NavigableSet<LocalDate> out = new TreeSet<>(have);
    for (LocalDate d : present(field, add)) {
      out.add(present(field, d));
    }
    if (out.size() > MAX_DATES) {
      throw new ValidationException(field, "at most " + MAX_DATES + " dates, had " + out.size());
    }
    return out;
  }

  private static <T> T present(String field, T value) {
    if (value == null) {
      throw new ValidationException(field, "must not be null");
    }
    return value;
  }
}
