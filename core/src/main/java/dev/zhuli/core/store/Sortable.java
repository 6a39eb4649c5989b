package dev.zhuli.core.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Times as index values: fixed-width UTC text whose order is time order, so that "due before t"
 * is a range find (DESIGN.md "Find").
 *
 * <p>For Zhuli's feature packages. Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class Sortable {
  private static final DateTimeFormatter SORTABLE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  private Sortable() {}

  /**
   * A time as a fixed-width string whose text order is time order (years 0 to 9999).
   *
   * @param at the time
   * @return the text
   */
  public static String time(Instant at) {
    long seconds = at.getEpochSecond();
    LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
    if (day.getYear() < 0 || day.getYear() > 9999) {
      return SORTABLE.format(at);
    }
    // by hand: every write of an order or a household indexes several times
    int second = (int) Math.floorMod(seconds, 86_400);
    char[] out = new char[30];
    put(out, 0, day.getYear(), 4);
    out[4] = '-';
    put(out, 5, day.getMonthValue(), 2);
    out[7] = '-';
    put(out, 8, day.getDayOfMonth(), 2);
    out[10] = 'T';
    put(out, 11, second / 3_600, 2);
    out[13] = ':';
    put(out, 14, second / 60 % 60, 2);
    out[16] = ':';
    put(out, 17, second % 60, 2);
    out[19] = '.';
    put(out, 20, at.getNano(), 9);
    out[29] = 'Z';
    return new String(out);
  }

  /** Writes {@code value} as {@code width} decimal digits, zero-padded, at {@code from}. */
  private static void put(char[] out, int from, int value, int width) {
    for (int i = from + width - 1; i >= from; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

}
