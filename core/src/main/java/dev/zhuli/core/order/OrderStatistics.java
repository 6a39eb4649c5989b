package dev.zhuli.core.order;

import dev.zhuli.core.store.ValueStyle;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Figures of a group's or a squad's orders placed in a period: how many in each status, how fast
 * they were accepted and resolved, how often returned and reopened, how the villages rated them,
 * and what the work mobilised.
 *
 * <p>Times to accept run from placement to the first acceptance (or assignment); times to resolve
 * from the first acceptance to the first resolution. Percentiles use the nearest-rank method: the
 * p-th percentile of n sorted values is the value at rank ⌈p·n/100⌉. Voided activities count for
 * nothing.
 *
 * @since 0.1.0
 */
@Value.Immutable
@ValueStyle
public abstract class OrderStatistics {
  OrderStatistics() {}

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
   * Orders placed in the period.
   *
   * @return the count
   */
  public abstract int placed();

  /**
   * Those orders by their status now; every status is present, possibly with 0.
   *
   * @return status to count
   */
  public abstract Map<OrderStatus, Integer> byStatus();

  /**
   * The median time to accept, if any order was accepted.
   *
   * @return the duration
   */
  public abstract Optional<Duration> medianTimeToAccept();

  /**
   * The 90th percentile of the time to accept.
   *
   * @return the duration
   */
  public abstract Optional<Duration> p90TimeToAccept();

  /**
   * The median time to resolve, if any order was resolved.
   *
   * @return the duration
   */
  public abstract Optional<Duration> medianTimeToResolve();

  /**
   * The 90th percentile of the time to resolve.
   *
   * @return the duration
   */
  public abstract Optional<Duration> p90TimeToResolve();

  /**
   * Returns (退單) of those orders; for a squad, its own returns.
   *
   * @return the count
   */
  public abstract int returns();

  /**
   * Reopenings of those orders.
   *
   * @return the count
   */
  public abstract int reopens();

  /**
   * Ratings given, by stars 1 to 5; every star count is present, possibly with 0.
   *
   * @return stars to count
   */
  public abstract Map<Integer, Integer> ratings();

  /**
   * The mean rating, if any rating was given.
   *
   * @return the mean
   */
  public abstract Optional<Double> meanRating();

  /**
   * Money mobilised by referrals, in yuan.
   *
   * @return the amount
   */
  public abstract BigDecimal moneyMobilised();

  /**
   * People reached by trainings (the sum of head-counts).
   *
   * @return the count
   */
  public abstract long trained();
}
