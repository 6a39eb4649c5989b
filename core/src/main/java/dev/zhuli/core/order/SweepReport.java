package dev.zhuli.core.order;

import dev.zhuli.core.store.ValueStyle;
import java.time.Instant;
import org.immutables.value.Value;

/**
 * What one service-level sweep did ({@link Orders#sweep(Instant)}): how many reminders, overdue
 * notices and second escalations it raised, how many resolved orders it closed unrated, and how
 * many orders it left for the next sweep because concurrent changes kept conflicting or the
 * store failed.
 *
 * @since 0.1.0
 */
@Value.Immutable
@ValueStyle
public abstract class SweepReport {
  SweepReport() {}

  /**
   * The instant swept at.
   *
   * @return the instant
   */
  public abstract Instant at();

  /**
   * Reminders raised.
   *
   * @return the count
   */
  public abstract int reminders();

  /**
   * Overdue notices to coordinators raised.
   *
   * @return the count
   */
  public abstract int overdue();

  /**
   * Second-level escalations to administrators raised.
   *
   * @return the count
   */
  public abstract int escalations();

  /**
   * Resolved orders closed unrated after their quiet period.
   *
   * @return the count
   */
  public abstract int autoClosed();

  /**
   * Orders left for the next sweep.
   *
   * @return the count
   */
  public abstract int deferred();
}
