package dev.zhuli.spi.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.core.Gen;

/**
 * The value types of the storage contract and {@link Limits}: every limit at its value and one
 * beyond it, the refusal messages (they name the field, the limit and the offending size), the
 * defensive copies, and the code-point order of index values.
 *
 * <p>Non-ASCII text is written with escapes so the test does not depend on the source encoding.
 */
class ValueTypesTest {
  /** U+1F600, one code point, two chars. */
  private static final String EMOJI = "\uD83D\uDE00";
  /** U+FFFD, the last BMP character in common use: above every high surrogate in UTF-16. */
  private static final String REPLACEMENT = "\uFFFD";

  private static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");
  private static final int MIB = 1024 * 1024;

  // ---------------------------------------------------------------------------------------------
  // StoredRecord
  // ---------------------------------------------------------------------------------------------

  @Nested
  class RecordTest {

    @Test
    void aNullArrayOfIndexEntriesIsRefusedLikeANullCollection() {
      assertRefused(() -> StoredRecord.of("k", "i", new byte[0], (IndexEntry[]) null), "index",
          "null");
    }

    @Test
    void limitsAreAccepted() {
      StoredRecord r = StoredRecord.of("k".repeat(64), "i".repeat(128), new byte[MIB], entries(32));
      assertThat(r.kind()).hasSize(64);
      assertThat(r.id()).hasSize(128);
      assertThat(r.bodyLength()).isEqualTo(Limits.MAX_BODY_BYTES).isEqualTo(MIB);
      assertThat(r.body()).hasSize(MIB);
      assertThat(r.index()).hasSize(32);
      assertThat(r.version()).isZero();
    }

    @Test
    void smallestIsAccepted() {
      StoredRecord r = StoredRecord.of("k", "i", new byte[0]);
      assertThat(r.body()).isEmpty();
      assertThat(r.bodyLength()).isZero();
      assertThat(r.index()).isEmpty();
      assertThat(r.indexValues("any")).isEmpty();
    }

    @Test
    void kindOneBeyondTheLimitIsRefused() {
      assertRefused(() -> StoredRecord.of("k".repeat(65), "i", new byte[0]), "kind", "64", "65");
    }

    @Test
    void idOneBeyondTheLimitIsRefused() {
      assertRefused(() -> StoredRecord.of("k", "i".repeat(129), new byte[0]), "id", "128", "129");
    }

    @Test
    void bodyOneBeyondTheLimitIsRefused() {
      assertRefused(
          () -> StoredRecord.of("k", "i", new byte[MIB + 1]), "body", "1048576", "1048577");
    }

    @Test
    void indexOneBeyondTheLimitIsRefused() {
      assertRefused(() -> StoredRecord.of("k", "i", new byte[0], entries(33)), "index", "32", "33");
    }

    @Test
    void duplicateIndexEntriesCollapseBeforeTheLimitIsChecked() {
      List<IndexEntry> entries = new ArrayList<>(entries(32));
      entries.add(IndexEntry.of("key", "v0"));
      assertThat(entries).hasSize(33);
      assertThat(StoredRecord.of("k", "i", new byte[0], entries).index()).hasSize(32);
    }

    @Test
    void duplicateIndexEntriesCollapse() {
      IndexEntry a = IndexEntry.of("skill", "welding");
      IndexEntry b = IndexEntry.of("skill", "plumbing");
      StoredRecord inline = StoredRecord.of("k", "i", new byte[0], a, b, a, IndexEntry.of("skill", "welding"));
      StoredRecord listed = StoredRecord.of("k", "i", new byte[0], List.of(a, a, b));
      assertThat(inline.index()).containsExactly(b, a);
      assertThat(listed.index()).containsExactly(b, a);
      assertThat(inline).isEqualTo(listed);
    }

    @Test
    void oneKeyMayCarrySeveralValues() {
      StoredRecord r =
          StoredRecord.of(
              "worker", "w1", new byte[0],
              IndexEntry.of("skill", "welding"),
              IndexEntry.of("skill", "carpentry"),
              IndexEntry.of("village", "V-17"));
      assertThat(r.indexValues("skill")).containsExactly("carpentry", "welding");
      assertThat(r.indexValues("village")).containsExactly("V-17");
      assertThat(r.indexValues("unknown")).isEmpty();
    }

    @Test
    void indexIsSortedByKeyThenValueInCodePointOrder() {
      IndexEntry b = IndexEntry.of("b", "x");
      IndexEntry aEmoji = IndexEntry.of("a", EMOJI);
      IndexEntry aReplacement = IndexEntry.of("a", REPLACEMENT);
      IndexEntry aEmpty = IndexEntry.of("a", "");
      StoredRecord r = StoredRecord.of("k", "i", new byte[0], b, aEmoji, aReplacement, aEmpty);
      assertThat(r.index()).containsExactly(aEmpty, aReplacement, aEmoji, b);
      assertThat(r.indexValues("a")).containsExactly("", REPLACEMENT, EMOJI);
    }

    @Test
    void indexIsUnmodifiableAndDetachedFromTheInput() {
      List<IndexEntry> input = new ArrayList<>(List.of(IndexEntry.of("a", "1")));
      StoredRecord r = StoredRecord.of("k", "i", new byte[0], input);
      input.add(IndexEntry.of("a", "2"));
      assertThat(r.index()).containsExactly(IndexEntry.of("a", "1"));
      assertThatThrownBy(() -> r.index().add(IndexEntry.of("a", "3")))
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> r.index().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void bodyIsCopiedIn() {
      byte[] body = bytes("hello");
      StoredRecord r = StoredRecord.of("k", "i", body);
      body[0] = 'j';
      assertThat(r.body()).isEqualTo(bytes("hello"));
    }

    @Test
    void bodyIsCopiedOut() {
      StoredRecord r = StoredRecord.of("k", "i", bytes("hello"));
      byte[] out = r.body();
      out[0] = 'j';
      assertThat(r.body()).isEqualTo(bytes("hello"));
      assertThat(r.body()).isNotSameAs(r.body());
    }

    @Test
    void bodyKeepsEveryByteValue() {
      byte[] all = new byte[256];
      for (int i = 0; i < all.length; i++) {
        all[i] = (byte) i;
      }
      assertThat(StoredRecord.of("k", "i", all).body()).isEqualTo(all);
    }

    @Test
    void nullPartsAreRefused() {
      assertRefused(() -> StoredRecord.of(null, "i", new byte[0]), "kind", "null");
      assertRefused(() -> StoredRecord.of("k", null, new byte[0]), "id", "null");
      assertRefused(() -> StoredRecord.of("k", "i", null), "body", "null");
      assertRefused(
          () -> StoredRecord.of("k", "i", new byte[0], (Collection<IndexEntry>) null), "index", "null");
      assertRefused(
          () -> StoredRecord.of("k", "i", new byte[0], Arrays.asList(IndexEntry.of("a", "1"), null)),
          "index", "null");
      assertRefused(
          () -> StoredRecord.of("k", "i", new byte[0], IndexEntry.of("a", "1"), null), "index", "null");
    }

    @Test
    void emptyKindAndIdAreRefused() {
      assertRefused(() -> StoredRecord.of("", "i", new byte[0]), "kind", "empty");
      assertRefused(() -> StoredRecord.of("k", "", new byte[0]), "id", "empty");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "or der", " order", "order ", "ord\u00E9r", "\u00A0", "a\tb", "a\nb", "a\u007Fb",
          "a\u0000b", "\uD83D\uDE00"
        })
    void kindAndIdAcceptOnlyPrintableAsciiWithoutSpaces(String bad) {
      assertRefused(() -> StoredRecord.of(bad, "i", new byte[0]), "kind", "printable ASCII");
      assertRefused(() -> StoredRecord.of("k", bad, new byte[0]), "id", "printable ASCII");
    }

    @Test
    void everyPrintableAsciiCharacterIsAccepted() {
      StringBuilder all = new StringBuilder();
      for (char c = '!'; c <= '~'; c++) {
        all.append(c);
      }
      assertThat(all).hasSize(94);
      StoredRecord r = StoredRecord.of(all.substring(0, 64), all.toString(), new byte[0]);
      assertThat(r.kind()).isEqualTo(all.substring(0, 64));
      assertThat(r.id()).isEqualTo(all.toString());
    }

    @Test
    void withVersionSetsTheStoredVersion() {
      StoredRecord fresh = StoredRecord.of("k", "i", bytes("b"), IndexEntry.of("a", "1"));
      StoredRecord stored = fresh.withVersion(1);
      assertThat(stored.version()).isEqualTo(1);
      assertThat(fresh.version()).isZero();
      assertThat(stored.kind()).isEqualTo("k");
      assertThat(stored.id()).isEqualTo("i");
      assertThat(stored.body()).isEqualTo(bytes("b"));
      assertThat(stored.index()).isEqualTo(fresh.index());
      assertThat(stored.withVersion(Long.MAX_VALUE).version()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void withVersionBelowOneIsRefused() {
      StoredRecord r = StoredRecord.of("k", "i", new byte[0]);
      assertRefused(() -> r.withVersion(0), "a stored version", "0");
      assertRefused(() -> r.withVersion(-1), "a stored version", "-1");
    }

    @Test
    void equalsAndHashCodeCompareEveryPart() {
      StoredRecord a = StoredRecord.of("k", "i", bytes("body"), IndexEntry.of("x", "1"), IndexEntry.of("y", "2"));
      StoredRecord same = StoredRecord.of("k", "i", bytes("body"), IndexEntry.of("y", "2"), IndexEntry.of("x", "1"));
      assertThat(a).isEqualTo(same).hasSameHashCodeAs(same);
      assertThat(a).isEqualTo(a);
      assertThat(a.withVersion(3)).isEqualTo(same.withVersion(3)).hasSameHashCodeAs(same.withVersion(3));

      List<IndexEntry> index = List.of(IndexEntry.of("x", "1"), IndexEntry.of("y", "2"));
      assertThat(a)
          .isNotEqualTo(StoredRecord.of("K", "i", bytes("body"), index))
          .isNotEqualTo(StoredRecord.of("k", "I", bytes("body"), index))
          .isNotEqualTo(StoredRecord.of("k", "i", bytes("Body"), index))
          .isNotEqualTo(StoredRecord.of("k", "i", bytes("body"), List.of(IndexEntry.of("x", "1"))))
          .isNotEqualTo(a.withVersion(1))
          .isNotEqualTo(null)
          .isNotEqualTo("k/i");
    }

    @Test
    void toStringNamesTheRecordButNeverPrintsTheBody() {
      StoredRecord r = StoredRecord.of("person", "p-1", bytes("Jane Doe, +41 79 123 45 67"), IndexEntry.of("a", "1"));
      assertThat(r.withVersion(2).toString())
          .contains("person", "p-1", "2", "26 bytes")
          .doesNotContain("Jane", "Doe", "+41", "123");
      byte[] binary = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE};
      assertThat(StoredRecord.of("k", "i", binary).toString())
          .doesNotContain(new String(binary, StandardCharsets.ISO_8859_1))
          .doesNotContainIgnoringCase("cafe")
          .doesNotContain("[");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // IndexEntry
  // ---------------------------------------------------------------------------------------------

  @Nested
  class IndexEntryTest {

    @Test
    void valueOf256SupplementaryCodePointsIsAccepted() {
      String value = EMOJI.repeat(256);
      assertThat(value).hasSize(512);
      assertThat(value.codePointCount(0, value.length())).isEqualTo(256);
      assertThat(IndexEntry.of("k", value).value()).isEqualTo(value);
    }

    @Test
    void valueOf257SupplementaryCodePointsIsRefused() {
      assertRefused(() -> IndexEntry.of("k", EMOJI.repeat(257)), "index value", "256", "257");
    }

    @Test
    void valueLimitCountsCodePointsNotChars() {
      assertThat(IndexEntry.of("k", "a".repeat(256)).value()).hasSize(256);
      assertThat(IndexEntry.of("k", "a".repeat(255) + EMOJI).value()).hasSize(257);
      assertRefused(() -> IndexEntry.of("k", "a".repeat(257)), "index value", "256", "257");
      assertRefused(() -> IndexEntry.of("k", "a".repeat(256) + EMOJI), "index value", "257");
    }

    @Test
    void emptyValueIsAccepted() {
      assertThat(IndexEntry.of("k", "").value()).isEmpty();
    }

    @Test
    void wellFormedNonAsciiValuesAreAccepted() {
      for (String value :
          List.of("Z\u00FCrich", "\u5317\u4EAC", REPLACEMENT, EMOJI, "\uDBFF\uDFFF", " ", "a b")) {
        assertThat(IndexEntry.of("k", value).value()).isEqualTo(value);
      }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uD83D", "a\uD83D", "\uD83Da", "\uDE00", "a\uDE00b", "\uDE00\uD83D"})
    void unpairedSurrogateIsRefused(String value) {
      assertRefused(() -> IndexEntry.of("k", value), "index value", "surrogate");
    }

    @Test
    void nulCharacterIsRefused() {
      assertRefused(() -> IndexEntry.of("k", "\u0000"), "index value", "U+0000");
      assertRefused(() -> IndexEntry.of("k", "a\u0000b"), "index value", "U+0000");
    }

    @Test
    void nullValueIsRefused() {
      assertRefused(() -> IndexEntry.of("k", null), "index value", "null");
    }

    @Test
    void keyLimits() {
      assertThat(IndexEntry.of("k".repeat(64), "v").key()).hasSize(64);
      assertRefused(() -> IndexEntry.of("k".repeat(65), "v"), "index key", "64", "65");
      assertRefused(() -> IndexEntry.of("", "v"), "index key", "empty");
      assertRefused(() -> IndexEntry.of(null, "v"), "index key", "null");
      assertRefused(() -> IndexEntry.of("due at", "v"), "index key", "printable ASCII");
      assertRefused(() -> IndexEntry.of("f\u00E4hig", "v"), "index key", "printable ASCII");
    }

    @Test
    void codePointOrderIsNotUtf16Order() {
      // U+FFFD is below U+1F600 as a code point, but its UTF-16 unit is above the high surrogate.
      assertThat(IndexEntry.CODE_POINT_ORDER.compare(REPLACEMENT, EMOJI)).isNegative();
      assertThat(IndexEntry.CODE_POINT_ORDER.compare(EMOJI, REPLACEMENT)).isPositive();
      assertThat(REPLACEMENT.compareTo(EMOJI)).isPositive();
      // ... which is the UTF-8 byte order.
      assertThat(
              Arrays.compareUnsigned(
                  REPLACEMENT.getBytes(StandardCharsets.UTF_8),
                  EMOJI.getBytes(StandardCharsets.UTF_8)))
          .isNegative();
    }

    @Test
    void codePointOrderPutsAPrefixFirst() {
      assertThat(IndexEntry.CODE_POINT_ORDER.compare("a", "ab")).isNegative();
      assertThat(IndexEntry.CODE_POINT_ORDER.compare("ab", "a")).isPositive();
      assertThat(IndexEntry.CODE_POINT_ORDER.compare("", "a")).isNegative();
      assertThat(IndexEntry.CODE_POINT_ORDER.compare("a", "")).isPositive();
      assertThat(IndexEntry.CODE_POINT_ORDER.compare(EMOJI, EMOJI + "a")).isNegative();
    }

    @Test
    void codePointOrderIsZeroOnlyForEqualStrings() {
      assertThat(IndexEntry.CODE_POINT_ORDER.compare("", "")).isZero();
      assertThat(IndexEntry.CODE_POINT_ORDER.compare("a" + EMOJI, "a" + EMOJI)).isZero();
      assertThat(IndexEntry.CODE_POINT_ORDER.compare("a", "b")).isNegative();
      assertThat(IndexEntry.CODE_POINT_ORDER.compare("B", "a")).isNegative();
    }

    @Test
    void codePointOrderAgreesWithComparingTheCodePointsOneByOne() {
      // an alphabet dense in the awkward places: both surrogate halves (paired and alone),
      // the units just below and above them, and plain letters
      char[] units = {'a', 'b', '\u00E9', '\uD7FF', '\uD800', '\uDBFF', '\uDC00', '\uDFFF',
          '\uE000', '\uFFFD', '\uFFFF'};
      Gen<String> strings = lists().of(integers().between(0, units.length - 1))
          .ofSizeBetween(0, 6)
          .map(is -> {
            StringBuilder b = new StringBuilder();
            is.forEach(i -> b.append(units[i]));
            return b.toString();
          });
      qt().withExamples(20_000).forAll(strings, strings).checkAssert((x, y) -> {
        int expected = Integer.signum(Arrays.compare(x.codePoints().toArray(),
            y.codePoints().toArray()));
        assertThat(Integer.signum(IndexEntry.CODE_POINT_ORDER.compare(x, y)))
            .as("%s vs %s", escaped(x), escaped(y)).isEqualTo(expected);
      });
    }

    private String escaped(String s) {
      StringBuilder b = new StringBuilder();
      s.chars().forEach(c -> b.append(String.format("\\u%04X", c)));
      return b.toString();
    }

    @Test
    void codePointOrderSortsLikeUtf8Bytes() {
      List<String> values =
          new ArrayList<>(
              List.of(
                  EMOJI, "b", "", REPLACEMENT, "a", "ab", "\u00E9", "\uDBFF\uDFFF", "\uD800\uDC00",
                  "\uE000", "A", "a" + EMOJI, "a" + REPLACEMENT));
      List<String> byCodePoint = new ArrayList<>(values);
      byCodePoint.sort(IndexEntry.CODE_POINT_ORDER);
      List<String> byUtf8 = new ArrayList<>(values);
      byUtf8.sort(
          (x, y) ->
              Arrays.compareUnsigned(
                  x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8)));
      assertThat(byCodePoint)
          .isEqualTo(byUtf8)
          .containsExactly(
              "", "A", "a", "ab", "a" + REPLACEMENT, "a" + EMOJI, "b", "\u00E9", "\uE000",
              REPLACEMENT, "\uD800\uDC00", EMOJI, "\uDBFF\uDFFF");
    }

    @Test
    void entriesCompareByKeyThenValueInCodePointOrder() {
      IndexEntry a1 = IndexEntry.of("a", REPLACEMENT);
      IndexEntry a2 = IndexEntry.of("a", EMOJI);
      IndexEntry b0 = IndexEntry.of("b", "");
      assertThat(a1.compareTo(a2)).isNegative();
      assertThat(a2.compareTo(b0)).isNegative();
      assertThat(b0.compareTo(a1)).isPositive();
      assertThat(a1.compareTo(IndexEntry.of("a", REPLACEMENT))).isZero();
    }

    @Test
    void equalsHashCodeAndToString() {
      IndexEntry e = IndexEntry.of("village", "V-17");
      assertThat(e).isEqualTo(IndexEntry.of("village", "V-17"))
          .hasSameHashCodeAs(IndexEntry.of("village", "V-17"))
          .isNotEqualTo(IndexEntry.of("village", "V-18"))
          .isNotEqualTo(IndexEntry.of("hamlet", "V-17"))
          .isNotEqualTo(null);
      assertThat(e.key()).isEqualTo("village");
      assertThat(e.value()).isEqualTo("V-17");
      assertThat(e).hasToString("village=(4 code points)");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // FindRequest
  // ---------------------------------------------------------------------------------------------

  @Nested
  class FindRequestTest {

    @Test
    void defaults() {
      FindRequest r = FindRequest.of("order", "village");
      assertThat(r.kind()).isEqualTo("order");
      assertThat(r.key()).isEqualTo("village");
      assertThat(r.lower()).isEmpty();
      assertThat(r.upper()).isEmpty();
      assertThat(r.limit()).isEqualTo(FindRequest.DEFAULT_LIMIT).isEqualTo(100);
      assertThat(r.cursor()).isEmpty();
      assertThat(r.matches("")).isTrue();
      assertThat(r.matches(EMOJI.repeat(256))).isTrue();
    }

    /**
     * A record's place among a request's results is the least of its values under the key in
     * the range, in code-point order (U+FFFD before U+1F600, which UTF-16 order would put the
     * other way), whatever its other keys hold.
     */
    @Test
    void leastMatchIsTheLeastValueOfTheKeyInTheRange() {
      Gen<String> values = org.quicktheories.generators.Generate.pick(
          List.of("", "a", "ab", "b", "é", "\uFFFD", EMOJI, EMOJI + "a", "z"));
      Gen<IndexEntry> entries = org.quicktheories.generators.Generate.pick(
          List.of("skill", "other")).zip(values, IndexEntry::of);
      qt().withExamples(500).forAll(lists().of(entries).ofSizeBetween(0, 6), values, values)
          .checkAssert((index, lower, upper) -> {
            StoredRecord record = StoredRecord.of("k", "r", new byte[0], index);
            FindRequest request = FindRequest.of("k", "skill").from(lower).to(upper);
            String least = null;
            for (IndexEntry e : index) {
              if (e.key().equals("skill") && request.matches(e.value()) && (least == null
                  || IndexEntry.CODE_POINT_ORDER.compare(e.value(), least) < 0)) {
                least = e.value();
              }
            }
            assertThat(request.leastMatch(record).orElse(null)).isEqualTo(least);
          });
      assertRefused(() -> FindRequest.of("k", "skill").leastMatch(null), "record", "null");
    }

    @Test
    void kindAndKeyAreChecked() {
      assertThat(FindRequest.of("k".repeat(64), "x".repeat(64)).kind()).hasSize(64);
      assertRefused(() -> FindRequest.of("k".repeat(65), "x"), "kind", "64", "65");
      assertRefused(() -> FindRequest.of("k", "x".repeat(65)), "index key", "64", "65");
      assertRefused(() -> FindRequest.of(null, "x"), "kind", "null");
      assertRefused(() -> FindRequest.of("k", null), "index key", "null");
      assertRefused(() -> FindRequest.of("k", "a b"), "index key", "printable ASCII");
    }

    @Test
    void equalToMatchesOnlyThatValue() {
      FindRequest r = FindRequest.of("k", "x").equalTo("V-17");
      assertThat(r.lower()).contains("V-17");
      assertThat(r.upper()).contains("V-17");
      assertThat(r.matches("V-17")).isTrue();
      assertThat(r.matches("V-1")).isFalse();
      assertThat(r.matches("V-170")).isFalse();
      assertThat(r.matches("v-17")).isFalse();
    }

    @Test
    void equalToTheEmptyValue() {
      FindRequest r = FindRequest.of("k", "x").equalTo("");
      assertThat(r.matches("")).isTrue();
      assertThat(r.matches("a")).isFalse();
    }

    @Test
    void boundsAreInclusive() {
      FindRequest r = FindRequest.of("k", "x").from("b").to("d");
      assertThat(r.lower()).contains("b");
      assertThat(r.upper()).contains("d");
      assertThat(r.matches("b")).isTrue();
      assertThat(r.matches("c")).isTrue();
      assertThat(r.matches("d")).isTrue();
      assertThat(r.matches("a")).isFalse();
      assertThat(r.matches("az")).isFalse();
      assertThat(r.matches("da")).isFalse();
      assertThat(r.matches("e")).isFalse();
      assertThat(r.matches("")).isFalse();
    }

    @Test
    void eitherBoundMayBeLeftOpen() {
      FindRequest from = FindRequest.of("k", "x").from("m");
      assertThat(from.upper()).isEmpty();
      assertThat(from.matches("m")).isTrue();
      assertThat(from.matches(EMOJI)).isTrue();
      assertThat(from.matches("l")).isFalse();

      FindRequest to = FindRequest.of("k", "x").to("m");
      assertThat(to.lower()).isEmpty();
      assertThat(to.matches("m")).isTrue();
      assertThat(to.matches("")).isTrue();
      assertThat(to.matches("ma")).isFalse();
    }

    @Test
    void boundsCompareInCodePointOrder() {
      FindRequest fromReplacement = FindRequest.of("k", "x").from(REPLACEMENT);
      assertThat(fromReplacement.matches(EMOJI)).isTrue();
      assertThat(fromReplacement.matches(REPLACEMENT)).isTrue();
      assertThat(fromReplacement.matches("\uE000")).isFalse();

      FindRequest toReplacement = FindRequest.of("k", "x").to(REPLACEMENT);
      assertThat(toReplacement.matches(EMOJI)).isFalse();
      assertThat(toReplacement.matches("\uE000")).isTrue();

      FindRequest between = FindRequest.of("k", "x").from("\uE000").to(EMOJI);
      assertThat(between.matches(REPLACEMENT)).isTrue();
      assertThat(between.matches("\uD800\uDC00")).isTrue();
      assertThat(between.matches(EMOJI + "a")).isFalse();
    }

    @Test
    void invalidBoundsAreRefused() {
      FindRequest r = FindRequest.of("k", "x");
      assertRefused(() -> r.equalTo(null), "value", "null");
      assertRefused(() -> r.from(null), "lower bound", "null");
      assertRefused(() -> r.to(null), "upper bound", "null");
      assertRefused(() -> r.equalTo("\uD83D"), "value", "surrogate");
      assertRefused(() -> r.from("a\uDE00"), "lower bound", "surrogate");
      assertRefused(() -> r.to("\u0000"), "upper bound", "U+0000");
      assertRefused(() -> r.equalTo(EMOJI.repeat(257)), "value", "256", "257");
      assertRefused(() -> r.from("a".repeat(257)), "lower bound", "256", "257");
      assertRefused(() -> r.to("a".repeat(257)), "upper bound", "256", "257");
      assertThat(r.equalTo(EMOJI.repeat(256)).lower()).contains(EMOJI.repeat(256));
    }

    @Test
    void limitRange() {
      FindRequest r = FindRequest.of("k", "x");
      assertThat(r.limit(1).limit()).isEqualTo(1);
      assertThat(r.limit(Limits.MAX_PAGE_SIZE).limit()).isEqualTo(1000);
      assertRefused(() -> r.limit(0), "limit", "1000", "0");
      assertRefused(() -> r.limit(-1), "limit", "1000", "-1");
      assertRefused(() -> r.limit(1001), "limit", "1000", "1001");
    }

    @Test
    void afterSetsTheCursor() {
      FindRequest r = FindRequest.of("k", "x").after("opaque-cursor");
      assertThat(r.cursor()).contains("opaque-cursor");
    }

    @Test
    void emptyOrNullCursorIsRefused() {
      FindRequest r = FindRequest.of("k", "x");
      assertRefused(() -> r.after(null), "cursor", "null");
      assertRefused(() -> r.after(""), "cursor", "empty");
    }

    @Test
    void everyMethodReturnsANewRequestAndKeepsTheOtherParts() {
      FindRequest base = FindRequest.of("k", "x");
      FindRequest narrowed = base.limit(5).after("c1").from("a").to("z");
      assertThat(base.lower()).isEmpty();
      assertThat(base.upper()).isEmpty();
      assertThat(base.limit()).isEqualTo(100);
      assertThat(base.cursor()).isEmpty();

      assertThat(narrowed.kind()).isEqualTo("k");
      assertThat(narrowed.key()).isEqualTo("x");
      assertThat(narrowed.limit()).isEqualTo(5);
      assertThat(narrowed.cursor()).contains("c1");
      assertThat(narrowed.lower()).contains("a");
      assertThat(narrowed.upper()).contains("z");

      FindRequest next = narrowed.after("c2");
      assertThat(next).isNotSameAs(narrowed);
      assertThat(next.cursor()).contains("c2");
      assertThat(narrowed.cursor()).contains("c1");
      assertThat(next.lower()).contains("a");
      assertThat(next.upper()).contains("z");
      assertThat(next.limit()).isEqualTo(5);

      FindRequest equal = narrowed.equalTo("m");
      assertThat(equal.lower()).contains("m");
      assertThat(equal.upper()).contains("m");
      assertThat(equal.limit()).isEqualTo(5);
      assertThat(equal.cursor()).contains("c1");
      assertThat(narrowed.lower()).contains("a");
    }

    @Test
    void toStringDescribesTheRequest() {
      assertThat(FindRequest.of("order", "village").from("南溝").limit(7).after("c").toString())
          .contains("order", "village", "7", "after cursor")
          .doesNotContain("null")
          .doesNotContain("南溝");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Page
  // ---------------------------------------------------------------------------------------------

  @Nested
  class PageTest {

    @Test
    void lastPageHasNoCursor() {
      Page<String> page = Page.of(List.of("a", "b"), null);
      assertThat(page.items()).containsExactly("a", "b");
      assertThat(page.nextCursor()).isEmpty();
    }

    @Test
    void pageWithMoreHasTheCursor() {
      Page<String> page = Page.of(List.of("a"), "next");
      assertThat(page.nextCursor()).contains("next");
    }

    @Test
    void emptyPageIsAllowed() {
      assertThat(Page.of(List.of(), null).items()).isEmpty();
      assertThat(Page.of(List.of(), "more").nextCursor()).contains("more");
    }

    @Test
    void nullItemsAreRefused() {
      assertRefused(() -> Page.of(null, null), "items", "null");
    }

    @Test
    void nullElementIsRefused() {
      assertRefused(() -> Page.of(Arrays.asList("a", null), null), "items", "null");
      assertRefused(() -> Page.of(Arrays.asList((String) null), "c"), "items", "null");
    }

    @Test
    void emptyCursorIsRefused() {
      assertRefused(() -> Page.of(List.of("a"), ""), "nextCursor", "empty");
    }

    @Test
    void itemsAreCopiedAndUnmodifiable() {
      List<String> items = new ArrayList<>(List.of("a", "b"));
      Page<String> page = Page.of(items, null);
      items.set(0, "z");
      items.add("c");
      assertThat(page.items()).containsExactly("a", "b");
      assertThatThrownBy(() -> page.items().add("d"))
          .isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> page.items().set(0, "d"))
          .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void toStringSaysWhetherMoreFollow() {
      assertThat(Page.of(List.of("a"), null).toString()).contains("1", "last");
      assertThat(Page.of(List.of("a", "b"), "c").toString()).contains("2", "more");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // OutboxMessage
  // ---------------------------------------------------------------------------------------------

  @Nested
  class OutboxMessageTest {

    @Test
    void partsAreKept() {
      OutboxMessage m = message("m-1");
      assertThat(m.id()).isEqualTo("m-1");
      assertThat(m.destination()).isEqualTo("notifier");
      assertThat(m.type()).isEqualTo("OrderPlaced");
      assertThat(m.payload()).isEqualTo(bytes("payload"));
      assertThat(m.dueAt()).isEqualTo(T0);
      assertThat(m.aggregateKey()).isEqualTo("order/01J");
    }

    @Test
    void limitsAreAccepted() {
      OutboxMessage m =
          OutboxMessage.of(
              "i".repeat(128), "d".repeat(64), "t".repeat(64), new byte[MIB], T0, "a".repeat(256));
      assertThat(m.id()).hasSize(128);
      assertThat(m.destination()).hasSize(64);
      assertThat(m.type()).hasSize(64);
      assertThat(m.payload()).hasSize(MIB);
      assertThat(m.aggregateKey()).hasSize(256);
      assertThat(OutboxMessage.of("i", "d", "t", new byte[0], T0, "a").payload()).isEmpty();
    }

    @Test
    void oneBeyondEachLimitIsRefused() {
      byte[] p = new byte[0];
      assertRefused(
          () -> OutboxMessage.of("i".repeat(129), "d", "t", p, T0, "a"),
          "message id", "128", "129");
      assertRefused(
          () -> OutboxMessage.of("i", "d".repeat(65), "t", p, T0, "a"),
          "destination", "64", "65");
      assertRefused(
          () -> OutboxMessage.of("i", "d", "t".repeat(65), p, T0, "a"), "type", "64", "65");
      assertRefused(
          () -> OutboxMessage.of("i", "d", "t", new byte[MIB + 1], T0, "a"),
          "payload", "1048576", "1048577");
      assertRefused(
          () -> OutboxMessage.of("i", "d", "t", p, T0, "a".repeat(257)),
          "aggregateKey", "256", "257");
    }

    @Test
    void nullPartsAreRefused() {
      byte[] p = new byte[0];
      assertRefused(() -> OutboxMessage.of(null, "d", "t", p, T0, "a"), "message id", "null");
      assertRefused(() -> OutboxMessage.of("i", null, "t", p, T0, "a"), "destination", "null");
      assertRefused(() -> OutboxMessage.of("i", "d", null, p, T0, "a"), "type", "null");
      assertRefused(() -> OutboxMessage.of("i", "d", "t", null, T0, "a"), "payload", "null");
      assertRefused(() -> OutboxMessage.of("i", "d", "t", p, null, "a"), "dueAt", "null");
      assertRefused(() -> OutboxMessage.of("i", "d", "t", p, T0, null), "aggregateKey", "null");
    }

    @Test
    void textPartsAcceptOnlyPrintableAsciiWithoutSpaces() {
      byte[] p = new byte[0];
      assertRefused(() -> OutboxMessage.of("m 1", "d", "t", p, T0, "a"), "message id", "ASCII");
      assertRefused(() -> OutboxMessage.of("i", "", "t", p, T0, "a"), "destination", "empty");
      assertRefused(
          () -> OutboxMessage.of("i", "sub scriber", "t", p, T0, "a"), "destination", "ASCII");
      assertRefused(() -> OutboxMessage.of("i", "d", "T\u00FCp", p, T0, "a"), "type", "ASCII");
      assertRefused(
          () -> OutboxMessage.of("i", "d", "t", p, T0, "order/" + EMOJI), "aggregateKey", "ASCII");
    }

    @Test
    void payloadIsCopiedInAndOut() {
      byte[] payload = bytes("payload");
      OutboxMessage m = OutboxMessage.of("i", "d", "t", payload, T0, "a");
      payload[0] = 'X';
      assertThat(m.payload()).isEqualTo(bytes("payload"));
      byte[] out = m.payload();
      out[0] = 'Y';
      assertThat(m.payload()).isEqualTo(bytes("payload"));
      assertThat(m.payload()).isNotSameAs(m.payload());
    }

    @Test
    void withDueAtChangesOnlyTheDueTime() {
      OutboxMessage m = message("m-1");
      Instant later = T0.plusSeconds(30);
      OutboxMessage moved = m.withDueAt(later);
      assertThat(moved.dueAt()).isEqualTo(later);
      assertThat(m.dueAt()).isEqualTo(T0);
      assertThat(moved.id()).isEqualTo(m.id());
      assertThat(moved.destination()).isEqualTo(m.destination());
      assertThat(moved.type()).isEqualTo(m.type());
      assertThat(moved.payload()).isEqualTo(m.payload());
      assertThat(moved.aggregateKey()).isEqualTo(m.aggregateKey());
      assertThat(moved).isNotEqualTo(m);
      assertThat(moved.withDueAt(T0)).isEqualTo(m);
      assertRefused(() -> m.withDueAt(null), "dueAt", "null");
    }

    @Test
    void equalsAndHashCodeCompareEveryField() {
      OutboxMessage m = message("m-1");
      assertThat(m).isEqualTo(message("m-1")).hasSameHashCodeAs(message("m-1"));
      byte[] p = bytes("payload");
      assertThat(m)
          .isNotEqualTo(message("m-2"))
          .isNotEqualTo(OutboxMessage.of("m-1", "other", "OrderPlaced", p, T0, "order/01J"))
          .isNotEqualTo(OutboxMessage.of("m-1", "notifier", "Other", p, T0, "order/01J"))
          .isNotEqualTo(
              OutboxMessage.of("m-1", "notifier", "OrderPlaced", bytes("payloaD"), T0, "order/01J"))
          .isNotEqualTo(
              OutboxMessage.of("m-1", "notifier", "OrderPlaced", p, T0.plusMillis(1), "order/01J"))
          .isNotEqualTo(OutboxMessage.of("m-1", "notifier", "OrderPlaced", p, T0, "order/02K"))
          .isNotEqualTo(null);
    }

    @Test
    void toStringNeverPrintsThePayload() {
      OutboxMessage m =
          OutboxMessage.of("m-1", "notifier", "Sms", bytes("Jane Doe +41791234567"), T0, "person/p1");
      assertThat(m.toString())
          .contains("m-1", "notifier", "Sms", "person/p1", "21 bytes")
          .doesNotContain("Jane", "+41791234567");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // ClaimedMessage
  // ---------------------------------------------------------------------------------------------

  @Nested
  class ClaimedMessageTest {

    @Test
    void partsAreKept() {
      Instant leaseEnd = T0.plusSeconds(60);
      ClaimedMessage c = ClaimedMessage.of(message("m-1"), 42, 3, leaseEnd, "timeout");
      assertThat(c.message()).isEqualTo(message("m-1"));
      assertThat(c.fencingToken()).isEqualTo(42);
      assertThat(c.attempts()).isEqualTo(3);
      assertThat(c.leaseExpiresAt()).isEqualTo(leaseEnd);
      assertThat(c.lastError()).contains("timeout");
    }

    @Test
    void firstAttemptHasNoLastError() {
      ClaimedMessage c = ClaimedMessage.of(message("m-1"), 1, 1, T0, null);
      assertThat(c.attempts()).isEqualTo(1);
      assertThat(c.lastError()).isEmpty();
    }

    @Test
    void invalidPartsAreRefused() {
      assertRefused(() -> ClaimedMessage.of(null, 1, 1, T0, null), "message", "null");
      assertRefused(() -> ClaimedMessage.of(message("m"), 1, 0, T0, null), "attempts", "1", "0");
      assertRefused(() -> ClaimedMessage.of(message("m"), 1, 1, T0,
          "e".repeat(Limits.MAX_ERROR_LENGTH + 1)), "error", "2000", "2001");
      assertRefused(() -> ClaimedMessage.of(message("m"), 1, 1, T0, "nul \u0000"), "error",
          "U+0000");
      assertRefused(
          () -> ClaimedMessage.of(message("m"), 1, -1, T0, null), "attempts", "1", "-1");
      assertRefused(() -> ClaimedMessage.of(message("m"), 1, 1, null, null), "leaseExpiresAt", "null");
    }

    @Test
    void equalsAndHashCode() {
      ClaimedMessage c = ClaimedMessage.of(message("m-1"), 7, 2, T0, "boom");
      assertThat(c)
          .isEqualTo(ClaimedMessage.of(message("m-1"), 7, 2, T0, "boom"))
          .hasSameHashCodeAs(ClaimedMessage.of(message("m-1"), 7, 2, T0, "boom"))
          .isNotEqualTo(ClaimedMessage.of(message("m-2"), 7, 2, T0, "boom"))
          .isNotEqualTo(ClaimedMessage.of(message("m-1"), 8, 2, T0, "boom"))
          .isNotEqualTo(ClaimedMessage.of(message("m-1"), 7, 3, T0, "boom"))
          .isNotEqualTo(ClaimedMessage.of(message("m-1"), 7, 2, T0.plusNanos(1), "boom"))
          .isNotEqualTo(ClaimedMessage.of(message("m-1"), 7, 2, T0, "bang"))
          .isNotEqualTo(ClaimedMessage.of(message("m-1"), 7, 2, T0, null))
          .isNotEqualTo(null);
      assertThat(ClaimedMessage.of(message("m-1"), 7, 2, T0, null))
          .isEqualTo(ClaimedMessage.of(message("m-1"), 7, 2, T0, null));
    }

    @Test
    void toStringNeverPrintsThePayload() {
      OutboxMessage secret = OutboxMessage.of("m-1", "d", "t", bytes("secret-payload"), T0, "a");
      assertThat(ClaimedMessage.of(secret, 5, 1, T0, null).toString())
          .contains("m-1", "5")
          .doesNotContain("secret-payload");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // DeadLetter
  // ---------------------------------------------------------------------------------------------

  @Nested
  class DeadLetterTest {

    @Test
    void partsAreKept() {
      DeadLetter d = DeadLetter.of(message("m-1"), 5, "gave up");
      assertThat(d.message()).isEqualTo(message("m-1"));
      assertThat(d.attempts()).isEqualTo(5);
      assertThat(d.error()).isEqualTo("gave up");
    }

    @Test
    void limitsAreAccepted() {
      assertThat(DeadLetter.of(message("m"), 0, "").attempts()).isZero();
      assertThat(DeadLetter.of(message("m"), 1, "e".repeat(2000)).error()).hasSize(2000);
    }

    @Test
    void invalidPartsAreRefused() {
      assertRefused(() -> DeadLetter.of(null, 1, "e"), "message", "null");
      assertRefused(() -> DeadLetter.of(message("m"), -1, "e"), "attempts", "-1");
      assertRefused(() -> DeadLetter.of(message("m"), 1, null), "error", "null");
      assertRefused(() -> DeadLetter.of(message("m"), 1, "e".repeat(2001)), "error", "2000", "2001");
    }

    @Test
    void equalsAndHashCode() {
      DeadLetter d = DeadLetter.of(message("m-1"), 3, "boom");
      assertThat(d)
          .isEqualTo(DeadLetter.of(message("m-1"), 3, "boom"))
          .hasSameHashCodeAs(DeadLetter.of(message("m-1"), 3, "boom"))
          .isNotEqualTo(DeadLetter.of(message("m-2"), 3, "boom"))
          .isNotEqualTo(DeadLetter.of(message("m-1"), 4, "boom"))
          .isNotEqualTo(DeadLetter.of(message("m-1"), 3, "bang"))
          .isNotEqualTo(null);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Limits
  // ---------------------------------------------------------------------------------------------

  @Nested
  class LimitsTest {

    @Test
    void constants() {
      assertThat(Limits.MAX_KIND_LENGTH).isEqualTo(64);
      assertThat(Limits.MAX_ID_LENGTH).isEqualTo(128);
      assertThat(Limits.MAX_BODY_BYTES).isEqualTo(1_048_576);
      assertThat(Limits.MAX_INDEX_KEY_LENGTH).isEqualTo(64);
      assertThat(Limits.MAX_INDEX_VALUE_CODE_POINTS).isEqualTo(256);
      assertThat(Limits.MAX_INDEX_ENTRIES).isEqualTo(32);
      assertThat(Limits.MAX_PAGE_SIZE).isEqualTo(1000);
      assertThat(Limits.MAX_NAME_LENGTH).isEqualTo(64);
      assertThat(Limits.MAX_AGGREGATE_KEY_LENGTH).isEqualTo(256);
      assertThat(Limits.MAX_OWNER_LENGTH).isEqualTo(128);
      assertThat(Limits.MAX_ERROR_LENGTH).isEqualTo(2000);
    }

    @Test
    void checkError() {
      String atLimit = "e".repeat(2000);
      assertThat(Limits.checkError(atLimit)).isSameAs(atLimit);
      assertThat(Limits.checkError("")).isEmpty();
      assertRefused(() -> Limits.checkError("e".repeat(2001)), "error", "2000", "2001");
      assertRefused(() -> Limits.checkError(null), "error", "null");
    }

    @Test
    void checkLease() {
      assertThat(Limits.checkLease(Duration.ofNanos(1))).isEqualTo(Duration.ofNanos(1));
      assertThat(Limits.checkLease(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
      assertRefused(() -> Limits.checkLease(Duration.ZERO), "lease", "positive");
      assertRefused(() -> Limits.checkLease(Duration.ofNanos(-1)), "lease", "positive");
      assertRefused(() -> Limits.checkLease(Duration.ofSeconds(-30)), "lease", "positive");
      assertRefused(() -> Limits.checkLease(null), "lease", "null");
    }

    @Test
    void checkPageSize() {
      assertThat(Limits.checkPageSize("max", 1)).isEqualTo(1);
      assertThat(Limits.checkPageSize("max", 1000)).isEqualTo(1000);
      assertRefused(() -> Limits.checkPageSize("max", 0), "max", "1000", "0");
      assertRefused(() -> Limits.checkPageSize("max", 1001), "max", "1000", "1001");
      assertRefused(() -> Limits.checkPageSize("max", Integer.MIN_VALUE), "max", "1000");
    }

    @Test
    void checkTime() {
      assertThat(Limits.checkTime("now", T0)).isSameAs(T0);
      assertThat(Limits.checkTime("now", Instant.MIN)).isEqualTo(Instant.MIN);
      assertRefused(() -> Limits.checkTime("now", null), "now", "null");
    }

    @Test
    void checkOwner() {
      String atLimit = "o".repeat(128);
      assertThat(Limits.checkOwner(atLimit)).isSameAs(atLimit);
      assertRefused(() -> Limits.checkOwner("o".repeat(129)), "owner", "128", "129");
      assertRefused(() -> Limits.checkOwner(""), "owner", "empty");
      assertRefused(() -> Limits.checkOwner(null), "owner", "null");
      assertRefused(() -> Limits.checkOwner("relay 1"), "owner", "ASCII");
    }

    @Test
    void checkKindAndCheckId() {
      assertThat(Limits.checkKind("k".repeat(64))).hasSize(64);
      assertRefused(() -> Limits.checkKind("k".repeat(65)), "kind", "64", "65");
      assertThat(Limits.checkId("message id", "i".repeat(128))).hasSize(128);
      assertRefused(() -> Limits.checkId("message id", "i".repeat(129)), "message id", "128", "129");
      assertRefused(() -> Limits.checkId("message id", "a b"), "message id", "ASCII");
    }

    @Test
    void longValuesAreShortenedInMessages() {
      String longKind = "k".repeat(65);
      assertThatThrownBy(() -> Limits.checkKind(longKind))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageNotContaining(longKind)
          .hasMessageContaining("k".repeat(40));
      // Shortening never splits a surrogate pair, whatever the offset of the pair.
      for (String prefix : List.of("", "a")) {
        String value = prefix + EMOJI.repeat(257);
        assertThatThrownBy(() -> IndexEntry.of("k", value))
            .isInstanceOf(IllegalArgumentException.class)
            .satisfies(e -> assertWellFormed(e.getMessage()));
      }
    }
  }

  @Test
  void everyValueTypeIsFinal() {
    for (Class<?> type :
        Set.of(
            StoredRecord.class, IndexEntry.class, FindRequest.class, Page.class, OutboxMessage.class,
            ClaimedMessage.class, DeadLetter.class, Limits.class, Storages.class)) {
      assertThat(java.lang.reflect.Modifier.isFinal(type.getModifiers()))
          .as("%s is final", type.getSimpleName())
          .isTrue();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers
  // ---------------------------------------------------------------------------------------------

  /**
   * Asserts an {@link IllegalArgumentException} whose message starts with the field's name and
   * contains each of the parts (typically the limit and the offending size).
   */
  private static void assertRefused(ThrowingCallable call, String field, String... parts) {
    assertThatThrownBy(call)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(field + " ")
        .hasMessageContainingAll(parts);
  }

  private static void assertWellFormed(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        assertThat(i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)))
            .as("surrogate pair at %d in %s", i, text)
            .isTrue();
        i++;
      } else {
        assertThat(Character.isLowSurrogate(c)).as("lone low surrogate at %d", i).isFalse();
      }
    }
  }

  private static List<IndexEntry> entries(int count) {
    List<IndexEntry> entries = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      entries.add(IndexEntry.of("key", "v" + i));
    }
    return entries;
  }

  private static OutboxMessage message(String id) {
    return OutboxMessage.of(id, "notifier", "OrderPlaced", bytes("payload"), T0, "order/01J");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
