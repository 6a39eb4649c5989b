package dev.zhuli.core.order;

/**
 * What the handlers did for an order.
 *
 * @since 0.1.0
 */
public enum ActivityKind {
  /** A visit to the village (走訪). */
  VISIT,
  /** A training held, with topic and head-count (培訓). */
  TRAINING,
  /** A consultation (諮詢). */
  CONSULTATION,
  /** A referral to a member or a resource, with the money mobilised (資源對接). */
  REFERRAL
}
