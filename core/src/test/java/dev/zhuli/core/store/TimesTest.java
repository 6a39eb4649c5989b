package dev.zhuli.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The hand-written readers and writers of times agree with the JDK's on every time records can
 * hold, and leave everything else to it.
 */
class TimesTest {
  /** 0000-01-01T00:00:00Z to 9999-12-31T23:59:59Z, the years a record's times span. */
  private static final long FIRST = -62_167_219_200L;
  private static final long LAST = 253_402_300_799L;

  private static Gen<Instant> instants() {
    Gen<Integer> nanos = integers().between(0, 3).zip(integers().between(0, 999_999_999),
        (shape, n) -> switch (shape) {
          case 0 -> 0;
          case 1 -> n / 1_000_000 * 1_000_000;
          case 2 -> n / 1_000 * 1_000;
          default -> n;
        });
    Gen<Long> seconds = longs().between(FIRST, LAST)
        .mix(longs().between(1_700_000_000L, 1_900_000_000L), 50);
    return seconds.zip(nanos, Instant::ofEpochSecond);
  }

  @Test
  void readsWhatInstantWritesAsInstantDoes() {
    qt().withExamples(20_000).forAll(instants()).checkAssert(at ->
        assertThat(Times.parse(at.toString())).isEqualTo(at).isEqualTo(Instant.parse(
            at.toString())));
  }

  @Test
  void agreesWithInstantOnDamagedText() {
    // one character of a real time replaced: either both read the same time or both refuse
    String alphabet = "0123456789-:.TZ+ x";
    qt().withExamples(20_000)
        .forAll(instants(), integers().between(0, 29),
            integers().between(0, alphabet.length() - 1))
        .checkAssert((at, position, replacement) -> {
          StringBuilder text = new StringBuilder(at.toString());
          if (position < text.length()) {
            text.setCharAt(position, alphabet.charAt(replacement));
          } else {
            text.append(alphabet.charAt(replacement));
          }
          assertThat(read(() -> Times.parse(text))).as(text.toString())
              .isEqualTo(read(() -> Instant.parse(text)));
        });
  }

  @Test
  void leavesOtherShapesToInstant() {
    assertThat(Times.parse("2026-12-31T23:59:60Z"))
        .isEqualTo(Instant.parse("2026-12-31T23:59:60Z"));
    assertThat(Times.parse("+10000-01-01T00:00:00Z"))
        .isEqualTo(Instant.parse("+10000-01-01T00:00:00Z"));
    assertThat(Times.parse("-0001-01-01T00:00:00Z"))
        .isEqualTo(Instant.parse("-0001-01-01T00:00:00Z"));
    assertThatThrownBy(() -> Times.parse("2026-02-29T00:00:00Z"))
        .isInstanceOf(DateTimeParseException.class);
    // a point with no digits after it, which the JDK reads as no fraction
    assertThat(Times.parse("2026-01-01T00:00:00.Z"))
        .isEqualTo(Instant.parse("2026-01-01T00:00:00.Z"));
    assertThatThrownBy(() -> Times.parse("")).isInstanceOf(DateTimeParseException.class);
  }

  @Test
  void sortableTimesAreWhatTheFormatterWrites() {
    DateTimeFormatter formatter = DateTimeFormatter
        .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    qt().withExamples(20_000).forAll(instants()).checkAssert(at ->
        assertThat(Sortable.time(at)).isEqualTo(formatter.format(at)).hasSize(30));
    Instant late = Instant.parse("+12026-01-01T00:00:00Z");
    assertThat(Sortable.time(late)).isEqualTo(formatter.format(late));
  }

  private static Optional<Instant> read(java.util.function.Supplier<Instant> parse) {
    try {
      return Optional.of(parse.get());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
