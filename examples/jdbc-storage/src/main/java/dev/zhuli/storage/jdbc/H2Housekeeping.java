package dev.zhuli.storage.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.engine.Session;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.db.Store;

/**
 * Keeps an embedded H2 file from growing without end while the store writes each commit to it.
 *
 * <p>H2 writes every commit as a new chunk of B-tree pages (the changed pages and their parents),
 * about 20 to 80 KiB, and later pages make most of an older chunk dead. Its background thread
 * moves the few live pages out of such chunks so that they can be freed (after the database's
 * {@code RETENTION_TIME}), but that thread only runs while commits are written late
 * ({@code WRITE_DELAY} above 0). {@link H2Durability} sets it to 0, so without this class no
 * chunk was ever freed: the file grew by about 80 KiB per command (1.5 GB for 5,000 order
 * lifecycles, 2 % of it live), and went on growing after every reopen.
 *
 * <p>So the store does that work itself: once a {@linkplain #PERIOD_MILLIS second}, on a daemon
 * thread, it asks H2 to rewrite up to {@value #WRITE_LIMIT_BYTES} bytes of live pages out of the
 * sparsest chunks whenever chunks are less than {@value #TARGET_FILL_PERCENT} % live
 * ({@link MVStore#compact(int, int)}, which H2's own thread calls). H2 frees the emptied chunks
 * at a later commit, once they are older than the retention time (45 s by default; a lower
 * {@code RETENTION_TIME} keeps the file smaller under heavy load, at the cost H2 describes for
 * it). The file then stays near its live size plus what the retention time holds.
 *
 * <p>This reaches the database's {@link MVStore} through H2's engine classes, so it works only
 * for a database embedded in this process ({@code jdbc:h2:file:}); for an H2 server, the server
 * process has to compact, and the store says so once when it opens. Thread-safe: H2 runs the
 * rewrite under its store lock, alongside commits.
 */
final class H2Housekeeping implements AutoCloseable {
  /** How often the store compacts. */
  static final long PERIOD_MILLIS = 1_000;
  /** Chunks less live than this, in percent, are compacted. */
  static final int TARGET_FILL_PERCENT = 90;
  /** The most live pages rewritten at a time, in bytes. */
  static final int WRITE_LIMIT_BYTES = 4 * 1024 * 1024;

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(H2Housekeeping.class);
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final MVStore store;
  private final ScheduledExecutorService timer;

  private H2Housekeeping(MVStore store, boolean scheduled) {
    this.store = store;
    if (scheduled) {
      this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "zhuli-h2-housekeeping-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
      timer.scheduleWithFixedDelay(this::runScheduled, PERIOD_MILLIS, PERIOD_MILLIS,
          TimeUnit.MILLISECONDS);
    } else {
      this.timer = null;
    }
  }

  /**
   * Starts compacting the database of a connection once a second, if it is an H2 file embedded
   * in this process; else logs why not and returns null.
   *
   * @param c a connection to the database
   * @return the running housekeeping, to close with the store; null if there is none
   */
  static H2Housekeeping start(Connection c) {
    MVStore store = storeOf(c);
    return store == null ? null : new H2Housekeeping(store, true);
  }

  /**
   * Housekeeping of a connection's database that runs only when asked ({@link #runOnce()}), for
   * tests that need it to happen at a known moment.
   *
   * @param c a connection to an embedded H2 file
   * @return the housekeeping
   * @throws IllegalStateException if the database is not an embedded H2 file
   */
  static H2Housekeeping manual(Connection c) {
    MVStore store = storeOf(c);
    if (store == null) {
      throw new IllegalStateException("not an H2 file embedded in this process");
    }
    return new H2Housekeeping(store, false);
  }

  /**
   * Compacts once: rewrites live pages out of the sparsest chunks, if chunks are less live than
   * the target.
   *
   * @return true if pages were rewritten
   */
  boolean runOnce() {
    if (store.isClosed()) {
      return false;
    }
    return store.compact(TARGET_FILL_PERCENT, WRITE_LIMIT_BYTES);
  }

  /**
   * Whether the timer still runs: from {@link #start} until {@link #close()}, or until the host
   * closed the database.
   *
   * @return true while scheduled
   */
  boolean isScheduled() {
    return timer != null && !timer.isShutdown();
  }

  /** Stops the timer; a compaction under way ends first. */
  @Override
  public void close() {
    if (timer != null) {
      timer.shutdown();
    }
  }

  private void runScheduled() {
    try {
      if (store.isClosed()) {
        // The host closed the database (its last connection, say): nothing left to keep.
        timer.shutdown();
        return;
      }
      runOnce();
    } catch (RuntimeException e) {
      if (store.isClosed()) {
        timer.shutdown();
        return;
      }
      // A failed round leaves the file as it was; the next one tries again.
      LOG.warn("compacting the H2 file failed; trying again in {} ms", PERIOD_MILLIS, e);
    }
  }

  private static MVStore storeOf(Connection c) {
    try {
      Session session = c.unwrap(JdbcConnection.class).getSession();
      if (!(session instanceof SessionLocal local)) {
        LOG.info("the H2 database runs in a server, which writes each commit as a chunk of its"
            + " file with WRITE_DELAY 0 and never frees old chunks itself: compact it there"
            + " (SHUTDOWN COMPACT), or the file keeps growing");
        return null;
      }
      Store store = local.getDatabase().getStore();
      if (store == null || !store.getMvStore().isPersistent()) {
        return null;
      }
      return store.getMvStore();
    } catch (SQLException | RuntimeException | LinkageError e) {
      LOG.warn("cannot reach the H2 file to compact it while open; it grows by every commit"
          + " until it is compacted (SHUTDOWN COMPACT)", e);
      return null;
    }
  }
}
