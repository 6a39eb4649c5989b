package dev.zhuli.spi.tck;

import dev.zhuli.spi.storage.ClaimedMessage;
import dev.zhuli.spi.storage.ConflictException;
import dev.zhuli.spi.storage.DeadLetter;
import dev.zhuli.spi.storage.FindRequest;
import dev.zhuli.spi.storage.IndexEntry;
import dev.zhuli.spi.storage.Outbox;
import dev.zhuli.spi.storage.OutboxMessage;
import dev.zhuli.spi.storage.Page;
import dev.zhuli.spi.storage.StoredRecord;
import dev.zhuli.spi.storage.Storage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.quicktheories.core.Gen;
import org.quicktheories.core.stateful.Command;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * The reference model of the storage contract, and random histories to run against it.
 *
 * <p>The model is as simple as the contract allows: a sorted map of records and a map of outbox
 * entries, with a logical clock in seconds. {@link State#equals} compares only what a store
 * shows: the records (read back through find), the dead letters, and the result of the last
 * command. The hidden bookkeeping (leases, claims) is what predicts those results.
 */
final class ReferenceModel {
  static final String KIND = "tck_model";
  static final String ALL = "all";
  static final String VALUE = "v";
  static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
  private static final List<String> IDS = List.of("r1", "r2", "r3", "r4");
  private static final List<String> MESSAGES = List.of("m1", "m2", "m3");
  private static final List<String> VALUES =
      List.of("", "a", "ab", "b", "\uFFFD", "🍇", "中", "中文");

  private ReferenceModel() {}

  /** The store under test, with what the history learned from it. */
  static final class Sut {
    final Storage storage;
    long now;
    String last = "start";
    final Map<String, List<Long>> tokens = new HashMap<>();

    Sut(Storage storage) {
      this.storage = storage;
    }

    Instant time() {
      return EPOCH.plusSeconds(now);
    }
  }

  /** One outbox entry of the model. */
  static final class Entry {
    long due;
    int attempts;
    String error;
    boolean dead;
    boolean claimOpen;
    long leaseEnd;

    Entry copy() {
      Entry e = new Entry();
      e.due = due;
      e.attempts = attempts;
      e.error = error;
      e.dead = dead;
      e.claimOpen = claimOpen;
      e.leaseEnd = leaseEnd;
      return e;
    }

    long availableAt() {
      return claimOpen ? leaseEnd : due;
    }
  }

  /** The model's state; equality covers only what the store shows. */
  static final class State {
    final TreeMap<String, String> records = new TreeMap<>();
    final TreeMap<String, Long> versions = new TreeMap<>();
    final TreeMap<String, List<String>> values = new TreeMap<>();
    final TreeMap<String, Entry> outbox = new TreeMap<>();
    /** Claims per message id over the whole history, as the store side keeps tokens per id. */
    final Map<String, Integer> claims = new HashMap<>();
    List<String> dead = new ArrayList<>();
    String last = "start";
    long now;

    State copy() {
      State s = new State();
      s.records.putAll(records);
      s.versions.putAll(versions);
      s.values.putAll(values);
      outbox.forEach((id, e) -> s.outbox.put(id, e.copy()));
      s.claims.putAll(claims);
      s.dead = new ArrayList<>(dead);
      s.last = last;
      s.now = now;
      return s;
    }

    long version(String id) {
      return versions.getOrDefault(id, 0L);
    }

    void refreshDead() {
      dead = outbox.entrySet().stream().filter(e -> e.getValue().dead)
          .map(e -> e.getKey() + "#" + e.getValue().attempts + ":" + e.getValue().error)
          .collect(Collectors.toList());
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof State)) {
        return false;
      }
      State s = (State) o;
      return s.records.equals(records) && s.dead.equals(dead) && s.last.equals(last);
    }

    @Override
    public int hashCode() {
      return Objects.hash(records, dead, last);
    }

    @Override
    public String toString() {
      return "records " + records + ", dead " + dead + ", last result " + last;
    }
  }

  /** Reads what the store shows, in the shape of the model. */
  static State project(Sut sut) {
    State s = new State();
    FindRequest request = FindRequest.of(KIND, ALL).limit(3);
    FindRequest next = request;
    while (true) {
      FindRequest current = next;
      Page<StoredRecord> page = sut.storage.transact(t -> t.find(current));
      for (StoredRecord r : page.items()) {
        s.records.put(r.id(), describe(r));
      }
      if (page.nextCursor().isEmpty()) {
        break;
      }
      next = request.after(page.nextCursor().get());
    }
    String cursor = null;
    while (true) {
      Page<DeadLetter> page = sut.storage.outbox().dead(cursor, 2);
      for (DeadLetter d : page.items()) {
        s.dead.add(d.message().id() + "#" + d.attempts() + ":" + d.error());
      }
      if (page.nextCursor().isEmpty()) {
        break;
      }
      cursor = page.nextCursor().get();
    }
    s.last = sut.last;
    return s;
  }

  static String describe(StoredRecord r) {
    return r.version() + "|" + new String(r.body(), StandardCharsets.UTF_8) + "|"
        + r.indexValues(VALUE);
  }

  static String describe(long version, String body, List<String> values) {
    List<String> sorted = new ArrayList<>(new TreeSet<>(values));
    sorted.sort(IndexEntry.CODE_POINT_ORDER);
    return version + "|" + body + "|" + sorted;
  }

  static StoredRecord record(String id, String body, List<String> values) {
    List<IndexEntry> index = new ArrayList<>();
    index.add(IndexEntry.of(ALL, ""));
    for (String v : values) {
      index.add(IndexEntry.of(VALUE, v));
    }
    return StoredRecord.of(KIND, id, body.getBytes(StandardCharsets.UTF_8), index);
  }

  // ---- commands -----------------------------------------------------------------------------

  /** A command of a random history. */
  abstract static class Step implements Command<Sut, State> {
    @Override
    public final State nextState(State before) {
      State after = before.copy();
      predict(after);
      after.refreshDead();
      return after;
    }

    abstract void predict(State state);
  }

  /** A write within a transaction. */
  static final class Write {
    final String id;
    final long expected;
    final String body;
    final List<String> values;
    final boolean delete;

    Write(String id, long expected, String body, List<String> values, boolean delete) {
      this.id = id;
      this.expected = expected;
      this.body = body;
      this.values = values;
      this.delete = delete;
    }

    @Override
    public String toString() {
      return (delete ? "delete " + id : "put " + id + "=" + body + values) + " expecting "
          + expected;
    }
  }

  /** One transaction of writes, committed all or nothing, optionally failing at the end. */
  static final class WriteTx extends Step {
    final List<Write> writes;
    final boolean fail;

    WriteTx(List<Write> writes, boolean fail) {
      this.writes = writes;
      this.fail = fail;
    }

    @Override
    public void run(Sut sut) {
      try {
        List<Long> versions = sut.storage.transact(t -> {
          List<Long> out = new ArrayList<>();
          for (Write w : writes) {
            if (w.delete) {
              t.delete(KIND, w.id, w.expected);
              out.add(0L);
            } else {
              out.add(t.put(record(w.id, w.body, w.values), w.expected));
            }
          }
          if (fail) {
            throw new IllegalStateException("unit of work failed on purpose");
          }
          return out;
        });
        sut.last = "committed " + versions;
      } catch (ConflictException | IllegalStateException e) {
        // A failing unit of work ends in its own exception or, if the store raised a conflict at
        // the call, in that conflict: both keep nothing, so both are "rolled back".
        sut.last = fail ? "rolled back" : e instanceof ConflictException ? "conflict"
            : "unexpected " + e;
      }
    }

    @Override
    void predict(State s) {
      if (fail) {
        s.last = "rolled back";
        return;
      }
      State scratch = s.copy();
      List<Long> versions = new ArrayList<>();
      for (Write w : writes) {
        long current = scratch.version(w.id);
        if (w.delete ? (current == 0 || current != w.expected) : current != w.expected) {
          s.last = "conflict";
          return;
        }
        if (w.delete) {
          scratch.records.remove(w.id);
          scratch.versions.remove(w.id);
          scratch.values.remove(w.id);
          versions.add(0L);
        } else {
          scratch.versions.put(w.id, current + 1);
          scratch.records.put(w.id, describe(current + 1, w.body, w.values));
          scratch.values.put(w.id, w.values);
          versions.add(current + 1);
        }
      }
      s.records.clear();
      s.records.putAll(scratch.records);
      s.versions.clear();
      s.versions.putAll(scratch.versions);
      s.values.clear();
      s.values.putAll(scratch.values);
      s.last = "committed " + versions;
    }

    @Override
    public String toString() {
      return "transaction " + writes + (fail ? " then throw" : "");
    }
  }

  /** A read of one record. */
  static final class Get extends Step {
    final String id;

    Get(String id) {
      this.id = id;
    }

    @Override
    public void run(Sut sut) {
      sut.last = "get " + sut.storage.transact(t -> t.get(KIND, id)).map(ReferenceModel::describe)
          .orElse("absent");
    }

    @Override
    void predict(State s) {
      s.last = "get " + (s.records.containsKey(id) ? s.records.get(id) : "absent");
    }

    @Override
    public String toString() {
      return "get " + id;
    }
  }

  /** A paged find over a range of values. */
  static final class Find extends Step {
    final String lower;
    final String upper;
    final int limit;

    Find(String lower, String upper, int limit) {
      this.lower = lower;
      this.upper = upper;
      this.limit = limit;
    }

    @Override
    public void run(Sut sut) {
      FindRequest request = FindRequest.of(KIND, VALUE).from(lower).to(upper).limit(limit);
      List<String> found = new ArrayList<>();
      FindRequest next = request;
      for (int pages = 0; pages < 100; pages++) {
        FindRequest current = next;
        Page<StoredRecord> page = sut.storage.transact(t -> t.find(current));
        page.items().forEach(r -> found.add(r.id()));
        if (page.nextCursor().isEmpty()) {
          break;
        }
        next = request.after(page.nextCursor().get());
      }
      sut.last = "found " + found;
    }

    @Override
    void predict(State s) {
      Map<String, String> least = new LinkedHashMap<>();
      FindRequest request = FindRequest.of(KIND, VALUE).from(lower).to(upper);
      s.values.forEach((id, values) -> values.stream().filter(request::matches)
          .min(IndexEntry.CODE_POINT_ORDER).ifPresent(v -> least.put(id, v)));
      List<String> ids = new ArrayList<>(least.keySet());
      ids.sort(Comparator.comparing((String id) -> least.get(id), IndexEntry.CODE_POINT_ORDER)
          .thenComparing(Comparator.naturalOrder()));
      s.last = "found " + ids;
    }

    @Override
    public String toString() {
      return "find [" + lower + ", " + upper + "] limit " + limit;
    }
  }

  /** Enqueues a message in its own transaction. */
  static final class Enqueue extends Step {
    final String id;
    final long dueIn;

    Enqueue(String id, long dueIn) {
      this.id = id;
      this.dueIn = dueIn;
    }

    @Override
    public void run(Sut sut) {
      OutboxMessage m = OutboxMessage.of(id, "notifier", "model", id.getBytes(
          StandardCharsets.UTF_8), sut.time().plusSeconds(dueIn), "model/" + id);
      try {
        sut.storage.transact(t -> {
          t.enqueue(m);
          return null;
        });
        sut.last = "enqueued";
      } catch (ConflictException e) {
        sut.last = "conflict";
      }
    }

    @Override
    void predict(State s) {
      if (s.outbox.containsKey(id)) {
        s.last = "conflict";
        return;
      }
      Entry e = new Entry();
      e.due = s.now + dueIn;
      s.outbox.put(id, e);
      s.last = "enqueued";
    }

    @Override
    public String toString() {
      return "enqueue " + id + " due in " + dueIn + "s";
    }
  }

  /** Moves the clock on. */
  static final class Tick extends Step {
    final long seconds;

    Tick(long seconds) {
      this.seconds = seconds;
    }

    @Override
    public void run(Sut sut) {
      sut.now += seconds;
      sut.last = "tick";
    }

    @Override
    void predict(State s) {
      s.now += seconds;
      s.last = "tick";
    }

    @Override
    public String toString() {
      return "tick " + seconds + "s";
    }
  }

  /** Claims every available message. */
  static final class Claim extends Step {
    final long lease;

    Claim(long lease) {
      this.lease = lease;
    }

    @Override
    public void run(Sut sut) {
      List<ClaimedMessage> claimed = sut.storage.outbox().claim("model", sut.time(),
          Duration.ofSeconds(lease), 1000);
      List<String> out = new ArrayList<>();
      for (ClaimedMessage c : claimed) {
        sut.tokens.computeIfAbsent(c.message().id(), k -> new ArrayList<>())
            .add(c.fencingToken());
        out.add(c.message().id() + "#" + c.attempts() + c.lastError().map(e -> "!" + e)
            .orElse(""));
      }
      out.sort(Comparator.naturalOrder());
      sut.last = "claimed " + out;
    }

    @Override
    void predict(State s) {
      List<String> out = new ArrayList<>();
      s.outbox.forEach((id, e) -> {
        if (!e.dead && e.availableAt() <= s.now) {
          e.attempts++;
          s.claims.merge(id, 1, Integer::sum);
          e.claimOpen = true;
          e.leaseEnd = s.now + lease;
          out.add(id + "#" + e.attempts + (e.error == null ? "" : "!" + e.error));
        }
      });
      s.last = "claimed " + out;
    }

    @Override
    public String toString() {
      return "claim all, lease " + lease + "s";
    }
  }

  /** How a claim is settled. */
  enum Settlement {
    ACKNOWLEDGE, RESCHEDULE, BURY
  }

  /** Settles a message with its latest token, or a stale one. */
  static final class Settle extends Step {
    final Settlement how;
    final String id;
    final boolean stale;

    Settle(Settlement how, String id, boolean stale) {
      this.how = how;
      this.id = id;
      this.stale = stale;
    }

    @Override
    public void run(Sut sut) {
      List<Long> tokens = sut.tokens.getOrDefault(id, List.of());
      int pick = tokens.size() - (stale ? 2 : 1);
      if (pick < 0) {
        sut.last = "no token";
        return;
      }
      long token = tokens.get(pick);
      Outbox outbox = sut.storage.outbox();
      boolean done;
      switch (how) {
        case ACKNOWLEDGE:
          done = outbox.acknowledge(id, token);
          break;
        case RESCHEDULE:
          done = outbox.reschedule(id, token, sut.time().plusSeconds(5), "error at " + sut.now);
          break;
        default:
          done = outbox.bury(id, token, "buried at " + sut.now);
          break;
      }
      sut.last = how + " " + done;
    }

    @Override
    void predict(State s) {
      int claims = s.claims.getOrDefault(id, 0);
      if (claims - (stale ? 2 : 1) < 0) {
        s.last = "no token";
        return;
      }
      Entry e = s.outbox.get(id);
      boolean done = !stale && e != null && !e.dead && e.claimOpen;
      if (done) {
        switch (how) {
          case ACKNOWLEDGE:
            s.outbox.remove(id);
            break;
          case RESCHEDULE:
            e.claimOpen = false;
            e.due = s.now + 5;
            e.error = "error at " + s.now;
            break;
          default:
            e.claimOpen = false;
            e.dead = true;
            e.error = "buried at " + s.now;
            break;
        }
      }
      s.last = how + " " + done;
    }

    @Override
    public String toString() {
      return how.name().toLowerCase(java.util.Locale.ROOT) + " " + id
          + (stale ? " with a stale token" : "");
    }
  }

  /** Revives a message. */
  static final class Revive extends Step {
    final String id;

    Revive(String id) {
      this.id = id;
    }

    @Override
    public void run(Sut sut) {
      sut.last = "revive " + sut.storage.outbox().revive(id, sut.time());
    }

    @Override
    void predict(State s) {
      Entry e = s.outbox.get(id);
      boolean done = e != null && e.dead;
      if (done) {
        e.dead = false;
        e.attempts = 0;
        e.claimOpen = false;
        e.due = s.now;
      }
      s.last = "revive " + done;
    }

    @Override
    public String toString() {
      return "revive " + id;
    }
  }

  /** Purges a message: removes it if it is a dead letter. */
  static final class Purge extends Step {
    final String id;

    Purge(String id) {
      this.id = id;
    }

    @Override
    public void run(Sut sut) {
      sut.last = "purge " + sut.storage.outbox().purge(id);
    }

    @Override
    void predict(State s) {
      Entry e = s.outbox.get(id);
      boolean done = e != null && e.dead;
      if (done) {
        s.outbox.remove(id);
      }
      s.last = "purge " + done;
    }

    @Override
    public String toString() {
      return "purge " + id;
    }
  }

  // ---- generators ---------------------------------------------------------------------------

  static Gen<List<Step>> histories() {
    Gen<String> ids = Generate.pick(IDS);
    Gen<String> messages = Generate.pick(MESSAGES);
    Gen<String> values = Generate.pick(VALUES);
    Gen<List<String>> valueSets = SourceDSL.lists().of(values).ofSizeBetween(0, 2);
    Gen<Write> writes = ids.zip(Generate.longRange(0, 3), Generate.range(0, 9), valueSets,
        (id, expected, body, vs) -> new Write(id, expected, "b" + body, vs, false))
        .mix(ids.zip(Generate.longRange(1, 3), (id, expected) ->
            new Write(id, expected, "", List.of(), true)), 25);
    Gen<Step> writeTx = SourceDSL.lists().of(writes).ofSizeBetween(1, 3)
        .zip(Generate.range(0, 9), (ws, f) -> (Step) new WriteTx(ws, f == 0));
    Gen<Step> get = ids.map(id -> (Step) new Get(id));
    Gen<Step> find = values.zip(values, Generate.range(1, 4), (a, b, limit) -> {
      boolean ordered = IndexEntry.CODE_POINT_ORDER.compare(a, b) <= 0;
      return (Step) new Find(ordered ? a : b, ordered ? b : a, limit);
    });
    Gen<Step> enqueue = messages.zip(Generate.longRange(0, 20), (m, d) -> (Step) new Enqueue(m,
        d));
    Gen<Step> tick = Generate.longRange(1, 60).map(s -> (Step) new Tick(s));
    Gen<Step> claim = Generate.longRange(5, 20).map(l -> (Step) new Claim(l));
    Gen<Step> settle = Generate.enumValues(Settlement.class).zip(messages,
        Generate.range(0, 2), (how, m, stale) -> (Step) new Settle(how, m, stale == 0));
    Gen<Step> revive = messages.map(m -> (Step) new Revive(m));
    Gen<Step> purge = messages.map(m -> (Step) new Purge(m));
    Gen<Step> step = Generate.frequency(List.of(
        org.quicktheories.api.Pair.of(5, writeTx),
        org.quicktheories.api.Pair.of(1, get),
        org.quicktheories.api.Pair.of(2, find),
        org.quicktheories.api.Pair.of(3, enqueue),
        org.quicktheories.api.Pair.of(4, tick),
        org.quicktheories.api.Pair.of(4, claim),
        org.quicktheories.api.Pair.of(5, settle),
        org.quicktheories.api.Pair.of(1, revive),
        org.quicktheories.api.Pair.of(1, purge)));
    return SourceDSL.lists().of(step).ofSizeBetween(1, 50);
  }
}
