package dev.zhuli.core.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.zhuli.spi.storage.Limits;
import dev.zhuli.spi.storage.StoredRecord;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class CodecTest {
  private static final Codec CODEC = Codec.create();
  private static final String SECRET = "13800138000";

  record Nested(String label, List<Integer> numbers, Duration delay, ZoneOffset offset) {}

  record Sample(
      String name,
      int count,
      long big,
      boolean flag,
      List<String> tags,
      Set<String> skills,
      Map<String, Integer> scores,
      Instant at,
      LocalDate day,
      ZoneId zone,
      Nested nested,
      String nullable) {}

  record Golden(
      String name,
      int n,
      Set<Integer> ids,
      Map<String, Integer> m,
      Instant at,
      LocalDate day,
      ZoneId zone,
      Duration delay,
      String none) {}

  record Member(String name, boolean partyMember) {}

  record Money(BigDecimal amount, double ratio, BigInteger huge) {}

  record Helpers(String name, int age) {
    public boolean isAdult() {
      return age >= 18;
    }

    public String getDisplay() {
      return name.toUpperCase();
    }
  }

  record Checked(String phone) {
    Checked {
      if (phone.startsWith("1")) {
        throw new IllegalArgumentException("not a landline: " + phone);
      }
    }
  }

  record Point(int x, int y) {}

  record Shapes(Set<Point> points, Set<Integer> ids, Map<LocalDate, Integer> perDay) {}

  record Empty() {}

  record Local(LocalDateTime when) {}

  private static final PersistedType<Sample> SAMPLE =
      PersistedType.of("test.sample", Sample.class, 1);

  private static final PersistedType<Member> MEMBER = PersistedType.of("roster.member",
      Member.class, 3,
      // Given out of order on purpose: the codec applies them by version.
      Upcaster.of(2, fields -> {
        fields.putIfAbsent("partyMember", false);
        return fields;
      }),
      Upcaster.of(1, fields -> {
        fields.put("name", fields.remove("fullName"));
        return fields;
      }));

  record Tagged(String name, List<String> tags, Map<String, List<Integer>> scores) {}

  record WithArray(String name, int[] numbers) {}

  // ---------------------------------------------------------------------------------------------
  // Sharing

  @Test
  void immutableShapesDecodeUnmodifiableAndAreSharedByTheirBytes() {
    PersistedType<Tagged> type = PersistedType.of("test.tagged", Tagged.class, 1);
    byte[] body = CODEC.encode(type, new Tagged("南溝", new ArrayList<>(List.of("葡萄")),
        new HashMap<>(Map.of("2026", new ArrayList<>(List.of(1, 2))))));
    Tagged first = CODEC.decode(type, body);
    byte[] copy = body.clone();
    body[body.length - 2] = ' ';
    assertThat(CODEC.decode(type, copy)).isSameAs(first);
    assertThatThrownBy(() -> first.tags().add("櫻桃"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> first.scores().get("2026").add(3))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> first.scores().clear())
        .isInstanceOf(UnsupportedOperationException.class);

    Tagged other = CODEC.decode(type, CODEC.encode(type, new Tagged("北順", List.of(), Map.of())));
    assertThat(other).isNotSameAs(first);
    assertThat(other.name()).isEqualTo("北順");
  }

  record TagsOnly(List<String> tags) {}

  @Test
  void aProjectionReadsSomeFieldsAndCannotBeWritten() {
    PersistedType<Tagged> type = PersistedType.of("test.tagged", Tagged.class, 1);
    PersistedType<TagsOnly> tags = type.projection(TagsOnly.class);
    byte[] body = CODEC.encode(type, new Tagged("南溝", List.of("葡萄", "櫻桃"), Map.of()));

    assertThat(CODEC.decode(tags, body).tags()).containsExactly("葡萄", "櫻桃");
    assertThat(tags.isProjection()).isTrue();
    assertThat(type.isProjection()).isFalse();
    assertThat(tags.kind()).isEqualTo(type.kind());
    assertThat(tags.schemaVersion()).isEqualTo(type.schemaVersion());
    assertThatThrownBy(() -> CODEC.encode(tags, new TagsOnly(List.of())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read-only");
    assertThatThrownBy(() -> tags.projection(TagsOnly.class))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aProjectionReadsOlderBodiesThroughTheFullTypesUpcasters() {
    PersistedType<Member> names = MEMBER.projection(Member.class);
    byte[] v1 = "{\"schema\":1,\"data\":{\"fullName\":\"王建國\"}}".getBytes(UTF_8);
    assertThat(CODEC.decode(names, v1)).isEqualTo(new Member("王建國", false));
  }

  @Test
  void shapesThatCanChangeAreDecodedAfreshEachTime() {
    PersistedType<WithArray> type = PersistedType.of("test.array", WithArray.class, 1);
    byte[] body = CODEC.encode(type, new WithArray("a", new int[] {1}));
    WithArray first = CODEC.decode(type, body);
    first.numbers()[0] = 9;
    assertThat(CODEC.decode(type, body).numbers()).containsExactly(1);
  }

  // ---------------------------------------------------------------------------------------------
  // Round trips

  @Test
  void arbitraryValuesRoundTripAndEncodeDeterministically() {
    qt().withExamples(200).withShrinkCycles(50).forAll(samples()).checkAssert(sample -> {
      byte[] body = CODEC.encode(SAMPLE, sample);
      assertThat(CODEC.decode(SAMPLE, body)).isEqualTo(sample);
      assertThat(CODEC.encode(SAMPLE, sample)).isEqualTo(body);
      assertThat(CODEC.encode(SAMPLE, reordered(sample))).isEqualTo(body);

      byte[] plain = CODEC.encodeValue(sample);
      assertThat(CODEC.decodeValue(plain, Sample.class)).isEqualTo(sample);
    });
  }

  @Test
  void writesAFixedReadableShape() {
    Golden golden = new Golden("李四🌀\n\u0001", 7, Set.of(100, 9, 10), Map.of("b", 2, "a", 1),
        Instant.parse("2026-03-01T08:00:00Z"), LocalDate.of(2026, 3, 1),
        ZoneId.of("Asia/Shanghai"), Duration.ofMinutes(15), null);
    PersistedType<Golden> type = PersistedType.of("test.golden", Golden.class, 2,
        Upcaster.of(1, fields -> fields));

    byte[] body = CODEC.encode(type, golden);

    // Properties in alphabetical order, null ones left out, sets sorted, characters beyond the
    // BMP as 4 UTF-8 bytes.
    assertThat(new String(body, UTF_8)).isEqualTo("{\"schema\":2,\"data\":{"
        + "\"at\":\"2026-03-01T08:00:00Z\",\"day\":\"2026-03-01\",\"delay\":\"PT15M\","
        + "\"ids\":[9,10,100],\"m\":{\"a\":1,\"b\":2},\"n\":7,"
        + "\"name\":\"李四🌀\\n\\u0001\",\"zone\":\"Asia/Shanghai\"}}");
    assertThat(CODEC.decode(type, body)).isEqualTo(golden);
  }

  @Test
  void unpairedSurrogatesAndNulCharactersSurvive() {
    Sample sample = sample("a\uD800b\uDC00\u0000\uDBFF");
    byte[] body = CODEC.encode(SAMPLE, sample);
    assertThat(new String(body, UTF_8)).contains("a\\uD800b\\uDC00\\u0000\\uDBFF");
    assertThat(CODEC.decode(SAMPLE, body)).isEqualTo(sample);
  }

  @Test
  void mapKeysWithUnpairedSurrogatesAreRefused() {
    Sample sample = new Sample("a", 1, 2L, true, List.of(), Set.of("\uD800"),
        Map.of("ok", 1, "x\uDC00", 2), null, null, null, null, null);

    assertThatThrownBy(() -> CODEC.encode(SAMPLE, sample))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("cannot encode test.sample")
        .hasMessageContaining("at data.scores:")
        .hasMessageContaining("unpaired surrogate at index 1");
  }

  @Test
  void aBodyNearTheSizeLimitRoundTrips() {
    StringBuilder text = new StringBuilder(300_000);
    for (int i = 0; i < 300_000; i++) {
      text.append((char) (0x4E00 + i % (0x9FFF - 0x4E00 + 1)));
    }
    Sample sample = sample(text.toString());

    byte[] body = CODEC.encode(SAMPLE, sample);
    assertThat(body.length).isBetween(900_000, Limits.MAX_BODY_BYTES);
    StoredRecord stored = StoredRecord.of("test.sample", "big", body);
    assertThat(CODEC.decode(SAMPLE, stored.body())).isEqualTo(sample);
  }

  @Test
  void setsAreSortedAndMapsMayHaveDateKeys() {
    Set<Point> points = new LinkedHashSet<>(List.of(new Point(2, 1), new Point(1, 2)));
    Set<Point> reversed = new LinkedHashSet<>(List.of(new Point(1, 2), new Point(2, 1)));
    Map<LocalDate, Integer> perDay = new HashMap<>();
    perDay.put(LocalDate.of(2026, 3, 2), 5);
    perDay.put(LocalDate.of(2026, 3, 1), 4);
    Shapes shapes = new Shapes(points, new HashSet<>(List.of(100, 9, 10, -1)), perDay);
    PersistedType<Shapes> type = PersistedType.of("test.shapes", Shapes.class, 1);

    byte[] body = CODEC.encode(type, shapes);

    assertThat(new String(body, UTF_8)).isEqualTo("{\"schema\":1,\"data\":{"
        + "\"ids\":[-1,9,10,100],\"perDay\":{\"2026-03-01\":4,\"2026-03-02\":5},"
        + "\"points\":[{\"x\":1,\"y\":2},{\"x\":2,\"y\":1}]}}");
    assertThat(CODEC.encode(type, new Shapes(reversed, new TreeSet<>(shapes.ids()), perDay)))
        .isEqualTo(body);
    assertThat(CODEC.decode(type, body)).isEqualTo(shapes);
  }

  @Test
  void recordsWriteOnlyTheirComponents() {
    PersistedType<Helpers> type = PersistedType.of("test.helpers", Helpers.class, 1);
    byte[] body = CODEC.encode(type, new Helpers("li", 20));
    assertThat(new String(body, UTF_8))
        .isEqualTo("{\"schema\":1,\"data\":{\"age\":20,\"name\":\"li\"}}");
    assertThat(CODEC.decode(type, body)).isEqualTo(new Helpers("li", 20));
  }

  @Test
  void decimalsKeepTheirScaleAndEmptyRecordsWork() {
    PersistedType<Money> money = PersistedType.of("test.money", Money.class, 1);
    Money value =
        new Money(new BigDecimal("1.10"), 0.1, new BigInteger("123456789012345678901234567890"));
    assertThat(CODEC.decode(money, CODEC.encode(money, value))).isEqualTo(value);

    PersistedType<Empty> empty = PersistedType.of("test.empty", Empty.class, 1);
    byte[] body = CODEC.encode(empty, new Empty());
    assertThat(new String(body, UTF_8)).isEqualTo("{\"schema\":1,\"data\":{}}");
    assertThat(CODEC.decode(empty, body)).isEqualTo(new Empty());
  }

  // ---------------------------------------------------------------------------------------------
  // Reading other shapes

  @Test
  void unknownFieldsAreIgnoredAndMissingOnesAreDefaults() {
    byte[] body = ("{\"other\":true,\"data\":{\"extra\":{\"deep\":[1,{\"x\":null}]},"
        + "\"name\":\"张三\",\"count\":3},\"schema\":1}").getBytes(UTF_8);

    Sample sample = CODEC.decode(SAMPLE, body);

    assertThat(sample.name()).isEqualTo("张三");
    assertThat(sample.count()).isEqualTo(3);
    assertThat(sample.big()).isZero();
    assertThat(sample.flag()).isFalse();
    assertThat(sample.tags()).isNull();
    assertThat(sample.at()).isNull();
  }

  @Test
  void upcastersBringOldShapesUpToDateInOrder() {
    byte[] v1 = "{\"schema\":1,\"data\":{\"fullName\":\"李四\"}}".getBytes(UTF_8);
    byte[] v2 =
        "{\"schema\":2,\"data\":{\"name\":\"王五\",\"partyMember\":true}}".getBytes(UTF_8);

    assertThat(CODEC.decode(MEMBER, v1)).isEqualTo(new Member("李四", false));
    assertThat(CODEC.decode(MEMBER, v2)).isEqualTo(new Member("王五", true));
    assertThat(new String(CODEC.encode(MEMBER, new Member("李四", false)), UTF_8))
        .isEqualTo("{\"schema\":3,\"data\":{\"name\":\"李四\",\"partyMember\":false}}");

    List<Integer> applied = new ArrayList<>();
    List<Object> seen = new ArrayList<>();
    PersistedType<Money> money = PersistedType.of("test.money", Money.class, 3,
        Upcaster.of(1, fields -> {
          applied.add(1);
          seen.add(fields.get("amount"));
          seen.add(fields.get("ratio"));
          seen.add(fields.get("huge"));
          fields.put("amount", fields.remove("cost"));
          return fields;
        }),
        Upcaster.of(2, fields -> {
          applied.add(2);
          return new LinkedHashMap<>(fields);
        }));
    byte[] old = ("{\"schema\":1,\"data\":{\"cost\":1.10,\"ratio\":0.1,"
        + "\"huge\":123456789012345678901234567890}}").getBytes(UTF_8);

    Money value = CODEC.decode(money, old);

    assertThat(applied).containsExactly(1, 2);
    assertThat(seen.get(0)).isNull();
    assertThat(seen.get(1)).isEqualTo(new BigDecimal("0.1"));
    assertThat(seen.get(2)).isEqualTo(new BigInteger("123456789012345678901234567890"));
    assertThat(value.amount()).isEqualTo(new BigDecimal("1.10"));
    assertThat(value.ratio()).isEqualTo(0.1);
  }

  @Test
  void upcastersMustCoverEveryStepOnce() {
    Upcaster one = Upcaster.of(1, fields -> fields);
    Upcaster two = Upcaster.of(2, fields -> fields);

    assertThatThrownBy(() -> PersistedType.of("roster.member", Member.class, 3, one))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("roster.member")
        .hasMessageContaining("missing upcaster 2 -> 3");
    assertThatThrownBy(() -> PersistedType.of("roster.member", Member.class, 4, two))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing upcaster 1 -> 2, 3 -> 4");
    assertThatThrownBy(() -> PersistedType.of("roster.member", Member.class, 3, one, two, one))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("roster.member")
        .hasMessageContaining("duplicate upcaster 1 -> 2");
    assertThatThrownBy(() -> PersistedType.of("roster.member", Member.class, 1, one))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("out of range");
    assertThatThrownBy(() -> PersistedType.of("roster.member", Member.class, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PersistedType.of("bad kind", Member.class, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Upcaster.of(0, fields -> fields))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aNewerSchemaIsRefused() {
    byte[] body = "{\"schema\":4,\"data\":{\"name\":\"李四\"}}".getBytes(UTF_8);

    assertThatThrownBy(() -> CODEC.decode(MEMBER, body))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("roster.member")
        .hasMessageContaining("schema version 4")
        .hasMessageContaining("newer version of Zhuli")
        .hasMessageContaining("1 to 3");
  }

  // ---------------------------------------------------------------------------------------------
  // Failures never quote the body

  @Test
  void failuresNeverQuoteTheBody() {
    String[] bodies = {
      "phone: " + SECRET + " {{",
      "{\"data\":{\"name\":\"" + SECRET + "\"}}",
      "{\"schema\":\"" + SECRET + "\",\"data\":{}}",
      "{\"schema\":1,\"data\":{\"count\":\"" + SECRET + "\"}}",
      "{\"schema\":1,\"data\":{\"count\":" + SECRET + "}}",
      "{\"schema\":1,\"data\":{\"scores\":{\"" + SECRET + "\":\"x\"}}}",
      "{\"schema\":1,\"data\":{\"at\":\"" + SECRET + "\"}}",
      "{\"schema\":1,\"data\":{\"name\":\"" + SECRET + "\",\"name\":\"" + SECRET + "\"}}",
      "{\"schema\":1,\"data\":{\"name\":\"" + SECRET + "\"}} " + SECRET,
      "{\"schema\":1,\"data\":[\"" + SECRET + "\"]}",
      "[\"" + SECRET + "\"]",
      "",
    };
    for (String body : bodies) {
      assertThatThrownBy(() -> CODEC.decode(SAMPLE, body.getBytes(UTF_8)))
          .as(body)
          .isInstanceOf(CodecException.class)
          .hasMessageStartingWith("cannot decode test.sample: ")
          .satisfies(CodecTest::quotesNoSecret);
    }
  }

  @Test
  void failuresNameThePathButNotMapKeys() {
    byte[] wrongNumber =
        ("{\"schema\":1,\"data\":{\"nested\":{\"numbers\":[1,\"" + SECRET + "\"]}}}")
            .getBytes(UTF_8);
    byte[] wrongScore =
        ("{\"schema\":1,\"data\":{\"scores\":{\"" + SECRET + "\":\"x\"}}}").getBytes(UTF_8);

    assertThatThrownBy(() -> CODEC.decode(SAMPLE, wrongNumber))
        .hasMessageContaining("data.nested.numbers[1]")
        .satisfies(CodecTest::quotesNoSecret);
    assertThatThrownBy(() -> CODEC.decode(SAMPLE, wrongScore))
        .hasMessageContaining("data.scores[*]")
        .satisfies(CodecTest::quotesNoSecret);
  }

  @Test
  void failuresInConstructorsAndUpcastersAreWithheldToo() {
    PersistedType<Checked> checked = PersistedType.of("test.checked", Checked.class, 2,
        Upcaster.of(1, fields -> {
          throw new IllegalStateException("cannot upcast " + fields);
        }));
    byte[] current = ("{\"schema\":2,\"data\":{\"phone\":\"" + SECRET + "\"}}").getBytes(UTF_8);
    byte[] old = ("{\"schema\":1,\"data\":{\"phone\":\"" + SECRET + "\"}}").getBytes(UTF_8);

    assertThatThrownBy(() -> CODEC.decode(checked, current))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("ValueInstantiationException")
        .satisfies(CodecTest::quotesNoSecret)
        .rootCause().hasMessageContaining(IllegalArgumentException.class.getName());
    assertThatThrownBy(() -> CODEC.decode(checked, old))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("upcaster from schema version 1 to 2 failed")
        .satisfies(CodecTest::quotesNoSecret);
    assertThatThrownBy(() -> CODEC.decodeValue(
        ("{\"phone\":\"" + SECRET + "\"}").getBytes(UTF_8), Checked.class))
        .isInstanceOf(CodecException.class)
        .satisfies(CodecTest::quotesNoSecret);
  }

  @Test
  void unsupportedTypesAndBadArgumentsAreRefused() {
    PersistedType<Local> local = PersistedType.of("test.local", Local.class, 1);
    assertThatThrownBy(() -> CODEC.encode(local, new Local(LocalDateTime.of(2026, 3, 1, 8, 0))))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("cannot encode test.local")
        .hasMessageContaining("java.time.LocalDateTime");
    assertThatThrownBy(() -> CODEC.encode(SAMPLE, null))
        .isInstanceOf(IllegalArgumentException.class);
    @SuppressWarnings({"unchecked", "rawtypes"})
    PersistedType<Object> raw = (PersistedType) SAMPLE;
    assertThatThrownBy(() -> CODEC.encode(raw, "not a sample"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CODEC.decodeValue("null".getBytes(UTF_8), Sample.class))
        .isInstanceOf(CodecException.class);
    assertThatThrownBy(() -> CODEC.decodeValue("{} {}".getBytes(UTF_8), Sample.class))
        .isInstanceOf(CodecException.class);
  }

  private static void quotesNoSecret(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(SECRET).doesNotContain("38001");
      assertThat(t.toString()).doesNotContain(SECRET);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Generators

  private static Sample sample(String name) {
    return new Sample(name, 1, 2L, true, List.of("a"), Set.of("b"), Map.of("c", 3),
        Instant.EPOCH, LocalDate.EPOCH, ZoneOffset.UTC, null, null);
  }

  /** The same value, with every set and map iterating in the opposite order. */
  private static Sample reordered(Sample s) {
    List<String> skills = new ArrayList<>(s.skills());
    Collections.reverse(skills);
    List<Map.Entry<String, Integer>> scores = new ArrayList<>(s.scores().entrySet());
    Collections.reverse(scores);
    Map<String, Integer> reversedScores = new LinkedHashMap<>();
    scores.forEach(e -> reversedScores.put(e.getKey(), e.getValue()));
    return new Sample(s.name(), s.count(), s.big(), s.flag(), s.tags(),
        new LinkedHashSet<>(skills), reversedScores, s.at(), s.day(), s.zone(), s.nested(),
        s.nullable());
  }

  private static Gen<Sample> samples() {
    Gen<String> text = text(true);
    Gen<String> keys = text(false);
    Gen<String> name = Generate.frequency(List.of(
        Pair.of(9, text),
        Pair.of(1, strings().allPossible().ofLengthBetween(1000, 10_000))));
    Gen<Integer> ints = Generate.frequency(List.of(
        Pair.of(3, integers().all()),
        Pair.of(1, Generate.pick(List.of(Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1)))));
    Gen<Long> longs = Generate.frequency(List.of(
        Pair.of(3, longs().all()),
        Pair.of(1, Generate.pick(List.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L)))));
    Gen<List<String>> tags = lists().of(text).ofSizeBetween(0, 50);
    Gen<Integer> sizes = Generate.range(0, 20);
    Gen<Instant> instants = Generate.longRange(Instant.MIN.getEpochSecond(),
            Instant.MAX.getEpochSecond())
        .zip(Generate.range(0, 999_999_999), Instant::ofEpochSecond);
    Gen<LocalDate> days = Generate.longRange(LocalDate.MIN.toEpochDay(),
        LocalDate.MAX.toEpochDay()).map(LocalDate::ofEpochDay);
    List<ZoneId> zoneList = new ArrayList<>();
    new TreeSet<>(ZoneId.getAvailableZoneIds()).forEach(id -> zoneList.add(ZoneId.of(id)));
    zoneList.addAll(List.of(ZoneOffset.UTC, ZoneOffset.ofHours(8), ZoneOffset.MIN,
        ZoneId.of("UTC+08:00")));
    Gen<ZoneId> zones = Generate.pick(zoneList);
    Gen<Duration> durations = longs.zip(Generate.range(0, 999_999_999), Duration::ofSeconds);
    Gen<ZoneOffset> offsets = Generate.range(-18 * 3600, 18 * 3600)
        .map(ZoneOffset::ofTotalSeconds);
    Gen<Nested> nested = nullable(text.zip(lists().of(ints).ofSizeBetween(0, 50),
        nullable(durations), nullable(offsets), Nested::new));
    Gen<Boolean> flags = booleans().all();
    Gen<Instant> at = nullable(instants);
    Gen<LocalDate> day = nullable(days);
    Gen<ZoneId> zone = nullable(zones);
    Gen<String> nullableText = nullable(text);
    return in -> {
      Map<String, Integer> scores = new HashMap<>();
      int size = sizes.generate(in);
      for (int i = 0; i < size; i++) {
        scores.put(keys.generate(in), ints.generate(in));
      }
      return new Sample(name.generate(in), ints.generate(in), longs.generate(in),
          flags.generate(in), tags.generate(in), new HashSet<>(tags.generate(in)), scores,
          at.generate(in), day.generate(in), zone.generate(in), nested.generate(in),
          nullableText.generate(in));
    };
  }

  /**
   * Strings from all over Unicode: any code point, Chinese, emoji, control characters, empty, and
   * mixtures of these; with unpaired surrogates or without (map keys must be well-formed).
   */
  private static Gen<String> text(boolean unpairedSurrogates) {
    Gen<String> any = strings().allPossible().ofLengthBetween(0, 30);
    if (!unpairedSurrogates) {
      any = any.map(CodecTest::pairSurrogates);
    }
    Gen<String> chinese = strings().betweenCodePoints(0x4E00, 0x9FFF).ofLengthBetween(0, 30);
    Gen<String> emoji = strings().betweenCodePoints(0x1F300, 0x1FAFF).ofLengthBetween(0, 10);
    Gen<String> control = strings().betweenCodePoints(0x00, 0x1F).ofLengthBetween(0, 10);
    Gen<String> surrogates = strings().betweenCodePoints(0xD800, 0xDFFF).ofLengthBetween(1, 4);
    Gen<String> piece = Generate.frequency(List.of(
        Pair.of(3, any), Pair.of(3, chinese), Pair.of(2, emoji), Pair.of(2, control),
        Pair.of(unpairedSurrogates ? 1 : 0, surrogates), Pair.of(1, Generate.constant(""))));
    Gen<String> mixed = lists().of(piece).ofSizeBetween(0, 5).map(parts -> String.join("", parts));
    return Generate.frequency(List.of(Pair.of(3, piece), Pair.of(1, mixed)));
  }

  /** Replaces each unpaired surrogate by U+FFFD. */
  private static String pairSurrogates(String text) {
    StringBuilder s = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        s.append(c).append(text.charAt(++i));
      } else {
        s.append(Character.isSurrogate(c) ? '\uFFFD' : c);
      }
    }
    return s.toString();
  }

  private static <T> Gen<T> nullable(Gen<T> gen) {
    return gen.toOptionals(20).map(optional -> optional.orElse(null));
  }
}
