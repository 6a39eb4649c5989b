package dev.zhuli.core.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.zhuli.core.ValidationException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The rules of counting days: n working days forward and back again returns to a working day;
 * what is counted is a working day and nothing in a blackout window ever is; calendar days are
 * plain days; and the 2026 Spring Festival with its make-up days, as an example.
 */
class WorkCalendarTest {
  private static final LocalDate BASE = LocalDate.of(2026, 1, 1);
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  /** A calendar around 2026: random rest days, holidays, make-up days and blackouts. */
  static Gen<DatedCalendar> calendars() {
    Gen<Integer> offset = integers().between(-30, 500);
    Gen<List<Integer>> offsets = lists().of(offset).ofSizeBetween(0, 40);
    Gen<List<Integer>> windows = lists().of(integers().between(0, 60)).ofSizeBetween(0, 6);
    return integers().between(0, 127).zip(offsets, offsets, (rest, holidays, makeUps) -> {
      Set<DayOfWeek> restDays = EnumSet.noneOf(DayOfWeek.class);
      for (DayOfWeek d : DayOfWeek.values()) {
        if ((rest & (1 << d.ordinal())) != 0) {
          restDays.add(d);
        }
      }
      Set<LocalDate> hol = new TreeSet<>();
      holidays.forEach(h -> hol.add(BASE.plusDays(h)));
      List<LocalDate> make = new ArrayList<>();
      makeUps.stream().map(BASE::plusDays).filter(d -> !hol.contains(d)).forEach(make::add);
      return WorkCalendar.everyDay().withRestDays(restDays).withHolidays(hol)
          .withMakeUpDays(make);
    }).zip(windows, windows, (cal, starts, lengths) -> {
      DatedCalendar out = cal;
      for (int i = 0; i + 1 < starts.size() && i < lengths.size(); i += 2) {
        LocalDate first = BASE.plusDays(starts.get(i) * 7L);
        out = out.withBlackout(first, first.plusDays(lengths.get(i)));
      }
      return out;
    });
  }

  /** A calendar with at least one working day in a week (so it never runs out). */
  private static Gen<DatedCalendar> livelyCalendars() {
    return calendars().assuming(c -> {
      for (int i = 0; i < 7; i++) {
        if (c.isWorkingDay(BASE.plusDays(i))) {
          return true;
        }
      }
      return false;
    });
  }

  @Test
  void addingThenSubtractingWorkingDaysReturnsToAWorkingDay() {
    qt().withExamples(300).forAll(livelyCalendars(), integers().between(-20, 600),
        integers().between(0, 60)).checkAssert((cal, day, n) -> {
          LocalDate d = BASE.plusDays(day);
          LocalDate there;
          try {
            there = cal.plusWorkingDays(d, n);
          } catch (ValidationException e) {
            // a calendar may go without working days for ten years (rest days every day after
            // the make-up days run out): then it says so
            assertThat(e.field()).isEqualTo("workCalendar");
            return;
          }
          assertThat(cal.isWorkingDay(there)).as("%s is a working day", there).isTrue();
          if (cal.isWorkingDay(d)) {
            assertThat(cal.minusWorkingDays(there, n)).as("back %s from %s", n, there)
                .isEqualTo(d);
          }
          int counted = 0;
          for (LocalDate x = d.plusDays(1); !x.isAfter(there); x = x.plusDays(1)) {
            if (cal.isWorkingDay(x)) {
              counted++;
            }
          }
          assertThat(counted).as("working days in (%s, %s]", d, there)
              .isEqualTo(n == 0 ? (cal.isWorkingDay(d) ? 0 : 1) : n);
        });
  }

  @Test
  void blackoutDaysAreNeverCountedWhateverElseTheCalendarSays() {
    qt().withExamples(200).forAll(calendars(), integers().between(0, 400),
        integers().between(0, 30)).checkAssert((cal, start, length) -> {
          LocalDate first = BASE.plusDays(start);
          LocalDate last = first.plusDays(length);
          DatedCalendar harvest = cal.withMakeUpDays(List.of()).withBlackout(first, last);
          for (LocalDate x = first; !x.isAfter(last); x = x.plusDays(1)) {
            assertThat(harvest.isWorkingDay(x)).as("%s in the blackout", x).isFalse();
          }
          try {
            LocalDate due = harvest.plusWorkingDays(first.minusDays(1), 1);
            assertThat(due).as("the first working day after a blackout starts").isAfter(last);
          } catch (ValidationException e) {
            assertThat(e.field()).isEqualTo("workCalendar");
          }
        });
  }

  @Test
  void calendarDaysArePlainDays() {
    qt().withExamples(200).forAll(integers().between(-1000, 1000), integers().between(0, 366))
        .checkAssert((day, n) -> {
          LocalDate d = BASE.plusDays(day);
          assertThat(WorkCalendar.everyDay().plusWorkingDays(d, n)).isEqualTo(d.plusDays(n));
          assertThat(WorkCalendar.everyDay().minusWorkingDays(d, n)).isEqualTo(d.minusDays(n));
        });
  }

  /**
   * The 2026 Spring Festival: 15 to 23 February off, Saturday 14 and Saturday 28 February
   * worked in exchange.
   */
  @Test
  void springFestival2026WithItsMakeUpDays() {
    List<LocalDate> holidays = new ArrayList<>();
    for (LocalDate d = LocalDate.of(2026, 2, 15); !d.isAfter(LocalDate.of(2026, 2, 23));
        d = d.plusDays(1)) {
      holidays.add(d);
    }
    DatedCalendar calendar = WorkCalendar.weekdays().withHolidays(holidays)
        .withMakeUpDays(List.of(LocalDate.of(2026, 2, 14), LocalDate.of(2026, 2, 28)));

    LocalDate friday = LocalDate.of(2026, 2, 13);
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 14))).as("make-up Saturday").isTrue();
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 17))).as("New Year's Day").isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 23))).as("a Monday off").isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 3, 1))).as("a plain Sunday").isFalse();
    // 14 Feb (make-up), 24–27 Feb, 28 Feb (make-up), 2–6 Mar, 9–10 Mar: 13 working days
    assertThat(calendar.plusWorkingDays(friday, 13)).isEqualTo(LocalDate.of(2026, 3, 10));
    assertThat(calendar.plusWorkingDays(friday, 2)).isEqualTo(LocalDate.of(2026, 2, 24));
    assertThat(calendar.plusWorkingDays(LocalDate.of(2026, 2, 17), 0))
        .as("same day, asked on a holiday").isEqualTo(LocalDate.of(2026, 2, 24));
    assertThat(calendar.minusWorkingDays(LocalDate.of(2026, 3, 10), 13)).isEqualTo(friday);

    // a routine order accepted that Friday is due at the end of 10 March in Weinan
    Instant accepted = friday.atTime(16, 0).atZone(SHANGHAI).toInstant();
    assertThat(Term.days(13).dueAfter(accepted, SHANGHAI, calendar))
        .isEqualTo(Instant.parse("2026-03-10T16:00:00Z"));
    assertThat(Term.days(13).dueAfter(accepted, SHANGHAI, WorkCalendar.everyDay()))
        .as("on calendar days").isEqualTo(Instant.parse("2026-02-26T16:00:00Z"));
    assertThat(Term.hours(2).dueAfter(accepted, SHANGHAI, calendar))
        .as("hours ignore the calendar").isEqualTo(accepted.plusSeconds(7200));
  }

  @Test
  void badCalendarsAndCountsAreRefusedNamingTheField() {
    DatedCalendar never = WorkCalendar.everyDay().withRestDays(EnumSet.allOf(DayOfWeek.class));
    assertThatThrownBy(() -> never.plusWorkingDays(BASE, 1))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.field()).isEqualTo("workCalendar"))
        .hasMessageContaining("no working day within 3660 days");
    assertThatThrownBy(() -> never.minusWorkingDays(BASE, 0))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> WorkCalendar.everyDay().plusWorkingDays(BASE, -1))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.field()).isEqualTo("workingDays"));
    assertThatThrownBy(() -> WorkCalendar.everyDay().plusWorkingDays(null, 1))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> WorkCalendar.everyDay().plusWorkingDays(LocalDate.MAX, 1))
        .isInstanceOf(ValidationException.class).hasMessageContaining("calendar's end");
    assertThatThrownBy(() -> WorkCalendar.everyDay().minusWorkingDays(LocalDate.MIN, 1))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> WorkCalendar.weekdays().withBlackout(BASE, BASE.minusDays(1)))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.field()).isEqualTo("blackout.last"));
    assertThatThrownBy(() -> WorkCalendar.weekdays().withHolidays(List.of(BASE))
        .withMakeUpDays(List.of(BASE)))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.field()).isEqualTo("makeUpDays"));
    assertThatThrownBy(() -> WorkCalendar.weekdays().withMakeUpDays(List.of(BASE))
        .withHolidays(List.of(BASE)))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.field()).isEqualTo("holidays"));
    List<LocalDate> withNull = new ArrayList<>();
    withNull.add(null);
    assertThatThrownBy(() -> WorkCalendar.weekdays().withHolidays(withNull))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> WorkCalendar.weekdays().withRestDays(null))
        .isInstanceOf(ValidationException.class);
    List<LocalDate> tooMany = new ArrayList<>();
    for (int i = 0; i <= DatedCalendar.MAX_DATES; i++) {
      tooMany.add(BASE.plusDays(i));
    }
    assertThatThrownBy(() -> WorkCalendar.weekdays().withHolidays(tooMany))
        .isInstanceOf(ValidationException.class).hasMessageContaining("at most 10000");
    assertThatThrownBy(() -> Term.days(-1)).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> Term.days(367)).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> Term.hours(0)).isInstanceOf(ValidationException.class);
  }
}
