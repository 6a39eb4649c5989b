package dev.zhuli.spi.tck;

import static dev.zhuli.spi.tck.TckRule.required_find_equalityReturnsOnlyMatches;
import static dev.zhuli.spi.tck.TckRule.required_find_multiValuedRecordAppearsOnce;
import static dev.zhuli.spi.tck.TckRule.required_find_orderIsCodePointOrderThenId;
import static dev.zhuli.spi.tck.TckRule.required_find_otherKindsAndKeysAreIgnored;
import static dev.zhuli.spi.tck.TckRule.required_find_pagingIsStableWhileOthersChange;
import static dev.zhuli.spi.tck.TckRule.required_find_pagingReturnsEachRecordOnce;
import static dev.zhuli.spi.tck.TckRule.required_find_rangeIsInclusive;

import dev.zhuli.spi.storage.FindRequest;
import dev.zhuli.spi.storage.Page;
import dev.zhuli.spi.storage.StoredRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Rules about {@link dev.zhuli.spi.storage.Transaction#find find}: equality and inclusive ranges,
 * code-point order, paging with a cursor, stability while other records change. Part of
 * {@link StorageTck}; extend that.
 *
 * @since 0.1.0
 */
public abstract class FindRules extends RecordRules {
  private static final String K = "tck_find";

  /**
   * Values in code-point order, chosen so that UTF-16 order, locale collations and byte-wise
   * comparison of other encodings all disagree with it somewhere.
   */
  private static final List<String> ORDERED_VALUES = List.of(
      "", "A", "B", "Z", "a", "aa", "ab", "b", "z", "~", "é", "ÿ", "Ā", "中", "中文", "丰",
      "\uE000", "\uFFFD", "🍇", "😀", "\uDBFF\uDFFF");

  /** For subclasses. */
  protected FindRules() {}

  @Test
  void required_find_equalityReturnsOnlyMatches() {
    inTx(t -> {
      t.put(rec(K, "r1", "", idx("village", "北順村")), 0);
      t.put(rec(K, "r2", "", idx("village", "北順村"), idx("village", "南溝社區")), 0);
      t.put(rec(K, "r3", "", idx("village", "南溝社區")), 0);
      t.put(rec(K, "r4", "", idx("village", "北順")), 0);
      t.put(rec(K, "r5", "", idx("village", "北順村 ")), 0);
    });
    same(required_find_equalityReturnsOnlyMatches, List.of("r1", "r2"),
        ids(findAll(storageUnderTest(), FindRequest.of(K, "village").equalTo("北順村"))),
        "records equal to 北順村");
    same(required_find_equalityReturnsOnlyMatches, List.of(),
        ids(findAll(storageUnderTest(), FindRequest.of(K, "village").equalTo("東白龍村"))),
        "records equal to a value nobody has");
  }

  @Test
  void required_find_rangeIsInclusive() {
    inTx(t -> {
      for (int i = 0; i < 10; i++) {
        t.put(rec(K, "r" + i, "", idx("due", "2026-05-0" + i)), 0);
      }
    });
    same(required_find_rangeIsInclusive, List.of("r3", "r4", "r5", "r6"),
        ids(findAll(storageUnderTest(),
            FindRequest.of(K, "due").from("2026-05-03").to("2026-05-06"))),
        "records in [2026-05-03, 2026-05-06]");
    same(required_find_rangeIsInclusive, List.of("r0", "r1", "r2"),
        ids(findAll(storageUnderTest(), FindRequest.of(K, "due").to("2026-05-02"))),
        "records up to 2026-05-02");
    same(required_find_rangeIsInclusive, List.of("r8", "r9"),
        ids(findAll(storageUnderTest(), FindRequest.of(K, "due").from("2026-05-08"))),
        "records from 2026-05-08");
    same(required_find_rangeIsInclusive, List.of("r3", "r4"),
        ids(findAll(storageUnderTest(),
            FindRequest.of(K, "due").from("2026-05-02T").to("2026-05-04"))),
        "records in [2026-05-02T, 2026-05-04], a lower bound between two values");
    same(required_find_rangeIsInclusive, List.of(),
        ids(findAll(storageUnderTest(), FindRequest.of(K, "due").from("2026-05-07")
            .to("2026-05-03"))), "records in an empty range");
  }

  @Test
  void required_find_orderIsCodePointOrderThenId() {
    List<String> shuffled = new ArrayList<>(ORDERED_VALUES);
    Collections.shuffle(shuffled, new Random(11));
    inTx(t -> {
      for (String v : shuffled) {
        int pos = ORDERED_VALUES.indexOf(v);
        t.put(rec(K, "v" + (100 + pos) + "-b", "", idx("word", v)), 0);
        t.put(rec(K, "v" + (100 + pos) + "-a", "", idx("word", v)), 0);
      }
    });
    List<String> expected = new ArrayList<>();
    for (int pos = 0; pos < ORDERED_VALUES.size(); pos++) {
      expected.add("v" + (100 + pos) + "-a");
      expected.add("v" + (100 + pos) + "-b");
    }
    same(required_find_orderIsCodePointOrderThenId, expected,
        ids(findAll(storageUnderTest(), FindRequest.of(K, "word").limit(1000))),
        "ids in (value, id) order, values " + ORDERED_VALUES);
    same(required_find_orderIsCodePointOrderThenId, expected,
        ids(findAll(storageUnderTest(), FindRequest.of(K, "word").limit(3))),
        "ids in (value, id) order, in pages of 3");
    same(required_find_orderIsCodePointOrderThenId, List.of("v117-a", "v117-b", "v118-a",
        "v118-b"), ids(findAll(storageUnderTest(), FindRequest.of(K, "word").from("\uFFFD")
            .to("🍇"))), "ids with values in [U+FFFD, U+1F347]");
  }

  @Test
  void required_find_pagingReturnsEachRecordOnce() {
    inTx(t -> {
      for (int i = 0; i < 250; i++) {
        String id = String.format("r%03d", i);
        t.put(rec(K, id, "", idx("group", i % 3 == 0 ? "same" : "v" + (i % 7))), 0);
      }
    });
    List<StoredRecord> all = findAll(storageUnderTest(), FindRequest.of(K, "group").limit(1000));
    for (int limit : new int[] {1, 2, 7, 83, 249, 250, 251}) {
      List<StoredRecord> paged = findAll(storageUnderTest(), FindRequest.of(K, "group").limit(limit));
      same(required_find_pagingReturnsEachRecordOnce, ids(all), ids(paged),
          "ids found in pages of " + limit);
    }
    same(required_find_pagingReturnsEachRecordOnce, 250, all.size(), "records found");
    Page<StoredRecord> first = tx(t -> t.find(FindRequest.of(K, "group").limit(250)));
    same(required_find_pagingReturnsEachRecordOnce, 250, first.items().size(),
        "a page of exactly all records");
    if (first.nextCursor().isPresent()) {
      Page<StoredRecord> rest = tx(t -> t.find(FindRequest.of(K, "group").limit(250)
          .after(first.nextCursor().get())));
      same(required_find_pagingReturnsEachRecordOnce, List.of(), ids(rest.items()),
          "records after the last one");
    }
    same(required_find_pagingReturnsEachRecordOnce, 250L, ids(all).stream().distinct().count(),
        "distinct ids");
  }

  @Test
  void required_find_pagingIsStableWhileOthersChange() {
    Random random = new Random(42);
    Map<String, Long> churn = new HashMap<>();
    // Records that will change are written first, between the stable ones in value order, so
    // that a store paging by offset loses stable records when they go.
    inTx(t -> {
      for (int i = 0; i < 12; i++) {
        t.put(rec(K, "churn" + i, "", idx("v", String.format("s%02dx", i * 5))), 0);
        churn.put("churn" + i, 1L);
      }
    });
    inTx(t -> {
      for (int i = 0; i < 60; i++) {
        t.put(rec(K, String.format("stable%02d", i), "", idx("v", String.format("s%02d", i))), 0);
      }
    });
    List<String> seen = new ArrayList<>();
    FindRequest request = FindRequest.of(K, "v").from("s").to("s\uFFFF").limit(7);
    FindRequest next = request;
    for (int pages = 0; pages < 1000; pages++) {
      FindRequest current = next;
      Page<StoredRecord> page = tx(t -> t.find(current));
      for (StoredRecord r : page.items()) {
        seen.add(r.id());
      }
      // Between pages, other records come, change their values and go.
      for (int c = 0; c < 5; c++) {
        String id = "churn" + random.nextInt(12);
        String value = String.format("s%02d%s", random.nextInt(60), random.nextBoolean() ? "x"
            : "");
        Long version = churn.get(id);
        if (version == null) {
          write(storageUnderTest(), rec(K, id, "", idx("v", value)), 0);
          churn.put(id, 1L);
        } else if (random.nextInt(3) == 0) {
          inTx(t -> t.delete(K, id, version));
          churn.remove(id);
        } else {
          churn.put(id, write(storageUnderTest(), rec(K, id, "", idx("v", value)), version));
        }
      }
      if (page.nextCursor().isEmpty()) {
        break;
      }
      next = request.after(page.nextCursor().get());
    }
    List<String> stable = new ArrayList<>();
    for (String id : seen) {
      if (id.startsWith("stable")) {
        stable.add(id);
      }
    }
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      expected.add(String.format("stable%02d", i));
    }
    same(required_find_pagingIsStableWhileOthersChange, expected, stable,
        "records that did not change, each once and in order");
  }

  @Test
  void required_find_multiValuedRecordAppearsOnce() {
    inTx(t -> {
      t.put(rec(K, "grower", "", idx("skill", "pruning"), idx("skill", "grafting"),
          idx("skill", "spraying"), idx("skill", "live-streaming")), 0);
      t.put(rec(K, "marketer", "", idx("skill", "live-streaming"), idx("skill", "video")), 0);
      t.put(rec(K, "trainer", "", idx("skill", "pruning")), 0);
    });
    same(required_find_multiValuedRecordAppearsOnce, List.of("grower", "marketer", "trainer"),
        ids(findAll(storageUnderTest(), FindRequest.of(K, "skill").limit(1))),
        "records with skills, in pages of 1 (each at its least value: grafting, live-streaming,"
            + " pruning)");
    same(required_find_multiValuedRecordAppearsOnce, List.of("grower", "trainer", "marketer"),
        ids(findAll(storageUnderTest(), FindRequest.of(K, "skill").from("m").limit(1))),
        "records with a skill from 'm' on (grower and trainer at pruning, marketer at video)");
    same(required_find_multiValuedRecordAppearsOnce, List.of("grower", "trainer"),
        ids(findAll(storageUnderTest(), FindRequest.of(K, "skill").equalTo("pruning"))),
        "records with the skill pruning");
  }

  @Test
  void required_find_otherKindsAndKeysAreIgnored() {
    inTx(t -> {
      t.put(rec(K, "a", "", idx("village", "v1")), 0);
      t.put(rec(K + "_other", "b", "", idx("village", "v1")), 0);
      t.put(rec(K, "c", "", idx("town", "v1")), 0);
      t.put(rec(K, "d", "", idx("villages", "v1")), 0);
      t.put(rec(K, "e", "", idx("villag", "v1")), 0);
    });
    same(required_find_otherKindsAndKeysAreIgnored, List.of("a"),
        ids(findAll(storageUnderTest(), FindRequest.of(K, "village"))),
        "records of kind " + K + " by key village");
    same(required_find_otherKindsAndKeysAreIgnored, List.of("b"),
        ids(findAll(storageUnderTest(), FindRequest.of(K + "_other", "village"))),
        "records of the other kind by key village");
  }

  /**
   * The values the order rule uses, in code-point order; useful for plugin authors debugging a
   * collation.
   *
   * @return the values
   */
  protected static List<String> orderedValues() {
    return ORDERED_VALUES;
  }

}
