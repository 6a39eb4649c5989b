package dev.zhuli.core;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Random;

/**
 * Makes the values of new ids. The default, {@link #timeOrdered(Clock)}, makes UUIDv7-style ids:
 * their text order is creation order, so records found by id come in the order they were made.
 *
 * <p>Implementations must be thread-safe and never repeat a value.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface IdGenerator {

  /**
   * A new id value: 1 to {@value TypedId#MAX_LENGTH} characters of {@code A–Z a–z 0–9 . _ -},
   * never returned before.
   *
   * @return the value
   */
  String next();

  /**
   * UUIDv7 ids from a clock, with secure random bits: 36 characters, time-ordered to the
   * millisecond and strictly increasing within one generator, even within one millisecond and if
   * the clock steps back.
   *
   * @param clock the clock
   * @return the generator
   */
  static IdGenerator timeOrdered(Clock clock) {
    return new TimeOrderedIds(clock, new SecureRandom());
  }

  /**
   * UUIDv7 ids from a clock and a seeded random source, for reproducible tests and demos.
   *
   * @param clock the clock
   * @param random the random source; used under the generator's lock
   * @return the generator
   */
  static IdGenerator timeOrdered(Clock clock, Random random) {
    return new TimeOrderedIds(clock, random);
  }
}
