package dev.zhuli.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zhuli.spi.storage.ClaimedMessage;
import dev.zhuli.spi.storage.DeadLetter;
import dev.zhuli.spi.storage.FindRequest;
import dev.zhuli.spi.storage.IndexEntry;
import dev.zhuli.spi.storage.OutboxMessage;
import dev.zhuli.spi.storage.Page;
import dev.zhuli.spi.storage.StoredRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A county outgrows its H2 file: everything it holds moves to PostgreSQL, proven by summaries. */
@ExtendWith(PostgresExtension.class)
class StorageCopyTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00.123456789Z");
  private static PostgresServer server;

  @TempDir
  Path folder;

  @BeforeAll
  static void server(PostgresServer pg) {
    server = pg;
  }

  @Test
  void anH2CountyMovesToPostgresWithVersionsAndOutboxIntact() {
    try (JdbcStorage h2 = JdbcStorage.open(Map.of("url", H2.fileUrl(folder.resolve("county")),
             "migrate", "true"));
         JdbcStorage pg = JdbcStorage.open(server.settings(server.newSchema("copy"), "migrate",
             "true"))) {
      Random random = new Random(5);
      for (int batch = 0; batch < 12; batch++) {
        int b = batch;
        h2.transact(t -> {
          for (int i = 0; i < 100; i++) {
            String id = String.format("r%02d-%03d", b, i);
            byte[] body = new byte[random.nextInt(2000)];
            random.nextBytes(body);
            t.put(StoredRecord.of("order", id, body, IndexEntry.of("village", "村" + (i % 7)),
                IndexEntry.of("skill", "🍇" + (i % 3)), IndexEntry.of("skill", "修剪")), 0);
            t.enqueue(OutboxMessage.of("m-" + id, "notifier", "order.placed",
                id.getBytes(StandardCharsets.UTF_8), T0.plusSeconds(i), "order/" + id));
          }
          return null;
        });
      }
      // Some records move on several versions; some messages are claimed, rescheduled, buried.
      for (int v = 1; v <= 4; v++) {
        long expected = v;
        h2.transact(t -> t.put(StoredRecord.of("order", "r00-000", new byte[] {(byte) expected},
            IndexEntry.of("village", "北順村")), expected));
      }
      h2.transact(t -> {
        t.delete("order", "r00-001", 1);
        return null;
      });
      List<ClaimedMessage> claimed = h2.outbox().claim("relay", T0.plusSeconds(5),
          Duration.ofMinutes(5), 20);
      for (int i = 0; i < claimed.size(); i++) {
        ClaimedMessage c = claimed.get(i);
        if (i % 3 == 0) {
          h2.outbox().bury(c.message().id(), c.fencingToken(), "收件人不存在");
        } else if (i % 3 == 1) {
          h2.outbox().reschedule(c.message().id(), c.fencingToken(), T0.plusSeconds(600),
              "timeout");
        }
      }

      StorageCopy.Summary source = StorageCopy.summarize(h2);
      StorageCopy.Summary copied = StorageCopy.copy(h2, pg);
      assertThat(copied).isEqualTo(source);
      assertThat(copied.records()).isEqualTo(1199);
      assertThat(copied.indexEntries()).isEqualTo(1198 * 3 + 1);
      assertThat(copied.messages()).isEqualTo(1200);
      assertThat(copied.deadLetters()).isEqualTo(7);
      assertThat(StorageCopy.summarize(pg)).isEqualTo(source);

      // The target works as the source did: versions go on, finds agree, the outbox is whole.
      StoredRecord moved = pg.transact(t -> t.get("order", "r00-000")).orElseThrow();
      assertThat(moved.version()).isEqualTo(5);
      long next = pg.transact(t -> t.put(moved, 5));
      assertThat(next).isEqualTo(6);
      FindRequest bySkill = FindRequest.of("order", "skill").from("🍇1").limit(250);
      assertThat(ids(pg.transact(t -> t.find(bySkill)))).isEqualTo(
          ids(h2.transact(t -> t.find(bySkill))));
      List<DeadLetter> dead = pg.outbox().dead(null, 100).items();
      assertThat(dead).isEqualTo(h2.outbox().dead(null, 100).items());
      List<ClaimedMessage> live = new java.util.ArrayList<>();
      for (int i = 0; i < 2; i++) {
        live.addAll(pg.outbox().claim("relay", T0.plusSeconds(3600), Duration.ofMinutes(1),
            1000));
      }
      assertThat(live).hasSize(1200 - 7);
      assertThat(live).filteredOn(c -> c.message().id().equals(claimed.get(1).message().id()))
          .singleElement().satisfies(c -> {
            assertThat(c.attempts()).isEqualTo(2);
            assertThat(c.lastError()).contains("timeout");
            assertThat(c.message().dueAt()).isEqualTo(T0.plusSeconds(600));
          });

      assertThatThrownBy(() -> StorageCopy.copy(h2, pg))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("not empty");
    }
  }

  private static List<String> ids(Page<StoredRecord> page) {
    return page.items().stream().map(StoredRecord::id).collect(Collectors.toList());
  }
}
