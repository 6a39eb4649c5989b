package dev.zhuli.core.order;

import dev.zhuli.core.store.ValueStyle;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One row of an order's timeline: which transition, from and to which status, by whom, when,
 * and the reason or note given.
 *
 * @since 0.1.0
 */
@Value.Immutable
@ValueStyle
public abstract class TimelineEntry {
  TimelineEntry() {}

  /**
   * When it committed.
   *
   * @return the time
   */
  public abstract Instant at();

  /**
   * The transition.
   *
   * @return the transition
   */
  public abstract Transition transition();

  /**
   * The status before; empty when the order was created.
   *
   * @return the status
   */
  public abstract Optional<OrderStatus> from();

  /**
   * The status after.
   *
   * @return the status
   */
  public abstract OrderStatus to();

  /**
   * Who did it, as {@code Actor.toString()} names them (kind and id, no personal data).
   *
   * @return the actor
   */
  public abstract String actor();

  /**
   * The reason or note given, if any.
   *
   * @return the note
   */
  public abstract Optional<String> note();
}
