package dev.zhuli.core.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Reads the times records keep as text, written by {@link Instant#toString()}.
 *
 * <p>For Zhuli's feature packages. Every view of a record reads several of its times, so the
 * usual shape ({@code uuuu-MM-ddTHH:mm:ss[.f…]Z}, years 0 to 9999) is read by hand, and anything
 * else is left to {@link Instant#parse}, which also gives the error. The result is always the
 * one {@code Instant.parse} gives. Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class Times {
  private static final int[] SCALE = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000,
      1_000, 100, 10, 1};

  private Times() {}

  /**
   * Reads a time.
   *
   * @param text a time as {@link Instant#toString()} writes it
   * @return the time
   * @throws DateTimeParseException if it is not one
   * @throws NullPointerException if it is null
   */
  public static Instant parse(CharSequence text) {
    Instant quick = quick(text);
    return quick != null ? quick : Instant.parse(text);
  }

  /** The time, if {@code text} has the usual shape and names a real instant; else null. */
  private static Instant quick(CharSequence text) {
    int n = text.length();
    if (n < 20 || n > 30 || text.charAt(4) != '-' || text.charAt(7) != '-'
        || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
        || text.charAt(n - 1) != 'Z') {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    int nano = 0;
    if (n > 20) {
      int fraction = n - 21;
      if (text.charAt(19) != '.' || fraction < 1) {
        return null;
      }
      int value = digits(text, 20, fraction);
      if (value < 0) {
        return null;
      }
      nano = value * SCALE[fraction];
    }
    if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0
        || minute > 59 || second < 0 || second > 59
        || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
      return null;
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nano);
  }

  /** The decimal number of {@code count} ASCII digits from {@code from}, or -1. */
  private static int digits(CharSequence text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
