package dev.zhuli.core.relay;

import static org.assertj.core.api.Assertions.fail;

import dev.zhuli.core.Actor;
import dev.zhuli.core.IdGenerator;
import dev.zhuli.core.access.AccessPolicy;
import dev.zhuli.core.store.Codec;
import dev.zhuli.core.store.CommandRunner;
import dev.zhuli.spi.notify.EventSubscriber;
import dev.zhuli.spi.notify.Notifier;
import dev.zhuli.spi.storage.Storage;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/** What the relay tests share: clocks, a committer of outbox messages, and bounded waiting. */
final class RelayFixtures {
  static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
  static final Codec CODEC = Codec.create();

  private RelayFixtures() {}

  /** Settings for tests: a fixed owner and jitter seed, short real-time bounds. */
  static RelaySettings.Builder settings(String owner) {
    RelaySettings.Builder b = new RelaySettings.Builder();
    b.owner(owner).jitterSeed(7).closeGrace(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(2)).callbackTimeout(Duration.ofSeconds(20));
    return b;
  }

  /** A relay on a store, not through Zhuli, so tests can run several on one store. */
  static Relay relay(Storage storage, Clock clock, Notifier notifier,
      Map<String, EventSubscriber> subscribers, RelaySettings settings) {
    return Relays.create(storage.outbox(), CODEC, notifier, subscribers, clock,
        IdGenerator.timeOrdered(clock), settings);
  }

  /** A clock the test sets; safe to read from any thread. */
  static final class ManualClock extends Clock {
    private final AtomicReference<Instant> now;

    ManualClock(Instant start) {
      this.now = new AtomicReference<>(start);
    }

    void advance(Duration d) {
      now.updateAndGet(t -> t.plus(d));
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  /** A clock that moves on by a step at every read, so time passes as threads poll. */
  static final class TickingClock extends Clock {
    private final AtomicLong reads = new AtomicLong();
    private final Duration step;

    TickingClock(Duration step) {
      this.step = step;
    }

    @Override
    public Instant instant() {
      return T0.plus(step.multipliedBy(reads.getAndIncrement()));
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  /**
   * Commits notifications and events through the real command runner, so the outbox holds what
   * commands put there. Ids are {@code c1, c2, …} and commits run one at a time, so the message
   * ids of each commit are known.
   */
  static final class Committer {
    final CommandRunner runner;
    private final List<String> subscribers;
    private final AtomicLong next = new AtomicLong();

    Committer(Storage storage, Clock clock, List<String> subscribers) {
      this.subscribers = List.copyOf(subscribers);
      this.runner = new CommandRunner(storage, CODEC, clock,
          () -> "c" + next.incrementAndGet(), AccessPolicy.standard(), subscribers, 3);
    }

    /** Commits one notification; returns its message id (the notification's id). */
    String notification() {
      return commit(1, false).get(0);
    }

    /**
     * Commits, in one command, one event (if asked) and {@code notifications} notifications to
     * party-1 and party-2 with personal data in their parameters; returns the message ids: the
     * event's, one per subscriber, then the notifications'.
     */
    synchronized List<String> commit(int notifications, boolean event) {
      long base = next.get();
      runner.run("test.commit", Actor.system("test"), null, "commit", String.class, s -> {
        if (event) {
          s.emit("test.changed", "test", "a1", 1, Map.of("secret", "王建國 13800138000"));
        }
        for (int i = 0; i < notifications; i++) {
          s.notify("order.dispatch", List.of("party-1", "party-2"), "order.dispatch",
              Map.of("orderId", "o-1", "title", "王建國的蜂蜜", "status", "DISPATCHED"),
              "order", "o-1");
        }
        return "ok";
      });
      List<String> ids = new ArrayList<>();
      long id = base;
      if (event && !subscribers.isEmpty()) {
        // an event draws its id only when some subscriber is there to get it
        id++;
        for (String subscriber : subscribers) {
          ids.add("c" + id + "." + subscriber);
        }
      }
      for (int i = 0; i < notifications; i++) {
        ids.add("c" + ++id);
      }
      if (next.get() != id) {
        fail("the commit used ids up to c" + next.get() + ", expected c" + id);
      }
      return ids;
    }
  }

  /** A test body that may throw. */
  interface Body {
    void run() throws Exception;
  }

  /**
   * Runs a body that provokes failures by the hundred with the log output dropped: the relay logs
   * every burial at WARN, as it should in production, and the test logs keep to what matters
   * (see {@code simplelogger.properties}). {@code RelayDeliveryTest} checks what is logged.
   */
  static void withoutLogs(Body body) throws Exception {
    PrintStream original = System.err;
    System.setErr(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
    try {
      body.run();
    } finally {
      System.setErr(original);
    }
  }

  /**
   * Waits until the condition holds, checking again whenever progress is signalled and at least
   * every few milliseconds; fails after the bound.
   */
  static void await(String what, BooleanSupplier condition, Semaphore progress, Duration bound)
      throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("gave up waiting after " + bound + " for " + what);
      }
      progress.tryAcquire(5, TimeUnit.MILLISECONDS);
    }
  }
}
