package dev.zhuli.spi.storage;

import java.util.Optional;

/**
 * What {@link Transaction#find(FindRequest)} looks for: records of one kind with an index entry
 * under one key whose value lies in an inclusive range, one page at a time.
 *
 * <p>Build it with {@link #of(String, String)} and narrow it: {@link #equalTo(String)} for
 * equality, {@link #from(String)} and {@link #to(String)} for an inclusive range (either bound may
 * be left open). {@link #limit(int)} sets the page size (default 100, at most
 * {@value Limits#MAX_PAGE_SIZE}); {@link #after(String)} resumes after a page's
 * {@link Page#nextCursor() cursor}.
 *
 * <p>An empty range (lower above upper) finds nothing. Changing the bounds keeps the cursor; a
 * cursor only makes sense with the request that produced it.
 *
 * <p>Immutable and thread-safe: every method returns a new request.
 *
 * @since 0.1.0
 */
public final class FindRequest {
  /** The page size when none is set. */
  public static final int DEFAULT_LIMIT = 100;

  private final String kind;
  private final String key;
  private final String lower;
  private final String upper;
  private final int limit;
  private final String cursor;

  private FindRequest(
      String kind, String key, String lower, String upper, int limit, String cursor) {
    this.kind = kind;
    this.key = key;
    this.lower = lower;
    this.upper = upper;
    this.limit = limit;
    this.cursor = cursor;
  }

  /**
   * Finds every record of a kind that has at least one entry under a key.
   *
   * @param kind the record kind
   * @param key the index key
   * @return the request
   * @throws IllegalArgumentException if the kind or key is invalid
   */
  public static FindRequest of(String kind, String key) {
    Limits.checkKind(kind);
    Limits.checkAscii("index key", key, Limits.MAX_INDEX_KEY_LENGTH);
    return new FindRequest(kind, key, null, null, DEFAULT_LIMIT, null);
  }

  /**
   * Only values equal to this one.
   *
   * @param value the value
   * @return a new request
   * @throws IllegalArgumentException if the value is not a valid index value
   */
  public FindRequest equalTo(String value) {
    IndexEntry.checkValue("value", value);
    return new FindRequest(kind, key, value, value, limit, cursor);
  }

  /**
   * Only values at or above this one, in code-point order.
   *
   * @param lower the inclusive lower bound
   * @return a new request
   * @throws IllegalArgumentException if the bound is not a valid index value
   */
  public FindRequest from(String lower) {
    IndexEntry.checkValue("lower bound", lower);
    return new FindRequest(kind, key, lower, upper, limit, cursor);
  }

  /**
   * Only values at or below this one, in code-point order.
   *
   * @param upper the inclusive upper bound
   * @return a new request
   * @throws IllegalArgumentException if the bound is not a valid index value
   */
  public FindRequest to(String upper) {
    IndexEntry.checkValue("upper bound", upper);
    return new FindRequest(kind, key, lower, upper, limit, cursor);
  }

  /**
   * At most this many records per page.
   *
   * @param limit 1 to {@value Limits#MAX_PAGE_SIZE}
   * @return a new request
   * @throws IllegalArgumentException if the limit is out of range
   */
  public FindRequest limit(int limit) {
    Limits.checkPageSize("limit", limit);
    return new FindRequest(kind, key, lower, upper, limit, cursor);
  }

  /**
   * Resumes after the page that returned this cursor.
   *
   * @param cursor a cursor from {@link Page#nextCursor()} of the same request, on the same store
   * @return a new request
   * @throws IllegalArgumentException if the cursor is null or empty
   */
  public FindRequest after(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      throw new IllegalArgumentException("cursor must not be null or empty");
    }
    return new FindRequest(kind, key, lower, upper, limit, cursor);
  }

  /**
   * The record kind.
   *
   * @return the kind
   */
  public String kind() {
    return kind;
  }

  /**
   * The index key.
   *
   * @return the key
   */
  public String key() {
    return key;
  }

  /**
   * The inclusive lower bound, if any.
   *
   * @return the bound
   */
  public Optional<String> lower() {
    return Optional.ofNullable(lower);
  }

  /**
   * The inclusive upper bound, if any.
   *
   * @return the bound
   */
  public Optional<String> upper() {
    return Optional.ofNullable(upper);
  }

  /**
   * The page size.
   *
   * @return the limit
   */
  public int limit() {
    return limit;
  }

  /**
   * The cursor to resume after, if any.
   *
   * @return the cursor
   */
  public Optional<String> cursor() {
    return Optional.ofNullable(cursor);
  }

  /**
   * Whether a value lies within the bounds, in code-point order. A range whose lower bound lies
   * above its upper bound matches nothing.
   *
   * @param value an index value
   * @return whether it matches
   * @throws IllegalArgumentException if the value is null
   */
  public boolean matches(String value) {
    if (value == null) {
      throw new IllegalArgumentException("value must not be null");
    }
    return (lower == null || IndexEntry.CODE_POINT_ORDER.compare(value, lower) >= 0)
        && (upper == null || IndexEntry.CODE_POINT_ORDER.compare(value, upper) <= 0);
  }

  /**
   * Where a record belongs among this request's results: the least of its values under the
   * request's key that {@linkplain #matches match}, in code-point order. A record with several
   * such values is found once, at this one; a store that finds records through their index
   * entries keeps the entry at this value and skips the others.
   *
   * @param record a record
   * @return the least matching value, or empty if none of its entries matches
   * @throws IllegalArgumentException if the record is null
   * @since 0.1.0
   */
  public Optional<String> leastMatch(StoredRecord record) {
    if (record == null) {
      throw new IllegalArgumentException("record must not be null");
    }
    // entries are sorted by key, then by value in code-point order: the first match is least
    for (IndexEntry entry : record.index()) {
      if (entry.key().equals(key) && matches(entry.value())) {
        return Optional.of(entry.value());
      }
    }
    return Optional.empty();
  }

  /** Names kind, key and limit; never the bounds, which may be personal data. */
  @Override
  public String toString() {
    return "find " + kind + " by " + key + (lower == null && upper == null ? "" : " in a range")
        + " limit " + limit + (cursor == null ? "" : " after cursor");
  }
}
