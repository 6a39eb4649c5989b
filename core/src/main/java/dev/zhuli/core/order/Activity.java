package dev.zhuli.core.order;

import dev.zhuli.core.store.ValueStyle;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Something the handlers did for an order: a visit, a training (topic, head-count), a
 * consultation, or a referral (to whom or what, money mobilised). Voided activities stay, marked,
 * and count for nothing.
 *
 * @since 0.1.0
 */
@Value.Immutable
@ValueStyle
public abstract class Activity {
  Activity() {}

  /**
   * The activity's id within its order.
   *
   * @return the id
   */
  public abstract String id();

  /**
   * What was done.
   *
   * @return the kind
   */
  public abstract ActivityKind kind();

  /**
   * When it was recorded.
   *
   * @return the time
   */
  public abstract Instant at();

  /**
   * Who recorded it.
   *
   * @return the actor
   */
  public abstract String actor();

  /**
   * What happened, in a sentence or two.
   *
   * @return the summary
   */
  public abstract String summary();

  /**
   * The training's topic.
   *
   * @return the topic
   */
  public abstract Optional<String> topic();

  /**
   * How many people the training reached.
   *
   * @return the head-count
   */
  public abstract Optional<Integer> headCount();

  /**
   * The member or resource referred to.
   *
   * @return the referral
   */
  public abstract Optional<String> referredTo();

  /**
   * The money mobilised, in yuan.
   *
   * @return the amount
   */
  public abstract Optional<BigDecimal> money();

  /**
   * Attachment references (photos, documents) the host resolves.
   *
   * @return the references
   */
  public abstract List<String> attachments();

  /**
   * Whether it was voided.
   *
   * @return the flag
   */
  public abstract boolean voided();

  /**
   * Why it was voided.
   *
   * @return the reason
   */
  public abstract Optional<String> voidReason();
}
