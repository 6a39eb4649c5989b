package dev.zhuli.core.relay;

import static dev.zhuli.core.relay.RelayDeliveryTest.awaitIgnoringInterrupts;
import static dev.zhuli.core.relay.RelayFixtures.T0;
import static dev.zhuli.core.relay.RelayFixtures.relay;
import static dev.zhuli.core.relay.RelayFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import dev.zhuli.core.Actor;
import dev.zhuli.core.PageRequest;
import dev.zhuli.core.Zhuli;
import dev.zhuli.core.relay.RelayFixtures.Committer;
import dev.zhuli.core.relay.RelayFixtures.ManualClock;
import dev.zhuli.core.roster.NewRegion;
import dev.zhuli.core.roster.RegionLevel;
import dev.zhuli.core.store.InMemoryStorage;
import dev.zhuli.spi.notify.DomainEvent;
import dev.zhuli.spi.notify.Notifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.core.stateful.Command;
import org.quicktheories.core.stateful.Sequential;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/** Building, starting, polling and closing the relay, alone and inside Zhuli. */
class RelayLifecycleTest {
  private final ExecutorService pool = Executors.newCachedThreadPool();

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  /** The live polling threads of a relay, found by the owner id in their names. */
  static List<Thread> pollers(String owner) {
    Thread[] threads = new Thread[Thread.activeCount() + 64];
    int n = Thread.enumerate(threads);
    return Arrays.stream(threads, 0, n)
        .filter(t -> t.getName().startsWith("zhuli-relay-" + owner + "-poll-") && t.isAlive())
        .collect(Collectors.toList());
  }

  static void awaitEnd(List<Thread> threads) throws InterruptedException {
    for (Thread t : threads) {
      t.join(TimeUnit.SECONDS.toMillis(10));
      assertThat(t.isAlive()).as("%s ended", t.getName()).isFalse();
    }
  }

  @Test
  void zhuliBuildsTheRelayButDoesNotStartItAndClosesItFirst() throws Exception {
    List<DomainEvent> got = new CopyOnWriteArrayList<>();
    Semaphore progress = new Semaphore(0);
    Zhuli zhuli = Zhuli.builder().clock(new ManualClock(T0))
        .subscriber("audit", e -> {
          got.add(e);
          progress.release();
        })
        .relaySettings(settings("relay-zhuli").threads(2).build()).build();
    Relay relay = zhuli.relay();
    assertThat(relay.owner()).isEqualTo("relay-zhuli");
    assertThat(pollers("relay-zhuli")).isEmpty();
    zhuli.roster().createRegion(Actor.system("setup"),
        new NewRegion.Builder().name("渭南市").level(RegionLevel.CITY).build());
    assertThat(relay.statistics().delivered()).isZero();

    relay.start();
    relay.start();
    assertThat(pollers("relay-zhuli")).hasSize(2);
    RelayFixtures.await("the event", () -> got.size() == 1, progress, Duration.ofSeconds(10));
    List<Thread> threads = pollers("relay-zhuli");
    zhuli.close();
    awaitEnd(threads);
    assertThatThrownBy(() -> relay.pollOnce(T0)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> zhuli.roster().createRegion(Actor.system("setup"),
        new NewRegion.Builder().name("西安市").level(RegionLevel.CITY).build()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theDefaultOwnerComesFromZhulisIdGenerator() {
    try (Zhuli zhuli = Zhuli.builder().ids(() -> "fixed-id").build()) {
      assertThat(zhuli.relay().owner()).isEqualTo("relay-fixed-id");
    }
    try (Zhuli a = Zhuli.builder().build(); Zhuli b = Zhuli.builder().build()) {
      assertThat(a.relay().owner()).startsWith("relay-").isNotEqualTo(b.relay().owner());
    }
  }

  @Test
  void aClosedRelayRefusesEverythingAndClosingAgainDoesNothing() {
    InMemoryStorage store = InMemoryStorage.create();
    try {
      Relay relay = relay(store, new ManualClock(T0), n -> {}, Map.of(), settings("a").build());
      relay.close();
      relay.close();
      for (Runnable call : List.<Runnable>of(relay::start, () -> relay.pollOnce(T0),
          relay::reviveAll, () -> relay.revive("m"), () -> relay.purge("m"),
          () -> relay.deadLetter("m"), () -> relay.deadLetters(PageRequest.first()))) {
        assertThatThrownBy(call::run).isInstanceOf(IllegalStateException.class)
            .hasMessage("the relay is closed");
      }
      assertThat(relay.statistics().delivered()).isZero();
    } finally {
      store.close();
    }
  }

  @Test
  void closeWaitsItsGraceForADeliveryInProgress() throws Exception {
    InMemoryStorage store = InMemoryStorage.create();
    ManualClock clock = new ManualClock(T0);
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try {
      new Committer(store, clock, List.of()).notification();
      Relay relay = relay(store, clock, n -> {
        entered.countDown();
        awaitIgnoringInterrupts(release);
      }, Map.of(), settings("a").closeGrace(Duration.ofSeconds(20)).build());
      Future<Integer> round = pool.submit(() -> relay.pollOnce(T0));
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
      Future<?> closing = pool.submit(relay::close);
      Future<?> closingAgain = pool.submit(relay::close);
      assertThat(closing.isDone()).isFalse();
      assertThat(closingAgain.isDone()).as("a second close waits for the first").isFalse();
      release.countDown();
      closing.get(10, TimeUnit.SECONDS);
      closingAgain.get(10, TimeUnit.SECONDS);
      assertThat(round.get(10, TimeUnit.SECONDS)).isEqualTo(1);
      assertThat(relay.statistics().delivered()).isEqualTo(1);
      assertThat(store.outbox().claim("check", T0.plusSeconds(7200), Duration.ofMinutes(1), 10))
          .as("acknowledged, not handed back").isEmpty();
    } finally {
      release.countDown();
      store.close();
    }
  }

  @Test
  void afterTheGraceCloseHandsBackWhatItHoldsForTheNextInstance() throws Exception {
    InMemoryStorage store = InMemoryStorage.create();
    ManualClock clock = new ManualClock(T0);
    CountDownLatch firstEntered = new CountDownLatch(1);
    CountDownLatch entered = new CountDownLatch(2);
    CountDownLatch never = new CountDownLatch(1);
    Notifier hangs = n -> {
      firstEntered.countDown();
      entered.countDown();
      try {
        never.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        throw new IllegalStateException("interrupted by close");
      }
    };
    try {
      Committer committer = new Committer(store, clock, List.of());
      String first = committer.notification();
      Relay onHostThread = relay(store, clock, hangs, Map.of(),
          settings("host-thread").closeGrace(Duration.ZERO).build());
      Future<Integer> round = pool.submit(() -> onHostThread.pollOnce(T0));
      assertThat(firstEntered.await(10, TimeUnit.SECONDS)).isTrue();
      String second = committer.notification();
      Relay inBackground = relay(store, clock, hangs, Map.of(),
          settings("background").closeGrace(Duration.ZERO).build());
      inBackground.start();
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

      onHostThread.close();
      inBackground.close();
      assertThat(round.get(10, TimeUnit.SECONDS)).isEqualTo(1);
      Set<String> got = ConcurrentHashMap.newKeySet();
      Relay next = relay(store, clock, n -> got.add(n.id()), Map.of(), settings("next").build());
      assertThat(next.pollOnce(T0)).as("handed back, due at once").isEqualTo(2);
      assertThat(got).containsExactlyInAnyOrder(first, second);
      next.close();
    } finally {
      never.countDown();
      store.close();
    }
  }

  // ---- the lifecycle as a state machine ---------------------------------------------------------

  /** What the lifecycle shows: each step's answer and how many polling threads run. */
  static final class Life {
    final boolean started;
    final boolean closed;
    final String last;
    final int pollers;

    Life(boolean started, boolean closed, String last, int pollers) {
      this.started = started;
      this.closed = closed;
      this.last = last;
      this.pollers = pollers;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Life && ((Life) o).last.equals(last) && ((Life) o).pollers == pollers;
    }

    @Override
    public int hashCode() {
      return Objects.hash(last, pollers);
    }

    @Override
    public String toString() {
      return "last " + last + ", " + pollers + " polling threads";
    }
  }

  /** The relay under test, with a committer on its store and a record of deliveries. */
  static final class LifeSut {
    static final int THREADS = 2;
    final String owner;
    final InMemoryStorage store = InMemoryStorage.create();
    final ManualClock clock = new ManualClock(T0);
    final Committer committer = new Committer(store, clock, List.of("audit"));
    final Set<String> committed = ConcurrentHashMap.newKeySet();
    final Map<String, Integer> delivered = new ConcurrentHashMap<>();
    final Relay relay;
    String last = "start";
    List<Thread> seenPollers = List.of();

    LifeSut(String owner) {
      this.owner = owner;
      relay = relay(store, clock, n -> delivered.merge(n.id(), 1, Integer::sum),
          Map.of("audit", e -> delivered.merge(e.id() + ".audit", 1, Integer::sum)),
          settings(owner).threads(THREADS).build());
    }

    String attempt(Runnable call, String done) {
      try {
        call.run();
        return done;
      } catch (IllegalStateException e) {
        return "refused: " + e.getMessage();
      }
    }
  }

  abstract static class Step implements Command<LifeSut, Life> {
    @Override
    public final Life nextState(Life s) {
      return predict(s);
    }

    abstract Life predict(Life s);
  }

  static final String REFUSED = "refused: the relay is closed";

  static final class Start extends Step {
    @Override
    public void run(LifeSut sut) {
      sut.last = sut.attempt(sut.relay::start, "started");
      sut.seenPollers = pollers(sut.owner);
    }

    @Override
    Life predict(Life s) {
      return s.closed ? new Life(s.started, true, REFUSED, 0)
          : new Life(true, false, "started", LifeSut.THREADS);
    }

    @Override
    public String toString() {
      return "start";
    }
  }

  static final class Poll extends Step {
    @Override
    public void run(LifeSut sut) {
      sut.last = sut.attempt(() -> sut.relay.pollOnce(sut.clock.instant()), "polled");
    }

    @Override
    Life predict(Life s) {
      return new Life(s.started, s.closed, s.closed ? REFUSED : "polled", s.pollers);
    }

    @Override
    public String toString() {
      return "poll once";
    }
  }

  static final class Commit extends Step {
    @Override
    public void run(LifeSut sut) {
      sut.committed.addAll(sut.committer.commit(1, true));
      sut.last = "committed";
    }

    @Override
    Life predict(Life s) {
      return new Life(s.started, s.closed, "committed", s.pollers);
    }

    @Override
    public String toString() {
      return "commit";
    }
  }

  static final class ReviveAll extends Step {
    @Override
    public void run(LifeSut sut) {
      sut.last = sut.attempt(sut.relay::reviveAll, "revived");
    }

    @Override
    Life predict(Life s) {
      return new Life(s.started, s.closed, s.closed ? REFUSED : "revived", s.pollers);
    }

    @Override
    public String toString() {
      return "revive all";
    }
  }

  static final class Close extends Step {
    @Override
    public void run(LifeSut sut) {
      sut.relay.close();
      try {
        awaitEnd(sut.seenPollers);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      sut.last = "closed";
    }

    @Override
    Life predict(Life s) {
      return new Life(s.started, true, "closed", 0);
    }

    @Override
    public String toString() {
      return "close";
    }
  }

  static Life project(LifeSut sut) {
    return new Life(false, false, sut.last, pollers(sut.owner).size());
  }

  static Gen<List<Step>> lifecycles() {
    Gen<Step> step = Generate.frequency(List.of(
        Pair.of(2, Generate.constant(() -> (Step) new Start())),
        Pair.of(3, Generate.constant(() -> (Step) new Poll())),
        Pair.of(4, Generate.constant(() -> (Step) new Commit())),
        Pair.of(1, Generate.constant(() -> (Step) new ReviveAll())),
        Pair.of(1, Generate.constant(() -> (Step) new Close()))));
    return SourceDSL.lists().of(step).ofSizeBetween(1, 15);
  }

  @Test
  void anyLifecycleAnswersAsTheModelSaysAndLosesNothing() {
    int[] example = new int[1];
    qt().withExamples(100).withShrinkCycles(50).forAll(lifecycles()).checkAssert(history -> {
      LifeSut[] made = new LifeSut[1];
      String owner = "relay-life-" + example[0]++;
      try {
        Sequential.modelCheck(new Life(false, false, "start", 0), history,
            m -> made[0] = new LifeSut(owner), RelayLifecycleTest::project);
        LifeSut sut = made[0];
        List<Thread> threads = pollers(owner);
        sut.relay.close();
        awaitEnd(threads);
        Map<String, Integer> first = Map.copyOf(sut.delivered);
        // whatever the first relay did not deliver, the next one delivers at the same instant
        Relay next = relay(sut.store, sut.clock, n -> sut.delivered.merge(n.id(), 1,
            Integer::sum), Map.of("audit", e -> sut.delivered.merge(e.id() + ".audit", 1,
                Integer::sum)), settings(owner + "-next").build());
        while (next.pollOnce(sut.clock.instant()) > 0) {
          // a batch at a time
        }
        next.close();
        assertThat(new TreeSet<>(sut.delivered.keySet())).isEqualTo(
            new TreeSet<>(sut.committed));
        assertThat(sut.delivered.values()).as("each delivered once").allMatch(n -> n == 1);
        assertThat(first.keySet()).isSubsetOf(sut.committed);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      } finally {
        if (made[0] != null) {
          made[0].relay.close();
          made[0].store.close();
        }
      }
    });
  }
}
