package dev.zhuli.core.order;

/**
 * The outcome of a sampled verification visit (回訪抽查) to a closed order.
 *
 * @since 0.1.0
 */
public enum Verdict {
  /** The village confirms the order was resolved. */
  CONFIRMED,
  /** The village disputes it: the order reopens. */
  DISPUTED
}
