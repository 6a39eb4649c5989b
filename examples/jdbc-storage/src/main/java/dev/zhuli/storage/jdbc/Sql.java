package dev.zhuli.storage.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The statements of one dialect. Most are standard SQL that H2 and PostgreSQL share; they differ
 * in how a create that finds the record there is told apart (PostgreSQL {@code ON CONFLICT DO
 * NOTHING} keeps the transaction usable; H2 rolls back only the failed statement), how index values
 * are bound (text with {@code COLLATE "C"}, or UTF-8 bytes on H2), and how claims lock.
 */
final class Sql {
  final Dialect dialect;

  final String getRecord =
      "SELECT version, body, index_entries FROM zhuli_record WHERE kind = ? AND id = ?";
  final String insertRecord;
  final String updateRecord =
      "UPDATE zhuli_record SET version = ?, body = ?, index_entries = ?"
          + " WHERE kind = ? AND id = ? AND version = ?";
  final String deleteRecord =
      "DELETE FROM zhuli_record WHERE kind = ? AND id = ? AND version = ?";
  final String deleteEntries = "DELETE FROM zhuli_index WHERE kind = ? AND id = ?";
  final String deleteEntry = "DELETE FROM zhuli_index"
      + " WHERE kind = ? AND idx_key = ? AND idx_value = ? AND id = ?";
  final String insertEntry =
      "INSERT INTO zhuli_index (kind, idx_key, idx_value, id) VALUES (?, ?, ?, ?)";
  final String insertMessage;

  /**
   * PostgreSQL: a create with its index entries, one statement (one round trip). The entries go
   * in only if the record did (it was absent); the count says whether it did.
   */
  final String createWithEntriesPostgres = "WITH r AS (INSERT INTO zhuli_record"
      + " (kind, id, version, body, index_entries) VALUES (?, ?, 1, ?, ?)"
      + " ON CONFLICT DO NOTHING RETURNING kind, id),"
      + " n AS (INSERT INTO zhuli_index (kind, idx_key, idx_value, id)"
      + " SELECT r.kind, x.k, x.v, r.id FROM r, unnest(?::text[], ?::text[]) AS x(k, v))"
      + " SELECT count(*) FROM r";
  /**
   * PostgreSQL: an update with the index entries it removes and adds, one statement. The entries
   * change only if the record did (it was at the expected version).
   */
  final String updateWithEntriesPostgres = "WITH r AS (UPDATE zhuli_record"
      + " SET version = ?, body = ?, index_entries = ?"
      + " WHERE kind = ? AND id = ? AND version = ? RETURNING kind, id),"
      + " d AS (DELETE FROM zhuli_index i USING r, unnest(?::text[], ?::text[]) AS x(k, v)"
      + " WHERE i.kind = r.kind AND i.idx_key = x.k AND i.idx_value = x.v AND i.id = r.id),"
      + " n AS (INSERT INTO zhuli_index (kind, idx_key, idx_value, id)"
      + " SELECT r.kind, x.k, x.v, r.id FROM r, unnest(?::text[], ?::text[]) AS x(k, v))"
      + " SELECT count(*) FROM r";

  final String acknowledge = "DELETE FROM zhuli_outbox"
      + " WHERE id = ? AND fencing_token = ? AND claim_open AND NOT dead";
  final String reschedule = "UPDATE zhuli_outbox SET due_at = ?, last_error = ?,"
      + " claim_open = FALSE, lease_owner = NULL, lease_until = NULL"
      + " WHERE id = ? AND fencing_token = ? AND claim_open AND NOT dead";
  final String bury = "UPDATE zhuli_outbox SET dead = TRUE, last_error = ?,"
      + " claim_open = FALSE, lease_owner = NULL, lease_until = NULL"
      + " WHERE id = ? AND fencing_token = ? AND claim_open AND NOT dead";
  final String revive = "UPDATE zhuli_outbox SET dead = FALSE, due_at = ?, attempts = 0"
      + " WHERE id = ? AND dead";
  final String purge = "DELETE FROM zhuli_outbox WHERE id = ? AND dead";
  final String dead = "SELECT id, destination, type, payload, aggregate_key, due_at, attempts,"
      + " last_error FROM zhuli_outbox WHERE dead AND id > ? ORDER BY id FETCH FIRST ? ROWS ONLY";

  /** PostgreSQL: one statement that picks, locks (skipping locked rows) and claims. */
  final String claimPostgres = "UPDATE zhuli_outbox"
      + " SET fencing_token = nextval('zhuli_fencing_token'), attempts = attempts + 1,"
      + " claim_open = TRUE, lease_owner = ?, lease_until = ?"
      + " WHERE id IN (SELECT id FROM zhuli_outbox WHERE NOT dead AND due_at <= ?"
      + " AND (NOT claim_open OR lease_until <= ?) ORDER BY due_at, id FETCH FIRST ? ROWS ONLY"
      + " FOR UPDATE SKIP LOCKED)"
      + " RETURNING id, destination, type, payload, aggregate_key, due_at, attempts, last_error,"
      + " fencing_token";
  /** H2: pick and lock, skipping locked rows; tokens are drawn and written in a second step. */
  final String claimPickH2 = "SELECT id, destination, type, payload, aggregate_key, due_at,"
      + " attempts, last_error FROM zhuli_outbox WHERE NOT dead AND due_at <= ?"
      + " AND (NOT claim_open OR lease_until <= ?) ORDER BY due_at, id FETCH FIRST ? ROWS ONLY"
      + " FOR UPDATE SKIP LOCKED";
  final String nextTokensH2 =
      "SELECT NEXT VALUE FOR zhuli_fencing_token FROM SYSTEM_RANGE(1, ?)";
  final String claimUpdateH2 = "UPDATE zhuli_outbox SET fencing_token = ?,"
      + " attempts = attempts + 1, claim_open = TRUE, lease_owner = ?, lease_until = ?"
      + " WHERE id = ?";

  Sql(Dialect dialect) {
    this.dialect = dialect;
    boolean pg = dialect == Dialect.POSTGRESQL;
    this.insertRecord = "INSERT INTO zhuli_record (kind, id, version, body, index_entries)"
        + " VALUES (?, ?, 1, ?, ?)" + (pg ? " ON CONFLICT DO NOTHING" : "");
    this.insertMessage = "INSERT INTO zhuli_outbox (id, destination, type, payload,"
        + " aggregate_key, due_at) VALUES (?, ?, ?, ?, ?, ?)"
        + (pg ? " ON CONFLICT DO NOTHING" : "");
  }

  /**
   * The rows of one page of a find: index entries of a kind and key in a range, after a
   * position, in (value, id) order, each with its record; one query. A record with several values
   * of the key in the range comes once per value: the caller keeps the row at its least value,
   * which the record's own entries, read with it, tell. (Asking the database for that, with a
   * subquery per row, cost H2 a fifth of a placement's time.)
   */
  String find(boolean lower, boolean upper, boolean after) {
    // The page of entries first, on its own: the database reads the primary key of the index in
    // order and stops after the page, then fetches each of those records by its key. Joined
    // before the limit, PostgreSQL planned tables not analysed yet (a new schema, a bulk load)
    // as a join of both tables whole and a sort.
    StringBuilder s = new StringBuilder(
        "SELECT i.idx_value, r.id, r.version, r.body, r.index_entries FROM"
            + " (SELECT kind, id, idx_value FROM zhuli_index WHERE kind = ? AND idx_key = ?");
    if (lower) {
      s.append(" AND idx_value >= ?");
    }
    if (upper) {
      s.append(" AND idx_value <= ?");
    }
    if (after) {
      // The first condition lets the database start its index range at the cursor.
      s.append(" AND idx_value >= ? AND (idx_value > ? OR (idx_value = ? AND id > ?))");
    }
    // Kind and key are fixed; naming them lets the database read the primary key in order and
    // stop after the page instead of sorting every match.
    s.append(" ORDER BY kind, idx_key, idx_value, id FETCH FIRST ? ROWS ONLY) i"
        + " JOIN zhuli_record r ON r.kind = i.kind AND r.id = i.id"
        + " ORDER BY i.idx_value, i.id");
    return s.toString();
  }

  /** Binds an index value: UTF-8 bytes on H2, text on PostgreSQL. */
  void bindValue(PreparedStatement ps, int index, String value) throws SQLException {
    if (dialect == Dialect.H2) {
      ps.setBytes(index, value.getBytes(StandardCharsets.UTF_8));
    } else {
      ps.setString(index, value);
    }
  }

  /** Reads an index value bound by {@link #bindValue}. */
  String readValue(ResultSet rs, int column) throws SQLException {
    if (dialect == Dialect.H2) {
      return new String(rs.getBytes(column), StandardCharsets.UTF_8);
    }
    return rs.getString(column);
  }
}
