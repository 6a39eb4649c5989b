package dev.zhuli.storage.jdbc;

import dev.zhuli.spi.storage.ConflictException;
import dev.zhuli.spi.storage.StorageException;
import java.sql.SQLException;
import java.util.Set;

/**
 * Turns {@link SQLException}s into the storage contract's exceptions: a unique-key violation, a
 * serialization failure, a deadlock or a lock wait that timed out is a {@link ConflictException}
 * (a concurrent change; the caller may decide again), anything else a {@link StorageException}.
 * Messages name the operation and the SQLSTATE, never values, which may be personal data.
 */
final class Errors {
  /** SQLSTATEs of conflicts: unique violation, serialization failure, deadlock, lock timeout. */
  private static final Set<String> CONFLICT_STATES = Set.of("23505", "40001", "40P01", "55P03");
  /** H2 error codes of conflicts: concurrent update of a row, lock timeout, deadlock. */
  private static final Set<Integer> H2_CONFLICT_CODES = Set.of(90131, 50200, 40001, 23505);

  private Errors() {}

  /** Whether the failure (or one it chains) is a conflict between concurrent transactions. */
  static boolean isConflict(SQLException e) {
    for (SQLException s = e; s != null; s = next(s)) {
      if (s.getSQLState() != null && CONFLICT_STATES.contains(s.getSQLState())) {
        return true;
      }
      if (isH2(s) && H2_CONFLICT_CODES.contains(s.getErrorCode())) {
        return true;
      }
    }
    return false;
  }

  /** Whether the failure is a unique-key violation. */
  static boolean isUniqueViolation(SQLException e) {
    for (SQLException s = e; s != null; s = next(s)) {
      if ("23505".equals(s.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /** A storage failure of an operation, keeping the cause. */
  static StorageException failure(String operation, SQLException e) {
    return new StorageException(operation + " failed: " + describe(e), e);
  }

  /** A conflict met by an operation on a record or message. */
  static ConflictException conflict(String kind, String id, String operation, SQLException e) {
    ConflictException c = new ConflictException(kind, id, operation + " on " + kind + "/" + id
        + " met a concurrent change (" + describe(e) + ")");
    c.initCause(e);
    return c;
  }

  /** SQLSTATE and vendor code of a failure, without its message. */
  static String describe(SQLException e) {
    return "SQLSTATE " + e.getSQLState() + ", code " + e.getErrorCode() + " ("
        + e.getClass().getSimpleName() + ")";
  }

  private static boolean isH2(SQLException e) {
    return e.getClass().getName().startsWith("org.h2.");
  }

  private static SQLException next(SQLException s) {
    SQLException n = s.getNextException();
    if (n != null && n != s) {
      return n;
    }
    Throwable cause = s.getCause();
    return cause instanceof SQLException && cause != s ? (SQLException) cause : null;
  }
}
