package dev.zhuli.storage.jdbc;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The databases {@link JdbcStorage} speaks to. It detects the dialect from the connection's
 * metadata; a host may name it instead (for example behind a proxy driver that hides the
 * product name).
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public enum Dialect {
  /**
   * H2 2.x, embedded in the host's process (a file database for one office PC) or in server
   * mode. Index values are stored as UTF-8 bytes, whose order is Unicode code-point order.
   *
   * @since 0.1.0
   */
  H2("h2", "H2", 2, 0),

  /**
   * PostgreSQL 15 or later, for several application instances sharing one database. Text
   * columns compare with {@code COLLATE "C"}, that is in code-point order; claims use
   * {@code FOR UPDATE SKIP LOCKED}.
   *
   * @since 0.1.0
   */
  POSTGRESQL("postgresql", "PostgreSQL", 15, 0);

  private final String folder;
  private final String productName;
  private final int minMajor;
  private final int minMinor;

  Dialect(String folder, String productName, int minMajor, int minMinor) {
    this.folder = folder;
    this.productName = productName;
    this.minMajor = minMajor;
    this.minMinor = minMinor;
  }

  /** The folder of this dialect's schema scripts in the jar. */
  String folder() {
    return folder;
  }

  /**
   * The dialect of a database, from its product name and version.
   *
   * @throws IllegalStateException if the product is not H2 or PostgreSQL, or too old
   */
  static Dialect detect(DatabaseMetaData meta) throws SQLException {
    String product = meta.getDatabaseProductName();
    for (Dialect d : values()) {
      if (d.productName.equalsIgnoreCase(product)) {
        d.checkVersion(meta.getDatabaseMajorVersion(), meta.getDatabaseMinorVersion(),
            meta.getDatabaseProductVersion());
        return d;
      }
    }
    throw new IllegalStateException("the database is " + product + " "
        + meta.getDatabaseProductVersion() + "; JdbcStorage speaks H2 2.x and PostgreSQL 15 or"
        + " later. If the driver hides the product name, name the dialect (setting 'dialect')");
  }

  /** Refuses a version older than this dialect supports. */
  void checkVersion(int major, int minor, String shown) {
    if (major < minMajor || (major == minMajor && minor < minMinor)) {
      throw new IllegalStateException(productName + " " + shown + " is too old: JdbcStorage needs "
          + productName + " " + minMajor + "." + minMinor + " or later");
    }
  }

  /**
   * Reads a dialect's name as given in settings: {@code h2} or {@code postgresql}, any case.
   *
   * @throws IllegalArgumentException if it names no dialect
   */
  static Dialect named(String name) {
    for (Dialect d : values()) {
      if (d.name().equalsIgnoreCase(name) || d.folder.equalsIgnoreCase(name)) {
        return d;
      }
    }
    throw new IllegalArgumentException("setting 'dialect' must be h2 or postgresql, was '"
        + name.toLowerCase(Locale.ROOT) + "'");
  }
}
