package dev.zhuli.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zhuli.spi.storage.StoredRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An H2 file written one commit at a time ({@code WRITE_DELAY} 0) grows by every commit unless
 * something compacts it; the store compacts it while open.
 */
class H2HousekeepingTest {
  private static final int ROWS = 20_000;
  private static final int COMMITS = 1_500;

  @TempDir
  Path folder;

  @Test
  void compactingStopsTheFileGrowingWhileTheLiveDataStaysTheSame() throws Exception {
    // RETENTION_TIME 0: H2 may reuse a freed chunk at once, so the test need not wait 45 s.
    Path file = folder.resolve("grow.mv.db");
    String url = H2.fileUrl(folder.resolve("grow")) + ";WRITE_DELAY=0;RETENTION_TIME=0";
    try (Connection c = DriverManager.getConnection(url)) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        // Many rows and an index, as a store's records and index entries: each commit changes
        // a page here and there, and most pages of a chunk stay live for a long time.
        s.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(200))");
        s.execute("CREATE INDEX t_v ON t (v)");
        s.execute("INSERT INTO t SELECT X, RANDOM_UUID() FROM SYSTEM_RANGE(1, " + ROWS + ")");
      }
      c.commit();
      H2Housekeeping housekeeping = H2Housekeeping.manual(c);

      long start = Files.size(file);
      updateOneRowPerCommit(c, 0, null);
      long unkept = Files.size(file) - start;

      long before = Files.size(file);
      updateOneRowPerCommit(c, 1, housekeeping);
      long kept = Files.size(file) - before;

      // Same rows, same number of commits: without compaction the file grew by every commit
      // (about 16 KiB each); with it, emptied chunks are freed and written over again, and the
      // file may even shrink.
      assertThat(unkept).isGreaterThan(COMMITS * 4096L);
      assertThat(kept).isLessThan(unkept / 5);
    }
  }

  /** Updates one row per commit, and compacts every 50 commits if given housekeeping. */
  private static void updateOneRowPerCommit(Connection c, int round, H2Housekeeping housekeeping)
      throws SQLException {
    Random random = new Random(round);
    try (PreparedStatement ps = c.prepareStatement("UPDATE t SET v = ? WHERE id = ?")) {
      for (int i = 0; i < COMMITS; i++) {
        ps.setString(1, new UUID(random.nextLong(), random.nextLong()).toString());
        ps.setInt(2, 1 + random.nextInt(ROWS));
        ps.executeUpdate();
        c.commit();
        if (housekeeping != null && i % 50 == 49) {
          housekeeping.runOnce();
        }
      }
    }
  }

  @Test
  void aStoreOnAnH2FileCompactsUntilItIsClosed() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL(H2.fileUrl(folder.resolve("store")));
    JdbcStorage store = JdbcStorage.builder(ds).migrateOnOpen(true).build();
    H2Housekeeping housekeeping = store.housekeeping();
    try {
      assertThat(housekeeping).isNotNull();
      assertThat(housekeeping.isScheduled()).isTrue();
      store.transact(t -> t.put(StoredRecord.of("k", "one", new byte[] {1}), 0));
    } finally {
      store.close();
    }
    assertThat(housekeeping.isScheduled()).isFalse();
  }

  @Test
  void anInMemoryH2HasNothingToCompact() {
    Map<String, String> settings = new HashMap<>();
    settings.put("url", "jdbc:h2:mem:housekeeping;DB_CLOSE_DELAY=-1");
    settings.put("migrate", "true");
    try (JdbcStorage store = JdbcStorage.open(settings)) {
      assertThat(store.housekeeping()).isNull();
    }
  }

  @Test
  void manualHousekeepingRefusesADatabaseItCannotReach() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:h2:mem:unreachable")) {
      assertThatThrownBy(() -> H2Housekeeping.manual(c))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("not an H2 file");
    }
  }
}
