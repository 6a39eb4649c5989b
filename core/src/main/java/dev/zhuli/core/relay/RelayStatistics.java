package dev.zhuli.core.relay;

import dev.zhuli.core.store.ValueStyle;
import java.time.Duration;
import org.immutables.value.Value;

/**
 * What one {@link Relay} instance has done since it was built: counters that only grow, and two
 * gauges of how it is doing now ({@link #lag()} and {@link #hungCallbacks()}). Counters are this
 * instance's own; add up the instances to see a deployment.
 *
 * <p>Immutable and thread-safe: a snapshot, read with {@link Relay#statistics()}.
 *
 * @since 0.1.0
 */
@Value.Immutable
@ValueStyle
public abstract class RelayStatistics {
  RelayStatistics() {}

  /**
   * Messages whose callback returned and whose acknowledgement the store accepted.
   *
   * @return the count
   * @since 0.1.0
   */
  public abstract long delivered();

  /**
   * Failed attempts rescheduled for a later try (timed-out attempts included).
   *
   * @return the count
   * @since 0.1.0
   */
  public abstract long retried();

  /**
   * Messages buried as dead letters: after their last attempt, or at once when they cannot be
   * delivered at all (no subscriber of that name is registered, or the payload is unreadable).
   *
   * @return the count
   * @since 0.1.0
   */
  public abstract long buried();

  /**
   * Attempts whose callback did not return within the callback timeout and was cancelled; each is
   * also counted as retried or buried.
   *
   * @return the count
   * @since 0.1.0
   */
  public abstract long timedOut();

  /**
   * Settlements the store refused because this instance's lease had run out and the message was
   * claimed again (or settled) by someone else; the message is theirs now, and nothing of it was
   * changed.
   *
   * @return the count
   * @since 0.1.0
   */
  public abstract long leaseLost();

  /**
   * Callbacks that timed out and have not returned yet, each holding a delivery thread. When all
   * delivery threads are held, the relay claims nothing until one returns.
   *
   * @return the number now
   * @since 0.1.0
   */
  public abstract int hungCallbacks();

  /**
   * How far delivery is behind: the age ({@code now − dueAt}) of the longest-due message claimed
   * in the most recent round, or zero if that round found nothing due. The storage contract has
   * no query for the oldest due message, but claims prefer the longest-due messages, so this is
   * what the relay can tell without an extra query; a round that could claim only part of what is
   * due still reports the oldest it saw.
   *
   * @return the lag, zero or positive
   * @since 0.1.0
   */
  public abstract Duration lag();
}
