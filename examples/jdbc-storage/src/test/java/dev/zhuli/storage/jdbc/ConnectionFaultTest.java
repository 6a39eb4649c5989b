package dev.zhuli.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.zhuli.spi.storage.ClaimedMessage;
import dev.zhuli.spi.storage.ConflictException;
import dev.zhuli.spi.storage.FindRequest;
import dev.zhuli.spi.storage.IndexEntry;
import dev.zhuli.spi.storage.OutboxMessage;
import dev.zhuli.spi.storage.Page;
import dev.zhuli.spi.storage.StorageException;
import dev.zhuli.spi.storage.StoredRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connection faults: a store on a {@link FaultyDataSource} runs a random history of
 * transactions (puts, deletes, enqueues, some with stale versions) and outbox calls, while
 * connections fail at random on connect, on statements and on commit. After every step a clean
 * handle on the same database must show exactly what a model predicts: each step took effect
 * completely or not at all, as its outcome said.
 */
@ExtendWith(PostgresExtension.class)
class ConnectionFaultTest {
  private static final int STEPS = 400;
  private static final double FAULT_PROBABILITY = 0.04;
  private static final String KIND = "fault";
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static PostgresServer server;

  @TempDir
  Path folder;

  @BeforeAll
  static void server(PostgresServer pg) {
    server = pg;
  }

  @Test
  @Timeout(120)
  void h2StepsTakeEffectWhollyOrNotAtAll() {
    String url = H2.fileUrl(folder.resolve("faults"));
    try (JdbcStorage clean = JdbcStorage.open(Map.of("url", url, "migrate", "true"))) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(url);
      config.setMaximumPoolSize(2);
      try (HikariDataSource pool = new HikariDataSource(config)) {
        history(clean, pool, 11);
      }
    }
  }

  @Test
  @Timeout(120)
  void postgresStepsTakeEffectWhollyOrNotAtAll() {
    Map<String, String> settings = server.settings(server.newSchema("faults"), "migrate",
        "true");
    try (JdbcStorage clean = JdbcStorage.open(settings)) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(settings.get("url"));
      config.setUsername(settings.get("user"));
      config.setMaximumPoolSize(2);
      try (HikariDataSource pool = new HikariDataSource(config)) {
        history(clean, pool, 12);
      }
    }
  }

  private void history(JdbcStorage clean, HikariDataSource pool, long seed) {
    FaultyDataSource faulty = new FaultyDataSource(pool, seed, FAULT_PROBABILITY);
    faulty.enabled(false);
    JdbcStorage store = JdbcStorage.using(faulty);
    faulty.enabled(true);
    Model model = new Model();
    Random random = new Random(seed);
    int committed = 0;
    int conflicts = 0;
    int failed = 0;
    for (int step = 0; step < STEPS; step++) {
      String outcome = random.nextInt(4) == 0 ? outboxStep(store, model, random, step)
          : writeStep(store, model, random, step);
      switch (outcome) {
        case "ok" -> committed++;
        case "conflict" -> conflicts++;
        default -> failed++;
      }
      assertThat(records(clean)).as("records after step %d (%s)", step, outcome)
          .isEqualTo(model.records);
    }
    // Every message still in the outbox, and no other: claim them all through the clean handle.
    TreeSet<String> left = new TreeSet<>();
    Instant later = T0.plus(Duration.ofDays(365));
    for (List<ClaimedMessage> batch = clean.outbox().claim("check", later, Duration.ofDays(1),
        1000); !batch.isEmpty(); batch = clean.outbox().claim("check", later,
        Duration.ofDays(1), 1000)) {
      batch.forEach(c -> left.add(c.message().id()));
    }
    TreeSet<String> certain = new TreeSet<>();
    model.messages.forEach((id, inDoubt) -> {
      if (!inDoubt) {
        certain.add(id);
      }
    });
    assertThat(left).as("messages in the outbox").containsAll(certain)
        .isSubsetOf(model.messages.keySet());
    assertThat(faulty.onConnect.get()).as("faults on connect").isPositive();
    assertThat(faulty.onExecute.get()).as("faults on statements").isPositive();
    assertThat(faulty.onCommit.get()).as("faults on commit").isPositive();
    assertThat(committed).as("steps that committed").isGreaterThan(STEPS / 3);
    assertThat(failed).as("steps that failed").isPositive();
    System.out.printf("connection faults (%s): %d steps, %d committed, %d conflicts,"
        + " %d failed; faults injected: %d on connect, %d on statements, %d on commit%n",
        store.dialect(), STEPS, committed, conflicts, failed, faulty.onConnect.get(),
        faulty.onExecute.get(), faulty.onCommit.get());
  }

  /** One transaction of one to three writes and maybe an enqueue; some expect stale versions. */
  private static String writeStep(JdbcStorage store, Model model, Random random, int step) {
    TreeMap<String, String> scratch = new TreeMap<>(model.records);
    boolean conflict = false;
    List<Object[]> writes = new ArrayList<>();
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      String id = "r" + random.nextInt(6);
      long current = Model.version(scratch.get(id));
      boolean delete = current > 0 && random.nextInt(5) == 0;
      long expected = random.nextInt(8) == 0 ? current + 1 : current;
      if (delete && expected == 0) {
        expected = 1;
      }
      String value = "v" + random.nextInt(4) + (random.nextBoolean() ? "中" : "");
      String body = "step " + step + " write " + i;
      writes.add(new Object[] {id, expected, delete, body, value});
      if (expected != current || (delete && current == 0)) {
        conflict = true;
      } else if (delete) {
        scratch.remove(id);
      } else {
        scratch.put(id, Model.describe(current + 1, body, value));
      }
    }
    String messageId = random.nextBoolean() ? "m" + step : null;
    try {
      store.transact(t -> {
        for (Object[] w : writes) {
          String id = (String) w[0];
          long expected = (Long) w[1];
          if ((Boolean) w[2]) {
            t.delete(KIND, id, expected);
          } else {
            t.put(StoredRecord.of(KIND, id, ((String) w[3]).getBytes(StandardCharsets.UTF_8),
                IndexEntry.of("all", ""), IndexEntry.of("v", (String) w[4])), expected);
          }
        }
        if (messageId != null) {
          t.enqueue(OutboxMessage.of(messageId, "notifier", "fault.step",
              messageId.getBytes(StandardCharsets.UTF_8), T0, "fault/" + messageId));
        }
        return null;
      });
      assertThat(conflict).as("step %d committed though the model predicts a conflict", step)
          .isFalse();
      model.records.clear();
      model.records.putAll(scratch);
      if (messageId != null) {
        model.messages.put(messageId, false);
      }
      return "ok";
    } catch (ConflictException e) {
      assertThat(conflict).as("step %d conflicted though the model predicts none: %s", step,
          e.getMessage()).isTrue();
      return "conflict";
    } catch (StorageException e) {
      return "failed";
    }
  }

  /** A claim of everything due, then acknowledging some of what was claimed. */
  private static String outboxStep(JdbcStorage store, Model model, Random random, int step) {
    Instant now = T0.plusSeconds(step * 100L);
    List<ClaimedMessage> claimed;
    try {
      claimed = store.outbox().claim("relay", now, Duration.ofSeconds(50), 1000);
    } catch (StorageException e) {
      return "failed";
    }
    String outcome = "ok";
    for (ClaimedMessage c : claimed) {
      assertThat(model.messages).containsKey(c.message().id());
      if (random.nextBoolean()) {
        try {
          assertThat(store.outbox().acknowledge(c.message().id(), c.fencingToken()))
              .as("acknowledge of a fresh claim").isTrue();
          model.messages.remove(c.message().id());
        } catch (StorageException e) {
          // An acknowledgement is one auto-committed statement: if the fault struck after it
          // ran, it took effect and only its answer was lost. It is in doubt, as any commit
          // whose answer is lost; the check at the end accepts either.
          model.messages.put(c.message().id(), true);
          outcome = "failed";
        }
      }
    }
    return outcome;
  }

  private static TreeMap<String, String> records(JdbcStorage clean) {
    TreeMap<String, String> out = new TreeMap<>();
    FindRequest request = FindRequest.of(KIND, "all").limit(100);
    Page<StoredRecord> page = clean.transact(t -> t.find(request));
    for (StoredRecord r : page.items()) {
      out.put(r.id(), Model.describe(r.version(), new String(r.body(), StandardCharsets.UTF_8),
          r.indexValues("v").get(0)));
    }
    return out;
  }

  /**
   * What the store should hold: records by id, and the ids of messages not acknowledged, each
   * with whether an acknowledgement of it is in doubt.
   */
  private static final class Model {
    final TreeMap<String, String> records = new TreeMap<>();
    final TreeMap<String, Boolean> messages = new TreeMap<>();

    static String describe(long version, String body, String value) {
      return version + "|" + body + "|" + value;
    }

    static long version(String described) {
      return described == null ? 0 : Long.parseLong(described.substring(0,
          described.indexOf('|')));
    }
  }
}
