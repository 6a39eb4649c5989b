package dev.zhuli.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Typed ids and the time-ordered id generator. */
class IdsTest {
  private static final Pattern UUID_V7 =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

  /** Each id type, by the field name its errors carry. */
  private static final Map<String, Function<String, TypedId>> TYPES = Map.of(
      "memberId", MemberId::of,
      "groupId", GroupId::of,
      "regionId", RegionId::of,
      "squadId", SquadId::of,
      "villageId", VillageId::of);

  // ---- typed ids ----------------------------------------------------------------------------

  @Test
  void validShapesAreAccepted() {
    List<String> valid = List.of("a", "Z", "0", "a.b_c-d", "0190f3c2-7d4e-7abc-8def-0123456789ab",
        "A".repeat(64), "9-", "x..y", "a_");
    TYPES.forEach((field, of) -> {
      for (String value : valid) {
        TypedId id = of.apply(value);
        assertThat(id.value()).isEqualTo(value);
        assertThat(id.toString()).isEqualTo(value);
        assertThat(id).isEqualTo(of.apply(value)).hasSameHashCodeAs(of.apply(value));
      }
    });
  }

  @Test
  void anIdIsAcceptedExactlyWhenItMatchesTheDocumentedShape() {
    // the shape check is a table; the documented shape, as a regular expression, is the oracle
    Pattern shape = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0," + (TypedId.MAX_LENGTH - 1)
        + "}");
    // mostly chars an id may hold, so that long accepted ids come up; now and then one that
    // lies next to them in ASCII, or beyond it
    String allowed = "azAZ09._-";
    String refused = "/:@[`{\u007f\u0080é蜂 \u0000";
    qt().withExamples(20_000)
        .forAll(lists().of(integers().between(0, 999))
            .ofSizeBetween(0, TypedId.MAX_LENGTH + 2))
        .checkAssert(picks -> {
          StringBuilder value = new StringBuilder();
          picks.forEach(p -> value.append(p < 990 ? allowed.charAt(p % allowed.length())
              : refused.charAt(p % refused.length())));
          boolean accepted;
          try {
            MemberId.of(value.toString());
            accepted = true;
          } catch (ValidationException e) {
            accepted = false;
          }
          assertThat(accepted).as(value.toString())
              .isEqualTo(shape.matcher(value).matches());
        });
  }

  @Test
  void invalidShapesAreRefusedNamingTheField() {
    List<String> invalid = List.of("", "a".repeat(65), "-a", ".a", "_a", "a b", " a", "a ",
        "é", "中文", "a\n", "a/b", "a:b", "a\u0000", "ａ", "a@b");
    TYPES.forEach((field, of) -> {
      for (String value : invalid) {
        assertThatThrownBy(() -> of.apply(value))
            .as("%s <%s>", field, value)
            .isInstanceOf(ValidationException.class)
            .satisfies(e -> {
              ValidationException v = (ValidationException) e;
              assertThat(v.field()).isEqualTo(field);
              assertThat(v.code()).isEqualTo(ErrorCode.INVALID_INPUT);
              assertThat(v.getMessage()).startsWith(field + ":");
            });
      }
      assertThatThrownBy(() -> of.apply(null))
          .isInstanceOf(ValidationException.class)
          .extracting(e -> ((ValidationException) e).field()).isEqualTo(field);
    });
  }

  @Test
  void messagesShortenLongValues() {
    String tooLong = "a".repeat(300);
    assertThatThrownBy(() -> MemberId.of(tooLong))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(tooLong).contains("…"));
  }

  @Test
  void idsOfDifferentTypesWithTheSameValueAreNotEqual() {
    List<TypedId> same = new ArrayList<>();
    TYPES.values().forEach(of -> same.add(of.apply("same-value")));
    for (TypedId a : same) {
      for (TypedId b : same) {
        if (a.getClass() == b.getClass()) {
          assertThat(a).isEqualTo(b);
        } else {
          assertThat(a).isNotEqualTo(b);
        }
      }
    }
    assertThat(new HashSet<>(same)).hasSize(TYPES.size());
    assertThat(MemberId.of("x")).isNotEqualTo("x").isNotEqualTo(null);
  }

  @Test
  void idsOrderByValue() {
    assertThat(MemberId.of("a")).isLessThan(MemberId.of("b"));
    assertThat(MemberId.of("B")).isLessThan(MemberId.of("a"));
    assertThat(MemberId.of("x").compareTo(MemberId.of("x"))).isZero();
  }

  // ---- time-ordered ids ---------------------------------------------------------------------

  /** A clock that returns the millis it is given, in turn; the last one repeats. */
  static final class ScriptedClock extends Clock {
    private final long[] millis;
    private int next;

    ScriptedClock(long... millis) {
      this.millis = millis;
    }

    @Override
    public synchronized long millis() {
      long m = millis[Math.min(next, millis.length - 1)];
      next++;
      return m;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  /** A clock that advances by one millisecond on every read. */
  static final class TickingClock extends Clock {
    private long millis;

    TickingClock(long start) {
      this.millis = start;
    }

    @Override
    public synchronized long millis() {
      return millis++;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  static void assertUuidV7(String value) {
    assertThat(value).hasSize(36).matches(UUID_V7);
    UUID uuid = UUID.fromString(value);
    assertThat(uuid.version()).isEqualTo(7);
    assertThat(uuid.variant()).isEqualTo(2);
    assertThat(uuid.toString()).isEqualTo(value);
  }

  static long timestampOf(String value) {
    return UUID.fromString(value).getMostSignificantBits() >>> 16;
  }

  static List<String> generate(IdGenerator ids, int count) {
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(ids.next());
    }
    return out;
  }

  static void assertStrictlyIncreasing(List<String> values) {
    for (int i = 1; i < values.size(); i++) {
      if (values.get(i - 1).compareTo(values.get(i)) >= 0) {
        throw new AssertionError("not increasing at " + i + ": " + values.get(i - 1) + " then "
            + values.get(i));
      }
    }
  }

  @Test
  void valuesAreUuidV7TextCarryingTheClockTime() {
    long now = Instant.parse("2026-03-01T08:00:00.123Z").toEpochMilli();
    IdGenerator ids = IdGenerator.timeOrdered(Clock.fixed(Instant.ofEpochMilli(now),
        ZoneOffset.UTC));
    String value = ids.next();
    assertUuidV7(value);
    assertThat(timestampOf(value)).isEqualTo(now);
    assertThat(MemberId.of(value).value()).isEqualTo(value);
    assertThat(value.length()).isLessThanOrEqualTo(TypedId.MAX_LENGTH);
  }

  @Test
  void aFixedClockStillGivesStrictlyIncreasingValues() {
    long now = Instant.parse("2026-03-01T08:00:00Z").toEpochMilli();
    IdGenerator ids = IdGenerator.timeOrdered(Clock.fixed(Instant.ofEpochMilli(now),
        ZoneOffset.UTC), new Random(42));
    List<String> values = generate(ids, 100_000);

    assertStrictlyIncreasing(values);
    assertThat(new HashSet<>(values)).hasSize(values.size());
    values.forEach(IdsTest::assertUuidV7);
    // the counter runs out within a millisecond, so the time moves on logically, but never
    // before the clock and no faster than one millisecond per 2048 values
    assertThat(timestampOf(values.get(0))).isEqualTo(now);
    long last = timestampOf(values.get(values.size() - 1));
    assertThat(last).isGreaterThan(now).isLessThanOrEqualTo(now + 100_000 / 2048 + 1);
  }

  @Test
  void aClockSteppingBackNeverMakesValuesGoBackwards() {
    long t = Instant.parse("2026-03-01T08:00:00Z").toEpochMilli();
    IdGenerator ids = IdGenerator.timeOrdered(new ScriptedClock(t, t + 10, t, t - 5_000,
        t + 10, t + 11, t - 1, t + 12, t + 12, t + 500));
    List<String> values = generate(ids, 10);
    assertStrictlyIncreasing(values);
    values.forEach(IdsTest::assertUuidV7);
    assertThat(timestampOf(values.get(1))).isEqualTo(t + 10);
    assertThat(timestampOf(values.get(2))).isEqualTo(t + 10);
    assertThat(timestampOf(values.get(9))).isEqualTo(t + 500);
  }

  @Test
  void valuesFollowTheClockAcrossMillisecondTicks() {
    long t = Instant.parse("2026-03-01T08:00:00Z").toEpochMilli();
    IdGenerator ids = IdGenerator.timeOrdered(new TickingClock(t));
    List<String> values = generate(ids, 10_000);
    assertStrictlyIncreasing(values);
    for (int i = 0; i < values.size(); i++) {
      assertThat(timestampOf(values.get(i))).isEqualTo(t + i);
    }
  }

  @Test
  void anySequenceOfClockReadingsGivesStrictlyIncreasingUniqueValues() {
    long base = Instant.parse("2026-03-01T08:00:00Z").toEpochMilli();
    qt().withExamples(300)
        .forAll(lists().of(integers().between(-3, 3)).ofSizeBetween(1, 3000),
            longs().between(0, 1L << 40))
        .checkAssert((steps, offset) -> {
          // a random walk: repeats (0), steps back (negative) and forward (positive)
          long[] millis = new long[steps.size()];
          long m = base + offset;
          for (int i = 0; i < millis.length; i++) {
            m += steps.get(i);
            millis[i] = m;
          }
          IdGenerator ids = IdGenerator.timeOrdered(new ScriptedClock(millis),
              new Random(offset));
          List<String> values = generate(ids, millis.length);
          assertStrictlyIncreasing(values);
          assertThat(new HashSet<>(values)).hasSize(values.size());
          long highest = Long.MIN_VALUE;
          for (int i = 0; i < values.size(); i++) {
            assertUuidV7(values.get(i));
            highest = Math.max(highest, millis[i]);
            // never earlier than the latest clock reading so far
            assertThat(timestampOf(values.get(i))).isGreaterThanOrEqualTo(highest);
          }
        });
  }

  @Test
  void oneGeneratorIsSafeToShareBetweenThreads() throws Exception {
    IdGenerator ids = IdGenerator.timeOrdered(Clock.systemUTC());
    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<List<String>>> futures = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        futures.add(pool.submit(() -> {
          start.await(30, TimeUnit.SECONDS);
          return generate(ids, 50_000);
        }));
      }
      Set<String> all = new HashSet<>();
      for (Future<List<String>> f : futures) {
        List<String> mine = f.get(60, TimeUnit.SECONDS);
        assertStrictlyIncreasing(mine);
        all.addAll(mine);
      }
      assertThat(all).hasSize(100_000);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theGeneratorRefusesNullParts() {
    assertThatThrownBy(() -> IdGenerator.timeOrdered(null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IdGenerator.timeOrdered(Clock.systemUTC(), null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
