package dev.zhuli.core.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zhuli.core.store.Session;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Upper-casing "ΐ" (U+0390) gives three code points, and lower-casing them back left the letter
 * decomposed, so a title and its upper-cased copy folded differently and an obvious duplicate
 * scored 0. Folding normalises again after the case mapping.
 */
class CaseMappingDecomposedLettersTest {

  @Test
  void aLetterThatCaseMappingDecomposesFoldsLikeItsUpperCase() {
    for (String s : new String[] {"\u0390", "\u03b0", "\u01f0", "\u1e96", "ﬃ", "Straße"}) {
      assertThat(Session.fold(" " + s.toUpperCase(Locale.ROOT) + " "))
          .as("fold of %s upper-cased", s).isEqualTo(Session.fold(s));
    }
  }
}
