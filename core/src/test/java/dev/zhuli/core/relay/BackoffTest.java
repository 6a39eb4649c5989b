package dev.zhuli.core.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/** Exponential backoff with equal jitter: bounded, growing, capped, reproducible, spread. */
class BackoffTest {

  @Test
  void theDelayIsBetweenHalfTheCeilingAndTheCeiling() {
    qt().withExamples(200)
        .forAll(Generate.longRange(1, 600_000), Generate.longRange(1, 600_000),
            Generate.range(1, 100), Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE))
        .checkAssert((baseMillis, extraMillis, attempts, seed) -> {
          Duration base = Duration.ofMillis(baseMillis);
          Duration cap = base.plusMillis(extraMillis);
          Backoff backoff = new Backoff(base, cap, seed);
          Duration expected = base;
          for (int i = 1; i < attempts && expected.compareTo(cap) < 0; i++) {
            expected = expected.multipliedBy(2);
          }
          Duration ceiling = expected.compareTo(cap) > 0 ? cap : expected;
          assertThat(backoff.ceiling(attempts)).isEqualTo(ceiling);
          Duration delay = backoff.delay(attempts);
          assertThat(delay).isBetween(ceiling.dividedBy(2), ceiling);
        });
  }

  @Test
  void theSameSeedGivesTheSameDelaysAndOthersSpreadThem() {
    Duration base = Duration.ofSeconds(5);
    Duration cap = Duration.ofHours(1);
    List<Duration> a = delays(new Backoff(base, cap, 42));
    assertThat(delays(new Backoff(base, cap, 42))).isEqualTo(a);
    Set<Duration> firstDelays = new TreeSet<>();
    for (long seed = 0; seed < 50; seed++) {
      firstDelays.add(new Backoff(base, cap, seed).delay(1));
    }
    assertThat(firstDelays).as("fifty instances failing together retry apart").hasSizeGreaterThan(45);
  }

  @Test
  void theCeilingDoublesUpToTheCapAndStaysThere() {
    Backoff backoff = new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(60), 1);
    assertThat(List.of(1, 2, 3, 4, 5, 6, 100, Integer.MAX_VALUE).stream()
        .map(backoff::ceiling).toList()).containsExactly(Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40),
        Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(60),
        Duration.ofSeconds(60));
  }

  private static List<Duration> delays(Backoff backoff) {
    List<Duration> out = new ArrayList<>();
    for (int attempt = 1; attempt <= 10; attempt++) {
      out.add(backoff.delay(attempt));
    }
    return out;
  }
}
