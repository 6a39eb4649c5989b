package dev.zhuli.core;

import java.util.Optional;

/**
 * Which page of a query to return: at most {@link #limit()} items, after a cursor from the
 * previous page.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class PageRequest {
  /** The largest page. */
  public static final int MAX_LIMIT = 1000;
  /** The page size of {@link #first()}. */
  public static final int DEFAULT_LIMIT = 50;

  private final int limit;
  private final String cursor;

  private PageRequest(int limit, String cursor) {
    this.limit = limit;
    this.cursor = cursor;
  }

  /**
   * The first page, of {@value #DEFAULT_LIMIT} items.
   *
   * @return the request
   */
  public static PageRequest first() {
    return new PageRequest(DEFAULT_LIMIT, null);
  }

  /**
   * The first page, of the given size.
   *
   * @param limit 1 to {@value #MAX_LIMIT}
   * @return the request
   * @throws ValidationException if the limit is out of range
   */
  public static PageRequest first(int limit) {
    return new PageRequest(checkLimit(limit), null);
  }

  /**
   * The page after the one that returned this cursor, of the same size as this request.
   *
   * @param cursor {@link ResultPage#nextCursor()} of the previous page
   * @return the request
   * @throws ValidationException if the cursor is null or empty
   */
  public PageRequest after(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      throw new ValidationException("page.cursor", "must not be null or empty");
    }
    return new PageRequest(limit, cursor);
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

  private static int checkLimit(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ValidationException("page.limit",
          "must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
    return limit;
  }

  @Override
  public String toString() {
    return "page of " + limit + (cursor == null ? "" : " after cursor");
  }
}
