package dev.zhuli.bench;

import dev.zhuli.core.Zhuli;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * Zhuli opened on a new, empty database, with a notifier that drops everything; the relay is not
 * started, so commands pay for writing their outbox messages but nothing delivers them.
 *
 * @since 0.1.0
 */
public final class Store implements AutoCloseable {
  private final Zhuli zhuli;
  private final Database.Location location;
  /** The JDBC URL Zhuli's store uses, with its schema; null in memory. */
  private final String url;

  private Store(Zhuli zhuli, Database.Location location, String url) {
    this.zhuli = zhuli;
    this.location = location;
    this.url = url;
  }

  /**
   * Opens Zhuli on a fresh database: the in-memory store, a new H2 file through the JDBC store
   * ({@code jdbc} provider, schema created on open), or a new schema of the PostgreSQL database.
   *
   * @param database which database
   * @return the open store; close it to close Zhuli and delete an H2 file
   */
  public static Store open(Database database) {
    return open(database, UnaryOperator.identity());
  }

  /**
   * Opens Zhuli on a fresh database, as {@link #open(Database)} does, with more settings: a
   * notifier that counts, say, or the relay's numbers.
   *
   * @param database which database
   * @param configure changes the builder after the store and the dropping notifier are set
   * @return the open store; close it to close Zhuli and delete an H2 file
   */
  public static Store open(Database database, UnaryOperator<Zhuli.Builder> configure) {
    if (database == Database.MEMORY) {
      return new Store(configure.apply(Zhuli.builder().notifier(n -> { })).build(), null,
          null);
    }
    Database.Location location = database.fresh("zhuli");
    String url = database == Database.POSTGRESQL
        ? inNewSchema(location, "zhuli_bench_") : location.url();
    Map<String, String> settings = new HashMap<>();
    settings.put("url", url);
    settings.put("migrate", "true");
    if (location.user() != null) {
      settings.put("user", location.user());
    }
    if (location.password() != null) {
      settings.put("password", location.password());
    }
    Zhuli zhuli = configure.apply(Zhuli.builder().storage("jdbc", settings).notifier(n -> { }))
        .build();
    return new Store(zhuli, location, url);
  }

  /**
   * Creates a new schema in the PostgreSQL database and returns a URL whose connections use it,
   * so that every run starts empty and leaves the host's tables alone.
   */
  static String inNewSchema(Database.Location location, String prefix) {
    String schema = prefix + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
    try (Connection c = DriverManager.getConnection(location.url(), location.user(),
        location.password()); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create schema " + schema + ": " + e.getMessage(), e);
    }
    return location.url() + (location.url().contains("?") ? "&" : "?") + "currentSchema="
        + schema;
  }

  /**
   * After a bulk load on PostgreSQL, gathers the planner's statistics, as autovacuum does within
   * a minute of it: queries timed at once would otherwise be planned for empty tables. Does
   * nothing on the other databases, whose plans do not depend on statistics.
   */
  public void analyze() {
    if (url == null || location.folder() != null) {
      return;
    }
    try (Connection c = DriverManager.getConnection(url, location.user(), location.password());
         Statement s = c.createStatement()) {
      // the store's tables in the schema of the URL, not the whole database
      s.execute("ANALYZE zhuli_record, zhuli_index, zhuli_outbox");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot analyze the store's tables: " + e.getMessage(), e);
    }
  }

  /**
   * Zhuli.
   *
   * @return Zhuli
   */
  public Zhuli zhuli() {
    return zhuli;
  }

  @Override
  public void close() {
    zhuli.close();
    if (location != null) {
      location.delete();
    }
  }
}
