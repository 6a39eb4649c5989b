package dev.zhuli.spi.storage;

import java.util.List;
import java.util.Optional;

/**
 * One page of results and the cursor to the next one.
 *
 * <p>A page may hold fewer items than the limit asked for and still have a next page only if the
 * store says so; callers keep asking while {@link #nextCursor()} is present. The cursor is opaque
 * and belongs to the store that returned it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> the item type
 * @since 0.1.0
 */
public final class Page<T> {
  private final List<T> items;
  private final String nextCursor;

  private Page(List<T> items, String nextCursor) {
    this.items = items;
    this.nextCursor = nextCursor;
  }

  /**
   * Creates a page.
   *
   * @param items the items, in order; copied
   * @param nextCursor the cursor to the next page, or null when this is the last page
   * @param <T> the item type
   * @return the page
   * @throws IllegalArgumentException if items is null or holds null, or the cursor is empty
   */
  public static <T> Page<T> of(List<T> items, String nextCursor) {
    if (items == null) {
      throw new IllegalArgumentException("items must not be null");
    }
    if (nextCursor != null && nextCursor.isEmpty()) {
      throw new IllegalArgumentException("nextCursor must be null or non-empty");
    }
    try {
      return new Page<>(List.copyOf(items), nextCursor);
    } catch (NullPointerException e) {
      throw new IllegalArgumentException("items must not contain null", e);
    }
  }

  /**
   * The items of this page, in order.
   *
   * @return an unmodifiable list
   */
  public List<T> items() {
    return items;
  }

  /**
   * The cursor to pass to the next request, or empty when there are no more items.
   *
   * @return the cursor
   */
  public Optional<String> nextCursor() {
    return Optional.ofNullable(nextCursor);
  }

  @Override
  public String toString() {
    return "page of " + items.size() + (nextCursor == null ? " (last)" : " (more)");
  }
}
