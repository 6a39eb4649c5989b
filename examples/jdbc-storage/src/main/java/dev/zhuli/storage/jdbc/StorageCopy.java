package dev.zhuli.storage.jdbc;

import dev.zhuli.spi.storage.IndexEntry;
import dev.zhuli.spi.storage.StorageException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;

/**
 * Copies everything one {@link JdbcStorage} holds into another, empty one: every record with its
 * version, body and index entries, and every outbox message, live or dead, with its due time,
 * attempts and last error. For example when a county outgrows its H2 file and moves to
 * PostgreSQL:
 *
 * <pre>{@code
 * try (JdbcStorage h2 = JdbcStorage.using(countyFile);
 *      JdbcStorage pg = JdbcStorage.builder(cityDatabase).migrateOnOpen(true).build()) {
 *   StorageCopy.Summary copied = StorageCopy.copy(h2, pg);   // throws if the target differs
 * }
 * }</pre>
 *
 * <p>Stop the application before copying: the source is read in one repeatable-read
 * transaction, so the copy is of one moment, but commands that arrive during it are not copied.
 * The target is written in one transaction: it gets all of it or nothing. Versions are kept, so
 * the events of commands after the move carry versions that continue the ones before it. Leases
 * are not copied: a message a relay held on the source is claimable on the target at once
 * (delivery is at least once anyway). Fencing tokens start afresh on the target.
 *
 * <p>The copy is proven by {@link #summarize(JdbcStorage) summaries} of both sides: counts and
 * SHA-256 checksums over the records in (kind, id) order and the messages in id order, computed
 * the same way from each database.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class StorageCopy {
  private static final int BATCH = 500;

  private StorageCopy() {}

  /**
   * Copies every record and outbox message of {@code source} into {@code target}, then checks
   * that both summarize the same.
   *
   * @param source the store to copy from; read only
   * @param target an empty store to copy into; may speak another dialect
   * @return the summary both stores share after the copy
   * @throws IllegalArgumentException if a store is null, or both are the same handle
   * @throws IllegalStateException if the target is not empty, or a store is closed, or the
   *     summaries differ after the copy (the message names what differs)
   * @throws StorageException if a database fails; the target then keeps nothing of the copy
   * @since 0.1.0
   */
  public static Summary copy(JdbcStorage source, JdbcStorage target) {
    if (source == null || target == null) {
      throw new IllegalArgumentException("source and target must not be null");
    }
    if (source == target) {
      throw new IllegalArgumentException("source and target must be different stores");
    }
    source.ensureOpen();
    target.ensureOpen();
    Summary before = summarize(target);
    if (before.records() != 0 || before.messages() != 0) {
      throw new IllegalStateException("the target store is not empty (" + before.records()
          + " records, " + before.messages() + " outbox messages): copy into a new database");
    }
    Connection from = readConnection(source);
    try {
      Connection to = target.connect(false);
      try {
        copyRecords(from, target.sql(), to);
        copyOutbox(from, to);
        to.commit();
      } catch (SQLException e) {
        JdbcStorage.rollbackQuietly(to, e);
        throw Errors.failure("copying into the target store", e);
      } catch (RuntimeException e) {
        JdbcStorage.rollbackQuietly(to, e);
        throw e;
      } finally {
        target.release(to);
      }
    } finally {
      source.release(from);
    }
    Summary copied = summarize(source);
    Summary arrived = summarize(target);
    if (!copied.equals(arrived)) {
      throw new IllegalStateException("the copy differs from its source: source " + copied
          + ", target " + arrived);
    }
    return arrived;
  }

  /**
   * Counts and checksums of everything a store holds, computed in one repeatable-read
   * transaction. Two stores that hold the same records and messages have equal summaries,
   * whatever their dialects.
   *
   * @param store the store
   * @return its summary
   * @throws IllegalArgumentException if the store is null
   * @throws IllegalStateException if the store is closed
   * @throws StorageException if the database fails
   * @since 0.1.0
   */
  public static Summary summarize(JdbcStorage store) {
    if (store == null) {
      throw new IllegalArgumentException("store must not be null");
    }
    store.ensureOpen();
    Connection c = readConnection(store);
    try {
      MessageDigest records = sha256();
      long recordCount = 0;
      long entryCount = 0;
      try (PreparedStatement ps = c.prepareStatement("SELECT kind, id, version, body,"
          + " index_entries FROM zhuli_record ORDER BY kind, id")) {
        ps.setFetchSize(BATCH);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            recordCount++;
            text(records, rs.getString(1));
            text(records, rs.getString(2));
            number(records, rs.getLong(3));
            bytes(records, rs.getBytes(4));
            List<IndexEntry> entries = Codecs.decodeEntries(rs.getBytes(5));
            entryCount += entries.size();
            number(records, entries.size());
            for (IndexEntry e : entries) {
              text(records, e.key());
              text(records, e.value());
            }
          }
        }
      }
      long indexRows;
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM zhuli_index");
           ResultSet rs = ps.executeQuery()) {
        rs.next();
        indexRows = rs.getLong(1);
      }
      if (indexRows != entryCount) {
        throw new IllegalStateException("the store's index holds " + indexRows
            + " entries, its records name " + entryCount + ": the index is damaged");
      }
      MessageDigest outbox = sha256();
      long messages = 0;
      long dead = 0;
      try (PreparedStatement ps = c.prepareStatement("SELECT id, destination, type, payload,"
          + " aggregate_key, due_at, attempts, last_error, dead FROM zhuli_outbox ORDER BY id")) {
        ps.setFetchSize(BATCH);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            messages++;
            for (int i = 1; i <= 3; i++) {
              text(outbox, rs.getString(i));
            }
            bytes(outbox, rs.getBytes(4));
            text(outbox, rs.getString(5));
            text(outbox, Codecs.instant(rs.getBigDecimal(6)).toString());
            number(outbox, rs.getInt(7));
            String error = rs.getString(8);
            text(outbox, error == null ? "\u0000" : error);
            boolean isDead = rs.getBoolean(9);
            number(outbox, isDead ? 1 : 0);
            dead += isDead ? 1 : 0;
          }
        }
      }
      c.commit();
      return new Summary(recordCount, entryCount, messages, dead,
          HexFormat.of().formatHex(records.digest()), HexFormat.of().formatHex(outbox.digest()));
    } catch (SQLException e) {
      throw Errors.failure("summarizing the store", e);
    } finally {
      store.release(c);
    }
  }

  private static void copyRecords(Connection from, Sql targetSql, Connection to)
      throws SQLException {
    try (PreparedStatement read = from.prepareStatement("SELECT kind, id, version, body,"
             + " index_entries FROM zhuli_record ORDER BY kind, id");
         PreparedStatement records = to.prepareStatement("INSERT INTO zhuli_record (kind, id,"
             + " version, body, index_entries) VALUES (?, ?, ?, ?, ?)");
         PreparedStatement entries = to.prepareStatement(targetSql.insertEntry)) {
      read.setFetchSize(BATCH);
      int pending = 0;
      try (ResultSet rs = read.executeQuery()) {
        while (rs.next()) {
          String kind = rs.getString(1);
          String id = rs.getString(2);
          byte[] stored = rs.getBytes(5);
          records.setString(1, kind);
          records.setString(2, id);
          records.setLong(3, rs.getLong(3));
          records.setBytes(4, rs.getBytes(4));
          records.setBytes(5, stored);
          records.addBatch();
          for (IndexEntry e : Codecs.decodeEntries(stored)) {
            entries.setString(1, kind);
            entries.setString(2, e.key());
            targetSql.bindValue(entries, 3, e.value());
            entries.setString(4, id);
            entries.addBatch();
          }
          if (++pending == BATCH) {
            records.executeBatch();
            entries.executeBatch();
            pending = 0;
          }
        }
      }
      records.executeBatch();
      entries.executeBatch();
    }
  }

  private static void copyOutbox(Connection from, Connection to)
      throws SQLException {
    try (PreparedStatement read = from.prepareStatement("SELECT id, destination, type, payload,"
             + " aggregate_key, due_at, attempts, last_error, dead FROM zhuli_outbox ORDER BY id");
         PreparedStatement write = to.prepareStatement("INSERT INTO zhuli_outbox (id,"
             + " destination, type, payload, aggregate_key, due_at, attempts, last_error, dead)"
             + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      read.setFetchSize(BATCH);
      int pending = 0;
      try (ResultSet rs = read.executeQuery()) {
        while (rs.next()) {
          write.setString(1, rs.getString(1));
          write.setString(2, rs.getString(2));
          write.setString(3, rs.getString(3));
          write.setBytes(4, rs.getBytes(4));
          write.setString(5, rs.getString(5));
          BigDecimal due = rs.getBigDecimal(6);
          write.setBigDecimal(6, due);
          write.setInt(7, rs.getInt(7));
          write.setString(8, rs.getString(8));
          write.setBoolean(9, rs.getBoolean(9));
          write.addBatch();
          if (++pending == BATCH) {
            write.executeBatch();
            pending = 0;
          }
        }
      }
      write.executeBatch();
    }
  }

  /** A connection that reads one consistent snapshot. */
  private static Connection readConnection(JdbcStorage store) {
    Connection c = store.connect(false);
    try {
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      return c;
    } catch (SQLException e) {
      store.release(c);
      throw Errors.failure("starting a repeatable-read transaction", e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private static void text(MessageDigest d, String s) {
    bytes(d, s.getBytes(StandardCharsets.UTF_8));
  }

  private static void bytes(MessageDigest d, byte[] b) {
    number(d, b.length);
    d.update(b);
  }

  private static void number(MessageDigest d, long n) {
    d.update(ByteBuffer.allocate(Long.BYTES).putLong(n).array());
  }

  /**
   * What a store holds, in counts and checksums. Equal summaries mean equal contents.
   *
   * <p>Immutable and thread-safe.
   *
   * @param records the number of records
   * @param indexEntries the number of index entries of all records
   * @param messages the number of outbox messages, live and dead
   * @param deadLetters how many of the messages are dead letters
   * @param recordChecksum SHA-256, in hex, over every record in (kind, id) order
   * @param outboxChecksum SHA-256, in hex, over every message in id order
   * @since 0.1.0
   */
  public record Summary(long records, long indexEntries, long messages, long deadLetters,
      String recordChecksum, String outboxChecksum) {}
}
