package dev.zhuli.core.order;

/**
 * Which clock of an order is running (辦理時限): each open status has one, and a service level
 * sets its term per {@link Urgency}.
 *
 * @since 0.1.0
 */
public enum ServiceStage {
  /** Placed or returned: the coordinator is to dispatch it (派單時限). */
  DISPATCH,
  /** Dispatched: a squad is to accept it (簽收時限). */
  ACCEPT,
  /** Accepted or in progress: the handlers are to resolve it (辦結時限); extensions move it. */
  RESOLVE,
  /**
   * Resolved: the village may rate it until the quiet period ends, then the sweep closes it
   * unrated. No reminder or escalation.
   */
  RATING;

  /**
   * The stage of an order in a status, if any.
   *
   * @param status the status
   * @return the stage, or null for CLOSED and CANCELLED
   */
  static ServiceStage of(OrderStatus status) {
    switch (status) {
      case PLACED:
      case RETURNED:
        return DISPATCH;
      case DISPATCHED:
        return ACCEPT;
      case ACCEPTED:
      case IN_PROGRESS:
        return RESOLVE;
      case RESOLVED:
        return RATING;
      default:
        return null;
    }
  }
}
