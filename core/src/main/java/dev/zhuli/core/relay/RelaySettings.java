package dev.zhuli.core.relay;

import dev.zhuli.core.ValidationException;
import dev.zhuli.core.store.ValueStyle;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * How the {@link Relay} delivers: how many threads poll, how much they claim at once, how long a
 * claim and a callback may last, how it backs off after a failure, when it gives up, and how long
 * closing waits.
 *
 * <p>Times that the relay reasons about (due times, leases, backoff, lag) are measured on Zhuli's
 * {@link java.time.Clock}. {@link #callbackTimeout()}, {@link #pollInterval()} and
 * {@link #closeGrace()} bound real threads, so they are elapsed real time.
 *
 * <pre>{@code
 * RelaySettings settings = new RelaySettings.Builder()
 *     .threads(2).maxAttempts(10).backoffCap(Duration.ofMinutes(30)).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe. Building settings with a value out of range throws a
 * {@link ValidationException} naming the field, for example {@code relaySettings.lease}.
 *
 * @since 0.1.0
 */
@Value.Immutable
@ValueStyle
public abstract class RelaySettings {
  /** The most polling threads. */
  static final int MAX_THREADS = 16;
  /** The largest batch; with {@link #MAX_THREADS} it bounds the delivery threads. */
  static final int MAX_BATCH = 100;
  /** The most attempts. */
  static final int MAX_ATTEMPTS = 100;
  private static final Duration DAY = Duration.ofDays(1);
  private static final Duration WEEK = Duration.ofDays(7);

  RelaySettings() {}

  /**
   * The defaults: one polling thread claiming up to 10 messages under a 60-second lease, callbacks
   * cut off after 30 seconds, a poll every second when nothing is due, backoff from 5 seconds
   * doubling up to an hour, 8 attempts, 10 seconds' grace on close, a random owner id, and
   * {@code zh-Hans} as the notifications' locale hint.
   *
   * @return the defaults
   * @since 0.1.0
   */
  public static RelaySettings defaults() {
    return new Builder().build();
  }

  /**
   * How many threads {@link Relay#start()} runs, each polling and delivering its own batches;
   * 1 to 16, default 1.
   *
   * @return the thread count
   * @since 0.1.0
   */
  @Value.Default
  public int threads() {
    return 1;
  }

  /**
   * The most messages one round claims; 1 to 100, default 10. The callbacks of a batch run at the
   * same time, each on its own delivery thread, so the relay has at most
   * {@code threads × batchSize} delivery threads.
   *
   * @return the batch size
   * @since 0.1.0
   */
  @Value.Default
  public int batchSize() {
    return 10;
  }

  /**
   * How long a claim holds; after it, another relay instance may claim the message. Positive, at
   * most a day, and longer than {@link #callbackTimeout()}; default 60 seconds. Leave room: the
   * relay settles a batch after its slowest callback returns or times out.
   *
   * @return the lease
   * @since 0.1.0
   */
  @Value.Default
  public Duration lease() {
    return Duration.ofSeconds(60);
  }

  /**
   * How long a callback may run, counted from its start, before the relay cancels it (interrupts
   * its thread) and tries the message again later; positive and shorter than {@link #lease()},
   * default 30 seconds. A callback that finds no free delivery thread within this time is tried
   * again later too.
   *
   * @return the timeout
   * @since 0.1.0
   */
  @Value.Default
  public Duration callbackTimeout() {
    return Duration.ofSeconds(30);
  }

  /**
   * How long a polling thread waits after a round that found less than a full batch; positive, at
   * most a day, default 1 second. A round that claimed a full batch is followed at once by the
   * next.
   *
   * @return the interval
   * @since 0.1.0
   */
  @Value.Default
  public Duration pollInterval() {
    return Duration.ofSeconds(1);
  }

  /**
   * How often the started relay runs the service-level and inspection sweeps
   * ({@code Orders.sweep}, {@code Supervision.sweep}) at its clock's time, so that a host with no
   * scheduler of its own still gets its reminders and escalations; {@link Duration#ZERO} to leave
   * the sweeps to the host. At most a day, default 1 minute. {@link Relay#pollOnce} never sweeps.
   *
   * @return the interval, or zero
   * @since 0.1.0
   */
  @Value.Default
  public Duration sweepInterval() {
    return Duration.ofMinutes(1);
  }

  /**
   * The delay after a first failed attempt, before jitter; it doubles with each further attempt
   * up to {@link #backoffCap()}. Positive, at most a week, default 5 seconds.
   *
   * @return the base delay
   * @since 0.1.0
   */
  @Value.Default
  public Duration backoffBase() {
    return Duration.ofSeconds(5);
  }

  /**
   * The longest delay between attempts, before jitter; at least {@link #backoffBase()}, at most a
   * week, default 1 hour.
   *
   * @return the cap
   * @since 0.1.0
   */
  @Value.Default
  public Duration backoffCap() {
    return Duration.ofHours(1);
  }

  /**
   * How many attempts a message gets before it is buried as a dead letter; 1 to 100, default 8.
   * Attempts are counted by the store, one per claim, so a claim lost with a dead relay instance
   * counts too.
   *
   * @return the attempts
   * @since 0.1.0
   */
  @Value.Default
  public int maxAttempts() {
    return 8;
  }

  /**
   * How long {@link Relay#close()} waits for rounds in progress to finish before it cancels their
   * callbacks and hands their messages back to the outbox; zero or positive, at most an hour,
   * default 10 seconds.
   *
   * @return the grace period
   * @since 0.1.0
   */
  @Value.Default
  public Duration closeGrace() {
    return Duration.ofSeconds(10);
  }

  /**
   * The owner id this instance claims with, 1 to 128 printable ASCII characters; unique per
   * running instance. If absent, Zhuli makes one from its id generator: {@code "relay-"} and a new
   * id.
   *
   * @return the owner id
   * @since 0.1.0
   */
  public abstract Optional<String> owner();

  /**
   * The seed of the backoff jitter, for reproducible tests; if absent, the jitter is seeded from
   * the owner id, so that instances with different owners spread their retries differently.
   *
   * @return the seed
   * @since 0.1.0
   */
  public abstract OptionalLong jitterSeed();

  /**
   * The locale hint the relay gives every notification (the outbox does not keep one per
   * message); default {@code zh-Hans}, simplified Chinese, as written in Weinan where the practice
   * comes from. Hosts that know a recipient's language render in that instead.
   *
   * @return the locale hint
   * @since 0.1.0
   */
  @Value.Default
  public Locale localeHint() {
    return Locale.forLanguageTag("zh-Hans");
  }

  @Value.Check
  void check() {
    range("threads", threads(), 1, MAX_THREADS);
    range("batchSize", batchSize(), 1, MAX_BATCH);
    range("maxAttempts", maxAttempts(), 1, MAX_ATTEMPTS);
    positive("lease", lease(), DAY);
    positive("callbackTimeout", callbackTimeout(), DAY);
    if (callbackTimeout().compareTo(lease()) >= 0) {
      throw invalid("callbackTimeout", "must be shorter than the lease (" + lease()
          + ") so that a hung callback is cut off before another instance may claim its message;"
          + " was " + callbackTimeout());
    }
    positive("pollInterval", pollInterval(), DAY);
    if (sweepInterval() == null || sweepInterval().isNegative()
        || sweepInterval().compareTo(DAY) > 0) {
      throw invalid("sweepInterval", "must be zero (off) or positive, at most a day, was "
          + sweepInterval());
    }
    positive("backoffBase", backoffBase(), WEEK);
    positive("backoffCap", backoffCap(), WEEK);
    if (backoffCap().compareTo(backoffBase()) < 0) {
      throw invalid("backoffCap", "must be at least the backoff base (" + backoffBase()
          + "), was " + backoffCap());
    }
    if (closeGrace() == null) {
      throw invalid("closeGrace", "must not be null");
    }
    if (closeGrace().isNegative() || closeGrace().compareTo(Duration.ofHours(1)) > 0) {
      throw invalid("closeGrace", "must be between zero and an hour, was " + closeGrace());
    }
    if (owner().isPresent()) {
      String owner = owner().get();
      if (owner.isEmpty() || owner.length() > 128 || !owner.chars().allMatch(c -> c > 0x20
          && c < 0x7f)) {
        throw invalid("owner", "must be 1 to 128 printable ASCII characters without spaces");
      }
    }
    if (localeHint() == null) {
      throw invalid("localeHint", "must not be null");
    }
  }

  private static void range(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw invalid(field, "must be between " + min + " and " + max + ", was " + value);
    }
  }

  private static void positive(String field, Duration value, Duration max) {
    if (value == null) {
      throw invalid(field, "must not be null");
    }
    if (value.isNegative() || value.isZero() || value.compareTo(max) > 0) {
      throw invalid(field, "must be positive and at most " + max + ", was " + value);
    }
  }

  private static ValidationException invalid(String field, String message) {
    return new ValidationException("relaySettings." + field, message);
  }

  /**
   * Builds {@link RelaySettings}; every value not set keeps its default. Not thread-safe: build
   * once and share the settings.
   *
   * @since 0.1.0
   */
  public static class Builder extends ImmutableRelaySettings.Builder {
    /**
     * An empty builder.
     *
     * @since 0.1.0
     */
    public Builder() {}
  }
}
