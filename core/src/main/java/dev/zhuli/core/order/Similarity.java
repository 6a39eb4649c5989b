package dev.zhuli.core.order;

import dev.zhuli.core.store.Session;
import java.util.HashMap;
import java.util.Map;

/**
 * How alike two order titles are: the Dice coefficient of their character bigrams (counted with
 * multiplicity) after normalisation, case-folding and removing everything but letters and digits.
 * A title of one character counts as its single character.
 */
final class Similarity {
  private Similarity() {}

  static double of(String a, String b) {
    Map<String, Integer> x = bigrams(a);
    Map<String, Integer> y = bigrams(b);
    int total = x.values().stream().mapToInt(Integer::intValue).sum()
        + y.values().stream().mapToInt(Integer::intValue).sum();
    if (total == 0) {
      return 0;
    }
    int shared = 0;
    for (Map.Entry<String, Integer> e : x.entrySet()) {
      shared += Math.min(e.getValue(), y.getOrDefault(e.getKey(), 0));
    }
    return 2.0 * shared / total;
  }

  static Map<String, Integer> bigrams(String title) {
    StringBuilder kept = new StringBuilder();
    Session.fold(title).codePoints().filter(Character::isLetterOrDigit)
        .forEach(kept::appendCodePoint);
    String t = kept.toString();
    Map<String, Integer> grams = new HashMap<>();
    int n = t.codePointCount(0, t.length());
    if (n == 1) {
      grams.put(t, 1);
    }
    for (int i = 0; i + 1 < n; i++) {
      int start = t.offsetByCodePoints(0, i);
      int end = t.offsetByCodePoints(start, 2);
      grams.merge(t.substring(start, end), 1, Integer::sum);
    }
    return grams;
  }
}
