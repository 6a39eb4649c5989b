package dev.zhuli.core.store;

import java.time.Instant;
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
    return SORTABLE.format(at);
  }
}
