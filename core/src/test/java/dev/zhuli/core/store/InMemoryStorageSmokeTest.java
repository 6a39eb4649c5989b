package dev.zhuli.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zhuli.spi.storage.ClaimedMessage;
import dev.zhuli.spi.storage.ConflictException;
import dev.zhuli.spi.storage.FindRequest;
import dev.zhuli.spi.storage.IndexEntry;
import dev.zhuli.spi.storage.Outbox;
import dev.zhuli.spi.storage.OutboxMessage;
import dev.zhuli.spi.storage.Page;
import dev.zhuli.spi.storage.StoredRecord;
import dev.zhuli.spi.storage.Storage;
import dev.zhuli.spi.storage.Storages;
import dev.zhuli.spi.storage.Transaction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InMemoryStorageSmokeTest {
  private static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");

  private final InMemoryStorage storage = InMemoryStorage.create();

  @AfterEach
  void close() {
    storage.close();
  }

  @Test
  void putsGetsAndRefusesAStaleVersion() {
    long v1 = storage.transact(tx -> tx.put(record("a", "x", "body"), 0));
    assertThat(v1).isEqualTo(1);

    StoredRecord read = storage.transact(tx -> tx.get("order", "a")).orElseThrow();
    assertThat(read.version()).isEqualTo(1);
    assertThat(new String(read.body(), StandardCharsets.UTF_8)).isEqualTo("body");

    assertThatThrownBy(() -> storage.transact(tx -> tx.put(record("a", "x", "stale"), 0)))
        .isInstanceOf(ConflictException.class);
    long v2 = storage.transact(tx -> tx.put(record("a", "x", "next"), 1));
    assertThat(v2).isEqualTo(2);
    assertThat(storage.capabilities()).isEmpty();
  }

  @Test
  void aSwallowedConflictStillKeepsNothing() {
    storage.transact(tx -> tx.put(record("a", "x", "one"), 0));

    assertThatThrownBy(() -> storage.transact(tx -> {
      tx.put(record("b", "x", "other"), 0);
      try {
        tx.put(record("a", "x", "stale"), 0);
      } catch (ConflictException expected) {
        // swallowed on purpose
      }
      return null;
    })).isInstanceOf(ConflictException.class);

    assertThat(read("b")).isEmpty();
  }

  @Test
  void aThrowingUnitOfWorkKeepsNothingAndTheTransactionEnds() {
    RuntimeException boom = new RuntimeException("boom");
    Transaction[] leaked = new Transaction[1];
    assertThatThrownBy(() -> storage.transact(tx -> {
      leaked[0] = tx;
      tx.put(record("a", "x", "one"), 0);
      throw boom;
    })).isSameAs(boom);

    assertThat(read("a")).isEmpty();
    assertThatThrownBy(() -> leaked[0].get("order", "a"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void findsInCodePointOrderAndSeesOwnWrites() {
    storage.transact(tx -> {
      tx.put(record("smile", "\uD83D\uDE00", "s"), 0);
      tx.put(record("replacement", "\uFFFD", "r"), 0);
      tx.put(record("plain", "z", "p"), 0);
      return null;
    });
    assertThat(ids(storage.transact(tx -> tx.find(FindRequest.of("order", "tag")))))
        .containsExactly("plain", "replacement", "smile");

    List<String> inTx = storage.transact(tx -> {
      tx.put(record("ant", "a", "own"), 0);
      tx.delete("order", "replacement", 1);
      return ids(tx.find(FindRequest.of("order", "tag")));
    });
    assertThat(inTx).containsExactly("ant", "plain", "smile");
  }

  @Test
  void pagesReturnEveryRecordOnceAtItsLeastMatchingValue() {
    storage.transact(tx -> {
      for (int i = 0; i < 25; i++) {
        String id = String.format("r%02d", i);
        tx.put(StoredRecord.of("order", id, new byte[0],
            IndexEntry.of("tag", "v" + (i % 5)), IndexEntry.of("tag", "w")), 0);
      }
      return null;
    });
    FindRequest request = FindRequest.of("order", "tag").from("v2").to("v4").limit(4);
    List<String> seen = new ArrayList<>();
    Page<StoredRecord> page = storage.transact(tx -> tx.find(request));
    seen.addAll(ids(page));
    while (page.nextCursor().isPresent()) {
      String cursor = page.nextCursor().get();
      storage.transact(tx -> tx.put(record("zz" + seen.size(), "v0", "noise"), 0));
      page = storage.transact(tx -> tx.find(request.after(cursor)));
      seen.addAll(ids(page));
    }
    assertThat(seen).hasSize(15).doesNotHaveDuplicates();
    assertThat(seen.subList(0, 5)).containsExactly("r02", "r07", "r12", "r17", "r22");

    assertThatThrownBy(() -> storage.transact(tx -> tx.find(request.after("nonsense"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void claimsAcknowledgesAndFencesStaleTokens() {
    storage.transact(tx -> {
      tx.enqueue(message("m1"));
      return null;
    });
    assertThatThrownBy(() -> storage.transact(tx -> {
      tx.enqueue(message("m1"));
      return null;
    })).isInstanceOf(ConflictException.class);

    Outbox outbox = storage.outbox();
    assertThat(outbox.claim("relay-1", T0.minusSeconds(1), Duration.ofSeconds(30), 10)).isEmpty();
    List<ClaimedMessage> first = outbox.claim("relay-1", T0, Duration.ofSeconds(30), 10);
    assertThat(first).hasSize(1);
    assertThat(first.get(0).attempts()).isEqualTo(1);
    assertThat(outbox.claim("relay-2", T0.plusSeconds(29), Duration.ofSeconds(30), 10)).isEmpty();

    List<ClaimedMessage> second =
        outbox.claim("relay-2", T0.plusSeconds(30), Duration.ofSeconds(30), 10);
    assertThat(second).hasSize(1);
    assertThat(second.get(0).fencingToken()).isGreaterThan(first.get(0).fencingToken());
    assertThat(outbox.acknowledge("m1", first.get(0).fencingToken())).isFalse();
    assertThat(outbox.acknowledge("m1", second.get(0).fencingToken())).isTrue();
    assertThat(outbox.acknowledge("m1", second.get(0).fencingToken())).isFalse();
    assertThat(outbox.claim("relay-1", T0.plusSeconds(3600), Duration.ofSeconds(30), 10))
        .isEmpty();
  }

  @Test
  void buriesListsAndRevivesDeadLetters() {
    storage.transact(tx -> {
      tx.enqueue(message("m2"));
      tx.enqueue(message("m1"));
      return null;
    });
    Outbox outbox = storage.outbox();
    for (ClaimedMessage c : outbox.claim("relay", T0, Duration.ofSeconds(5), 10)) {
      assertThat(outbox.bury(c.message().id(), c.fencingToken(), "gave up")).isTrue();
    }
    Page<?> first = outbox.dead(null, 1);
    assertThat(first.items()).hasSize(1);
    assertThat(outbox.dead(first.nextCursor().orElseThrow(), 1).nextCursor()).isEmpty();

    assertThat(outbox.revive("m1", T0.plusSeconds(60))).isTrue();
    assertThat(outbox.revive("m1", T0.plusSeconds(60))).isFalse();
    ClaimedMessage again = outbox.claim("relay", T0.plusSeconds(60), Duration.ofSeconds(5), 10)
        .get(0);
    assertThat(again.attempts()).isEqualTo(1);
    assertThat(again.lastError()).contains("gave up");
  }

  @Test
  void concurrentIncrementsLoseNoUpdate() throws Exception {
    storage.transact(tx -> tx.put(record("counter", "x", "0"), 0));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 200; i++) {
            while (!increment()) {
              Thread.onSpinWait();
            }
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    StoredRecord counter = storage.transact(tx -> tx.get("order", "counter")).orElseThrow();
    assertThat(new String(counter.body(), StandardCharsets.UTF_8)).isEqualTo("1600");
    assertThat(counter.version()).isEqualTo(1601);
  }

  @Test
  void closesAndIsFoundByName() {
    Storage opened = Storages.named("memory").open(Map.of());
    assertThat(opened).isInstanceOf(InMemoryStorage.class);
    assertThatThrownBy(() -> Storages.named("memory").open(Map.of("url", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("url");
    opened.close();
    opened.close();
    assertThatThrownBy(() -> opened.transact(tx -> null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("storage is closed");
    assertThatThrownBy(() -> opened.outbox().dead(null, 1))
        .isInstanceOf(IllegalStateException.class);
  }

  private Optional<StoredRecord> read(String id) {
    return storage.transact(tx -> tx.get("order", id));
  }

  private boolean increment() {
    try {
      storage.transact(tx -> {
        StoredRecord current = tx.get("order", "counter").orElseThrow();
        int value = Integer.parseInt(new String(current.body(), StandardCharsets.UTF_8));
        return tx.put(record("counter", "x", Integer.toString(value + 1)), current.version());
      });
      return true;
    } catch (ConflictException e) {
      return false;
    }
  }

  private static StoredRecord record(String id, String tag, String body) {
    return StoredRecord.of("order", id, body.getBytes(StandardCharsets.UTF_8), IndexEntry.of("tag", tag));
  }

  private static OutboxMessage message(String id) {
    return OutboxMessage.of(id, "notifier", "order-placed", new byte[] {1, 2}, T0, "order/" + id);
  }

  private static List<String> ids(Page<StoredRecord> page) {
    return page.items().stream().map(StoredRecord::id).collect(Collectors.toList());
  }
}
