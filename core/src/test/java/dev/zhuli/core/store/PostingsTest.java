package dev.zhuli.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.zhuli.core.store.Postings.Posting;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableSet;
import java.util.NoSuchElementException;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The in-memory store's postings behave as a sorted set of (value, id) pairs in code-point
 * order, checked against a {@link TreeSet} after every step of random adds and removes, which
 * split and merge chunks.
 */
class PostingsTest {
  /** Characters whose UTF-16 order differs from their code-point order, and plain ones. */
  private static final String[] CHARACTERS = {"a", "b", "z", "é", "蜂", "\uFFFD", "\uD83D\uDE00",
      "\uD840\uDC00", "|", "0"};

  /** One step: add or remove a pair, or read from a pair on. */
  private record Step(int kind, Posting pair, boolean inclusive) {}

  private static Gen<Posting> pairs(int distinctValues) {
    Gen<String> values = integers().between(0, distinctValues - 1).map(n -> {
      StringBuilder s = new StringBuilder();
      int rest = n;
      do {
        s.append(CHARACTERS[rest % CHARACTERS.length]);
        rest /= CHARACTERS.length;
      } while (rest > 0);
      return s.toString();
    });
    return values.zip(integers().between(0, 9), (v, id) -> new Posting(v, "r" + id));
  }

  private static Gen<List<Step>> steps(int distinctValues, int most) {
    Gen<Step> step = integers().between(0, 9).zip(pairs(distinctValues),
        integers().between(0, 1), (kind, pair, inclusive) -> new Step(kind, pair,
            inclusive == 1));
    return lists().of(step).ofSizeBetween(0, most);
  }

  @Test
  void addsRemovesAndReadsAsASortedSetInCodePointOrder() {
    // Adds outnumber removes, so chunks fill, split, empty and merge.
    qt().withExamples(300).forAll(steps(120, 1_500)).checkAssert(steps -> {
      Postings postings = new Postings();
      NavigableSet<Posting> expected = new TreeSet<>();
      for (Step s : steps) {
        if (s.kind() < 6) {
          assertThat(postings.add(s.pair().value(), s.pair().id()))
              .isEqualTo(expected.add(s.pair()));
        } else if (s.kind() < 9) {
          assertThat(postings.remove(s.pair().value(), s.pair().id()))
              .isEqualTo(expected.remove(s.pair()));
        } else {
          assertThat(list(postings.from(s.pair(), s.inclusive())))
              .isEqualTo(new ArrayList<>(expected.tailSet(s.pair(), s.inclusive())));
        }
        assertThat(postings.size()).isEqualTo(expected.size());
        assertThat(postings.isEmpty()).isEqualTo(expected.isEmpty());
      }
      assertThat(list(postings.iterator())).isEqualTo(new ArrayList<>(expected));
      assertThat(list(postings.from(null, true))).isEqualTo(new ArrayList<>(expected));
    });
  }

  @Test
  void manyPostingsUnderOneKeyStaySortedWhileMostAreRemoved() {
    qt().withExamples(20).forAll(integers().between(1, 1_000_000)).checkAssert(seed -> {
      java.util.Random random = new java.util.Random(seed);
      Postings postings = new Postings();
      NavigableSet<Posting> expected = new TreeSet<>();
      for (int i = 0; i < 5_000; i++) {
        Posting p = new Posting(Integer.toString(random.nextInt(100_000), 36), "r" + i % 7);
        postings.add(p.value(), p.id());
        expected.add(p);
      }
      List<Posting> all = new ArrayList<>(expected);
      for (int i = 0; i < all.size(); i++) {
        if (i % 10 != 0) {
          Posting p = all.get(i);
          assertThat(postings.remove(p.value(), p.id())).isTrue();
          expected.remove(p);
        }
      }
      assertThat(postings.size()).isEqualTo(expected.size());
      assertThat(list(postings.iterator())).isEqualTo(new ArrayList<>(expected));
    });
  }

  @Test
  void betweenPlainValuesUtf16OrderIsCodePointOrder() {
    // the fast comparison's premise, over every char below the surrogates and some above
    Gen<String> text = lists().of(integers().between(0, 0xFFFF).map(c -> (char) c.intValue()))
        .ofSizeBetween(0, 6).map(cs -> {
          StringBuilder s = new StringBuilder();
          cs.forEach(s::append);
          return s.toString();
        });
    qt().withExamples(20_000).forAll(text, text).checkAssert((a, b) -> {
      if (Postings.isPlain(a) && Postings.isPlain(b)) {
        assertThat(Integer.signum(a.compareTo(b)))
            .isEqualTo(Integer.signum(dev.zhuli.spi.storage.IndexEntry.CODE_POINT_ORDER
                .compare(a, b)));
      }
      assertThat(Postings.isPlain(a)).isEqualTo(a.chars().allMatch(c -> c < 0xD800));
    });
  }

  @Test
  void anIteratorPastTheEndSaysSo() {
    Postings postings = new Postings();
    postings.add("a", "r1");
    Iterator<Posting> it = postings.from(new Posting("a", "r1"), false);
    assertThat(it.hasNext()).isFalse();
    assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
    assertThat(list(new Postings().from(new Posting("a", "r1"), true))).isEmpty();
  }

  private static List<Posting> list(Iterator<Posting> it) {
    List<Posting> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
