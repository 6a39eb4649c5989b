package dev.zhuli.core.order;

import dev.zhuli.core.store.ValueStyle;
import java.time.Instant;
import java.util.OptionalDouble;
import org.immutables.value.Value;

/**
 * How many of a group's or a squad's orders resolved in a period met their resolution deadline
 * (按時辦結率). An order counts once, by its latest resolution, judged against the deadline (as
 * extended) of the clock that resolution stopped.
 *
 * @since 0.1.0
 */
@Value.Immutable
@ValueStyle
public abstract class InTimeFigures {
  InTimeFigures() {}

  /**
   * The start of the period, inclusive.
   *
   * @return the start
   */
  public abstract Instant from();

  /**
   * The end of the period, exclusive.
   *
   * @return the end
   */
  public abstract Instant to();

  /**
   * Orders resolved in the period.
   *
   * @return the count
   */
  public abstract int resolved();

  /**
   * Of those, the ones resolved by their deadline.
   *
   * @return the count
   */
  public abstract int resolvedInTime();

  /**
   * The share resolved in time, 0 to 1; empty when nothing was resolved.
   *
   * @return the share
   */
  public OptionalDouble inTimeShare() {
    return resolved() == 0 ? OptionalDouble.empty()
        : OptionalDouble.of((double) resolvedInTime() / resolved());
  }
}
