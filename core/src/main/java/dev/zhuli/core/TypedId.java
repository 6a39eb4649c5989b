package dev.zhuli.core;


/**
 * The common ground of Zhuli's typed ids ({@link MemberId}, {@link GroupId}, …): a short ASCII
 * string, compared by value. Ids made by Zhuli's default generator are time-ordered, so their
 * order is creation order.
 *
 * <p>An id is 1 to {@value #MAX_LENGTH} characters of {@code A–Z a–z 0–9 . _ -}, starting with a
 * letter or digit. Ids of different types never equal each other, even with the same value.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public abstract class TypedId implements Comparable<TypedId> {
  /** The longest id. */
  public static final int MAX_LENGTH = 64;

  private static final byte ALPHANUMERIC = 1;
  private static final byte PUNCTUATION = 2;
  /** Per ASCII char: 0 if no id may hold it, else whether it may also start one. */
  private static final byte[] ID_CHARS = new byte[128];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      ID_CHARS[c] = ALPHANUMERIC;
      ID_CHARS[Character.toUpperCase(c)] = ALPHANUMERIC;
    }
    for (char c = '0'; c <= '9'; c++) {
      ID_CHARS[c] = ALPHANUMERIC;
    }
    ID_CHARS['.'] = PUNCTUATION;
    ID_CHARS['_'] = PUNCTUATION;
    ID_CHARS['-'] = PUNCTUATION;
  }

  private final String value;

  /**
   * Checks and keeps the value.
   *
   * @param field the field name for error messages, for example {@code "memberId"}
   * @param value the value
   * @throws ValidationException if the value is null or not a valid id
   */
  protected TypedId(String field, String value) {
    if (value == null) {
      throw new ValidationException(field, "must not be null");
    }
    if (!wellShaped(value)) {
      throw new ValidationException(field, "must be 1 to " + MAX_LENGTH
          + " characters of A-Z a-z 0-9 . _ - starting with a letter or digit, was \""
          + Texts.shorten(value) + "\"");
    }
    this.value = value;
  }

  /**
   * Whether the value has an id's shape: 1 to {@value #MAX_LENGTH} characters of
   * {@code A-Z a-z 0-9 . _ -}, starting with a letter or digit. A table rather than a regular
   * expression or comparisons: ids are made on every read of every record.
   */
  private static boolean wellShaped(String value) {
    int n = value.length();
    if (n == 0 || n > MAX_LENGTH) {
      return false;
    }
    char first = value.charAt(0);
    if (first >= ID_CHARS.length || ID_CHARS[first] != ALPHANUMERIC) {
      return false;
    }
    for (int i = 1; i < n; i++) {
      char c = value.charAt(i);
      if (c >= ID_CHARS.length || ID_CHARS[c] == 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * The id as text, as stored and as hosts keep it.
   *
   * @return the value
   */
  public final String value() {
    return value;
  }

  /**
   * Orders ids by value; for ids from the default generator that is creation order.
   *
   * @param other another id
   * @return the comparison
   */
  @Override
  public final int compareTo(TypedId other) {
    return value.compareTo(other.value);
  }

  @Override
  public final boolean equals(Object o) {
    return o != null && o.getClass() == getClass() && ((TypedId) o).value.equals(value);
  }

  @Override
  public final int hashCode() {
    return getClass().hashCode() * 31 + value.hashCode();
  }

  /** The value. */
  @Override
  public final String toString() {
    return value;
  }
}
