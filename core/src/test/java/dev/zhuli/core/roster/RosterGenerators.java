package dev.zhuli.core.roster;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Generators of hostile and of valid roster input, shared by the properties. Hostile text is
 * refused by every text field; hostile phones by every phone field; hostile request keys by every
 * command. Valid values are realistic: invented Chinese names, mainland mobile and Weinan
 * landline numbers, rural skills.
 */
final class RosterGenerators {
  private RosterGenerators() {}

  // ---- pools ------------------------------------------------------------------------------

  static final List<String> SURNAMES = List.of("王", "李", "張", "劉", "陳", "楊", "趙", "黃",
      "周", "吳", "徐", "孫", "馬", "朱", "胡", "郭", "何", "高", "林", "羅", "雷", "薛", "党");
  static final List<String> GIVEN_NAMES = List.of("偉", "芳", "娜", "秀英", "敏", "靜", "麗",
      "強", "磊", "軍", "洋", "勇", "艷", "傑", "娟", "濤", "明", "超", "秀蘭", "霞", "建國",
      "海燕", "志剛", "文博", "小紅", "春梅", "永紅", "曉東", "亞寧");
  /** Names that change under NFC: decomposed accents, a CJK compatibility ideograph. */
  static final List<String> DECOMPOSED_NAMES = List.of("Zoe\u0308 Lambert",
      "Rene\u0301e Fabre", "Jose\u0301 Mun\u0303oz", "\uF90A明");
  static final List<String> SKILLS = List.of("葡萄栽培", "直播電商", "果樹修剪", "土壤檢測",
      "冷鏈物流", "短視頻拍攝", "獼猴桃種植", "花椒加工", "合作社管理", "農產品包裝設計", "Excel",
      "GIS", "Cafe\u0301 roasting", "無人機植保", "蘋果套袋");
  static final List<String> ORGANISATIONS = List.of("合陽縣農業技術推廣中心",
      "渭南市農業農村局", "西北農林科技大學", "渭南師範學院", "縣供銷合作社", "China Datang Group");
  static final List<String> PADDINGS = List.of("", "", " ", "  ", "\u3000", "\t", " \u3000");
  /** Control characters that are not whitespace, so trimming cannot remove them. */
  static final List<String> CONTROLS = List.of("\u0000", "\u0001", "\u0007", "\u0008", "\u001b",
      "\u007f", "\u0085", "\u009b");
  /** Lone surrogates and non-characters. */
  static final List<String> MALFORMED = List.of("\uD800", "\uDBFF", "\uDC00", "\uDFFF",
      "\uFFFF", "\uFFFE", "\uFDD0", "\uFDEF", "\uD83F\uDFFE", "\uDBFF\uDFFF");

  /** Hostile texts of any length: blank, control characters, malformed Unicode. */
  static final List<String> MALFORMED_TEXTS = List.of(
      "", "   ", "\t", "\u3000", " \t\u3000\n ",
      "a\u0000b", "a\u0007b", "\u001b[31m", "張\u0000偉",
      "\uD800x", "x\uDC00", "\uFFFF", "名\uFDD0字");

  /** The hostile texts of the brief for a 64-character field, all refused by it. */
  static final List<String> FIXED_HOSTILE_TEXTS = fixedHostileTexts(64);

  static List<String> fixedHostileTexts(int max) {
    List<String> out = new ArrayList<>(MALFORMED_TEXTS);
    out.add("張".repeat(max + 1));
    out.add("張偉".repeat(max / 2 + 1));
    out.add("😀".repeat(max + 1));
    out.add(" " + "李".repeat(max + 1) + " ");
    return List.copyOf(out);
  }

  static final List<String> FIXED_HOSTILE_PHONES = List.of("123", "1380013800", "abc",
      "+1 555 0100", "139001380001", "", "   ", "12800138000", "10800138000",
      "+85 13800138000", "+86 1380013800", "0913-123456", "913-7654321", "00913-7654321",
      "138-0013-8000", "１３８００１３８０００", "13800138000\n", "1380013800\u0000", "139 0913 00x1",
      "tel:13800138000", "13800138000 ext 2");

  static final List<String> HOSTILE_REQUEST_KEYS = List.of("", " ", "key with spaces",
      "k".repeat(65), "鍵-1", "key\u0000", "\tkey", "key\n", "😀");

  /** Well-formed ids that no record has. */
  static final List<String> UNKNOWN_ID_VALUES = List.of("unknown-1", "unknown-2", "Z",
      "0190f3c2-0000-7000-8000-000000000000", "x.y_z-0", "9".repeat(64));

  // ---- hostile ----------------------------------------------------------------------------

  /** Hostile text for a field of at most 64 characters. */
  static Gen<String> hostileTexts() {
    return hostileTexts(64);
  }

  /**
   * Hostile text for a field of at most {@code max} code points: blank, over-long, control
   * characters, malformed Unicode.
   */
  static Gen<String> hostileTexts(int max) {
    Gen<String> fixed = Generate.pick(fixedHostileTexts(max));
    Gen<String> blank = lists().of(Generate.pick(List.of(" ", "\t", "\n", "\r", "\u3000",
        "\u2003", "\u000B", "\u001C"))).ofSizeBetween(0, 6).map(l -> String.join("", l));
    Gen<String> overLong = integers().between(max + 1, max + 26).zip(
        Generate.pick(GIVEN_NAMES), Generate.pick(PADDINGS),
        (n, given, pad) -> pad + repeatCodePoints(given, n) + pad);
    Gen<String> overLongEmoji = integers().between(max + 1, max + 6).map(n -> "🍇".repeat(n));
    Gen<String> withControl = chineseNames().zip(Generate.pick(CONTROLS),
        integers().between(0, 3), RosterGenerators::insert);
    Gen<String> withMalformed = chineseNames().zip(Generate.pick(MALFORMED),
        integers().between(0, 3), RosterGenerators::insert);
    return oneOf(List.of(fixed, blank, overLong, overLongEmoji, withControl, withMalformed));
  }

  /** Phones that are neither a mainland mobile nor a landline with area code. */
  static Gen<String> hostilePhones() {
    Gen<String> fixed = Generate.pick(FIXED_HOSTILE_PHONES);
    // 1-9 or 13-15 digits can be neither a mobile (11) nor a landline (10-12 digits).
    Gen<String> wrongLength = Generate.pick(List.of(1, 2, 6, 7, 8, 9, 13, 14, 15))
        .zip(integers().between(0, Integer.MAX_VALUE), (n, seed) -> digits(n, seed));
    Gen<String> badPrefix = Generate.pick(List.of("10", "11", "12", "20", "99"))
        .zip(integers().between(0, Integer.MAX_VALUE), (p, seed) -> p + digits(9, seed));
    Gen<String> withLetter = validMobiles().zip(Generate.pick(List.of("O", "l", "x", "〇")),
        integers().between(1, 10), (m, c, at) -> m.substring(0, at) + c + m.substring(at + 1));
    return oneOf(List.of(fixed, wrongLength, badPrefix, withLetter));
  }

  static Gen<String> hostileRequestKeys() {
    return Generate.pick(HOSTILE_REQUEST_KEYS);
  }

  static Gen<String> unknownIdValues() {
    return Generate.pick(UNKNOWN_ID_VALUES);
  }

  // ---- valid ------------------------------------------------------------------------------

  /** Invented Chinese names: a surname and a given name. */
  static Gen<String> chineseNames() {
    return Generate.pick(SURNAMES).zip(Generate.pick(GIVEN_NAMES), (s, g) -> s + g);
  }

  /** Valid names as a caller might send them: padded, sometimes decomposed. */
  static Gen<String> paddedNames() {
    Gen<String> name = chineseNames().mix(Generate.pick(DECOMPOSED_NAMES), 20);
    return name.zip(Generate.pick(PADDINGS), Generate.pick(PADDINGS), (n, a, b) -> a + n + b);
  }

  static Gen<String> validMobiles() {
    return integers().between(3, 9).zip(integers().between(0, Integer.MAX_VALUE),
        (second, seed) -> "1" + second + digits(9, seed));
  }

  /** Valid phones as given: mobiles with or without +86 and spaces, Weinan landlines. */
  static Gen<String> validPhones() {
    Gen<String> mobile = validMobiles().zip(Generate.pick(List.of("", "+86", "+86 ")),
        Generate.booleans(), (m, prefix, spaced) -> prefix + (spaced
            ? m.substring(0, 3) + " " + m.substring(3, 7) + " " + m.substring(7) : m));
    Gen<String> landline = Generate.pick(List.of("0913-", "0913", "029-"))
        .zip(integers().between(0, Integer.MAX_VALUE), (area, seed) -> area
            + (char) ('2' + Math.floorMod(seed, 7)) + digits(6, seed / 7));
    return mobile.mix(landline, 30);
  }

  /** Skills as given: a few from the pool, padded. */
  static Gen<List<String>> skillLists() {
    return lists().of(Generate.pick(SKILLS).zip(Generate.pick(PADDINGS), (s, p) -> p + s + p))
        .ofSizeBetween(0, 5);
  }

  static Gen<String> organisations() {
    return Generate.pick(ORGANISATIONS);
  }

  // ---- helpers ----------------------------------------------------------------------------

  static <T> Gen<T> oneOf(List<Gen<T>> gens) {
    List<Pair<Integer, Gen<T>>> weighted = new ArrayList<>();
    for (Gen<T> g : gens) {
      weighted.add(Pair.of(1, g));
    }
    return Generate.frequency(weighted);
  }

  /** What the roster keeps of a text: NFC, then trimmed. */
  static String normal(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFC).strip();
  }

  static Set<String> normalSkills(List<String> skills) {
    Set<String> out = new LinkedHashSet<>();
    for (String s : skills) {
      out.add(normal(s));
    }
    return out;
  }

  /** What the roster keeps of a valid phone: the same without spaces. */
  static String compactPhone(String phone) {
    return phone.replace(" ", "");
  }

  private static String insert(String name, String bad, int at) {
    int i = Math.min(at, name.length());
    return name.substring(0, i) + bad + name.substring(i);
  }

  private static String repeatCodePoints(String unit, int codePoints) {
    StringBuilder b = new StringBuilder();
    int n = 0;
    while (n < codePoints) {
      for (int i = 0; i < unit.length() && n < codePoints; ) {
        int cp = unit.codePointAt(i);
        b.appendCodePoint(cp);
        i += Character.charCount(cp);
        n++;
      }
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
