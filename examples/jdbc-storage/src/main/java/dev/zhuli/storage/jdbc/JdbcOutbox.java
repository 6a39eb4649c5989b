package dev.zhuli.storage.jdbc;

import dev.zhuli.spi.storage.ClaimedMessage;
import dev.zhuli.spi.storage.DeadLetter;
import dev.zhuli.spi.storage.Limits;
import dev.zhuli.spi.storage.Outbox;
import dev.zhuli.spi.storage.OutboxMessage;
import dev.zhuli.spi.storage.Page;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The outbox of a {@link JdbcStorage}: each method is one transaction. Settlements are single
 * statements guarded by the fencing token and the open claim ({@code WHERE id = ? AND
 * fencing_token = ? AND claim_open AND NOT dead}); a claim locks the rows it takes, skipping rows
 * another claim holds, and draws every token from one sequence.
 */
final class JdbcOutbox implements Outbox {
  private final JdbcStorage store;
  private final Sql sql;

  JdbcOutbox(JdbcStorage store) {
    this.store = store;
    this.sql = store.sql();
  }

  @Override
  public List<ClaimedMessage> claim(String owner, Instant now, Duration lease, int max) {
    store.ensureOpen();
    Limits.checkOwner(owner);
    Limits.checkTime("now", now);
    Limits.checkLease(lease);
    Limits.checkPageSize("max", max);
    Instant until = Codecs.plus(now, lease);
    Connection c = store.connect(false);
    try {
      List<ClaimedMessage> claimed = sql.dialect == Dialect.POSTGRESQL
          ? claimPostgres(c, owner, now, until, max)
          : claimH2(c, owner, now, until, max);
      c.commit();
      return claimed;
    } catch (SQLException e) {
      JdbcStorage.rollbackQuietly(c, e);
      throw Errors.failure("claiming outbox messages", e);
    } catch (RuntimeException e) {
      JdbcStorage.rollbackQuietly(c, e);
      throw e;
    } finally {
      store.release(c);
    }
  }

  private List<ClaimedMessage> claimPostgres(
      Connection c, String owner, Instant now, Instant until, int max) throws SQLException {
    List<ClaimedMessage> claimed = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql.claimPostgres)) {
      BigDecimal at = Codecs.seconds(now);
      ps.setString(1, owner);
      ps.setBigDecimal(2, Codecs.seconds(until));
      ps.setBigDecimal(3, at);
      ps.setBigDecimal(4, at);
      ps.setInt(5, max);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          claimed.add(ClaimedMessage.of(message(rs), rs.getLong(9), rs.getInt(7), until,
              rs.getString(8)));
        }
      }
    }
    return claimed;
  }

  private List<ClaimedMessage> claimH2(
      Connection c, String owner, Instant now, Instant until, int max) throws SQLException {
    List<OutboxMessage> picked = new ArrayList<>();
    List<Integer> attempts = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql.claimPickH2)) {
      BigDecimal at = Codecs.seconds(now);
      ps.setBigDecimal(1, at);
      ps.setBigDecimal(2, at);
      ps.setInt(3, max);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          picked.add(message(rs));
          attempts.add(rs.getInt(7) + 1);
          errors.add(rs.getString(8));
        }
      }
    }
    if (picked.isEmpty()) {
      return List.of();
    }
    List<Long> tokens = new ArrayList<>(picked.size());
    try (PreparedStatement ps = c.prepareStatement(sql.nextTokensH2)) {
      ps.setInt(1, picked.size());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          tokens.add(rs.getLong(1));
        }
      }
    }
    tokens.sort(null);
    List<ClaimedMessage> claimed = new ArrayList<>(picked.size());
    try (PreparedStatement ps = c.prepareStatement(sql.claimUpdateH2)) {
      BigDecimal leaseEnd = Codecs.seconds(until);
      for (int i = 0; i < picked.size(); i++) {
        ps.setLong(1, tokens.get(i));
        ps.setString(2, owner);
        ps.setBigDecimal(3, leaseEnd);
        ps.setString(4, picked.get(i).id());
        ps.addBatch();
        claimed.add(ClaimedMessage.of(picked.get(i), tokens.get(i), attempts.get(i), until,
            errors.get(i)));
      }
      ps.executeBatch();
    }
    return claimed;
  }

  @Override
  public boolean acknowledge(String id, long fencingToken) {
    store.ensureOpen();
    Limits.checkId("id", id);
    return update("acknowledging outbox message " + id, sql.acknowledge, ps -> {
      ps.setString(1, id);
      ps.setLong(2, fencingToken);
    });
  }

  @Override
  public boolean reschedule(String id, long fencingToken, Instant notBefore, String error) {
    store.ensureOpen();
    Limits.checkId("id", id);
    Limits.checkTime("notBefore", notBefore);
    Limits.checkError(error);
    return update("rescheduling outbox message " + id, sql.reschedule, ps -> {
      ps.setBigDecimal(1, Codecs.seconds(notBefore));
      ps.setString(2, error);
      ps.setString(3, id);
      ps.setLong(4, fencingToken);
    });
  }

  @Override
  public boolean bury(String id, long fencingToken, String error) {
    store.ensureOpen();
    Limits.checkId("id", id);
    Limits.checkError(error);
    return update("burying outbox message " + id, sql.bury, ps -> {
      ps.setString(1, error);
      ps.setString(2, id);
      ps.setLong(3, fencingToken);
    });
  }

  @Override
  public Page<DeadLetter> dead(String cursor, int limit) {
    store.ensureOpen();
    Limits.checkPageSize("limit", limit);
    String after = cursor == null ? "" : Codecs.decodeDeadCursor(cursor);
    List<DeadLetter> letters = new ArrayList<>();
    boolean more = false;
    Connection c = store.connect(true);
    try (PreparedStatement ps = c.prepareStatement(sql.dead)) {
      ps.setString(1, after);
      ps.setInt(2, limit + 1);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (letters.size() == limit) {
            more = true;
            break;
          }
          letters.add(DeadLetter.of(message(rs), rs.getInt(7), rs.getString(8)));
        }
      }
    } catch (SQLException e) {
      throw Errors.failure("listing dead letters", e);
    } finally {
      store.release(c);
    }
    if (!more) {
      return Page.of(letters, null);
    }
    return Page.of(letters,
        Codecs.encodeDeadCursor(letters.get(letters.size() - 1).message().id()));
  }

  @Override
  public boolean revive(String id, Instant now) {
    store.ensureOpen();
    Limits.checkId("id", id);
    Limits.checkTime("now", now);
    return update("reviving outbox message " + id, sql.revive, ps -> {
      ps.setBigDecimal(1, Codecs.seconds(now));
      ps.setString(2, id);
    });
  }

  @Override
  public boolean purge(String id) {
    store.ensureOpen();
    Limits.checkId("id", id);
    return update("purging outbox message " + id, sql.purge, ps -> ps.setString(1, id));
  }

  /** Columns 1–6 of an outbox row: id, destination, type, payload, aggregate key, due time. */
  private static OutboxMessage message(ResultSet rs) throws SQLException {
    return OutboxMessage.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4),
        Codecs.instant(rs.getBigDecimal(6)), rs.getString(5));
  }

  /** Binds a statement's parameters. */
  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  /** Runs one single-row change in its own transaction; true if it changed the row. */
  private boolean update(String operation, String statement, Binder binder) {
    Connection c = store.connect(true);
    try (PreparedStatement ps = c.prepareStatement(statement)) {
      binder.bind(ps);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw Errors.failure(operation, e);
    } finally {
      store.release(c);
    }
  }
}
