package dev.zhuli.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zhuli.spi.storage.ClaimedMessage;
import dev.zhuli.spi.storage.FindRequest;
import dev.zhuli.spi.storage.Page;
import dev.zhuli.spi.storage.StoredRecord;
import dev.zhuli.spi.storage.Storage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crashes: a child JVM ({@link CrashChild}) runs commands against an H2 file, and against
 * PostgreSQL with {@code fsync=on}, and is killed with SIGKILL after a random number of them, ten
 * times each. After each kill the store is opened again and must hold every command the child
 * reported committed, no part of any other, and the notification of every command it holds. On
 * PostgreSQL, three of the ten kills also crash the server itself (an immediate stop, then
 * recovery from its write-ahead log).
 */
@ExtendWith(PostgresExtension.class)
class CrashTest {
  private static final int ROUNDS = 10;
  private static final long SEED = Long.getLong("zhuli.crash.seed", 20261128L);
  private static PostgresServer server;

  @TempDir
  Path folder;

  @BeforeAll
  static void server(PostgresServer pg) {
    server = pg;
  }

  @Test
  @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void h2FileKeepsEveryReportedCommitThroughKills() throws Exception {
    Map<String, String> settings = Map.of("url", H2.fileUrl(folder.resolve("crash")),
        "migrate", "true", "poolSize", "2");
    survive(settings, false);
  }

  @Test
  @Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void postgresKeepsEveryReportedCommitThroughKills() throws Exception {
    boolean owned = server.owned();
    if (owned) {
      server.execute("ALTER SYSTEM SET fsync = on", "ALTER SYSTEM SET synchronous_commit = on",
          "ALTER SYSTEM SET full_page_writes = on", "SELECT pg_reload_conf()");
      assertThat(server.awaitSetting("fsync", "on")).as("fsync after reload").isEqualTo("on");
    }
    try {
      Map<String, String> settings = server.settings(server.newSchema("crash"), "migrate",
          "true", "poolSize", "2");
      survive(settings, owned);
    } finally {
      if (owned) {
        server.execute("ALTER SYSTEM RESET ALL", "SELECT pg_reload_conf()");
      }
    }
  }

  private void survive(Map<String, String> settings, boolean crashServer) throws Exception {
    Random random = new Random(SEED);
    TreeSet<Integer> reported = new TreeSet<>();
    int next = 1;
    int kills = 0;
    int serverCrashes = 0;
    for (int round = 1; round <= ROUNDS; round++) {
      int commits = 1 + random.nextInt(40);
      reported.addAll(runAndKill(settings, next, commits));
      kills++;
      if (crashServer && round % 3 == 0) {
        server.crashAndRestart();
        serverCrashes++;
      }
      try (Storage store = JdbcStorage.open(settings)) {
        next = check(store, reported, round) + 1;
      }
    }
    assertThat(kills).isEqualTo(ROUNDS);
    assertThat(reported).as("commands reported committed").hasSizeGreaterThan(ROUNDS);
    System.out.printf("crashes (%s): %d kills of the child, %d server crashes, %d commands"
        + " reported committed, all kept; %d commands kept in all%n", settings.get("url")
        .startsWith("jdbc:h2") ? "H2" : "PostgreSQL", kills, serverCrashes, reported.size(),
        next - 1);
  }

  /** Starts a child, waits for its n-th reported commit, kills it; returns what it reported. */
  private List<Integer> runAndKill(Map<String, String> settings, int first, int n)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
        CrashChild.class.getName(), Integer.toString(first)));
    settings.forEach((k, v) -> command.add(k + "=" + v));
    Process child = new ProcessBuilder(command)
        .redirectError(folder.resolve("child-" + first + ".err").toFile()).start();
    List<Integer> committed = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while (committed.size() < n && (line = out.readLine()) != null) {
        if (line.startsWith("committed ")) {
          committed.add(Integer.parseInt(line.substring("committed ".length())));
        }
      }
      // Killing closes the pipe: commits reported after the n-th go unread, so they count as
      // unreported, and the check only asks that each be kept whole or not at all.
      child.destroyForcibly();
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child ended").isTrue();
    }
    assertThat(committed).as("commits the child reported (see %s)", folder).hasSizeGreaterThan(0);
    return committed;
  }

  /** Checks the store after a kill; returns the greatest command number it holds. */
  private int check(Storage store, TreeSet<Integer> reported, int round) {
    List<StoredRecord> records = new ArrayList<>();
    FindRequest request = FindRequest.of(CrashChild.KIND, "n").limit(500);
    FindRequest next = request;
    while (true) {
      FindRequest current = next;
      Page<StoredRecord> page = store.transact(t -> t.find(current));
      records.addAll(page.items());
      if (page.nextCursor().isEmpty()) {
        break;
      }
      next = request.after(page.nextCursor().get());
    }
    TreeSet<Integer> present = new TreeSet<>();
    for (StoredRecord r : records) {
      int n = Integer.parseInt(r.id().substring(2));
      present.add(n);
      assertThat(r).as("record of command %d, round %d", n, round)
          .isEqualTo(CrashChild.record(n).withVersion(1));
    }
    assertThat(present).as("round %d: every reported commit is kept", round)
        .containsAll(reported);
    Optional<StoredRecord> ledger = store.transact(t -> t.get(CrashChild.KIND,
        CrashChild.LEDGER));
    assertThat(ledger.map(StoredRecord::version).orElse(0L))
        .as("round %d: the ledger moved once per kept command", round)
        .isEqualTo(present.size());
    if (!present.isEmpty()) {
      assertThat(new String(ledger.orElseThrow().body(), StandardCharsets.UTF_8))
          .as("round %d: the ledger names the last kept command", round)
          .isEqualTo(Integer.toString(present.last()));
    }
    TreeSet<Integer> notified = new TreeSet<>();
    Instant now = Instant.parse("2030-01-01T00:00:00Z").plus(Duration.ofDays(round));
    while (true) {
      List<ClaimedMessage> claimed = store.outbox().claim("checker", now,
          Duration.ofSeconds(1), 1000);
      if (claimed.isEmpty()) {
        break;
      }
      for (ClaimedMessage c : claimed) {
        int n = Integer.parseInt(c.message().id().substring(4));
        assertThat(c.message()).isEqualTo(CrashChild.message(n));
        notified.add(n);
      }
    }
    assertThat(notified).as("round %d: the notification of every kept command, no other",
        round).isEqualTo(present);
    return present.isEmpty() ? 0 : present.last();
  }
}
