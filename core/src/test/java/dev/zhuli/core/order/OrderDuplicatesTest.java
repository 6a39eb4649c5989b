package dev.zhuli.core.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.zhuli.core.AccessDeniedException;
import dev.zhuli.core.RuleViolationException;
import dev.zhuli.core.ValidationException;
import org.junit.jupiter.api.Test;

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
          if (!Similarity.bigrams(a).isEmpty()) {
            assertThat(Similarity.of(a, a)).isEqualTo(1.0);
            assertThat(Similarity.of(a, " " + a.toUpperCase(java.util.Locale.ROOT) + "！"))
                .isEqualTo(1.0);
          }
        });
    assertThat(Similarity.of("冷庫設備不足", "冷庫缺少設備")).isBetween(0.3, 0.5);
    assertThat(Similarity.of("葡萄種植技術指導", "葡萄種植的技術指導")).isEqualTo(0.8);
  }
}
