package dev.zhuli.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where a benchmark keeps its data: the in-memory store, a fresh H2 file, or the PostgreSQL
 * database named by the system properties {@code zhuli.bench.pg.url}, {@code .user} and
 * {@code .password}.
 *
 * @since 0.1.0
 */
public enum Database {
  /** Zhuli's in-memory store; the raw-JDBC floor has no counterpart. */
  MEMORY,
  /** An H2 file database in a new temporary folder, writing each commit before it returns. */
  H2,
  /** The PostgreSQL database of {@code zhuli.bench.pg.url}. */
  POSTGRESQL;

  /** System property holding the PostgreSQL JDBC URL. */
  public static final String PG_URL = "zhuli.bench.pg.url";
  /** System property holding the PostgreSQL user. */
  public static final String PG_USER = "zhuli.bench.pg.user";
  /** System property holding the PostgreSQL password. */
  public static final String PG_PASSWORD = "zhuli.bench.pg.password";

  /**
   * A JDBC URL for a new, empty database of this kind.
   *
   * @param name a name for the H2 file
   * @return the URL and the folder to delete afterwards (null for PostgreSQL)
   */
  Location fresh(String name) {
    switch (this) {
      case H2:
        try {
          Path dir = Files.createTempDirectory("zhuli-bench-");
          // WRITE_DELAY=0: every commit reaches the file before it returns, as the JDBC store
          // sets for itself, so that the floor and Zhuli pay the same durability.
          return new Location("jdbc:h2:file:" + dir.resolve(name) + ";WRITE_DELAY=0", dir);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      case POSTGRESQL:
        String url = System.getProperty(PG_URL);
        if (url == null || url.isBlank()) {
          throw new IllegalStateException("set -D" + PG_URL + " to benchmark PostgreSQL");
        }
        return new Location(url, null);
      default:
        throw new IllegalStateException(this + " has no JDBC URL");
    }
  }

  /** A database's URL and its temporary folder, if any. */
  record Location(String url, Path folder) {
    String user() {
      return folder == null ? System.getProperty(PG_USER) : null;
    }

    String password() {
      return folder == null ? System.getProperty(PG_PASSWORD) : null;
    }

    /**
     * A connection pool on this database, with the JDBC store's pool size, as the baselines use.
     *
     * @param url the URL (this one, or one naming a schema of it)
     * @param name the pool's name
     * @param autoCommit whether connections start in auto-commit
     * @return the pool; close it
     */
    HikariDataSource pool(String url, String name, boolean autoCommit) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(url);
      if (user() != null) {
        config.setUsername(user());
      }
      if (password() != null) {
        config.setPassword(password());
      }
      config.setMaximumPoolSize(8);
      config.setMinimumIdle(2);
      config.setAutoCommit(autoCommit);
      config.setPoolName(name);
      return new HikariDataSource(config);
    }

    void delete() {
      if (folder != null) {
        deleteTree(folder);
      }
    }
  }

  /**
   * Deletes a folder and everything in it, as far as it can.
   *
   * @param folder the folder
   * @throws UncheckedIOException if the folder cannot be listed
   */
  static void deleteTree(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
