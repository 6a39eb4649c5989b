package dev.zhuli.storage.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Keeps record bodies and message payloads of up to {@value #INLINE_BYTES} bytes in their rows
 * on H2. H2 keeps a {@code BLOB} longer than 256 bytes (its default) in separate LOB maps, so
 * every write of an order or a notification changed three or four more maps, and every commit
 * serialised their pages again: a lifecycle on an H2 file took about twice the time. The setting
 * ({@code MAX_LENGTH_INPLACE_LOB}) is the database's and persists; values already stored keep
 * their place and read as before. An account that may not change it leaves the default, which is
 * slower but as correct.
 */
final class H2InlineBodies {
  /** The longest body or payload kept in its row. */
  static final int INLINE_BYTES = 64 * 1024;

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(H2InlineBodies.class);

  private H2InlineBodies() {}

  static void ensure(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SET MAX_LENGTH_INPLACE_LOB " + INLINE_BYTES);
    } catch (SQLException e) {
      LOG.info("bodies longer than H2's in-place limit stay in its LOB maps: this account may"
          + " not set MAX_LENGTH_INPLACE_LOB ({})", Errors.describe(e));
      return;
    }
    if (!c.getAutoCommit()) {
      c.commit();
    }
  }
}
