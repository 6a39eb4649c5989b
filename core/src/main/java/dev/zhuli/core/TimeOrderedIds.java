package dev.zhuli.core;

import java.time.Clock;
import java.util.Random;

/**
 * UUIDv7 (RFC 9562) with a 12-bit counter in {@code rand_a} for monotonicity within a millisecond
 * (method 1 of section 6.2). When the counter overflows, or the clock steps back, the timestamp
 * advances logically past the last one issued, so values never repeat and never go backwards.
 */
final class TimeOrderedIds implements IdGenerator {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final Clock clock;
  private final Random random;
  private long lastMillis = -1;
  private int counter;

  TimeOrderedIds(Clock clock, Random random) {
    if (clock == null || random == null) {
      throw new IllegalArgumentException("clock and random must not be null");
    }
    this.clock = clock;
    this.random = random;
  }

  @Override
  public synchronized String next() {
    long millis = clock.millis();
    if (millis > lastMillis) {
      lastMillis = millis;
      counter = random.nextInt(1 << 11);
    } else if (++counter >= (1 << 12)) {
      lastMillis++;
      counter = random.nextInt(1 << 11);
    }
    long high = (lastMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | counter;
    long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return format(high, low);
  }

  private static String format(long high, long low) {
    char[] out = new char[36];
    int pos = 0;
    for (int i = 0; i < 32; i++) {
      if (i == 8 || i == 12 || i == 16 || i == 20) {
        out[pos++] = '-';
      }
      long word = i < 16 ? high : low;
      int shift = (15 - i % 16) * 4;
      out[pos++] = HEX[(int) (word >>> shift) & 0xF];
    }
    return new String(out);
  }
}
