package dev.zhuli.core.order;

/**
 * Where an order stands in its lifecycle; {@link Transition} lists every way from one to another.
 *
 * @since 0.1.0
 */
public enum OrderStatus {
  /** Placed by the village (點單), waiting for the coordinator. */
  PLACED,
  /** Dispatched to a squad (派單), or open for any squad to claim (搶單). */
  DISPATCHED,
  /** Returned by the squad to the coordinator (退單), waiting for a ruling. */
  RETURNED,
  /** Accepted (接單/簽收): a lead and helpers are named. */
  ACCEPTED,
  /** Work has begun: at least one activity is recorded. */
  IN_PROGRESS,
  /** Resolved (辦結) with a completion report, waiting for the village's rating. */
  RESOLVED,
  /** Closed: rated (評單), closed unrated after the quiet period, or closed out of scope. */
  CLOSED,
  /** Cancelled by the village before acceptance. */
  CANCELLED;

  /**
   * Whether the order is still open: neither closed nor cancelled.
   *
   * @return true while open
   */
  public boolean isOpen() {
    return this != CLOSED && this != CANCELLED;
  }
}
