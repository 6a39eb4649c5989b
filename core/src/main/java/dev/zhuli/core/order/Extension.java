package dev.zhuli.core.order;

import dev.zhuli.core.store.ValueStyle;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A request to move an order's resolution deadline (延期申請): asked by the lead with a reason,
 * approved or refused by the coordinator. An approved extension moves the running clock's
 * deadline to the end of {@link #until()} in the group's time zone. A request still waiting when
 * its clock ends lapses.
 *
 * @since 0.1.0
 */
@Value.Immutable
@ValueStyle
public abstract class Extension {
  Extension() {}

  /**
   * When it was asked.
   *
   * @return the time
   */
  public abstract Instant requestedAt();

  /**
   * Who asked, as the actor's text.
   *
   * @return the actor
   */
  public abstract String requestedBy();

  /**
   * The day the work is to be resolved by.
   *
   * @return the day
   */
  public abstract LocalDate until();

  /**
   * Why more time is needed.
   *
   * @return the reason
   */
  public abstract String reason();

  /**
   * When the coordinator decided; empty while pending.
   *
   * @return the time
   */
  public abstract Optional<Instant> decidedAt();

  /**
   * Who decided, as the actor's text; {@code lapsed} when the clock it asked to extend ended
   * first (the order was resolved, transferred or merged), which counts as refused.
   *
   * @return the actor
   */
  public abstract Optional<String> decidedBy();

  /**
   * Whether it was approved; empty while pending.
   *
   * @return the decision
   */
  public abstract Optional<Boolean> approved();

  /**
   * The coordinator's note.
   *
   * @return the note
   */
  public abstract Optional<String> note();
}
