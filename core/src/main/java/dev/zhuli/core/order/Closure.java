package dev.zhuli.core.order;

/**
 * How a closed order came to be closed.
 *
 * @since 0.1.0
 */
public enum Closure {
  /** The village rated it (評單). */
  RATED,
  /** Nobody rated it within the quiet period. */
  UNRATED,
  /** The coordinator ruled it outside the group's scope, with a reason. */
  OUT_OF_SCOPE,
  /** The coordinator merged it into another order asking the same; that one carries on. */
  MERGED
}
