package dev.zhuli.core.mentorship;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Generators of hostile mentorship input, shared by the properties: text every text field
 * refuses (blank, over-long, control characters, malformed Unicode), phones that are neither a
 * mainland mobile nor a landline, ids of the wrong shape and well-formed ids nobody has, policy
 * numbers out of range, practice weeks out of order, yield targets out of range or too precise,
 * request keys. (The histories of {@link MentorshipModel} are its own command language.)
 */
final class MentorshipGenerators {
  private MentorshipGenerators() {}

  static final List<String> NAMES = List.of("王秀英", "李建國", "張海燕", "劉志剛", "陳春梅",
      "楊永紅", "趙曉東", "党亞寧", "雷文博", "薛小紅");
  /** Control characters that are not whitespace, so trimming cannot remove them. */
  static final List<String> CONTROLS = List.of("\u0000", "\u0001", "\u0007", "\u0008", "\u001b",
      "\u007f", "\u0085", "\u009b");
  /** Lone surrogates, non-characters, invisible formatting, line separators. */
  static final List<String> MALFORMED = List.of("\uD800", "\uDBFF", "\uDC00", "\uFFFF",
      "\uFFFE", "\uFDD0", "\uD83F\uDFFE", "\u200B", "\u202E", "\uFEFF", "\u2028", "\u2029");
  static final List<String> FIXED_HOSTILE_PHONES = List.of("123", "1380013800", "abc",
      "+1 555 0100", "139001380001", "", "   ", "12800138000", "10800138000", "+86 1380013800",
      "0913-123456", "913-7654321", "138-0013-8000", "１３８００１３８０００", "13800138000\n",
      "1380013800\u0000", "tel:13800138000", "13800138000 ext 2");
  static final List<String> HOSTILE_REQUEST_KEYS = List.of("", " ", "key with spaces",
      "k".repeat(65), "鍵-1", "key\u0000", "\tkey", "key\n", "😀");
  /** Values no typed id accepts. */
  static final List<String> BAD_ID_VALUES = List.of("", " ", "a b", "-x", ".x", "x/y", "張三",
      "x".repeat(65), "id\u0000", "id\n", "😀");
  /** Well-formed ids that no record has. */
  static final List<String> UNKNOWN_ID_VALUES = List.of("unknown-1", "Z",
      "0190f3c2-0000-7000-8000-000000000000", "x.y_z-0", "9".repeat(64));

  /** Hostile text for a field of at most {@code max} code points. */
  static Gen<String> hostileTexts(int max) {
    Gen<String> blank = lists().of(Generate.pick(List.of(" ", "\t", "\n", "\r", "\u3000",
        "\u2003", "\u000B", "\u001C"))).ofSizeBetween(0, 6).map(l -> String.join("", l));
    Gen<String> overLong = integers().between(max + 1, max + 20).zip(Generate.pick(NAMES),
        (n, name) -> repeat(name, n));
    Gen<String> overLongEmoji = integers().between(max + 1, max + 5).map(n -> "🍇".repeat(n));
    Gen<String> padded = integers().between(max + 1, max + 3)
        .map(n -> " \u3000" + "李".repeat(n) + "\t");
    Gen<String> withControl = Generate.pick(NAMES).zip(Generate.pick(CONTROLS),
        integers().between(0, 3), MentorshipGenerators::insert);
    // inside the name: at either end, separators and formatting characters are trimmed away
    Gen<String> withMalformed = Generate.pick(NAMES).zip(Generate.pick(MALFORMED),
        integers().between(1, 2), MentorshipGenerators::insert);
    return oneOf(blank, overLong, overLongEmoji, padded, withControl, withMalformed);
  }

  /** Phones that are neither a mainland mobile nor a landline with area code. */
  static Gen<String> hostilePhones() {
    Gen<String> wrongLength = Generate.pick(List.of(1, 2, 6, 7, 8, 9, 13, 14, 15))
        .zip(integers().between(0, Integer.MAX_VALUE), (n, seed) -> digits(n, seed));
    Gen<String> badPrefix = Generate.pick(List.of("10", "11", "12", "20", "99"))
        .zip(integers().between(0, Integer.MAX_VALUE), (p, seed) -> p + digits(9, seed));
    return oneOf(Generate.pick(FIXED_HOSTILE_PHONES), wrongLength, badPrefix);
  }

  static Gen<String> badIds() {
    return Generate.pick(BAD_ID_VALUES);
  }

  static Gen<String> hostileRequestKeys() {
    return Generate.pick(HOSTILE_REQUEST_KEYS);
  }

  /** A limit out of 1 to {@link ProgramPolicy#MAX_LIMIT}. */
  static Gen<Integer> limitsOutOfRange() {
    return oneOf(integers().between(Integer.MIN_VALUE, 0),
        integers().between(ProgramPolicy.MAX_LIMIT + 1, Integer.MAX_VALUE),
        Generate.pick(List.of(0, -1, ProgramPolicy.MAX_LIMIT + 1)));
  }

  /** Yield targets not above 0 and below 100000 with at most 2 decimals, as text. */
  static Gen<BigDecimal> hostileTargets() {
    Gen<BigDecimal> notPositive = integers().between(-100_000, 0).zip(integers().between(0, 2),
        (n, scale) -> BigDecimal.valueOf(n, scale));
    Gen<BigDecimal> tooLarge = integers().between(100_000, Integer.MAX_VALUE)
        .map(n -> BigDecimal.valueOf(n));
    Gen<BigDecimal> tooPrecise = integers().between(1, 99_999_999).zip(integers().between(3, 8),
        (n, scale) -> BigDecimal.valueOf(n, scale).add(BigDecimal.valueOf(1, scale)));
    return oneOf(notPositive, tooLarge, tooPrecise,
        Generate.pick(List.of(new BigDecimal("0"), new BigDecimal("0.00"),
            new BigDecimal("100000"), new BigDecimal("99999.999"), new BigDecimal("-0.01"),
            new BigDecimal("0.001"), new BigDecimal("1E+5"))));
  }

  /** Weeks (from, to) that {@link Practice#of} refuses, with the field it names. */
  static Gen<Pair<int[], String>> hostileWeeks() {
    Gen<Pair<int[], String>> badFrom = Generate.pick(List.of(0, -1, 54, 100, Integer.MIN_VALUE))
        .zip(integers().between(1, 53), (f, t) -> Pair.of(new int[] {f, t}, "practice.fromWeek"));
    Gen<Pair<int[], String>> outOfOrder = integers().between(2, 53).zip(
        integers().between(1, 52), (f, d) -> Pair.of(new int[] {f, Math.max(0, f - d)},
            "practice.toWeek"));
    Gen<Pair<int[], String>> badTo = integers().between(1, 53).zip(
        Generate.pick(List.of(54, 99, Integer.MAX_VALUE)),
        (f, t) -> Pair.of(new int[] {f, t}, "practice.toWeek"));
    return oneOf(badFrom, outOfOrder, badTo);
  }

  @SafeVarargs
  static <T> Gen<T> oneOf(Gen<T>... gens) {
    List<Pair<Integer, Gen<T>>> weighted = new ArrayList<>();
    for (Gen<T> g : gens) {
      weighted.add(Pair.of(1, g));
    }
    return Generate.frequency(weighted);
  }

  private static String insert(String name, String bad, int at) {
    int i = Math.min(at, name.length());
    return name.substring(0, i) + bad + name.substring(i);
  }

  private static String repeat(String unit, int codePoints) {
    StringBuilder b = new StringBuilder();
    int[] cps = unit.codePoints().toArray();
    for (int n = 0; n < codePoints; n++) {
      b.appendCodePoint(cps[n % cps.length]);
    }
    return b.toString();
  }

  private static String digits(int n, long seed) {
    java.util.Random r = new java.util.Random(seed);
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append((char) ('0' + r.nextInt(10)));
    }
    return b.toString();
  }
}
