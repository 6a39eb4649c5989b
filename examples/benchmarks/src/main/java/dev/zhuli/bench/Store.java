package dev.zhuli.bench;

import dev.zhuli.core.Zhuli;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Zhuli opened on a new, empty database, with a notifier that drops everything; the relay is not
 * started, so commands pay for writing their outbox messages but nothing delivers them.
 *
 * @since 0.1.0
 */
public final class Store implements AutoCloseable {
  /**
   * The system property naming a folder where forks of one run share their fixtures
   * ({@link #openFixture}); the runner sets it and deletes the folder when it ends.
   */
  public static final String FIXTURES = "zhuli.bench.fixtures";
  private static final String NAME = "zhuli";
  private static final String DB_SUFFIX = ".mv.db";

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
    return openOn(database, database.fresh(NAME), configure);
  }

  private static Store openOn(Database database, Database.Location location,
      UnaryOperator<Zhuli.Builder> configure) {
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
   * A store with a world stored in it, and the world.
   *
   * @param store the store
   * @param world the world, for example a {@link Village}
   * @param <T> the world's type
   */
  public record Fixture<T>(Store store, T world) {}

  /**
   * Opens Zhuli on a fresh database holding what {@code build} stores. The runner lets the
   * benchmarks it forks share that work ({@value #FIXTURES}, a folder): on H2, the first fork to
   * need a fixture builds it, closes its database and keeps a copy of the file with the world's
   * ids, and later forks that need the same fixture measure on a copy of that file. Storing
   * thousands of orders takes an H2 file most of a minute, and two growth benchmarks and four
   * queries store the same ones. Without the folder, and on the other databases, every fork
   * builds its own. A kept file is compacted first (H2's {@code SHUTDOWN COMPACT}), so every fork
   * starts from live pages only, the state the store's housekeeping works towards.
   *
   * @param database which database
   * @param name the fixture's name, the same for the same content
   * @param build stores the world and returns the handles to it
   * @param describe the world's ids as text
   * @param reopen the world from its ids, on a Zhuli whose database holds it
   * @param <T> the world's type
   * @return the store and the world
   */
  public static <T> Fixture<T> openFixture(Database database, String name,
      Function<Zhuli, T> build, Function<T, Properties> describe,
      BiFunction<Zhuli, Properties, T> reopen) {
    String folder = System.getProperty(FIXTURES);
    if (database != Database.H2 || folder == null) {
      Store store = open(database);
      return new Fixture<>(store, build.apply(store.zhuli()));
    }
    Path file = Path.of(folder, name + DB_SUFFIX);
    Path ids = Path.of(folder, name + ".properties");
    try {
      if (!Files.exists(ids)) {
        keep(database, name, build, describe, file, ids);
      }
      Properties described = new Properties();
      try (Reader in = Files.newBufferedReader(ids)) {
        described.load(in);
      }
      Database.Location location = database.fresh(NAME);
      Store store = null;
      try {
        Files.copy(file, location.folder().resolve(NAME + DB_SUFFIX));
        store = openOn(database, location, UnaryOperator.identity());
        return new Fixture<>(store, reopen.apply(store.zhuli(), described));
      } catch (RuntimeException | IOException e) {
        if (store != null) {
          store.close();
        } else {
          location.delete();
        }
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep or copy fixture " + name + " in " + folder, e);
    }
  }

  /** Builds a fixture on a fresh H2 file, compacts it and keeps it, with the world's ids. */
  private static <T> void keep(Database database, String name, Function<Zhuli, T> build,
      Function<T, Properties> describe, Path file, Path ids) throws IOException {
    Store built = open(database);
    try {
      Properties described = describe.apply(build.apply(built.zhuli()));
      // closing the store closes H2's database with its last connection: the file is whole;
      // then H2 rewrites it with live pages only, as the store's housekeeping tends to, so
      // that forks copy megabytes rather than the hundreds that storing left behind
      built.zhuli().close();
      try (Connection c = DriverManager.getConnection(built.location.url());
           Statement s = c.createStatement()) {
        s.execute("SHUTDOWN COMPACT");
      } catch (SQLException e) {
        throw new IllegalStateException("cannot compact fixture " + name + ": "
            + e.getMessage(), e);
      }
      Path folder = file.getParent();
      Path copy = Files.createTempFile(folder, name, ".db.tmp");
      Files.copy(built.location.folder().resolve(NAME + DB_SUFFIX), copy,
          StandardCopyOption.REPLACE_EXISTING);
      Files.move(copy, file, StandardCopyOption.REPLACE_EXISTING);
      Path written = Files.createTempFile(folder, name, ".properties.tmp");
      try (Writer out = Files.newBufferedWriter(written)) {
        described.store(out, name);
      }
      Files.move(written, ids, StandardCopyOption.REPLACE_EXISTING); // last: the fixture is ready
    } finally {
      built.close(); // closing Zhuli again does nothing; the folder goes
    }
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
