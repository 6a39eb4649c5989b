package dev.zhuli.core;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of a query's results, and the cursor to the next page.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> the item type
 * @since 0.1.0
 */
public final class ResultPage<T> {
  private final List<T> items;
  private final String nextCursor;

  private ResultPage(List<T> items, String nextCursor) {
    this.items = items;
    this.nextCursor = nextCursor;
  }

  /**
   * Creates a page.
   *
   * @param items the items, copied
   * @param nextCursor the cursor to the next page, or null on the last page
   * @param <T> the item type
   * @return the page
   */
  public static <T> ResultPage<T> of(List<T> items, String nextCursor) {
    return new ResultPage<>(List.copyOf(items), nextCursor);
  }

  /**
   * The items, in the query's order.
   *
   * @return an unmodifiable list
   */
  public List<T> items() {
    return items;
  }

  /**
   * The cursor for {@link PageRequest#after(String)}, or empty on the last page.
   *
   * @return the cursor
   */
  public Optional<String> nextCursor() {
    return Optional.ofNullable(nextCursor);
  }

  /**
   * The same page with every item mapped.
   *
   * @param mapper the mapping
   * @param <R> the new item type
   * @return the mapped page
   */
  public <R> ResultPage<R> map(Function<? super T, ? extends R> mapper) {
    return new ResultPage<>(items.stream().<R>map(mapper).collect(
        java.util.stream.Collectors.toUnmodifiableList()), nextCursor);
  }

  @Override
  public String toString() {
    return "page of " + items.size() + (nextCursor == null ? " (last)" : " (more)");
  }
}
