package dev.zhuli.core.store;

import dev.zhuli.spi.storage.Capability;
import dev.zhuli.spi.storage.ClaimedMessage;
import dev.zhuli.spi.storage.DeadLetter;
import dev.zhuli.spi.storage.FindRequest;
import dev.zhuli.spi.storage.Outbox;
import dev.zhuli.spi.storage.OutboxMessage;
import dev.zhuli.spi.storage.Page;
import dev.zhuli.spi.storage.StoredRecord;
import dev.zhuli.spi.storage.Storage;
import dev.zhuli.spi.storage.Transaction;
import dev.zhuli.spi.storage.UnitOfWork;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A store that forwards everything to another; tests override single methods to break one rule
 * of the contract at a time, or to present one store through several handles.
 */
class ForwardingStorage implements Storage {
  final Storage delegate;

  ForwardingStorage(Storage delegate) {
    this.delegate = delegate;
  }

  @Override
  public Set<Capability> capabilities() {
    return delegate.capabilities();
  }

  @Override
  public <T> T transact(UnitOfWork<T> work) {
    if (work == null) {
      return delegate.transact(null);
    }
    return delegate.transact(t -> work.run(wrap(t)));
  }

  /** Wraps each transaction; the default forwards every call. */
  Transaction wrap(Transaction t) {
    return new ForwardingTransaction(t);
  }

  @Override
  public Outbox outbox() {
    return new ForwardingOutbox(delegate.outbox());
  }

  @Override
  public void close() {
    delegate.close();
  }

  /** A transaction that forwards every call. */
  static class ForwardingTransaction implements Transaction {
    final Transaction t;

    ForwardingTransaction(Transaction t) {
      this.t = t;
    }

    @Override
    public Optional<StoredRecord> get(String kind, String id) {
      return t.get(kind, id);
    }

    @Override
    public long put(StoredRecord record, long expectedVersion) {
      return t.put(record, expectedVersion);
    }

    @Override
    public void delete(String kind, String id, long expectedVersion) {
      t.delete(kind, id, expectedVersion);
    }

    @Override
    public Page<StoredRecord> find(FindRequest request) {
      return t.find(request);
    }

    @Override
    public void enqueue(OutboxMessage message) {
      t.enqueue(message);
    }
  }

  /** An outbox that forwards every call, after {@link #before()}. */
  static class ForwardingOutbox implements Outbox {
    final Outbox o;

    ForwardingOutbox(Outbox o) {
      this.o = o;
    }

    /** Runs before every forwarded call; does nothing unless overridden. */
    void before() {}

    @Override
    public List<ClaimedMessage> claim(String owner, Instant now, Duration lease, int max) {
      before();
      return o.claim(owner, now, lease, max);
    }

    @Override
    public boolean acknowledge(String id, long fencingToken) {
      before();
      return o.acknowledge(id, fencingToken);
    }

    @Override
    public boolean reschedule(String id, long fencingToken, Instant notBefore, String error) {
      before();
      return o.reschedule(id, fencingToken, notBefore, error);
    }

    @Override
    public boolean bury(String id, long fencingToken, String error) {
      before();
      return o.bury(id, fencingToken, error);
    }

    @Override
    public Page<DeadLetter> dead(String cursor, int limit) {
      before();
      return o.dead(cursor, limit);
    }

    @Override
    public boolean revive(String id, Instant now) {
      before();
      return o.revive(id, now);
    }

    @Override
    public boolean purge(String id) {
      before();
      return o.purge(id);
    }
  }
}
