package dev.zhuli.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes an H2 file database write each commit to its file before the commit returns. By default
 * H2 writes committed changes up to half a second later ({@code WRITE_DELAY} 500 ms), so a
 * process killed in that window loses commits its callers were told had succeeded; the crash
 * test shows it. {@link dev.zhuli.spi.storage.Capability#DURABLE} promises otherwise, so the store
 * sets the database's write delay to 0 each time it opens, and refuses to open if it may not.
 */
final class H2Durability {
  private H2Durability() {}

  static void ensure(Connection c) throws SQLException {
    // Set it on every open, even when the settings table already says 0: H2 keeps the value,
    // but an engine that opens the file again starts its store with the default delay.
    try (Statement s = c.createStatement()) {
      s.execute("SET WRITE_DELAY 0");
    } catch (SQLException e) {
      throw new IllegalStateException("the H2 database writes commits to its file up to "
          + writeDelay(c) + " ms late, so commits could be lost when the process dies, and this"
          + " account may not change that (" + Errors.describe(e) + "). Add ;WRITE_DELAY=0 to"
          + " the JDBC URL, or open the store with an administrator account", e);
    }
    if (!c.getAutoCommit()) {
      c.commit();
    }
  }

  private static int writeDelay(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT SETTING_VALUE FROM"
        + " INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'");
         ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Integer.parseInt(rs.getString(1).strip()) : 0;
    }
  }
}
