package dev.zhuli.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zhuli.spi.storage.ConflictException;
import dev.zhuli.spi.storage.StorageException;
import dev.zhuli.spi.storage.StoredRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * How real database failures reach the caller: a connection the server drops mid-transaction is
 * a {@link StorageException} that keeps nothing, and a deadlock is a {@link ConflictException}.
 */
@ExtendWith(PostgresExtension.class)
class FailuresTest {
  private static PostgresServer server;

  @BeforeAll
  static void server(PostgresServer pg) {
    server = pg;
  }

  private static StoredRecord rec(String id, String body) {
    return StoredRecord.of("fail", id, body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  @Timeout(60)
  void aConnectionLostMidTransactionKeepsNothingAndTheStoreRecovers() {
    String schema = server.newSchema("lost");
    Map<String, String> settings = server.settings(schema, "migrate", "true", "poolSize", "2");
    settings.put("url", settings.get("url") + "&ApplicationName=zhuli-lost-" + schema);
    try (JdbcStorage store = JdbcStorage.open(settings)) {
      assertThatThrownBy(() -> store.transact(t -> {
        t.put(rec("a", "written before the cut"), 0);
        server.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            + " WHERE application_name = 'zhuli-lost-" + schema + "' AND state <> 'idle'");
        return t.get("fail", "a");
      })).isInstanceOf(StorageException.class).hasMessageContaining("SQLSTATE");
      Optional<StoredRecord> kept = store.transact(t -> t.get("fail", "a"));
      assertThat(kept).as("the record of the lost transaction").isEmpty();
      long version = store.transact(t -> t.put(rec("a", "again"), 0));
      assertThat(version).as("the store works again").isEqualTo(1);
    }
  }

  @Test
  @Timeout(60)
  void aDeadlockIsAConflictForOneAndACommitForTheOther() throws Exception {
    try (JdbcStorage store = JdbcStorage.open(server.settings(server.newSchema("deadlock"),
        "migrate", "true", "poolSize", "4"))) {
      store.transact(t -> {
        t.put(rec("x", "x"), 0);
        t.put(rec("y", "y"), 0);
        return null;
      });
      CountDownLatch bothHoldOne = new CountDownLatch(2);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Future<String>> racers = new ArrayList<>();
        for (String[] order : new String[][] {{"x", "y"}, {"y", "x"}}) {
          racers.add(pool.submit(() -> {
            try {
              store.transact(t -> {
                t.put(rec(order[0], "first " + order[0]), 1);
                bothHoldOne.countDown();
                try {
                  assertThat(bothHoldOne.await(20, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
                t.put(rec(order[1], "then " + order[1]), 1);
                return null;
              });
              return "committed";
            } catch (ConflictException e) {
              return "conflict";
            }
          }));
        }
        List<String> outcomes = new ArrayList<>();
        for (Future<String> f : racers) {
          outcomes.add(f.get(40, TimeUnit.SECONDS));
        }
        assertThat(outcomes).containsExactlyInAnyOrder("committed", "conflict");
      } finally {
        pool.shutdownNow();
      }
      assertThat(store.transact(t -> t.get("fail", "x")).orElseThrow().version()).isEqualTo(2);
      assertThat(store.transact(t -> t.get("fail", "y")).orElseThrow().version()).isEqualTo(2);
    }
  }
}
