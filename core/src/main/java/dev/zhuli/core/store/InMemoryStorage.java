package dev.zhuli.core.store;

import dev.zhuli.core.store.Postings.Posting;
import dev.zhuli.spi.storage.Capability;
import dev.zhuli.spi.storage.ClaimedMessage;
import dev.zhuli.spi.storage.ConflictException;
import dev.zhuli.spi.storage.DeadLetter;
import dev.zhuli.spi.storage.FindRequest;
import dev.zhuli.spi.storage.IndexEntry;
import dev.zhuli.spi.storage.Limits;
import dev.zhuli.spi.storage.Outbox;
import dev.zhuli.spi.storage.OutboxMessage;
import dev.zhuli.spi.storage.Page;
import dev.zhuli.spi.storage.StoredRecord;
import dev.zhuli.spi.storage.Storage;
import dev.zhuli.spi.storage.StorageException;
import dev.zhuli.spi.storage.Transaction;
import dev.zhuli.spi.storage.UnitOfWork;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A {@link Storage} that keeps everything in the memory of the process: the embedded default for
 * tests, demos and hosts that need no database.
 *
 * <p>It keeps the whole storage contract except durability and sharing, so it declares no
 * {@link Capability capabilities}: what it holds is lost when it is closed or the process ends,
 * and only the handle returned by {@link #create()} sees it.
 *
 * <p><b>Thread safety.</b> A store may be used by any number of threads at once. Each read of a
 * transaction ({@code get}, {@code find}) sees a consistent snapshot of the committed state, never
 * half of another transaction's commit; a transaction buffers its writes and enqueues, and applies
 * them all at once when its unit of work returns, after checking again every version it expected.
 * Every method of the {@link #outbox() outbox} is atomic. Committed state is guarded by one
 * read-write lock: reads share it, commits and outbox changes take it alone, briefly.
 *
 * <p><b>Cost.</b> {@code get} is a hash lookup; {@code find} walks a sorted index from its start
 * position, so a page costs O(log n + page size) whatever the number of records; {@code claim}
 * walks a queue sorted by the time each message becomes available, O(log n + max).
 *
 * @since 0.1.0
 */
public final class InMemoryStorage implements Storage {
  private static final String CLOSED = "storage is closed";
  private static final Base64.Encoder CURSOR_ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder CURSOR_DECODER = Base64.getUrlDecoder();

  /** Guards all committed state: shared by each read, held alone by commits and outbox changes. */
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  /** Committed records, with their stored versions. */
  private final Map<RecordKey, StoredRecord> records = new ConcurrentHashMap<>();
  /**
   * Committed index: per kind and key, the (value, id) postings in find order, changed only under
   * the write lock and read only under the read lock.
   */
  private final Map<IndexKey, Postings> index = new ConcurrentHashMap<>();
  private final MemoryOutbox outbox = new MemoryOutbox();
  private volatile boolean closed;

  private InMemoryStorage() {}

  /**
   * Creates an empty, open store.
   *
   * @return the store; the caller closes it
   * @since 0.1.0
   */
  public static InMemoryStorage create() {
    return new InMemoryStorage();
  }

  /**
   * No capabilities: the store is neither {@link Capability#DURABLE durable} nor
   * {@link Capability#SHARED shared}.
   *
   * @return an empty, unmodifiable set
   * @since 0.1.0
   */
  @Override
  public Set<Capability> capabilities() {
    return Set.of();
  }

  /**
   * Runs the work in one transaction, as {@link Storage#transact(UnitOfWork)} describes.
   *
   * <p>The transaction buffers its writes and enqueues; reads see the committed state overlaid
   * with them. A version that does not match is a {@link ConflictException} at the call, and
   * dooms the transaction. When the work returns, the expected versions and message ids are
   * checked again and everything is applied at once; otherwise nothing is.
   *
   * @param work the unit of work
   * @param <T> the result type
   * @return what the work returned
   * @throws ConflictException if an expected version or a message id conflicted, at a call or at
   *     commit
   * @throws StorageException if the store was closed while the work ran; nothing is kept
   * @throws IllegalStateException if the store is closed
   * @throws IllegalArgumentException if the work is null
   * @since 0.1.0
   */
  @Override
  public <T> T transact(UnitOfWork<T> work) {
    ensureOpen();
    if (work == null) {
      throw new IllegalArgumentException("work must not be null");
    }
    MemoryTransaction tx = new MemoryTransaction();
    T result;
    try {
      result = work.run(tx);
    } finally {
      tx.finish();
    }
    if (tx.conflict != null) {
      throw tx.conflict;
    }
    commit(tx);
    return result;
  }

  /**
   * The outbox of this store; every method is atomic and thread-safe, and throws
   * {@link IllegalStateException} once the store is closed.
   *
   * @return the outbox view
   * @since 0.1.0
   */
  @Override
  public Outbox outbox() {
    return outbox;
  }

  /**
   * Closes the store and drops everything it holds. Idempotent. A transaction still running fails
   * with a {@link StorageException} at its next call or at commit; later calls to
   * {@link #transact} and the outbox throw {@link IllegalStateException}.
   *
   * @since 0.1.0
   */
  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      records.clear();
      index.clear();
      outbox.clear();
    } finally {
      lock.writeLock().unlock();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Committed state

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException(CLOSED);
    }
  }

  private Lock readLock() {
    Lock read = lock.readLock();
    read.lock();
    return read;
  }

  private Lock writeLock() {
    Lock write = lock.writeLock();
    write.lock();
    return write;
  }

  private long committedVersion(RecordKey key) {
    StoredRecord stored = records.get(key);
    return stored == null ? 0 : stored.version();
  }

  private void commit(MemoryTransaction tx) {
    if (tx.writes.isEmpty() && tx.enqueued.isEmpty()) {
      return;
    }
    Lock write = writeLock();
    try {
      if (closed) {
        throw new StorageException("storage was closed before the transaction committed");
      }
      validate(tx);
      for (Map.Entry<RecordKey, Write> entry : tx.writes.entrySet()) {
        apply(entry.getKey(), entry.getValue().record);
      }
      for (OutboxMessage message : tx.enqueued.values()) {
        outbox.add(message);
      }
    } finally {
      write.unlock();
    }
  }

  private void validate(MemoryTransaction tx) {
    for (Map.Entry<RecordKey, Write> entry : tx.writes.entrySet()) {
      RecordKey key = entry.getKey();
      long expected = entry.getValue().base;
      long stored = committedVersion(key);
      if (stored != expected) {
        throw new ConflictException(key.kind, key.id,
            key + " changed before commit: expected version " + expected + ", stored " + stored);
      }
    }
    for (String id : tx.enqueued.keySet()) {
      if (outbox.contains(id)) {
        throw duplicateMessage(id);
      }
    }
  }

  private void apply(RecordKey key, StoredRecord record) {
    StoredRecord old = record == null ? records.remove(key) : records.put(key, record);
    if (old != null) {
      for (IndexEntry entry : old.index()) {
        IndexKey indexKey = new IndexKey(key.kind, entry.key());
        Postings postings = index.get(indexKey);
        postings.remove(entry.value(), key.id);
        if (postings.isEmpty()) {
          index.remove(indexKey);
        }
      }
    }
    if (record != null) {
      for (IndexEntry entry : record.index()) {
        index.computeIfAbsent(new IndexKey(key.kind, entry.key()), k -> new Postings())
            .add(entry.value(), key.id);
      }
    }
  }

  private static ConflictException duplicateMessage(String id) {
    return new ConflictException("outbox", id, "outbox message " + id + " already exists");
  }

  // ---------------------------------------------------------------------------------------------
  // Find

  /** The postings from where a request starts: its lower bound or after its cursor. */
  private static Iterator<Posting> startOf(
      Postings postings, FindRequest request, Posting after) {
    if (postings == null) {
      return Collections.emptyIterator();
    }
    Posting lower = request.lower().map(value -> new Posting(value, "")).orElse(null);
    if (after != null && (lower == null || after.compareTo(lower) >= 0)) {
      return postings.from(after, false);
    }
    return postings.from(lower, true);
  }

  private static String encodeCursor(Posting position) {
    return CURSOR_ENCODER.encodeToString(position.value().getBytes(StandardCharsets.UTF_8)) + "."
        + CURSOR_ENCODER.encodeToString(position.id().getBytes(StandardCharsets.US_ASCII));
  }

  private static Posting decodeCursor(String cursor) {
    int dot = cursor.indexOf('.');
    if (dot < 0 || cursor.indexOf('.', dot + 1) >= 0) {
      throw unreadableCursor(null);
    }
    try {
      String value = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(CURSOR_DECODER.decode(cursor.substring(0, dot))))
          .toString();
      String id = new String(
          CURSOR_DECODER.decode(cursor.substring(dot + 1)), StandardCharsets.US_ASCII);
      IndexEntry.of("cursor", value);
      Limits.checkId("cursor id", id);
      return new Posting(value, id);
    } catch (IllegalArgumentException | CharacterCodingException e) {
      throw unreadableCursor(e);
    }
  }

  private static String encodeDeadCursor(String id) {
    return CURSOR_ENCODER.encodeToString(id.getBytes(StandardCharsets.US_ASCII));
  }

  private static String decodeDeadCursor(String cursor) {
    try {
      return Limits.checkId("cursor id",
          new String(CURSOR_DECODER.decode(cursor), StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw unreadableCursor(e);
    }
  }

  private static IllegalArgumentException unreadableCursor(Exception cause) {
    return new IllegalArgumentException(
        "cursor is unreadable: pass a nextCursor returned by this store, unchanged", cause);
  }

  // ---------------------------------------------------------------------------------------------
  // Value types

  /** A record's identity within the store. */
  private record RecordKey(String kind, String id) {
    @Override
    public String toString() {
      return kind + "/" + id;
    }
  }

  /** One sorted index: the entries of one key on records of one kind. */
  private record IndexKey(String kind, String key) {}

  /**
   * A transaction's latest write of one record: the record with its new version, or null for a
   * delete; and the committed version it was based on, checked again at commit.
   */
  private static final class Write {
    final long base;
    final StoredRecord record;

    Write(long base, StoredRecord record) {
      this.base = base;
      this.record = record;
    }

    long version() {
      return record == null ? 0 : record.version();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Transaction

  /** One unit of work's reads and buffered writes; used by one thread, valid until it ends. */
  private final class MemoryTransaction implements Transaction {
    final Map<RecordKey, Write> writes = new LinkedHashMap<>();
    final Map<IndexKey, Postings> ownIndex = new HashMap<>();
    final Map<String, OutboxMessage> enqueued = new LinkedHashMap<>();
    ConflictException conflict;
    private volatile boolean finished;

    void finish() {
      finished = true;
    }

    @Override
    public Optional<StoredRecord> get(String kind, String id) {
      checkUsable();
      RecordKey key = new RecordKey(Limits.checkKind(kind), Limits.checkId("id", id));
      Write own = writes.get(key);
      if (own != null) {
        return Optional.ofNullable(own.record);
      }
      Lock read = readLock();
      try {
        checkStoreOpen();
        return Optional.ofNullable(records.get(key));
      } finally {
        read.unlock();
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
      RecordKey key = new RecordKey(record.kind(), record.id());
      long base = expect(key, expectedVersion);
      StoredRecord stored = record.withVersion(expectedVersion + 1);
      write(key, new Write(base, stored));
      return stored.version();
    }

    @Override
    public void delete(String kind, String id, long expectedVersion) {
      checkUsable();
      RecordKey key = new RecordKey(Limits.checkKind(kind), Limits.checkId("id", id));
      if (expectedVersion < 1) {
        throw new IllegalArgumentException(
            "expectedVersion of a delete must be at least 1, was " + expectedVersion);
      }
      long base = expect(key, expectedVersion);
      write(key, new Write(base, null));
    }

    @Override
    public Page<StoredRecord> find(FindRequest request) {
      checkUsable();
      if (request == null) {
        throw new IllegalArgumentException("request must not be null");
      }
      Posting after = request.cursor().map(InMemoryStorage::decodeCursor).orElse(null);
      int limit = request.limit();
      List<Posting> positions = new ArrayList<>();
      List<StoredRecord> found = new ArrayList<>();
      Lock read = readLock();
      try {
        checkStoreOpen();
        IndexKey indexKey = new IndexKey(request.kind(), request.key());
        Iterator<Posting> committed = startOf(index.get(indexKey), request, after);
        Iterator<Posting> own = startOf(ownIndex.get(indexKey), request, after);
        String upper = request.upper().orElse(null);
        Posting nextCommitted = next(committed);
        Posting nextOwn = next(own);
        while (found.size() <= limit && (nextCommitted != null || nextOwn != null)) {
          boolean fromOwn =
              nextCommitted == null || (nextOwn != null && nextOwn.compareTo(nextCommitted) < 0);
          Posting position = fromOwn ? nextOwn : nextCommitted;
          if (upper != null && IndexEntry.CODE_POINT_ORDER.compare(position.value(), upper) > 0) {
            break;
          }
          RecordKey key = new RecordKey(request.kind(), position.id());
          StoredRecord record;
          if (fromOwn) {
            nextOwn = next(own);
            record = writes.get(key).record;
          } else {
            nextCommitted = next(committed);
            record = writes.containsKey(key) ? null : records.get(key);
          }
          if (record != null
              && position.value().equals(request.leastMatch(record).orElse(null))) {
            positions.add(position);
            found.add(record);
          }
        }
      } finally {
        read.unlock();
      }
      if (found.size() <= limit) {
        return Page.of(found, null);
      }
      return Page.of(found.subList(0, limit), encodeCursor(positions.get(limit - 1)));
    }

    @Override
    public void enqueue(OutboxMessage message) {
      checkUsable();
      if (message == null) {
        throw new IllegalArgumentException("message must not be null");
      }
      String id = message.id();
      boolean exists = enqueued.containsKey(id);
      if (!exists) {
        Lock read = readLock();
        try {
          checkStoreOpen();
          exists = outbox.contains(id);
        } finally {
          read.unlock();
        }
      }
      if (exists) {
        throw raise(duplicateMessage(id));
      }
      enqueued.put(id, message);
    }

    /** Checks the expected version now; returns the committed version the write is based on. */
    private long expect(RecordKey key, long expectedVersion) {
      Write own = writes.get(key);
      long base;
      long current;
      if (own != null) {
        base = own.base;
        current = own.version();
      } else {
        Lock read = readLock();
        try {
          checkStoreOpen();
          base = committedVersion(key);
        } finally {
          read.unlock();
        }
        current = base;
      }
      if (current != expectedVersion) {
        throw raise(new ConflictException(key.kind, key.id,
            key + ": expected version " + expectedVersion + ", stored " + current));
      }
      return base;
    }

    private void write(RecordKey key, Write write) {
      Write previous = writes.put(key, write);
      if (previous != null && previous.record != null) {
        for (IndexEntry entry : previous.record.index()) {
          IndexKey indexKey = new IndexKey(key.kind, entry.key());
          Postings postings = ownIndex.get(indexKey);
          postings.remove(entry.value(), key.id);
          if (postings.isEmpty()) {
            ownIndex.remove(indexKey);
          }
        }
      }
      if (write.record != null) {
        for (IndexEntry entry : write.record.index()) {
          ownIndex.computeIfAbsent(new IndexKey(key.kind, entry.key()), k -> new Postings())
              .add(entry.value(), key.id);
        }
      }
    }

    private ConflictException raise(ConflictException e) {
      if (conflict == null) {
        conflict = e;
      }
      return e;
    }

    private void checkUsable() {
      if (finished) {
        throw new IllegalStateException(
            "transaction is over: it is valid only until its unit of work returns or throws");
      }
      checkStoreOpen();
    }

    private void checkStoreOpen() {
      if (closed) {
        throw new StorageException("storage was closed while the transaction ran");
      }
    }

    private Posting next(Iterator<Posting> postings) {
      return postings.hasNext() ? postings.next() : null;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Outbox

  /** The state of one message in the outbox, live or dead; guarded by the store's lock. */
  private static final class Message {
    OutboxMessage message;
    int attempts;
    String lastError;
    boolean dead;
    long token;
    boolean claimOpen;
    Instant leaseExpiresAt;
    String owner;
    /** Where the message waits in the queue while live; null while dead. */
    Slot slot;

    Message(OutboxMessage message) {
      this.message = message;
    }

    void release() {
      claimOpen = false;
      leaseExpiresAt = null;
      owner = null;
    }

    /** When the message may be claimed: when due, or when its lease ends if it is leased. */
    Slot availability() {
      Instant at = message.dueAt();
      if (leaseExpiresAt != null && leaseExpiresAt.isAfter(at)) {
        at = leaseExpiresAt;
      }
      return new Slot(at, message.id());
    }
  }

  /** A live message's place in the claim queue: by availability time, then id. */
  private static final class Slot implements Comparable<Slot> {
    final Instant at;
    final String id;

    Slot(Instant at, String id) {
      this.at = at;
      this.id = id;
    }

    @Override
    public int compareTo(Slot other) {
      int byTime = at.compareTo(other.at);
      return byTime != 0 ? byTime : id.compareTo(other.id);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Slot && ((Slot) o).at.equals(at) && ((Slot) o).id.equals(id);
    }

    @Override
    public int hashCode() {
      return 31 * at.hashCode() + id.hashCode();
    }
  }

  /** The outbox view; its state is guarded by the store's read-write lock. */
  private final class MemoryOutbox implements Outbox {
    private final Map<String, Message> messages = new HashMap<>();
    private final NavigableSet<Slot> queue = new TreeSet<>();
    private final NavigableSet<String> deadIds = new TreeSet<>();
    private final AtomicLong tokens = new AtomicLong();

    @Override
    public List<ClaimedMessage> claim(String owner, Instant now, Duration lease, int max) {
      ensureOpen();
      Limits.checkOwner(owner);
      Limits.checkTime("now", now);
      Limits.checkLease(lease);
      Limits.checkPageSize("max", max);
      Instant until = leaseEnd(now, lease);
      Lock write = writeLock();
      try {
        ensureOpen();
        List<Message> due = new ArrayList<>();
        for (Slot slot : queue) {
          if (due.size() == max || slot.at.isAfter(now)) {
            break;
          }
          due.add(messages.get(slot.id));
        }
        List<ClaimedMessage> claimed = new ArrayList<>(due.size());
        for (Message m : due) {
          queue.remove(m.slot);
          m.token = tokens.incrementAndGet();
          m.attempts++;
          m.claimOpen = true;
          m.leaseExpiresAt = until;
          m.owner = owner;
          m.slot = m.availability();
          queue.add(m.slot);
          claimed.add(ClaimedMessage.of(m.message, m.token, m.attempts, until, m.lastError));
        }
        return claimed;
      } finally {
        write.unlock();
      }
    }

    @Override
    public boolean acknowledge(String id, long fencingToken) {
      ensureOpen();
      Limits.checkId("id", id);
      Lock write = writeLock();
      try {
        ensureOpen();
        Message m = settleable(id, fencingToken);
        if (m == null) {
          return false;
        }
        messages.remove(id);
        queue.remove(m.slot);
        return true;
      } finally {
        write.unlock();
      }
    }

    @Override
    public boolean reschedule(String id, long fencingToken, Instant notBefore, String error) {
      ensureOpen();
      Limits.checkId("id", id);
      Limits.checkTime("notBefore", notBefore);
      Limits.checkError(error);
      Lock write = writeLock();
      try {
        ensureOpen();
        Message m = settleable(id, fencingToken);
        if (m == null) {
          return false;
        }
        queue.remove(m.slot);
        m.message = m.message.withDueAt(notBefore);
        m.lastError = error;
        m.release();
        m.slot = m.availability();
        queue.add(m.slot);
        return true;
      } finally {
        write.unlock();
      }
    }

    @Override
    public boolean bury(String id, long fencingToken, String error) {
      ensureOpen();
      Limits.checkId("id", id);
      Limits.checkError(error);
      Lock write = writeLock();
      try {
        ensureOpen();
        Message m = settleable(id, fencingToken);
        if (m == null) {
          return false;
        }
        queue.remove(m.slot);
        m.slot = null;
        m.dead = true;
        m.lastError = error;
        m.release();
        deadIds.add(id);
        return true;
      } finally {
        write.unlock();
      }
    }

    @Override
    public Page<DeadLetter> dead(String cursor, int limit) {
      ensureOpen();
      Limits.checkPageSize("limit", limit);
      String after = cursor == null ? null : decodeDeadCursor(cursor);
      List<DeadLetter> letters = new ArrayList<>();
      Lock read = readLock();
      try {
        ensureOpen();
        NavigableSet<String> ids = after == null ? deadIds : deadIds.tailSet(after, false);
        for (String id : ids) {
          if (letters.size() > limit) {
            break;
          }
          Message m = messages.get(id);
          letters.add(DeadLetter.of(m.message, m.attempts, m.lastError));
        }
      } finally {
        read.unlock();
      }
      if (letters.size() <= limit) {
        return Page.of(letters, null);
      }
      String next = encodeDeadCursor(letters.get(limit - 1).message().id());
      return Page.of(letters.subList(0, limit), next);
    }

    @Override
    public boolean revive(String id, Instant now) {
      ensureOpen();
      Limits.checkId("id", id);
      Limits.checkTime("now", now);
      Lock write = writeLock();
      try {
        ensureOpen();
        Message m = messages.get(id);
        if (m == null || !m.dead) {
          return false;
        }
        deadIds.remove(id);
        m.dead = false;
        m.message = m.message.withDueAt(now);
        m.attempts = 0;
        m.release();
        m.slot = m.availability();
        queue.add(m.slot);
        return true;
      } finally {
        write.unlock();
      }
    }

    @Override
    public boolean purge(String id) {
      ensureOpen();
      Limits.checkId("id", id);
      Lock write = writeLock();
      try {
        ensureOpen();
        Message m = messages.get(id);
        if (m == null || !m.dead) {
          return false;
        }
        messages.remove(id);
        deadIds.remove(id);
        return true;
      } finally {
        write.unlock();
      }
    }

    /** Whether a message with this id is in the outbox, live or dead; under a lock. */
    boolean contains(String id) {
      return messages.containsKey(id);
    }

    /** Adds a committed message; under the write lock, after checking its id is new. */
    void add(OutboxMessage message) {
      Message m = new Message(message);
      m.slot = m.availability();
      messages.put(message.id(), m);
      queue.add(m.slot);
    }

    /** Drops everything; under the write lock. */
    void clear() {
      messages.clear();
      queue.clear();
      deadIds.clear();
    }

    /** The live message whose open claim has this token, or null. */
    private Message settleable(String id, long fencingToken) {
      Message m = messages.get(id);
      if (m == null || m.dead || !m.claimOpen || m.token != fencingToken) {
        return null;
      }
      return m;
    }

    private Instant leaseEnd(Instant now, Duration lease) {
      try {
        return now.plus(lease);
      } catch (DateTimeException | ArithmeticException e) {
        return Instant.MAX;
      }
    }
  }
}
