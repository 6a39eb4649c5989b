package dev.zhuli.core.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.zhuli.core.AccessDeniedException;
import dev.zhuli.core.OrderId;
import dev.zhuli.core.RuleViolationException;
import dev.zhuli.core.ValidationException;
import dev.zhuli.spi.storage.IndexEntry;
import dev.zhuli.spi.storage.StoredRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Possible duplicates are flagged when placed, and the coordinator can merge them. */
class OrderDuplicatesTest {

  @Test
  void aSimilarTitleOfTheSameVillageAndCategoryIsFlagged() {
    try (OrderFixtures w = OrderFixtures.weinan()) {
      Order first = w.orders.place(w.requester(), w.beishunOrder("葡萄種植技術指導").build());
      assertThat(first.possibleDuplicateOf()).isEmpty();
      Order again = w.orders.place(w.requester(), w.beishunOrder("葡萄種植的技術指導").build());
      assertThat(again.possibleDuplicateOf()).contains(first.id());
      Order other = w.orders.place(w.requester(), w.beishunOrder("直播帶貨培訓").build());
      assertThat(other.possibleDuplicateOf()).isEmpty();
      Order otherCategory = w.orders.place(w.requester(), w.beishunOrder("葡萄種植技術指導")
          .category(OrderCategory.TRAINING).build());
      assertThat(otherCategory.possibleDuplicateOf()).isEmpty();
    }
  }

  @Test
  void closedOrdersAreNotDuplicates() {
    try (OrderFixtures w = OrderFixtures.weinan()) {
      Order closed = w.orderIn(OrderStatus.CLOSED, "冷庫設備不足");
      assertThat(closed.status()).isEqualTo(OrderStatus.CLOSED);
      Order again = w.orders.place(w.requester(), w.beishunOrder("冷庫設備不足").build());
      assertThat(again.possibleDuplicateOf()).isEmpty();
    }
  }

  @Test
  void theCoordinatorMergesADuplicateAndTheTimelinesJoin() {
    try (OrderFixtures w = OrderFixtures.weinan()) {
      Order survivor = w.orderIn(OrderStatus.IN_PROGRESS, "葡萄種植技術指導");
      Order duplicate = w.orders.place(w.requester(), w.beishunOrder("葡萄種植的技術指導").build());
      assertThat(duplicate.possibleDuplicateOf()).contains(survivor.id());

      assertThatThrownBy(() -> w.orders.merge(w.requester(), duplicate.id(), survivor.id(), null))
          .isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> w.orders.merge(w.coordinator(), duplicate.id(), duplicate.id(),
          null)).isInstanceOf(ValidationException.class);

      w.drainNotes();
      Order kept = w.orders.merge(w.coordinator(), duplicate.id(), survivor.id(), "merge-1");
      assertThat(w.drainNotes()).singleElement().satisfies(n -> {
        assertThat(n.type()).isEqualTo("order.merge");
        assertThat(n.templateKey()).isEqualTo(Transition.MERGE.templateKey());
        assertThat(n.recipients()).containsExactly(duplicate.requester().value());
      });
      assertThat(kept.id()).isEqualTo(survivor.id());
      assertThat(kept.status()).isEqualTo(OrderStatus.IN_PROGRESS);
      assertThat(kept.mergedFrom()).containsExactly(duplicate.id());
      assertThat(kept.timeline()).last()
          .satisfies(e -> assertThat(e.transition()).isEqualTo(Transition.MERGE_IN));
      Order closed = w.order(duplicate.id());
      assertThat(closed.status()).isEqualTo(OrderStatus.CLOSED);
      assertThat(closed.closure()).contains(Closure.MERGED);
      assertThat(closed.mergedInto()).contains(survivor.id());
      assertThat(w.orders.joinedTimeline(survivor.id()))
          .hasSize(kept.timeline().size() + closed.timeline().size())
          .isSortedAccordingTo(java.util.Comparator.comparing(TimelineEntry::at));
      assertThat(w.orders.merge(w.coordinator(), duplicate.id(), survivor.id(), "merge-1"))
          .isEqualTo(kept);

      // a merged order was never handled on its own: there is nothing to verify
      assertThatThrownBy(() -> w.orders.verify(w.coordinator(), duplicate.id(),
          Verdict.DISPUTED, "村裡說還沒解決", null))
          .isInstanceOf(RuleViolationException.class)
          .hasMessageContaining("verify-handled-orders");

      Order third = w.orders.place(w.requester(), w.beishunOrder("別的事").build());
      assertThatThrownBy(() -> w.orders.merge(w.coordinator(), third.id(), duplicate.id(), null))
          .isInstanceOf(RuleViolationException.class).hasMessageContaining("order-transition");
    }
  }

  @Test
  void similarityIsSymmetricBoundedAndOneForTheSameWords() {
    qt().withExamples(300).forAll(strings().allPossible().ofLengthBetween(0, 30),
        strings().allPossible().ofLengthBetween(0, 30)).checkAssert((a, b) -> {
          double ab = Similarity.of(a, b);
          assertThat(ab).isBetween(0.0, 1.0).isEqualTo(Similarity.of(b, a));
          if (Similarity.Grams.of(a).size() > 0) {
            assertThat(Similarity.of(a, a)).isEqualTo(1.0);
            assertThat(Similarity.of(a, " " + a.toUpperCase(java.util.Locale.ROOT) + "！"))
                .isEqualTo(1.0);
          }
        });
    assertThat(Similarity.of("冷庫設備不足", "冷庫缺少設備")).isBetween(0.3, 0.5);
    assertThat(Similarity.of("葡萄種植技術指導", "葡萄種植的技術指導")).isEqualTo(0.8);
  }

  /**
   * The packed, sorted grams give the Dice coefficient that counting bigram strings in maps
   * gives, the definition written the plain way.
   */
  @Test
  void packedGramsAgreeWithCountingBigramStrings() {
    Gen<String> small = strings().betweenCodePoints(0x8461, 0x8464).ofLengthBetween(0, 12);
    Gen<String> any = strings().allPossible().ofLengthBetween(0, 20);
    Gen<String> titles = small.mix(any, 40).mix(Generate.pick(TITLES), 20);
    qt().withExamples(1000).forAll(titles, titles).checkAssert((a, b) ->
        assertThat(Similarity.of(a, b)).isEqualTo(dice(a, b)));
  }

  private static double dice(String a, String b) {
    java.util.Map<String, Integer> x = bigramStrings(a);
    java.util.Map<String, Integer> y = bigramStrings(b);
    int total = x.values().stream().mapToInt(Integer::intValue).sum()
        + y.values().stream().mapToInt(Integer::intValue).sum();
    if (total == 0) {
      return 0;
    }
    int shared = 0;
    for (java.util.Map.Entry<String, Integer> e : x.entrySet()) {
      shared += Math.min(e.getValue(), y.getOrDefault(e.getKey(), 0));
    }
    return 2.0 * shared / total;
  }

  private static java.util.Map<String, Integer> bigramStrings(String title) {
    StringBuilder kept = new StringBuilder();
    dev.zhuli.core.store.Session.fold(title).codePoints().filter(Character::isLetterOrDigit)
        .forEach(kept::appendCodePoint);
    String t = kept.toString();
    java.util.Map<String, Integer> grams = new java.util.HashMap<>();
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

  /** Titles that are often alike: a few of the article's, and strings over a small alphabet. */
  private static final List<String> TITLES = List.of("葡萄種植技術指導", "葡萄種植的技術指導",
      "冷庫設備不足", "冷庫缺少設備", "直播帶貨培訓", "蜂蜜產品如何網上銷售", "蜂蜜產品網上銷售",
      "Grape pruning help", "grape PRUNING, help!");

  private static Gen<String> titles() {
    Gen<String> alike = strings().betweenCodePoints(0x8461, 0x8466).ofLengthBetween(1, 8);
    Gen<String> long_ = strings().betweenCodePoints(0x8461, 0x8463)
        .ofLengthBetween(OrderService.MAX_TITLE - 5, OrderService.MAX_TITLE);
    return Generate.pick(TITLES).mix(alike, 40).mix(long_, 15);
  }

  /**
   * One order placed before the new one: where (0 to 5 北順村 and INDUSTRY, as the new one; 6
   * TRAINING; 7 a host's category {@code INDUSTRY_X}; 8 another village), whether it was
   * cancelled, and how its entry is rewritten afterwards.
   */
  private record Earlier(String title, int where, boolean cancelled, int entry) {
    boolean counts() {
      return where < 6 && !cancelled;
    }
  }

  private static Gen<Earlier> earlier() {
    return titles().zip(integers().between(0, 8), integers().between(0, 9),
        integers().between(0, 2), (t, where, cancel, entry) ->
            new Earlier(t, where, cancel < 2, entry));
  }

  private static Order placeEarlier(OrderFixtures w, Earlier e) {
    if (e.where() == 8) {
      Order o = w.orders.place(OrderFixtures.actor(w.nangouCadre), new NewOrder.Builder()
          .village(w.nangou.id()).requester(w.nangouCadre.id()).title(e.title())
          .description("村裡的葡萄需要技術指導").category(OrderCategory.INDUSTRY)
          .urgency(Urgency.ROUTINE).build());
      return e.cancelled()
          ? w.orders.cancel(OrderFixtures.actor(w.nangouCadre), o.id(), "村裡已自行解決", null)
          : o;
    }
    OrderCategory category = e.where() == 6 ? OrderCategory.TRAINING
        : e.where() == 7 ? OrderCategory.of("INDUSTRY_X") : OrderCategory.INDUSTRY;
    Order o = w.orders.place(w.requester(),
        w.beishunOrder(e.title()).category(category).build());
    return e.cancelled() ? w.orders.cancel(w.requester(), o.id(), "村裡已自行解決", null) : o;
  }

  /**
   * The flag names the most similar open order of the same village and category at or above
   * the threshold, of equally similar ones the one with the least id, whether its index entry
   * carries its title (entry 0), is the bare village and category that entries were before they
   * carried titles (entry 1), or ends with the bar, as when a title does not fit an index value
   * (entry 2). Orders of a host's category whose code begins with the one placed
   * ({@code INDUSTRY_X}), and of another village, never count, whatever their entries.
   */
  @Test
  void theFlagNamesTheMostSimilarOpenOrderWhateverItsEntryCarries() {
    qt().withExamples(60).forAll(lists().of(earlier()).ofSizeBetween(0, 10), titles())
        .checkAssert((before, title) -> {
          try (OrderFixtures w = OrderFixtures.weinan()) {
            double threshold = dev.zhuli.core.order.OrderSettings.defaults()
                .duplicateThreshold();
            List<Order> placed = new ArrayList<>();
            for (Earlier e : before) {
              Order o = placeEarlier(w, e);
              placed.add(o);
              rewriteOpenKindEntry(w, o, e.entry());
            }
            Optional<OrderId> expected = Optional.empty();
            double bestScore = 0;
            for (int i = 0; i < placed.size(); i++) {
              Earlier e = before.get(i);
              double score = Similarity.of(title, e.title());
              boolean better = score > bestScore || score == bestScore && expected.isPresent()
                  && placed.get(i).id().value().compareTo(expected.get().value()) < 0;
              if (e.counts() && score >= threshold && better) {
                expected = Optional.of(placed.get(i).id());
                bestScore = score;
              }
            }
            Order placedNow = w.orders.place(w.requester(), w.beishunOrder(title).build());
            assertThat(placedNow.possibleDuplicateOf()).isEqualTo(expected);
          }
        });
  }

  /**
   * The same title in a host's category whose code begins with the one placed, or in another
   * village, is no duplicate, whichever of the three shapes its entry has: the range the check
   * reads holds the longer category's entries, and they must not pass for this one's.
   */
  @Test
  void theSameTitleInALongerCategoryOrAnotherVillageIsNoDuplicate() {
    for (int shape = 0; shape <= 2; shape++) {
      try (OrderFixtures w = OrderFixtures.weinan()) {
        for (int where : new int[] {7, 8}) {
          Order o = placeEarlier(w, new Earlier("葡萄種植技術指導", where, false, shape));
          rewriteOpenKindEntry(w, o, shape);
        }
        Order placed = w.orders.place(w.requester(), w.beishunOrder("葡萄種植技術指導").build());
        assertThat(placed.possibleDuplicateOf()).as("entry shape %d", shape).isEmpty();
        Order again = w.orders.place(w.requester(), w.beishunOrder("葡萄種植技術指導").build());
        assertThat(again.possibleDuplicateOf()).as("entry shape %d", shape)
            .contains(placed.id());
      }
    }
  }

  /** Rewrites an open order's {@code openKind} entry into one of the three shapes. */
  private static void rewriteOpenKindEntry(OrderFixtures w, Order o, int shape) {
    if (shape == 0) {
      return;
    }
    w.zhuli.storage().transact(tx -> {
      StoredRecord r = tx.get("order", o.id().value()).orElseThrow();
      List<IndexEntry> index = new ArrayList<>();
      for (IndexEntry e : r.index()) {
        if (!e.key().equals("openKind")) {
          index.add(e);
        } else {
          String key = o.village().value() + "|" + o.category().code();
          assertThat(e.value()).isEqualTo(key + "|" + o.title());
          index.add(IndexEntry.of("openKind", shape == 1 ? key : key + "|"));
        }
      }
      tx.put(StoredRecord.of(r.kind(), r.id(), r.body(), index), r.version());
      return null;
    });
  }
}
