package dev.zhuli.weinan;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The demo's clock: it stands still until the story moves it forward, so that times to accept
 * and to resolve are the story's own and every run reports the same figures.
 */
final class DemoClock extends Clock {
  private Instant now;

  DemoClock(Instant start) {
    this.now = start;
  }

  /** Moves the clock forward. */
  synchronized void advance(Duration step) {
    now = now.plus(step);
  }

  /** Sets the clock to a later instant; an earlier one leaves it where it is. */
  synchronized void moveTo(Instant later) {
    if (later.isAfter(now)) {
      now = later;
    }
  }

  /**
   * Sets the clock to any instant, earlier ones too: the generated year plays 2025 again from
   * January after the story, each order's own steps still in order.
   */
  synchronized void set(Instant at) {
    now = at;
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the demo clock runs in UTC");
  }
}
