package dev.zhuli.core.store;

import dev.zhuli.spi.storage.ClaimedMessage;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Deliberately broken stores, each the in-memory store with one rule of the contract broken, for
 * the conformance suite's tests of itself.
 */
final class BrokenStores {
  private BrokenStores() {}

  /** Writes whatever the stored version is: last writer wins, as a careless plugin would. */
  static Storage ignoringVersions() {
    return new ForwardingStorage(InMemoryStorage.create()) {
      @Override
      Transaction wrap(Transaction t) {
        return new ForwardingTransaction(t) {
          @Override
          public long put(StoredRecord record, long expectedVersion) {
            if (record == null || expectedVersion < 0) {
              return t.put(record, expectedVersion);
            }
            long stored = t.get(record.kind(), record.id()).map(StoredRecord::version).orElse(0L);
            return t.put(record, stored);
          }

          @Override
          public void delete(String kind, String id, long expectedVersion) {
            if (expectedVersion < 1) {
              t.delete(kind, id, expectedVersion);
              return;
            }
            t.get(kind, id).ifPresent(r -> t.delete(kind, id, r.version()));
          }
        };
      }
    };
  }

  /** Accepts messages and forgets them: nothing enqueued ever reaches the outbox. */
  static Storage droppingOutboxMessages() {
    return new ForwardingStorage(InMemoryStorage.create()) {
      @Override
      Transaction wrap(Transaction t) {
        return new ForwardingTransaction(t) {
          @Override
          public void enqueue(OutboxMessage message) {
            if (message == null) {
              t.enqueue(null);
            }
          }
        };
      }
    };
  }

  /**
   * Returns find results in the order the records were first written, with an offset as cursor,
   * as a plugin that forgot its ORDER BY would.
   */
  static Storage findingInInsertionOrder() {
    Map<String, Long> firstWritten = new ConcurrentHashMap<>();
    AtomicLong clock = new AtomicLong();
    return new ForwardingStorage(InMemoryStorage.create()) {
      @Override
      Transaction wrap(Transaction t) {
        return new ForwardingTransaction(t) {
          @Override
          public long put(StoredRecord record, long expectedVersion) {
            long version = t.put(record, expectedVersion);
            firstWritten.putIfAbsent(record.kind() + "/" + record.id(), clock.incrementAndGet());
            return version;
          }

          @Override
          public Page<StoredRecord> find(FindRequest request) {
            if (request == null) {
              return t.find(null);
            }
            List<StoredRecord> all = new ArrayList<>();
            FindRequest whole = FindRequest.of(request.kind(), request.key()).limit(1000);
            whole = request.lower().map(whole::from).orElse(whole);
            whole = request.upper().map(whole::to).orElse(whole);
            FindRequest next = whole;
            while (true) {
              Page<StoredRecord> page = t.find(next);
              all.addAll(page.items());
              if (page.nextCursor().isEmpty()) {
                break;
              }
              next = whole.after(page.nextCursor().get());
            }
            all.sort(Comparator.comparing(
                r -> firstWritten.getOrDefault(r.kind() + "/" + r.id(), Long.MAX_VALUE)));
            int offset;
            try {
              offset = request.cursor().map(Integer::parseInt).orElse(0);
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException("unreadable cursor", e);
            }
            int end = Math.min(all.size(), offset + request.limit());
            return Page.of(all.subList(offset, end),
                end < all.size() ? Integer.toString(end) : null);
          }
        };
      }
    };
  }

  /** Swallows the unit of work's exception and commits what it wrote before it threw. */
  static Storage committingOnFailure() {
    return new ForwardingStorage(InMemoryStorage.create()) {
      @Override
      public <T> T transact(UnitOfWork<T> work) {
        if (work == null) {
          return delegate.transact(null);
        }
        return delegate.transact(t -> {
          try {
            return work.run(t);
          } catch (IllegalStateException e) {
            return null;
          }
        });
      }
    };
  }

  /**
   * Purges any message it is asked to, live ones included, as a plugin whose DELETE forgot the
   * dead-letter condition would: a host cleaning up dead letters loses messages still in delivery.
   * The live message is settled away with a fresh claim, so the store's own state stays sound.
   */
  static Storage purgingLiveMessages() {
    return new ForwardingStorage(InMemoryStorage.create()) {
      @Override
      public Outbox outbox() {
        return new ForwardingOutbox(delegate.outbox()) {
          @Override
          public boolean purge(String id) {
            if (id == null || o.purge(id)) {
              return id != null || o.purge(null);
            }
            Instant end = Instant.parse("9999-12-31T00:00:00Z");
            for (ClaimedMessage c : o.claim("purge", end, Duration.ofSeconds(1), 1000)) {
              if (c.message().id().equals(id)) {
                return o.acknowledge(id, c.fencingToken());
              }
              o.reschedule(c.message().id(), c.fencingToken(), c.message().dueAt(),
                  c.lastError().orElse("released"));
            }
            return false;
          }
        };
      }
    };
  }

  /**
   * Settles claims with whatever token is current, as a plugin that forgot the fencing token in
   * its UPDATE's WHERE clause would: a relay whose lease ran out settles someone else's claim.
   */
  static Storage acceptingStaleTokens() {
    Map<String, Long> latest = new ConcurrentHashMap<>();
    return new ForwardingStorage(InMemoryStorage.create()) {
      @Override
      public Outbox outbox() {
        return new ForwardingOutbox(delegate.outbox()) {
          @Override
          public List<ClaimedMessage> claim(String owner, Instant now, Duration lease, int max) {
            List<ClaimedMessage> claimed = o.claim(owner, now, lease, max);
            claimed.forEach(c -> latest.put(c.message().id(), c.fencingToken()));
            return claimed;
          }

          @Override
          public boolean acknowledge(String id, long fencingToken) {
            return o.acknowledge(id, id == null ? fencingToken : latest.getOrDefault(id, fencingToken));
          }

          @Override
          public boolean reschedule(String id, long fencingToken, Instant notBefore,
              String error) {
            return o.reschedule(id, id == null ? fencingToken : latest.getOrDefault(id, fencingToken), notBefore, error);
          }

          @Override
          public boolean bury(String id, long fencingToken, String error) {
            return o.bury(id, id == null ? fencingToken : latest.getOrDefault(id, fencingToken), error);
          }
        };
      }
    };
  }
}
