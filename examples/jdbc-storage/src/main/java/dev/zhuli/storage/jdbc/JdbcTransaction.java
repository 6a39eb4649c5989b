package dev.zhuli.storage.jdbc;

import dev.zhuli.spi.storage.ConflictException;
import dev.zhuli.spi.storage.FindRequest;
import dev.zhuli.spi.storage.IndexEntry;
import dev.zhuli.spi.storage.Limits;
import dev.zhuli.spi.storage.OutboxMessage;
import dev.zhuli.spi.storage.Page;
import dev.zhuli.spi.storage.StorageException;
import dev.zhuli.spi.storage.StoredRecord;
import dev.zhuli.spi.storage.Transaction;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One unit of work's transaction on one connection. Writes go to the database at once, so that
 * {@code get} and {@code find} see them; enqueued messages wait in memory and go in one batch at
 * commit. The first conflict or failure dooms the transaction: {@link #commit()} then raises it
 * again instead of committing. Used by one thread; valid until its unit of work ends.
 */
final class JdbcTransaction implements Transaction {
  private final JdbcStorage store;
  private final Sql sql;
  private final Connection c;
  private final Map<String, OutboxMessage> enqueued = new LinkedHashMap<>();
  /**
   * The index entries of each record this transaction read or wrote, at that version: a write
   * at that version then replaces only the entries that change, rather than all of them (on H2,
   * every index page touched is written again at commit).
   */
  private final Map<RecordKey, Indexed> indexed = new HashMap<>();
  private volatile boolean finished;
  private RuntimeException doomed;

  JdbcTransaction(JdbcStorage store, Connection c) {
    this.store = store;
    this.sql = store.sql();
    this.c = c;
  }

  void finish() {
    finished = true;
  }

  @Override
  public Optional<StoredRecord> get(String kind, String id) {
    checkUsable();
    Limits.checkKind(kind);
    Limits.checkId("id", id);
    try (PreparedStatement ps = c.prepareStatement(sql.getRecord)) {
      ps.setString(1, kind);
      ps.setString(2, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        StoredRecord found = record(kind, id, rs.getLong(1), rs.getBytes(2), rs.getBytes(3));
        indexed.put(key(kind, id), new Indexed(found.version(), found.index()));
        return Optional.of(found);
      }
    } catch (SQLException e) {
      throw fail("reading " + kind + "/" + id, kind, id, e);
    }
  }

  @Override
  public long put(StoredRecord record, long expectedVersion) {
    checkUsable();
    if (record == null) {
      throw new IllegalArgumentException("record must not be null");
    }
    if (expectedVersion < 0) {
      throw new IllegalArgumentException(
          "expectedVersion must be 0 (create) or a stored version, was " + expectedVersion);
    }
    String kind = record.kind();
    String id = record.id();
    byte[] entries = Codecs.encodeEntries(record.index());
    RecordKey key = key(kind, id);
    Indexed before = indexed.get(key);
    // When the version matched one this transaction read, the stored entries are the ones read
    // at it, and only the difference is written.
    boolean diff = expectedVersion > 0 && before != null && before.version() == expectedVersion;
    Collection<IndexEntry> added = record.index();
    List<IndexEntry> removed = List.of();
    if (diff) {
      Set<IndexEntry> after = new HashSet<>(record.index());
      removed = new ArrayList<>();
      for (IndexEntry e : before.entries()) {
        if (!after.remove(e)) {
          removed.add(e);
        }
      }
      added = after;
    }
    try {
      int changed;
      if (sql.dialect == Dialect.POSTGRESQL && (expectedVersion == 0 || diff)) {
        changed = putInOneStatement(record, expectedVersion, entries, removed, added);
      } else {
        changed = putInSteps(record, expectedVersion, entries, diff, removed, added);
      }
      if (changed != 1) {
        throw doom(new ConflictException(kind, id, kind + "/" + id + ": expected version "
            + expectedVersion + (expectedVersion == 0 ? " (absent), but it exists"
                : ", but it is absent or at another version")));
      }
      indexed.put(key, new Indexed(expectedVersion + 1, record.index()));
      return expectedVersion + 1;
    } catch (SQLException e) {
      throw fail("writing " + kind + "/" + id, kind, id, e);
    }
  }

  /**
   * PostgreSQL: the record and its index entries in one statement, so a put is one round trip
   * instead of three; returns 1 if the record was written.
   */
  private int putInOneStatement(StoredRecord record, long expectedVersion, byte[] entries,
      Collection<IndexEntry> removed, Collection<IndexEntry> added) throws SQLException {
    String kind = record.kind();
    String id = record.id();
    boolean create = expectedVersion == 0;
    try (PreparedStatement ps = c.prepareStatement(
        create ? sql.createWithEntriesPostgres : sql.updateWithEntriesPostgres)) {
      int i = 1;
      if (create) {
        ps.setString(i++, kind);
        ps.setString(i++, id);
        ps.setBytes(i++, record.body());
        ps.setBytes(i++, entries);
      } else {
        ps.setLong(i++, expectedVersion + 1);
        ps.setBytes(i++, record.body());
        ps.setBytes(i++, entries);
        ps.setString(i++, kind);
        ps.setString(i++, id);
        ps.setLong(i++, expectedVersion);
        i = bindEntries(ps, i, removed);
      }
      bindEntries(ps, i, added);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /** Binds entries as two text arrays, keys and values; returns the next parameter index. */
  private int bindEntries(PreparedStatement ps, int index, Collection<IndexEntry> entries)
      throws SQLException {
    String[] keys = new String[entries.size()];
    String[] values = new String[entries.size()];
    int n = 0;
    for (IndexEntry e : entries) {
      keys[n] = e.key();
      values[n++] = e.value();
    }
    ps.setArray(index, c.createArrayOf("text", keys));
    ps.setArray(index + 1, c.createArrayOf("text", values));
    return index + 2;
  }

  /**
   * The record, then the index entries that changed (or all of them), one statement each; for H2,
   * where a statement costs no round trip, and for a PostgreSQL update of a record this
   * transaction did not read at the expected version.
   */
  private int putInSteps(StoredRecord record, long expectedVersion, byte[] entries,
      boolean diff, Collection<IndexEntry> removed, Collection<IndexEntry> added)
      throws SQLException {
    String kind = record.kind();
    String id = record.id();
    int changed;
    if (expectedVersion == 0) {
      try (PreparedStatement ps = c.prepareStatement(sql.insertRecord)) {
        ps.setString(1, kind);
        ps.setString(2, id);
        ps.setBytes(3, record.body());
        ps.setBytes(4, entries);
        changed = ps.executeUpdate();
      } catch (SQLException e) {
        if (!Errors.isUniqueViolation(e)) {
          throw e;
        }
        changed = 0;
      }
    } else {
      try (PreparedStatement ps = c.prepareStatement(sql.updateRecord)) {
        ps.setLong(1, expectedVersion + 1);
        ps.setBytes(2, record.body());
        ps.setBytes(3, entries);
        ps.setString(4, kind);
        ps.setString(5, id);
        ps.setLong(6, expectedVersion);
        changed = ps.executeUpdate();
      }
    }
    if (changed != 1) {
      return changed;
    }
    if (!removed.isEmpty()) {
      eachEntry(sql.deleteEntry, kind, id, removed);
    } else if (expectedVersion > 0 && !diff) {
      try (PreparedStatement ps = c.prepareStatement(sql.deleteEntries)) {
        ps.setString(1, kind);
        ps.setString(2, id);
        ps.executeUpdate();
      }
    }
    if (!added.isEmpty()) {
      eachEntry(sql.insertEntry, kind, id, added);
    }
    return changed;
  }

  /** Runs a statement of (kind, key, value, id) once per entry of a record, in one batch. */
  private void eachEntry(String statement, String kind, String id,
      Collection<IndexEntry> entries) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(statement)) {
      for (IndexEntry e : entries) {
        ps.setString(1, kind);
        ps.setString(2, e.key());
        sql.bindValue(ps, 3, e.value());
        ps.setString(4, id);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  @Override
  public void delete(String kind, String id, long expectedVersion) {
    checkUsable();
    Limits.checkKind(kind);
    Limits.checkId("id", id);
    if (expectedVersion < 1) {
      throw new IllegalArgumentException(
          "expectedVersion of a delete must be at least 1, was " + expectedVersion);
    }
    indexed.remove(key(kind, id));
    try (PreparedStatement ps = c.prepareStatement(sql.deleteRecord)) {
      ps.setString(1, kind);
      ps.setString(2, id);
      ps.setLong(3, expectedVersion);
      if (ps.executeUpdate() != 1) {
        throw doom(new ConflictException(kind, id, kind + "/" + id + ": expected version "
            + expectedVersion + " to delete, but it is absent or at another version"));
      }
    } catch (SQLException e) {
      throw fail("deleting " + kind + "/" + id, kind, id, e);
    }
  }

  @Override
  public Page<StoredRecord> find(FindRequest request) {
    checkUsable();
    if (request == null) {
      throw new IllegalArgumentException("request must not be null");
    }
    Codecs.Position after = request.cursor().map(Codecs::decodeCursor).orElse(null);
    int limit = request.limit();
    List<StoredRecord> found = new ArrayList<>();
    Set<String> onPage = new HashSet<>();
    String lastValue = null;
    // A record with several values of the key in the range has a row for each; it belongs at
    // its least one, which its own entries (fetched with it) tell. Rows at another value are
    // skipped, and if that leaves the page short while rows remain, the next rows are read. At
    // read committed, each of those statements may see a record moved by a transaction that
    // committed in between: one the page already holds is not taken twice.
    while (true) {
      Rows rows = rows(request, after, limit + 1);
      for (Row row : rows.rows) {
        if (!onPage.add(row.record.id())) {
          continue;
        }
        if (found.size() == limit) {
          return Page.of(found, Codecs.encodeCursor(lastValue, found.get(limit - 1).id()));
        }
        found.add(row.record);
        lastValue = row.value;
      }
      if (!rows.more) {
        return Page.of(found, null);
      }
      after = rows.last;
    }
  }

  /** A matching row at the record's least value in the range. */
  private record Row(String value, StoredRecord record) {}

  /**
   * Rows read by one query: those at their record's least value; whether the query returned as
   * many rows as asked, so that more may follow; and the position of the last row read, kept or
   * not.
   */
  private record Rows(List<Row> rows, boolean more, Codecs.Position last) {}

  /** Reads up to {@code want} rows of the key in the range after a position, in order. */
  private Rows rows(FindRequest request, Codecs.Position after, int want) {
    String lower = request.lower().orElse(null);
    String upper = request.upper().orElse(null);
    List<Row> rows = new ArrayList<>();
    Codecs.Position last = null;
    int read = 0;
    try (PreparedStatement ps = c.prepareStatement(
        sql.find(lower != null, upper != null, after != null))) {
      int i = 1;
      ps.setString(i++, request.kind());
      ps.setString(i++, request.key());
      if (lower != null) {
        sql.bindValue(ps, i++, lower);
      }
      if (upper != null) {
        sql.bindValue(ps, i++, upper);
      }
      if (after != null) {
        sql.bindValue(ps, i++, after.value());
        sql.bindValue(ps, i++, after.value());
        sql.bindValue(ps, i++, after.value());
        ps.setString(i++, after.id());
      }
      ps.setInt(i, want);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          read++;
          String value = sql.readValue(rs, 1);
          String id = rs.getString(2);
          last = new Codecs.Position(value, id);
          StoredRecord record = record(request.kind(), id, rs.getLong(3), rs.getBytes(4),
              rs.getBytes(5));
          if (value.equals(request.leastMatch(record).orElse(null))) {
            rows.add(new Row(value, record));
          }
        }
      }
    } catch (SQLException e) {
      throw fail("finding " + request, request.kind(), "*", e);
    }
    return new Rows(rows, read == want, last);
  }

  @Override
  public void enqueue(OutboxMessage message) {
    checkUsable();
    if (message == null) {
      throw new IllegalArgumentException("message must not be null");
    }
    if (enqueued.containsKey(message.id())) {
      throw doom(duplicate(message.id()));
    }
    enqueued.put(message.id(), message);
  }

  /**
   * Commits: writes the enqueued messages in one batch, then commits the connection. A doomed
   * transaction raises its conflict or failure instead.
   */
  void commit() {
    if (doomed != null) {
      throw doomed;
    }
    if (store.isClosed()) {
      throw new StorageException("storage was closed before the transaction committed");
    }
    try {
      if (!enqueued.isEmpty()) {
        insertMessages();
      }
      c.commit();
    } catch (SQLException e) {
      if (Errors.isConflict(e)) {
        throw Errors.conflict("transaction", "commit", "committing", e);
      }
      throw Errors.failure("committing the transaction", e);
    }
  }

  private void insertMessages() throws SQLException {
    List<OutboxMessage> messages = new ArrayList<>(enqueued.values());
    int[] counts;
    try (PreparedStatement ps = c.prepareStatement(sql.insertMessage)) {
      for (OutboxMessage m : messages) {
        ps.setString(1, m.id());
        ps.setString(2, m.destination());
        ps.setString(3, m.type());
        ps.setBytes(4, m.payload());
        ps.setString(5, m.aggregateKey());
        ps.setBigDecimal(6, Codecs.seconds(m.dueAt()));
        ps.addBatch();
      }
      counts = ps.executeBatch();
    } catch (BatchUpdateException e) {
      if (Errors.isUniqueViolation(e)) {
        throw doom(new ConflictException("outbox", "?",
            "an enqueued message's id is already in the outbox (" + Errors.describe(e) + ")"));
      }
      throw e;
    }
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] == 0) {
        throw doom(duplicate(messages.get(i).id()));
      }
    }
  }

  private static ConflictException duplicate(String id) {
    return new ConflictException("outbox", id, "outbox message " + id + " already exists");
  }

  private static RecordKey key(String kind, String id) {
    return new RecordKey(kind, id);
  }

  /** A record's kind and id, as a map key. */
  private record RecordKey(String kind, String id) {}

  /** A record's index entries at one version. */
  private record Indexed(long version, Collection<IndexEntry> entries) {}

  private StoredRecord record(String kind, String id, long version, byte[] body, byte[] entries) {
    return StoredRecord.of(kind, id, body, Codecs.decodeEntries(entries)).withVersion(version);
  }

  private <E extends RuntimeException> E doom(E e) {
    if (doomed == null) {
      doomed = e;
    }
    return e;
  }

  /**
   * The exception for a failed statement: once doomed, the first conflict again (a later
   * statement of an aborted PostgreSQL transaction fails only because of it); else a conflict or
   * a storage failure, which dooms the transaction.
   */
  private RuntimeException fail(String operation, String kind, String id, SQLException e) {
    if (doomed instanceof ConflictException) {
      return doomed;
    }
    if (store.isClosed()) {
      return doom(new StorageException("storage was closed while the transaction ran", e));
    }
    if (Errors.isConflict(e)) {
      return doom(Errors.conflict(kind, id, operation, e));
    }
    return doom(Errors.failure(operation, e));
  }

  private void checkUsable() {
    if (finished) {
      throw new IllegalStateException(
          "transaction is over: it is valid only until its unit of work returns or throws");
    }
    if (store.isClosed()) {
      throw doom(new StorageException("storage was closed while the transaction ran"));
    }
  }
}
