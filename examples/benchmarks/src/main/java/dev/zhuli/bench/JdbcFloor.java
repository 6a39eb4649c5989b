package dev.zhuli.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The raw-JDBC floor of the order lifecycle on the same kind of database, through the same
 * connection pool settings as the JDBC store: insert the order row; then for accept, resolve and
 * rate one {@code UPDATE … SET status=?, version=version+1 WHERE id=? AND version=?} plus one
 * outbox {@code INSERT}; each step its own transaction. No domain rules, no access checks, no
 * indexes beyond the primary keys: what any store of the lifecycle must at least pay.
 *
 * @since 0.1.0
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class JdbcFloor {
  private static final byte[] PAYLOAD = ("{\"order\":\"%s\",\"transition\":\"%s\","
      + "\"to\":\"member\",\"text\":\"蜂蜜產品如何網上銷售\"}").getBytes(StandardCharsets.UTF_8);
  private static final String[] STEPS = {"ACCEPTED", "RESOLVED", "CLOSED"};

  /** The database: H2 or POSTGRESQL. */
  @Param({"H2"})
  public Database database;

  private Database.Location location;
  private HikariDataSource pool;
  private final AtomicLong numbers = new AtomicLong();

  /** Creates the two tables in a fresh database and opens the pool. */
  @Setup(Level.Trial)
  public void open() throws SQLException {
    location = database.fresh("floor");
    pool = location.pool(database == Database.POSTGRESQL
        ? Store.inNewSchema(location, "zhuli_floor_") : location.url(), "zhuli-floor", false);
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE floor_order (id VARCHAR(128) NOT NULL PRIMARY KEY,"
          + " village VARCHAR(128) NOT NULL, squad VARCHAR(128) NOT NULL,"
          + " title VARCHAR(200) NOT NULL, status VARCHAR(16) NOT NULL, version BIGINT NOT NULL)");
      s.execute("CREATE TABLE floor_outbox (id VARCHAR(128) NOT NULL PRIMARY KEY,"
          + " destination VARCHAR(64) NOT NULL, type VARCHAR(64) NOT NULL,"
          + " payload " + (database == Database.POSTGRESQL ? "BYTEA" : "BLOB") + " NOT NULL,"
          + " aggregate_key VARCHAR(256) NOT NULL)");
      c.commit();
    }
  }

  /** Closes the pool and deletes the database. */
  @TearDown(Level.Trial)
  public void close() {
    pool.close();
    location.delete();
  }

  /**
   * One lifecycle: four transactions.
   *
   * @return the order's id
   * @throws SQLException if the database fails
   */
  @Benchmark
  public String lifecycle() throws SQLException {
    String id = "order-" + numbers.incrementAndGet();
    try (Connection c = pool.getConnection();
         PreparedStatement ps = c.prepareStatement("INSERT INTO floor_order"
             + " (id, village, squad, title, status, version) VALUES (?, ?, ?, ?, ?, 0)")) {
      ps.setString(1, id);
      ps.setString(2, "village-1");
      ps.setString(3, "squad-1");
      ps.setString(4, "蜂蜜產品如何網上銷售");
      ps.setString(5, "DISPATCHED");
      ps.executeUpdate();
      c.commit();
    }
    for (int version = 0; version < STEPS.length; version++) {
      step(id, version, STEPS[version]);
    }
    return id;
  }

  private void step(String id, long version, String status) throws SQLException {
    try (Connection c = pool.getConnection();
         PreparedStatement update = c.prepareStatement(
             "UPDATE floor_order SET status = ?, version = version + 1 WHERE id = ? AND version = ?");
         PreparedStatement outbox = c.prepareStatement("INSERT INTO floor_outbox"
             + " (id, destination, type, payload, aggregate_key) VALUES (?, ?, ?, ?, ?)")) {
      update.setString(1, status);
      update.setString(2, id);
      update.setLong(3, version);
      if (update.executeUpdate() != 1) {
        c.rollback();
        throw new IllegalStateException("order " + id + " is not at version " + version);
      }
      outbox.setString(1, id + "-" + version);
      outbox.setString(2, "notifier");
      outbox.setString(3, "order." + status.toLowerCase(java.util.Locale.ROOT));
      outbox.setBytes(4, PAYLOAD);
      outbox.setString(5, id);
      outbox.executeUpdate();
      c.commit();
    }
  }
}
