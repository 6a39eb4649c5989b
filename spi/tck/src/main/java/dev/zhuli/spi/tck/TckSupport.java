package dev.zhuli.spi.tck;

import static org.junit.jupiter.api.Assertions.fail;

import dev.zhuli.spi.storage.ConflictException;
import dev.zhuli.spi.storage.FindRequest;
import dev.zhuli.spi.storage.IndexEntry;
import dev.zhuli.spi.storage.Page;
import dev.zhuli.spi.storage.StoredRecord;
import dev.zhuli.spi.storage.Storage;
import dev.zhuli.spi.storage.Transaction;
import dev.zhuli.spi.storage.UnitOfWork;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The ground of the conformance suite: opens a fresh store before each rule, closes every store
 * after it, and gives the rules their assertions. Extend {@link StorageTck}, not this class.
 *
 * <p>A misconfigured suite fails loudly: if {@link #newStorage()} throws or returns null, every
 * rule fails with a message that says so; none passes quietly.
 *
 * @since 0.1.0
 */
public abstract class TckSupport {
  /** The time the rules start from; stores never read a clock, so any fixed time will do. */
  protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final List<Storage> opened = new ArrayList<>();
  private Storage storage;

  /** For subclasses. */
  protected TckSupport() {}

  /**
   * Opens a new, empty store for one rule. Called before every rule, and again by rules that need
   * a second store; every store returned is closed after the rule.
   *
   * @return a new, open, empty store
   */
  protected abstract Storage newStorage();

  @BeforeEach
  final void openStoreUnderTest() {
    storage = openStore();
  }

  @AfterEach
  final void closeStoresUnderTest() {
    List<Storage> toClose = new ArrayList<>(opened);
    opened.clear();
    for (Storage s : toClose) {
      s.close();
    }
  }

  /**
   * The store under test, opened for the current rule.
   *
   * @return the store
   */
  public final Storage storageUnderTest() {
    return storage;
  }

  /**
   * Opens one more store through {@link #newStorage()}, checked like the first, closed after the
   * rule.
   *
   * @return the new store
   */
  protected final Storage openStore() {
    Storage s;
    try {
      s = newStorage();
    } catch (RuntimeException | Error e) {
      throw new AssertionError(
          message(TckRule.required_lifecycle_factoryReturnsAStore,
              "TCK misconfigured: newStorage() threw " + e),
          e);
    }
    if (s == null) {
      fail(message(TckRule.required_lifecycle_factoryReturnsAStore,
          "TCK misconfigured: newStorage() returned null"));
    }
    opened.add(s);
    return s;
  }

  /**
   * Forgets a store the rule closed itself, so it is not closed again.
   *
   * @param s the store
   */
  protected final void forget(Storage s) {
    opened.remove(s);
  }

  /**
   * Remembers a store the rule opened by other means, so it is closed after the rule.
   *
   * @param s the store
   */
  protected final void remember(Storage s) {
    opened.add(s);
  }

  // ---- transactions -------------------------------------------------------------------------

  /**
   * Runs a unit of work on the store under test.
   *
   * @param work the work
   * @param <T> the result type
   * @return the result
   */
  protected final <T> T tx(UnitOfWork<T> work) {
    return storage.transact(work);
  }

  /**
   * Runs a unit of work without result on the store under test.
   *
   * @param work the work
   */
  protected final void inTx(Consumer<Transaction> work) {
    storage.transact(t -> {
      work.accept(t);
      return null;
    });
  }

  /**
   * Reads one record in its own transaction.
   *
   * @param s the store
   * @param kind the kind
   * @param id the id
   * @return the record, if present
   */
  protected static Optional<StoredRecord> read(Storage s, String kind, String id) {
    return s.transact(t -> t.get(kind, id));
  }

  /**
   * Writes one record in its own transaction.
   *
   * @param s the store
   * @param r the record
   * @param expected the expected version
   * @return the new version
   */
  protected static long write(Storage s, StoredRecord r, long expected) {
    return s.transact(t -> t.put(r, expected));
  }

  /**
   * Pages through a whole find in one transaction per page.
   *
   * @param s the store
   * @param request the request (its limit is the page size)
   * @return every record returned, in order
   */
  protected static List<StoredRecord> findAll(Storage s, FindRequest request) {
    List<StoredRecord> all = new ArrayList<>();
    FindRequest next = request;
    for (int pages = 0; pages < 100_000; pages++) {
      FindRequest current = next;
      Page<StoredRecord> page = s.transact(t -> t.find(current));
      all.addAll(page.items());
      if (page.nextCursor().isEmpty()) {
        return all;
      }
      next = request.after(page.nextCursor().get());
    }
    throw new AssertionError("find never ended: more than 100000 pages for " + request);
  }

  /**
   * A record with a UTF-8 text body.
   *
   * @param kind the kind
   * @param id the id
   * @param body the body text
   * @param index the index entries
   * @return the record
   */
  protected static StoredRecord rec(String kind, String id, String body, IndexEntry... index) {
    return StoredRecord.of(kind, id, body.getBytes(StandardCharsets.UTF_8), index);
  }

  /**
   * An index entry.
   *
   * @param key the key
   * @param value the value
   * @return the entry
   */
  protected static IndexEntry idx(String key, String value) {
    return IndexEntry.of(key, value);
  }

  /**
   * The body of a record as UTF-8 text.
   *
   * @param r the record
   * @return the text
   */
  protected static String text(StoredRecord r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  /**
   * A time {@code seconds} after {@link #T0}.
   *
   * @param seconds seconds after T0
   * @return the time
   */
  protected static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  // ---- assertions ---------------------------------------------------------------------------

  /**
   * The failure message of a rule: its name, what went wrong, and what to check.
   *
   * @param rule the rule
   * @param what what went wrong
   * @return the message
   */
  protected static String message(TckRule rule, String what) {
    return "[" + rule.name() + "] " + what + ". If this fails, check: " + rule.hint();
  }

  /**
   * Fails the rule unless the condition holds.
   *
   * @param rule the rule
   * @param condition the condition
   * @param what what the condition says, for the message
   */
  protected static void check(TckRule rule, boolean condition, String what) {
    if (!condition) {
      fail(message(rule, "expected " + what));
    }
  }

  /**
   * Fails the rule unless the two values are equal.
   *
   * @param rule the rule
   * @param expected the expected value
   * @param actual the actual value
   * @param what what is compared, for the message
   */
  protected static void same(TckRule rule, Object expected, Object actual, String what) {
    if (!Objects.equals(expected, actual)) {
      fail(message(rule, what + ": expected <" + expected + "> but was <" + actual + ">"));
    }
  }

  /**
   * Fails the rule unless the action throws a {@link ConflictException}.
   *
   * @param rule the rule
   * @param what the action, for the message
   * @param action the action
   */
  protected static void expectConflict(TckRule rule, String what, Runnable action) {
    expect(rule, ConflictException.class, what, action);
  }

  /**
   * Fails the rule unless the action throws an exception of the given type.
   *
   * @param rule the rule
   * @param type the expected exception type
   * @param what the action, for the message
   * @param action the action
   * @param <X> the exception type
   * @return the exception thrown
   */
  protected static <X extends Throwable> X expect(
      TckRule rule, Class<X> type, String what, Runnable action) {
    try {
      action.run();
    } catch (Throwable t) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      throw new AssertionError(
          message(rule, what + ": expected " + type.getSimpleName() + " but got " + t), t);
    }
    throw new AssertionError(
        message(rule, what + ": expected " + type.getSimpleName() + " but nothing was thrown"));
  }
}
