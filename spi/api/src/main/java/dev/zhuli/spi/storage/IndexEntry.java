package dev.zhuli.spi.storage;

import java.util.Comparator;
import java.util.Objects;

/**
 * One (key, value) pair a {@link StoredRecord} is found by, for example {@code ("village", "V-17")} or
 * {@code ("dueAt", "2026-05-01T08:00:00Z")}.
 *
 * <p>The key is 1 to {@value Limits#MAX_INDEX_KEY_LENGTH} printable ASCII characters. The value is
 * well-formed Unicode text (no unpaired surrogate, no U+0000) of at most
 * {@value Limits#MAX_INDEX_VALUE_CODE_POINTS} code points, possibly empty. A record may carry the
 * same key several times with different values (multi-valued attributes such as skills).
 *
 * <p>Values compare in Unicode code-point order ({@link #CODE_POINT_ORDER}), which is the byte
 * order of their UTF-8 encoding and PostgreSQL's {@code COLLATE "C"}, not the UTF-16 order of
 * {@link String#compareTo(String)}.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class IndexEntry implements Comparable<IndexEntry> {

  /** Unicode code-point order of strings: the order {@link Transaction#find} sorts values in. */
  public static final Comparator<String> CODE_POINT_ORDER = IndexEntry::compareCodePoints;

  private final String key;
  private final String value;

  private IndexEntry(String key, String value) {
    this.key = key;
    this.value = value;
  }

  /**
   * Creates an entry.
   *
   * @param key the key
   * @param value the value
   * @return the entry
   * @throws IllegalArgumentException if the key or value breaks a limit
   */
  public static IndexEntry of(String key, String value) {
    Limits.checkAscii("index key", key, Limits.MAX_INDEX_KEY_LENGTH);
    return new IndexEntry(key, checkValue("index value", value));
  }

  /**
   * The key.
   *
   * @return the key
   */
  public String key() {
    return key;
  }

  /**
   * The value.
   *
   * @return the value
   */
  public String value() {
    return value;
  }

  /**
   * Orders by key, then by value in code-point order.
   *
   * @param other the other entry
   * @return the comparison
   */
  @Override
  public int compareTo(IndexEntry other) {
    int byKey = key.compareTo(other.key);
    return byKey != 0 ? byKey : compareCodePoints(value, other.value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IndexEntry
        && ((IndexEntry) o).key.equals(key)
        && ((IndexEntry) o).value.equals(value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, value);
  }

  /** Names the key and the value's length; never the value, which may be personal data. */
  @Override
  public String toString() {
    return key + "=(" + value.codePointCount(0, value.length()) + " code points)";
  }

  /**
   * Checks an index value (or a find bound): not null, well-formed, no U+0000, at most
   * {@value Limits#MAX_INDEX_VALUE_CODE_POINTS} code points.
   */
  static String checkValue(String field, String value) {
    if (value == null) {
      throw new IllegalArgumentException(field + " must not be null");
    }
    // The value itself is never echoed: index values may be personal data.
    int codePoints = Limits.checkWellFormed(field, value);
    if (codePoints > Limits.MAX_INDEX_VALUE_CODE_POINTS) {
      throw new IllegalArgumentException(
          field + " must be at most " + Limits.MAX_INDEX_VALUE_CODE_POINTS
              + " code points, was " + codePoints);
    }
    return value;
  }

  private static int compareCodePoints(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int k = 0; k < n; k++) {
      char x = a.charAt(k);
      char y = b.charAt(k);
      if (x != y) {
        if (!Character.isSurrogate(x) && !Character.isSurrogate(y)) {
          // below the surrogates and above them alike, UTF-16 order is code-point order
          return x < y ? -1 : 1;
        }
        // the prefixes are equal, so both code points start at the same index: one back if
        // this is the second half of a pair
        int at = k > 0 && Character.isHighSurrogate(a.charAt(k - 1))
            && (Character.isLowSurrogate(x) || Character.isLowSurrogate(y)) ? k - 1 : k;
        return Integer.compare(a.codePointAt(at), b.codePointAt(at));
      }
    }
    return Integer.compare(a.length(), b.length());
  }

}
