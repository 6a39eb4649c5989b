package dev.zhuli.storage.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.zhuli.spi.storage.Capability;
import dev.zhuli.spi.storage.ConflictException;
import dev.zhuli.spi.storage.Outbox;
import dev.zhuli.spi.storage.Storage;
import dev.zhuli.spi.storage.StorageException;
import dev.zhuli.spi.storage.UnitOfWork;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A {@link Storage} in a relational database through JDBC: an embedded H2 file for one office
 * PC, or PostgreSQL when several application instances serve a city or a province.
 *
 * <p>Open it on the host's own {@link DataSource} with {@link #using(DataSource)} or
 * {@link #builder(DataSource)}, or from settings (a JDBC URL, user and password) with
 * {@link #open(Map)}, which makes a small connection pool that the store owns and closes. The
 * tables come from versioned scripts in the jar ({@link #schemaScripts(Dialect)}), run by the
 * host's migration tool or, when asked, by the store itself when it opens.
 *
 * <p>Each {@link #transact(UnitOfWork) unit of work} is one database transaction at READ
 * COMMITTED, on one connection: writes go to the database as they are made (so reads and finds
 * see them), versions are compared by the writes themselves ({@code UPDATE ... WHERE version =
 * ?}), outbox messages are inserted in one batch just before the commit, and anything that fails
 * rolls everything back. Unique-key violations, serialization failures and deadlocks become
 * {@link ConflictException}s; other database failures {@link StorageException}s.
 *
 * <p>The store declares {@link Capability#SHARED}: several handles, in one process or (on
 * PostgreSQL, or H2 in server mode) in several, may use one database at once. It declares
 * {@link Capability#DURABLE} unless the database is an H2 in-memory one.
 *
 * <p>On an H2 file, every commit reaches the file before it returns ({@code WRITE_DELAY} 0), and
 * a daemon thread compacts the file once a second while the store is open, which H2 does not do
 * itself with that setting; {@link #close()} stops it.
 *
 * <p><b>Thread safety.</b> A store may be used by any number of threads at once; each
 * transaction belongs to the thread running its unit of work. Every method of the
 * {@link #outbox() outbox} is its own transaction.
 *
 * @since 0.1.0
 */
public final class JdbcStorage implements Storage {
  /**
   * The schema version this plugin reads and writes; it refuses a database at another version
   * unless asked to migrate an older one.
   *
   * @since 0.1.0
   */
  public static final int SCHEMA_VERSION = Schema.LATEST;

  /** The settings {@link #open(Map)} accepts. */
  private static final Set<String> SETTINGS =
      Set.of("url", "user", "password", "dialect", "migrate", "poolSize");
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final DataSource dataSource;
  private final HikariDataSource ownedPool;
  private final Dialect dialect;
  private final Sql sql;
  private final Set<Capability> capabilities;
  private final JdbcOutbox outbox;
  /** Compaction of an embedded H2 file, or null. */
  private final H2Housekeeping housekeeping;
  private volatile boolean closed;

  private JdbcStorage(DataSource dataSource, HikariDataSource ownedPool, Dialect dialect,
      boolean durable, H2Housekeeping housekeeping) {
    this.dataSource = dataSource;
    this.ownedPool = ownedPool;
    this.housekeeping = housekeeping;
    this.dialect = dialect;
    this.sql = new Sql(dialect);
    this.capabilities = durable
        ? Set.copyOf(EnumSet.of(Capability.DURABLE, Capability.SHARED))
        : Set.of(Capability.SHARED);
    this.outbox = new JdbcOutbox(this);
  }

  /**
   * Opens a store on the host's data source, detecting the dialect, and checking that the schema
   * is at {@link #SCHEMA_VERSION} without changing it. The host keeps the data source and closes
   * it; {@link #close()} does not.
   *
   * @param dataSource the host's data source
   * @return the open store
   * @throws IllegalArgumentException if the data source is null
   * @throws IllegalStateException if the database is not H2 2.x or PostgreSQL 15+, or its schema
   *     is missing or at another version
   * @throws StorageException if the database cannot be reached
   * @since 0.1.0
   */
  public static JdbcStorage using(DataSource dataSource) {
    return builder(dataSource).build();
  }

  /**
   * Starts a store on the host's data source, to be configured before {@link Builder#build()}.
   *
   * @param dataSource the host's data source; the host closes it
   * @return a builder
   * @throws IllegalArgumentException if the data source is null
   * @since 0.1.0
   */
  public static Builder builder(DataSource dataSource) {
    if (dataSource == null) {
      throw new IllegalArgumentException("dataSource must not be null");
    }
    return new Builder(dataSource);
  }

  /**
   * Opens a store from settings, with a connection pool that the store owns and closes. Settings:
   * <ul>
   *   <li>{@code url} (required): a JDBC URL, {@code jdbc:h2:file:/var/lib/zhuli/county} or
   *       {@code jdbc:postgresql://db.example:5432/zhuli}; its driver must be on the class
   *       path;</li>
   *   <li>{@code user}, {@code password}: the database account;</li>
   *   <li>{@code dialect}: {@code h2} or {@code postgresql}, detected when absent;</li>
   *   <li>{@code migrate}: {@code true} to create or migrate the schema on open (default
   *       {@code false}: the schema must already be at {@link #SCHEMA_VERSION});</li>
   *   <li>{@code poolSize}: the most connections the pool opens (default 8).</li>
   * </ul>
   *
   * @param settings the settings; never null
   * @return the open store, owned by the caller, who closes it
   * @throws IllegalArgumentException if a setting is unknown, missing or invalid; the message
   *     names it
   * @throws IllegalStateException if the database or its schema does not fit, as for
   *     {@link #using(DataSource)}
   * @throws StorageException if the database cannot be reached
   * @since 0.1.0
   */
  public static JdbcStorage open(Map<String, String> settings) {
    if (settings == null) {
      throw new IllegalArgumentException("settings must not be null (pass an empty map)");
    }
    TreeSet<String> unknown = new TreeSet<>(settings.keySet());
    unknown.removeAll(SETTINGS);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown settings for storage 'jdbc': " + unknown
          + "; known are " + new TreeSet<>(SETTINGS));
    }
    String url = settings.get("url");
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException(
          "setting 'url' is required: a JDBC URL such as jdbc:h2:file:/var/lib/zhuli/county or"
              + " jdbc:postgresql://localhost:5432/zhuli");
    }
    if (!url.startsWith("jdbc:")) {
      throw new IllegalArgumentException("setting 'url' must be a JDBC URL starting with jdbc:");
    }
    boolean migrate = flag(settings, "migrate");
    int poolSize = number(settings, "poolSize", 8, 1, 1000);
    Dialect named = settings.containsKey("dialect") ? Dialect.named(settings.get("dialect"))
        : null;
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    if (settings.get("user") != null) {
      config.setUsername(settings.get("user"));
    }
    if (settings.get("password") != null) {
      config.setPassword(settings.get("password"));
    }
    config.setMaximumPoolSize(poolSize);
    config.setMinimumIdle(Math.min(2, poolSize));
    config.setAutoCommit(false);
    config.setConnectionTimeout(10_000);
    config.setPoolName("zhuli-jdbc-" + POOLS.incrementAndGet());
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StorageException("cannot open a connection pool on the database of setting 'url'"
          + " (" + e.getClass().getSimpleName() + ")", e);
    }
    try {
      return new Builder(pool).dialect(named).migrateOnOpen(migrate).build(pool);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /**
   * The class-path resources of the schema scripts of a dialect, in the order they run, named as
   * Flyway expects ({@code V1__zhuli_storage.sql}); Liquibase can include them as SQL files.
   *
   * @param dialect the dialect
   * @return the resource names, for example
   *     {@code dev/zhuli/storage/jdbc/schema/postgresql/V1__zhuli_storage.sql}
   * @throws IllegalArgumentException if the dialect is null
   * @since 0.1.0
   */
  public static List<String> schemaScripts(Dialect dialect) {
    if (dialect == null) {
      throw new IllegalArgumentException("dialect must not be null");
    }
    return Schema.scripts(dialect);
  }

  /**
   * The dialect this store speaks.
   *
   * @return the dialect
   * @since 0.1.0
   */
  public Dialect dialect() {
    return dialect;
  }

  /**
   * {@link Capability#SHARED}, and {@link Capability#DURABLE} unless the database is an H2
   * in-memory one.
   *
   * @return an unmodifiable set
   * @since 0.1.0
   */
  @Override
  public Set<Capability> capabilities() {
    return capabilities;
  }

  /**
   * Runs the work in one database transaction, as {@link Storage#transact(UnitOfWork)} describes.
   *
   * @param work the unit of work
   * @param <T> the result type
   * @return what the work returned, after the commit
   * @throws ConflictException if an expected version or a message id conflicted, at a call or at
   *     commit, or the database reported a serialization failure or deadlock
   * @throws StorageException if the database failed; nothing of the transaction is kept
   * @throws IllegalStateException if the store is closed
   * @throws IllegalArgumentException if the work is null
   * @since 0.1.0
   */
  @Override
  public <T> T transact(UnitOfWork<T> work) {
    ensureOpen();
    if (work == null) {
      throw new IllegalArgumentException("work must not be null");
    }
    Connection c = connect(false);
    JdbcTransaction tx = new JdbcTransaction(this, c);
    try {
      T result;
      try {
        result = work.run(tx);
      } finally {
        tx.finish();
      }
      tx.commit();
      return result;
    } catch (RuntimeException | Error e) {
      rollbackQuietly(c, e);
      throw e;
    } finally {
      release(c);
    }
  }

  /**
   * The outbox of this store; every method is one transaction, and throws
   * {@link IllegalStateException} once the store is closed.
   *
   * @return the outbox view
   * @since 0.1.0
   */
  @Override
  public Outbox outbox() {
    return outbox;
  }

  /**
   * Closes the store: later calls throw {@link IllegalStateException}; a transaction still
   * running fails with a {@link StorageException} at its next call or at commit. Closes the pool
   * if {@link #open(Map)} made it; a data source the host gave is left open. Idempotent.
   *
   * @since 0.1.0
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (housekeeping != null) {
      housekeeping.close();
    }
    if (ownedPool != null) {
      ownedPool.close();
    }
  }

  @Override
  public String toString() {
    return "JdbcStorage(" + dialect + (closed ? ", closed" : "") + ")";
  }

  // ---- for the package ------------------------------------------------------------------------

  Sql sql() {
    return sql;
  }

  boolean isClosed() {
    return closed;
  }

  /** The compaction of an embedded H2 file, or null if the store runs none. */
  H2Housekeeping housekeeping() {
    return housekeeping;
  }

  void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("storage is closed");
    }
  }

  /** A connection with auto-commit as asked; a failure to get one is a storage failure. */
  Connection connect(boolean autoCommit) {
    Connection c;
    try {
      c = dataSource.getConnection();
    } catch (SQLException e) {
      throw Errors.failure("getting a database connection", e);
    }
    try {
      if (c.getAutoCommit() != autoCommit) {
        c.setAutoCommit(autoCommit);
      }
      return c;
    } catch (SQLException e) {
      closeQuietly(c);
      throw Errors.failure("preparing a database connection", e);
    }
  }

  /**
   * Gives a connection back. A host's connection goes back in auto-commit, as pools hand them
   * out, after a rollback so that nothing left open can be committed by the switch (after a
   * commit the rollback does nothing); the store's own pool resets connections itself.
   */
  void release(Connection c) {
    try {
      if (ownedPool == null && !c.isClosed() && !c.getAutoCommit()) {
        c.rollback();
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      // The connection is broken; closing it below is all there is left to do.
    }
    closeQuietly(c);
  }

  /** Rolls back a connection that is in a transaction; a failure is kept with the cause. */
  static void rollbackQuietly(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      // Nothing to keep: a connection that cannot close is gone.
    }
  }

  private static boolean flag(Map<String, String> settings, String name) {
    String v = settings.get(name);
    if (v == null) {
      return false;
    }
    if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(v);
    }
    throw new IllegalArgumentException("setting '" + name + "' must be true or false, was '"
        + v + "'");
  }

  private static int number(Map<String, String> settings, String name, int absent, int min,
      int max) {
    String v = settings.get(name);
    if (v == null) {
      return absent;
    }
    try {
      int n = Integer.parseInt(v.strip());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new IllegalArgumentException("setting '" + name + "' must be a number from " + min
        + " to " + max + ", was '" + v + "'");
  }

  /**
   * Configures a {@link JdbcStorage} on the host's data source. Not thread-safe; build once.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final DataSource dataSource;
    private Dialect dialect;
    private boolean migrate;

    private Builder(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    /**
     * Names the dialect instead of detecting it from the connection's metadata.
     *
     * @param dialect the dialect, or null to detect it
     * @return this builder
     * @since 0.1.0
     */
    public Builder dialect(Dialect dialect) {
      this.dialect = dialect;
      return this;
    }

    /**
     * Whether to create the tables, or migrate them to {@link #SCHEMA_VERSION}, when the store
     * opens. Off by default: then the schema must already be there, put in place by the host's
     * migration tool from {@link #schemaScripts(Dialect)}.
     *
     * @param migrate true to create or migrate on open
     * @return this builder
     * @since 0.1.0
     */
    public Builder migrateOnOpen(boolean migrate) {
      this.migrate = migrate;
      return this;
    }

    /**
     * Opens the store: detects or checks the dialect, and checks (or migrates) the schema.
     *
     * @return the open store; closing it leaves the host's data source open
     * @throws IllegalStateException if the database is not H2 2.x or PostgreSQL 15+, or its
     *     schema is missing, older (without migration) or newer than this plugin knows
     * @throws StorageException if the database cannot be reached
     * @since 0.1.0
     */
    public JdbcStorage build() {
      return build(null);
    }

    private JdbcStorage build(HikariDataSource owned) {
      try (Connection c = dataSource.getConnection()) {
        DatabaseMetaData meta = c.getMetaData();
        Dialect d = dialect;
        if (d == null) {
          d = Dialect.detect(meta);
        }
        String url = meta.getURL();
        boolean durable = !(d == Dialect.H2 && url != null && url.startsWith("jdbc:h2:mem:"));
        Schema.prepare(c, d, migrate);
        if (d == Dialect.H2 && durable) {
          H2Durability.ensure(c);
        }
        if (d == Dialect.H2) {
          H2InlineBodies.ensure(c);
        }
        if (!c.getAutoCommit()) {
          c.commit();
        }
        // Last, so that nothing can fail after the housekeeping thread has started.
        H2Housekeeping housekeeping =
            d == Dialect.H2 && durable ? H2Housekeeping.start(c) : null;
        return new JdbcStorage(dataSource, owned, d, durable, housekeeping);
      } catch (SQLException e) {
        throw Errors.failure("opening the store (dialect and schema check)", e);
      }
    }
  }
}
