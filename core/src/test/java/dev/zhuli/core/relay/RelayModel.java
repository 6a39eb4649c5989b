package dev.zhuli.core.relay;

import static dev.zhuli.core.relay.RelayFixtures.T0;

import dev.zhuli.core.PageRequest;
import dev.zhuli.core.ResultPage;
import dev.zhuli.core.relay.RelayFixtures.Committer;
import dev.zhuli.core.relay.RelayFixtures.ManualClock;
import dev.zhuli.core.store.InMemoryStorage;
import dev.zhuli.spi.notify.EventSubscriber;
import dev.zhuli.spi.storage.DeadLetter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.core.stateful.Command;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * The relay against a model of what must become of every committed message: random interleavings
 * of commits, relay rounds, relays that die holding claims, time passing and revivals, with a
 * random pattern of callback failures.
 *
 * <p>Each message is delivered, pending (waiting for its next attempt or for a dead relay's lease
 * to end) or dead. The comparison after each step covers what can be seen without disturbing the
 * store: what was committed, what was delivered (and how often), the dead letters with their
 * attempts and errors, and what each step returned. Pending messages are seen at the end, by
 * draining the outbox with callbacks that no longer fail.
 *
 * <p>Time moves only in steps longer than the lease and the backoff cap, so that after a step
 * every pending message is due again, and the model need not know the jitter.
 */
final class RelayModel {
  static final List<String> COMMITTED_FOR = List.of("audit", "search", "gone");
  static final int MAX_ATTEMPTS = 3;
  /** The most messages in a history, and the batch size: every round claims all that is due. */
  static final int MAX_MESSAGES = 40;
  static final Duration LEASE = Duration.ofSeconds(60);
  static final Duration STEP = Duration.ofSeconds(121);

  private RelayModel() {}

  /** What a callback does at one of its invocations. */
  enum Behaviour {
    DELIVER, THROW, ERROR;

    String error() {
      return this == THROW ? "java.lang.IllegalStateException: refused by the pattern"
          : "java.lang.AssertionError: refused by the pattern";
    }
  }

  /** What a callback does at its n-th invocation for a message, the same in model and relay. */
  static Behaviour behaviour(List<Behaviour> pattern, String id, int invocation) {
    return pattern.get(Math.floorMod(id.hashCode() + invocation, pattern.size()));
  }

  enum Status {
    DUE, WAITING, DELIVERED, DEAD
  }

  /** One message of the model. */
  static final class Message {
    Status status = Status.DUE;
    int attempts;
    int invocations;
    String error;

    Message copy() {
      Message m = new Message();
      m.status = status;
      m.attempts = attempts;
      m.invocations = invocations;
      m.error = error;
      return m;
    }
  }

  /** The model; equality covers what can be seen of the relay after each step. */
  static class State {
    final List<Behaviour> pattern;
    final TreeMap<String, Message> messages = new TreeMap<>();
    long lastId;
    String last = "start";

    State(List<Behaviour> pattern) {
      this.pattern = List.copyOf(pattern);
    }

    State copy() {
      State s = new State(pattern);
      messages.forEach((id, m) -> s.messages.put(id, m.copy()));
      s.lastId = lastId;
      s.last = last;
      return s;
    }

    TreeSet<String> committed() {
      return new TreeSet<>(messages.keySet());
    }

    TreeMap<String, Integer> delivered() {
      TreeMap<String, Integer> d = new TreeMap<>();
      messages.forEach((id, m) -> {
        if (m.status == Status.DELIVERED) {
          d.put(id, 1);
        }
      });
      return d;
    }

    TreeMap<String, String> dead() {
      TreeMap<String, String> d = new TreeMap<>();
      messages.forEach((id, m) -> {
        if (m.status == Status.DEAD) {
          d.put(id, m.attempts + " " + m.error);
        }
      });
      return d;
    }

    TreeSet<String> pending() {
      TreeSet<String> p = new TreeSet<>();
      messages.forEach((id, m) -> {
        if (m.status == Status.DUE || m.status == Status.WAITING) {
          p.add(id);
        }
      });
      return p;
    }

    /** Equal when what can be seen is: the hidden bookkeeping only predicts it. */
    @Override
    public boolean equals(Object o) {
      return o instanceof State && seen().same(((State) o).seen());
    }

    @Override
    public int hashCode() {
      Seen seen = seen();
      return Objects.hash(seen.committed, seen.delivered, seen.dead, seen.last);
    }

    Seen seen() {
      return new Seen(committed(), delivered(), dead(), last);
    }

    @Override
    public String toString() {
      return seen().toString();
    }
  }

  /** What the relay shows, in the model's shape. */
  static final class Seen extends State {
    final TreeSet<String> committed;
    final TreeMap<String, Integer> delivered;
    final TreeMap<String, String> dead;

    Seen(TreeSet<String> committed, TreeMap<String, Integer> delivered,
        TreeMap<String, String> dead, String last) {
      super(List.of(Behaviour.DELIVER));
      this.committed = committed;
      this.delivered = delivered;
      this.dead = dead;
      this.last = last;
    }

    @Override
    Seen seen() {
      return this;
    }

    boolean same(Seen s) {
      return s.committed.equals(committed) && s.delivered.equals(delivered)
          && s.dead.equals(dead) && s.last.equals(last);
    }

    @Override
    public String toString() {
      return "committed " + committed + ", delivered " + delivered + ", dead " + dead
          + ", last step: " + last;
    }
  }

  /** The relay under test, on its own store, with callbacks that follow the pattern. */
  static final class Sut implements AutoCloseable {
    final InMemoryStorage store = InMemoryStorage.create();
    final ManualClock clock = new ManualClock(T0);
    final Committer committer = new Committer(store, clock, COMMITTED_FOR);
    final TreeSet<String> committed = new TreeSet<>();
    final Map<String, Integer> delivered = new ConcurrentHashMap<>();
    final Map<String, Integer> invocations = new ConcurrentHashMap<>();
    final AtomicBoolean healed = new AtomicBoolean();
    final Relay relay;
    String last = "start";

    Sut(List<Behaviour> pattern) {
      relay = RelayFixtures.relay(store, clock, n -> call(pattern, n.id()),
          Map.<String, EventSubscriber>of(
              "audit", e -> call(pattern, e.id() + ".audit"),
              "search", e -> call(pattern, e.id() + ".search")),
          RelayFixtures.settings("relay-model").threads(1).batchSize(MAX_MESSAGES).lease(LEASE)
              .callbackTimeout(Duration.ofSeconds(20)).backoffBase(Duration.ofSeconds(10))
              .backoffCap(Duration.ofSeconds(40)).maxAttempts(MAX_ATTEMPTS).build());
    }

    private void call(List<Behaviour> pattern, String id) {
      int invocation = invocations.merge(id, 1, Integer::sum) - 1;
      Behaviour b = healed.get() ? Behaviour.DELIVER : behaviour(pattern, id, invocation);
      switch (b) {
        case THROW:
          throw new IllegalStateException("refused by the pattern");
        case ERROR:
          throw new AssertionError("refused by the pattern");
        default:
          delivered.merge(id, 1, Integer::sum);
      }
    }

    TreeMap<String, String> dead() {
      TreeMap<String, String> d = new TreeMap<>();
      PageRequest first = PageRequest.first(7);
      ResultPage<DeadLetter> page = relay.deadLetters(first);
      while (true) {
        page.items().forEach(l -> d.put(l.message().id(), l.attempts() + " " + l.error()));
        if (page.nextCursor().isEmpty()) {
          return d;
        }
        page = relay.deadLetters(first.after(page.nextCursor().get()));
      }
    }

    TreeMap<String, Integer> delivered() {
      return new TreeMap<>(delivered);
    }

    @Override
    public void close() {
      relay.close();
      store.close();
    }
  }

  static State project(Sut sut) {
    return new Seen(new TreeSet<>(sut.committed), sut.delivered(), sut.dead(), sut.last);
  }

  // ---- steps ----------------------------------------------------------------------------------

  /** A step of a history: runs on the relay, and predicts on the model. */
  abstract static class Step implements Command<Sut, State> {
    @Override
    public final State nextState(State before) {
      State after = before.copy();
      predict(after);
      return after;
    }

    abstract void predict(State s);
  }

  /** A command that commits an event (one message per subscriber) and some notifications. */
  static final class Commit extends Step {
    final int notifications;
    final boolean event;

    Commit(int notifications, boolean event) {
      this.notifications = notifications;
      this.event = event;
    }

    @Override
    public void run(Sut sut) {
      sut.committed.addAll(sut.committer.commit(notifications, event));
      sut.last = "committed";
    }

    @Override
    void predict(State s) {
      if (event) {
        long id = ++s.lastId;
        COMMITTED_FOR.forEach(name -> s.messages.put("c" + id + "." + name, new Message()));
      }
      for (int i = 0; i < notifications; i++) {
        s.messages.put("c" + ++s.lastId, new Message());
      }
      s.last = "committed";
    }

    @Override
    public String toString() {
      return "commit " + (event ? "an event and " : "") + notifications + " notification(s)";
    }
  }

  /** One relay round now. */
  static final class Round extends Step {
    @Override
    public void run(Sut sut) {
      sut.last = "claimed " + sut.relay.pollOnce(sut.clock.instant());
    }

    @Override
    void predict(State s) {
      int claimed = 0;
      for (Map.Entry<String, Message> e : s.messages.entrySet()) {
        Message m = e.getValue();
        if (m.status != Status.DUE) {
          continue;
        }
        claimed++;
        m.attempts++;
        if (e.getKey().endsWith(".gone")) {
          m.status = Status.DEAD;
          m.error = "no subscriber named 'gone' is registered";
          continue;
        }
        Behaviour b = behaviour(s.pattern, e.getKey(), m.invocations++);
        if (b == Behaviour.DELIVER) {
          m.status = Status.DELIVERED;
        } else if (m.attempts >= MAX_ATTEMPTS) {
          m.status = Status.DEAD;
          m.error = b.error();
        } else {
          m.status = Status.WAITING;
        }
      }
      s.last = "claimed " + claimed;
    }

    @Override
    public String toString() {
      return "relay round";
    }
  }

  /** A relay instance claims everything due, then its process dies. */
  static final class Crash extends Step {
    @Override
    public void run(Sut sut) {
      sut.last = "a dead relay claimed "
          + sut.store.outbox().claim("relay-dead", sut.clock.instant(), LEASE, 1000).size();
    }

    @Override
    void predict(State s) {
      int claimed = 0;
      for (Message m : s.messages.values()) {
        if (m.status == Status.DUE) {
          claimed++;
          m.attempts++;
          m.status = Status.WAITING;
        }
      }
      s.last = "a dead relay claimed " + claimed;
    }

    @Override
    public String toString() {
      return "a relay claims and dies";
    }
  }

  /** Time passes beyond every lease and backoff. */
  static final class Tick extends Step {
    @Override
    public void run(Sut sut) {
      sut.clock.advance(STEP);
      sut.last = "tick";
    }

    @Override
    void predict(State s) {
      s.messages.values().forEach(m -> {
        if (m.status == Status.WAITING) {
          m.status = Status.DUE;
        }
      });
      s.last = "tick";
    }

    @Override
    public String toString() {
      return "time passes";
    }
  }

  /** The host revives every dead letter. */
  static final class ReviveAll extends Step {
    @Override
    public void run(Sut sut) {
      sut.last = "revived " + sut.relay.reviveAll();
    }

    @Override
    void predict(State s) {
      int revived = 0;
      for (Message m : s.messages.values()) {
        if (m.status == Status.DEAD) {
          revived++;
          m.status = Status.DUE;
          m.attempts = 0;
        }
      }
      s.last = "revived " + revived;
    }

    @Override
    public String toString() {
      return "revive all";
    }
  }

  // ---- generators -----------------------------------------------------------------------------

  static Gen<List<Behaviour>> patterns() {
    return SourceDSL.lists().of(Generate.enumValues(Behaviour.class)).ofSizeBetween(1, 4);
  }

  static Gen<List<Step>> histories() {
    Gen<Step> commit = Generate.range(0, 2).zip(Generate.booleans(),
        (n, event) -> (Step) new Commit(n, event || n == 0));
    Gen<Step> round = Generate.constant(() -> (Step) new Round());
    Gen<Step> crash = Generate.constant(() -> (Step) new Crash());
    Gen<Step> tick = Generate.constant(() -> (Step) new Tick());
    Gen<Step> revive = Generate.constant(() -> (Step) new ReviveAll());
    Gen<Step> step = Generate.frequency(List.of(Pair.of(3, commit), Pair.of(4, round),
        Pair.of(1, crash), Pair.of(3, tick), Pair.of(1, revive)));
    return SourceDSL.lists().of(step).ofSizeBetween(1, 30).assuming(RelayModel::fits);
  }

  /** At most {@link #MAX_MESSAGES} messages, so that one round claims every due one. */
  private static boolean fits(List<Step> history) {
    int messages = 0;
    for (Step s : history) {
      if (s instanceof Commit) {
        Commit c = (Commit) s;
        messages += c.notifications + (c.event ? COMMITTED_FOR.size() : 0);
      }
    }
    return messages <= MAX_MESSAGES;
  }

}
