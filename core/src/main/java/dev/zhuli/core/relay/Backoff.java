package dev.zhuli.core.relay;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with "equal jitter": after the n-th failed attempt the ceiling is
 * {@code min(cap, base × 2^(n−1))}, and the delay is half the ceiling plus a uniformly random
 * part of the other half. Half keeps retries from coming back at once; the random half spreads
 * instances that failed together.
 *
 * <p>Thread-safe: the random source is used under this object's lock.
 */
final class Backoff {
  private final long baseNanos;
  private final long capNanos;
  private final RandomGenerator random;

  Backoff(Duration base, Duration cap, long seed) {
    this.baseNanos = base.toNanos();
    this.capNanos = cap.toNanos();
    this.random = new SplittableRandom(seed);
  }

  /** The ceiling after the given number of failed attempts (at least 1). */
  Duration ceiling(int attempts) {
    return Duration.ofNanos(ceilingNanos(attempts));
  }

  /** The delay before the next attempt, after the given number of failed attempts. */
  Duration delay(int attempts) {
    long ceiling = ceilingNanos(attempts);
    long half = ceiling / 2;
    long jitter;
    synchronized (this) {
      jitter = random.nextLong(ceiling - half + 1);
    }
    return Duration.ofNanos(half + jitter);
  }

  private long ceilingNanos(int attempts) {
    long d = baseNanos;
    for (int i = 1; i < attempts && d < capNanos; i++) {
      d = d > capNanos / 2 ? capNanos : d * 2;
    }
    return Math.min(d, capNanos);
  }
}
