package dev.zhuli.core.order;

/**
 * How soon the village needs help; service levels (deadlines) follow from it.
 *
 * @since 0.1.0
 */
public enum Urgency {
  /** Routine (一般). */
  ROUTINE,
  /** Urgent (緊急). */
  URGENT,
  /** An emergency (特急): the same day. */
  EMERGENCY
}
