package dev.zhuli.storage.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The versioned schema scripts in the jar, and the check (or migration) {@link JdbcStorage} does
 * when it opens: it reads the version from {@code zhuli_schema_version}, refuses a version it does
 * not know, and, only when asked to, runs the scripts the database has not had yet.
 */
final class Schema {
  /** The schema version this plugin writes and reads. */
  static final int LATEST = 1;
  /** The scripts, by version (index 0 is version 1), named as Flyway expects. */
  private static final List<String> SCRIPTS = List.of("V1__zhuli_storage.sql");
  private static final String FOLDER = "dev/zhuli/storage/jdbc/schema/";
  /** Any number will do, as long as it stays the same: the lock of a PostgreSQL migration. */
  private static final long MIGRATION_LOCK = 0x7a68756c69L;

  private Schema() {}

  /** The class-path resources of a dialect's scripts, in order. */
  static List<String> scripts(Dialect dialect) {
    List<String> out = new ArrayList<>();
    for (String s : SCRIPTS) {
      out.add(FOLDER + dialect.folder() + "/" + s);
    }
    return out;
  }

  /**
   * Makes sure the schema is at {@link #LATEST}: checks it, or migrates it when asked to.
   *
   * @throws IllegalStateException if the schema is missing or older and migration was not asked
   *     for, or newer than this plugin knows
   */
  static void prepare(Connection c, Dialect dialect, boolean migrate) throws SQLException {
    if (dialect == Dialect.H2) {
      // H2 commits each DDL statement by itself; handles in this process migrate one at a time.
      synchronized (Schema.class) {
        prepareLocked(c, dialect, migrate);
      }
    } else {
      prepareLocked(c, dialect, migrate);
    }
  }

  private static void prepareLocked(Connection c, Dialect dialect, boolean migrate)
      throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      int current = version(c);
      if (current == LATEST) {
        c.commit();
        return;
      }
      check(current, migrate);
      if (dialect == Dialect.POSTGRESQL) {
        // Several instances may open at once: one migrates, the others wait and find it done.
        try (Statement s = c.createStatement()) {
          s.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
        }
        current = version(c);
        check(current, migrate);
      }
      List<String> scripts = scripts(dialect);
      for (int v = current + 1; v <= LATEST; v++) {
        run(c, scripts.get(v - 1));
      }
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  private static void check(int current, boolean migrate) {
    if (current > LATEST) {
      throw new IllegalStateException("the database's Zhuli schema is at version " + current
          + ", which this JdbcStorage does not know (it knows versions up to " + LATEST + "):"
          + " a newer Zhuli wrote it. Use that Zhuli's zhuli-storage-jdbc, or restore a backup");
    }
    if (current < LATEST && !migrate) {
      throw new IllegalStateException(current == 0
          ? "the database has no Zhuli tables (zhuli_schema_version is missing): run the schema"
              + " scripts " + SCRIPTS + " of dev/zhuli/storage/jdbc/schema/<dialect>/ with your"
              + " migration tool, or let JdbcStorage create them (setting migrate=true, or"
              + " builder().migrateOnOpen(true))"
          : "the database's Zhuli schema is at version " + current + ", this JdbcStorage needs "
              + LATEST + ": run the later schema scripts " + SCRIPTS.subList(current, LATEST)
              + ", or let JdbcStorage migrate (setting migrate=true)");
    }
  }

  /** The schema version in the database, 0 if it has no Zhuli tables. */
  static int version(Connection c) throws SQLException {
    if (!tableExists(c, "zhuli_schema_version")) {
      return 0;
    }
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT MAX(version) FROM zhuli_schema_version")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static boolean tableExists(Connection c, String table) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    String schema = c.getSchema();
    for (String name : List.of(table, table.toUpperCase(java.util.Locale.ROOT))) {
      try (ResultSet rs = meta.getTables(null, schema, name, new String[] {"TABLE"})) {
        if (rs.next()) {
          return true;
        }
      }
    }
    return false;
  }

  private static void run(Connection c, String resource) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String statement : statements(resource)) {
        s.execute(statement);
      }
    }
  }

  /** The statements of a script: comments dropped, split at semicolons that end a line. */
  static List<String> statements(String resource) {
    String text;
    try (InputStream in = Schema.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("schema script " + resource + " is missing from the jar");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String statement = current.toString().strip();
        out.add(statement.substring(0, statement.length() - 1));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      throw new IllegalStateException("schema script " + resource + " ends without a semicolon");
    }
    return out;
  }
}
