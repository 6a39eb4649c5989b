package dev.zhuli.core.order;

import dev.zhuli.core.store.Session;
import java.util.Arrays;

/**
 * How alike two order titles are: the Dice coefficient of their character bigrams (counted with
 * multiplicity) after normalisation, case-folding and removing everything but letters and digits.
 * A title of one character counts as its single character.
 *
 * <p>Placing an order compares its title with every open order of its village and category, so
 * the new title's bigrams are counted once ({@link Grams}) and reused for each comparison.
 */
final class Similarity {
  private Similarity() {}

  static double of(String a, String b) {
    return Grams.of(a).similarity(Grams.of(b));
  }

  /**
   * A title's bigrams, each two code points packed in a long, sorted, with repeats: comparing two
   * sorted arrays counts the shared bigrams with multiplicity, without a map or a string per
   * bigram. A title of one character has that character as its one gram, packed so that it
   * equals no bigram.
   */
  static final class Grams {
    private static final int SHIFT = 21;
    private static final long SINGLE = (1L << SHIFT) - 1; // above every code point
    private final long[] grams;

    private Grams(long[] grams) {
      this.grams = grams;
    }

    static Grams of(String title) {
      String folded = Session.fold(title);
      int[] kept = new int[folded.length()];
      int n = 0;
      for (int i = 0; i < folded.length(); ) {
        int cp = folded.codePointAt(i);
        if (Character.isLetterOrDigit(cp)) {
          kept[n++] = cp;
        }
        i += Character.charCount(cp);
      }
      if (n == 1) {
        return new Grams(new long[] {(long) kept[0] << SHIFT | SINGLE});
      }
      long[] grams = new long[Math.max(0, n - 1)];
      for (int i = 0; i + 1 < n; i++) {
        grams[i] = (long) kept[i] << SHIFT | kept[i + 1];
      }
      Arrays.sort(grams);
      return new Grams(grams);
    }

    /** How many grams, repeats counted. */
    int size() {
      return grams.length;
    }

    /** The Dice coefficient of this title's grams and the other's, 0 when neither has any. */
    double similarity(Grams other) {
      long[] a = grams;
      long[] b = other.grams;
      int sum = a.length + b.length;
      if (sum == 0) {
        return 0;
      }
      int shared = 0;
      int i = 0;
      int j = 0;
      while (i < a.length && j < b.length) {
        if (a[i] == b[j]) {
          shared++;
          i++;
          j++;
        } else if (a[i] < b[j]) {
          i++;
        } else {
          j++;
        }
      }
      return 2.0 * shared / sum;
    }

    double similarity(String title) {
      return similarity(of(title));
    }
  }
}
