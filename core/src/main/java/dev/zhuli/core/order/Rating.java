package dev.zhuli.core.order;

import dev.zhuli.core.store.ValueStyle;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A village's rating of a resolved order (評單): 1 to 5 stars and a comment. Every rating is kept,
 * also those that reopened the order.
 *
 * @since 0.1.0
 */
@Value.Immutable
@ValueStyle
public abstract class Rating {
  Rating() {}

  /**
   * When it was given.
   *
   * @return the time
   */
  public abstract Instant at();

  /**
   * 1 to 5.
   *
   * @return the stars
   */
  public abstract int stars();

  /**
   * The comment, if any.
   *
   * @return the comment
   */
  public abstract Optional<String> comment();

  /**
   * Who rated.
   *
   * @return the actor
   */
  public abstract String actor();
}
