package dev.zhuli.core.relay;

import static dev.zhuli.core.relay.RelayFixtures.T0;
import static dev.zhuli.core.relay.RelayFixtures.relay;
import static dev.zhuli.core.relay.RelayFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zhuli.core.PageRequest;
import dev.zhuli.core.ResultPage;
import dev.zhuli.core.ValidationException;
import dev.zhuli.core.relay.RelayFixtures.Committer;
import dev.zhuli.core.relay.RelayFixtures.ManualClock;
import dev.zhuli.core.store.InMemoryStorage;
import dev.zhuli.spi.notify.DomainEvent;
import dev.zhuli.spi.notify.EventSubscriber;
import dev.zhuli.spi.notify.Notification;
import dev.zhuli.spi.notify.Notifier;
import dev.zhuli.spi.storage.DeadLetter;
import dev.zhuli.spi.storage.OutboxMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.slf4j.helpers.BasicMDCAdapter;

/** One round at a time: what is delivered, retried, buried, and what the host can do about it. */
class RelayDeliveryTest {
  private final InMemoryStorage store = InMemoryStorage.create();
  private final ManualClock clock = new ManualClock(T0);
  private final List<Relay> relays = new ArrayList<>();
  private final ExecutorService pool = Executors.newCachedThreadPool();

  @AfterEach
  void closeAll() {
    relays.forEach(Relay::close);
    pool.shutdownNow();
    store.close();
  }

  private Relay open(Notifier notifier, Map<String, EventSubscriber> subscribers,
      RelaySettings settings) {
    Relay r = relay(store, clock, notifier, subscribers, settings);
    relays.add(r);
    return r;
  }

  private Relay open(Notifier notifier, RelaySettings settings) {
    return open(notifier, Map.of(), settings);
  }

  private static Notifier failing(String message) {
    return n -> {
      throw new IllegalStateException(message);
    };
  }

  @Test
  void aNotificationArrivesWithEveryFieldAndTheLocaleHint() {
    Committer committer = new Committer(store, clock, List.of());
    String id = committer.notification();
    List<Notification> got = new CopyOnWriteArrayList<>();
    Relay relay = open(got::add, settings("a").build());

    assertThat(relay.pollOnce(T0)).isEqualTo(1);
    assertThat(got).singleElement().satisfies(n -> {
      assertThat(n.id()).isEqualTo(id);
      assertThat(n.type()).isEqualTo("order.dispatch");
      assertThat(n.recipients()).containsExactly("party-1", "party-2");
      assertThat(n.templateKey()).isEqualTo("order.dispatch");
      assertThat(n.parameters()).containsEntry("title", "王建國的蜂蜜");
      assertThat(n.localeHint()).isEqualTo(Locale.forLanguageTag("zh-Hans"));
    });
    assertThat(relay.pollOnce(T0.plusSeconds(3600))).isZero();
    assertThat(relay.statistics().delivered()).isEqualTo(1);

    committer.notification();
    List<Notification> english = new CopyOnWriteArrayList<>();
    Relay other = open(english::add, settings("b").localeHint(Locale.ENGLISH).build());
    assertThat(other.pollOnce(T0)).isEqualTo(1);
    assertThat(english).singleElement()
        .satisfies(n -> assertThat(n.localeHint()).isEqualTo(Locale.ENGLISH));
  }

  @Test
  void eachSubscriberGetsItsOwnCopyOfAnEvent() {
    Committer committer = new Committer(store, clock, List.of("audit", "search"));
    List<String> ids = committer.commit(0, true);
    Map<String, List<DomainEvent>> got = new ConcurrentHashMap<>();
    Relay relay = open(n -> {}, Map.of(
        "audit", e -> got.computeIfAbsent("audit", k -> new CopyOnWriteArrayList<>()).add(e),
        "search", e -> got.computeIfAbsent("search", k -> new CopyOnWriteArrayList<>()).add(e)),
        settings("a").build());

    assertThat(ids).containsExactly("c1.audit", "c1.search");
    assertThat(relay.pollOnce(T0)).isEqualTo(2);
    assertThat(got.get("audit")).singleElement().isEqualTo(got.get("search").get(0))
        .satisfies(e -> {
          assertThat(e.id()).isEqualTo("c1");
          assertThat(e.type()).isEqualTo("test.changed");
          assertThat(e.aggregateKind()).isEqualTo("test");
          assertThat(e.aggregateId()).isEqualTo("a1");
          assertThat(e.version()).isEqualTo(1);
          assertThat(e.occurredAt()).isEqualTo(T0);
          assertThat(e.payloadJson()).contains("\"secret\"");
        });
  }

  @Test
  void aFailingCallbackIsRetriedWithBackoffThenBuriedWithItsError() {
    Committer committer = new Committer(store, clock, List.of());
    String id = committer.notification();
    AtomicBoolean healthy = new AtomicBoolean();
    List<String> delivered = new CopyOnWriteArrayList<>();
    Relay relay = open(n -> {
      if (!healthy.get()) {
        throw new IllegalStateException("SMS gateway down");
      }
      delivered.add(n.id());
    }, settings("a").maxAttempts(3).backoffBase(Duration.ofSeconds(10))
        .backoffCap(Duration.ofSeconds(15)).build());

    assertThat(relay.pollOnce(T0)).isEqualTo(1);
    // after attempt 1 the delay is between 5 and 10 s: half the base, plus jitter
    assertThat(relay.pollOnce(T0.plusMillis(4999))).isZero();
    Instant second = T0.plusSeconds(10);
    assertThat(relay.pollOnce(second)).isEqualTo(1);
    // after attempt 2 the ceiling is the cap, 15 s: between 7.5 and 15 s
    assertThat(relay.pollOnce(second.plusMillis(7499))).isZero();
    assertThat(relay.pollOnce(second.plusSeconds(15))).isEqualTo(1);
    assertThat(relay.pollOnce(second.plusSeconds(3600))).isZero();

    RelayStatistics stats = relay.statistics();
    assertThat(stats.retried()).isEqualTo(2);
    assertThat(stats.buried()).isEqualTo(1);
    assertThat(stats.delivered()).isZero();
    DeadLetter dead = relay.deadLetter(id).orElseThrow();
    assertThat(dead.attempts()).isEqualTo(3);
    assertThat(dead.error()).isEqualTo("java.lang.IllegalStateException: SMS gateway down");
    assertThat(dead.message().destination()).isEqualTo("notifier");

    healthy.set(true);
    clock.advance(Duration.ofHours(2));
    assertThat(relay.revive(id)).isTrue();
    assertThat(relay.pollOnce(clock.instant())).isEqualTo(1);
    assertThat(delivered).containsExactly(id);
    assertThat(relay.deadLetters(PageRequest.first()).items()).isEmpty();
  }

  @Test
  void deadLettersAreListedInspectedRevivedAndPurged() {
    Committer committer = new Committer(store, clock, List.of());
    List<String> ids = committer.commit(5, false);
    Relay relay = open(failing("no"), settings("a").maxAttempts(1).build());
    assertThat(relay.pollOnce(T0)).isEqualTo(5);

    List<String> listed = new ArrayList<>();
    ResultPage<DeadLetter> page = relay.deadLetters(PageRequest.first(2));
    while (true) {
      assertThat(page.items().size()).isLessThanOrEqualTo(2);
      page.items().forEach(d -> listed.add(d.message().id()));
      if (page.nextCursor().isEmpty()) {
        break;
      }
      page = relay.deadLetters(PageRequest.first(2).after(page.nextCursor().get()));
    }
    assertThat(listed).containsExactlyElementsOf(ids.stream().sorted().toList());
    for (String id : ids) {
      assertThat(relay.deadLetter(id)).map(d -> d.message().id()).contains(id);
    }
    assertThat(relay.deadLetter("c0")).isEmpty();
    assertThat(relay.deadLetter("zzz")).isEmpty();

    assertThat(relay.revive(ids.get(0))).isTrue();
    assertThat(relay.revive(ids.get(0))).as("live now").isFalse();
    assertThat(relay.purge(ids.get(0))).as("live messages are never purged").isFalse();
    assertThat(relay.purge(ids.get(1))).isTrue();
    assertThat(relay.purge(ids.get(1))).isFalse();
    assertThat(relay.deadLetter(ids.get(1))).isEmpty();
    assertThat(relay.revive(ids.get(1))).as("purged for good").isFalse();
    assertThat(relay.reviveAll()).isEqualTo(3);
    assertThat(relay.reviveAll()).isZero();
    assertThat(relay.deadLetters(PageRequest.first()).items()).isEmpty();
    assertThat(relay.pollOnce(T0)).as("the revived and the first").isEqualTo(4);

    for (String bad : new String[] {null, "", "has space", "x".repeat(129), "中"}) {
      assertThatThrownBy(() -> relay.revive(bad)).isInstanceOf(ValidationException.class)
          .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("messageId"));
      assertThatThrownBy(() -> relay.purge(bad)).isInstanceOf(ValidationException.class);
      assertThatThrownBy(() -> relay.deadLetter(bad)).isInstanceOf(ValidationException.class);
    }
    assertThatThrownBy(() -> relay.deadLetters(PageRequest.first().after("not-a-cursor!")))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).field()).isEqualTo("page.cursor"));
    assertThatThrownBy(() -> relay.deadLetters(null)).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> relay.pollOnce(null)).isInstanceOf(ValidationException.class);
  }

  @Test
  void reviveAllCountsEachDeadLetterOnceWhileTheRelayRuns() {
    Committer committer = new Committer(store, clock, List.of());
    List<String> ids = committer.commit(3, false);
    Relay relay = open(failing("no"), settings("a").maxAttempts(1).build());
    relay.pollOnce(T0);
    relay.start();
    // the background thread buries them again as soon as they are revived
    assertThat(relay.reviveAll()).isEqualTo(3);
    relay.close();
    assertThat(relay.statistics().buried()).isBetween(3L, 6L);
    assertThat(ids).hasSize(3);
  }

  @Test
  void callbackErrorsOtherThanVirtualMachineErrorsAreRetried() {
    Committer committer = new Committer(store, clock, List.of());
    committer.commit(3, false);
    AtomicInteger calls = new AtomicInteger();
    Relay relay = open(n -> {
      switch (calls.getAndIncrement() % 3) {
        case 0:
          throw new AssertionError("host bug");
        case 1:
          throw new LinkageError("missing class");
        default:
          sneaky(new IOException("checked, thrown sneakily"));
      }
    }, settings("a").build());

    assertThat(relay.pollOnce(T0)).isEqualTo(3);
    assertThat(relay.statistics().retried()).isEqualTo(3);
    assertThat(relay.statistics().buried()).isZero();
  }

  @Test
  void aVirtualMachineErrorIsRethrownOnceTheBatchIsSettled() {
    Committer committer = new Committer(store, clock, List.of("audit"));
    committer.commit(2, true);
    Relay relay = open(n -> {}, Map.of("audit", e -> {
      throw new StackOverflowError();
    }), settings("a").build());

    assertThatThrownBy(() -> relay.pollOnce(T0)).isInstanceOf(StackOverflowError.class);
    RelayStatistics stats = relay.statistics();
    assertThat(stats.delivered()).isEqualTo(2);
    assertThat(stats.retried()).isEqualTo(1);
    assertThat(relay.pollOnce(T0.plusSeconds(1))).as("rescheduled, not lost, not due").isZero();
  }

  @Test
  void theMessageIdIsInTheMdcWhileTheCallbackRuns() throws Exception {
    Committer committer = new Committer(store, clock, List.of("audit"));
    List<String> ids = committer.commit(1, true);
    Map<String, String> seen = new ConcurrentHashMap<>();
    Relay relay = open(n -> seen.put(n.id(), String.valueOf(MDC.get("zhuli.message"))),
        Map.of("audit", e -> seen.put(e.id() + ".audit",
            String.valueOf(MDC.get("zhuli.message")))),
        settings("a").build());

    // slf4j-simple keeps no MDC; install SLF4J's basic adapter to see what the relay puts there
    Field adapter = MDC.class.getDeclaredField("MDC_ADAPTER");
    adapter.setAccessible(true);
    Object original = adapter.get(null);
    adapter.set(null, new BasicMDCAdapter());
    try {
      relay.pollOnce(T0);
    } finally {
      adapter.set(null, original);
    }
    assertThat(seen).hasSize(2);
    seen.forEach((id, mdc) -> assertThat(mdc).isEqualTo(id));
    assertThat(ids).containsExactlyInAnyOrderElementsOf(seen.keySet());
  }

  @Test
  void logsNameTheMessageButNeverItsPersonalData() {
    Committer committer = new Committer(store, clock, List.of("audit"));
    List<String> ids = committer.commit(1, true);
    Relay relay = open(failing("gateway refused"), Map.of("audit", e -> {
      throw new IllegalArgumentException("index rejected");
    }), settings("a").maxAttempts(1).build());

    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      relay.pollOnce(T0);
    } finally {
      System.setErr(original);
    }
    String logged = captured.toString(StandardCharsets.UTF_8);
    assertThat(logged).contains(ids.get(0)).contains(ids.get(1)).contains("notifier")
        .contains("subscriber:audit").contains("order.dispatch").contains("test.changed")
        .contains("java.lang.IllegalStateException: gateway refused")
        .contains("attempt 1 of 1")
        .doesNotContain("王建國").doesNotContain("13800138000").doesNotContain("party-1");
  }

  @Test
  void errorsKeptWithTheMessageAreOneShortLineAnyStoreCanHold() {
    Committer committer = new Committer(store, clock, List.of());
    String id = committer.notification();
    Relay relay = open(failing("line one\nline two\u0000\uD800 " + "x".repeat(5000)),
        settings("a").maxAttempts(1).build());
    relay.pollOnce(T0);
    String error = relay.deadLetter(id).orElseThrow().error();
    assertThat(error).startsWith("java.lang.IllegalStateException: line one line two \uFFFD x")
        .endsWith("…").hasSizeLessThanOrEqualTo(301).doesNotContain("\n");
  }

  @Test
  void lagIsTheAgeOfTheOldestMessageTheLastRoundClaimed() {
    Committer committer = new Committer(store, clock, List.of());
    committer.notification();
    clock.advance(Duration.ofSeconds(10));
    committer.notification();
    Relay relay = open(n -> {}, settings("a").build());
    assertThat(relay.statistics().lag()).isZero();
    relay.pollOnce(T0.plusSeconds(30));
    assertThat(relay.statistics().lag()).isEqualTo(Duration.ofSeconds(30));
    relay.pollOnce(T0.plusSeconds(31));
    assertThat(relay.statistics().lag()).isZero();
  }

  @Test
  void aMessageWithAnUnreadablePayloadOrUnknownDestinationIsBuriedAtOnce() {
    store.transact(tx -> {
      tx.enqueue(OutboxMessage.of("bad-payload", "notifier", "order.dispatch",
          "{\"id\":".getBytes(StandardCharsets.UTF_8), T0, "order/o-1"));
      tx.enqueue(OutboxMessage.of("bad-destination", "fax", "order.dispatch",
          "{}".getBytes(StandardCharsets.UTF_8), T0, "order/o-1"));
      return null;
    });
    List<Notification> got = new CopyOnWriteArrayList<>();
    Relay relay = open(got::add, settings("a").build());
    assertThat(relay.pollOnce(T0)).isEqualTo(2);
    assertThat(got).isEmpty();
    assertThat(relay.deadLetter("bad-payload").orElseThrow().error())
        .startsWith("the payload cannot be read by this version: cannot decode");
    assertThat(relay.deadLetter("bad-destination").orElseThrow().error())
        .isEqualTo("unknown destination 'fax': neither 'notifier' nor 'subscriber:<name>'");
    assertThat(relay.statistics().buried()).isEqualTo(2);
  }

  @Test
  void aHungCallbackIsCancelledAndItsMessageTriedAgain() throws Exception {
    Committer committer = new Committer(store, clock, List.of());
    String id = committer.notification();
    CountDownLatch never = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    List<String> delivered = new CopyOnWriteArrayList<>();
    AtomicBoolean hang = new AtomicBoolean(true);
    Relay relay = open(n -> {
      if (hang.get()) {
        try {
          never.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          interrupted.countDown();
          throw new IllegalStateException("interrupted");
        }
      }
      delivered.add(n.id());
    }, settings("a").callbackTimeout(Duration.ofMillis(50)).build());

    assertThat(relay.pollOnce(T0)).isEqualTo(1);
    assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("the callback was interrupted").isTrue();
    RelayStatistics stats = relay.statistics();
    assertThat(stats.timedOut()).isEqualTo(1);
    assertThat(stats.retried()).isEqualTo(1);
    assertThat(delivered).isEmpty();

    hang.set(false);
    assertThat(relay.pollOnce(T0.plusSeconds(3600))).isEqualTo(1);
    assertThat(delivered).containsExactly(id);
  }

  @Test
  void aHungCallbackHoldsUpNeitherItsBatchNorLaterRounds() throws Exception {
    Committer committer = new Committer(store, clock, List.of());
    List<String> ids = committer.commit(6, false);
    String stuck = ids.get(0);
    CountDownLatch release = new CountDownLatch(1);
    Set<String> delivered = ConcurrentHashMap.newKeySet();
    Relay relay = open(n -> {
      if (n.id().equals(stuck) && release.getCount() > 0) {
        awaitIgnoringInterrupts(release);
        throw new IllegalStateException("was stuck");
      }
      delivered.add(n.id());
    }, settings("a").batchSize(10).callbackTimeout(Duration.ofMillis(50)).build());
    try {
      assertThat(relay.pollOnce(T0)).isEqualTo(6);
      assertThat(delivered).containsExactlyInAnyOrderElementsOf(ids.subList(1, 6));
      assertThat(relay.statistics().hungCallbacks()).isEqualTo(1);

      List<String> later = committer.commit(3, false);
      assertThat(relay.pollOnce(T0)).as("the other delivery threads still work").isEqualTo(3);
      assertThat(delivered).containsAll(later);
    } finally {
      release.countDown();
    }
    RelayFixtures.await("the stuck callback to return",
        () -> relay.statistics().hungCallbacks() == 0, new Semaphore(0), Duration.ofSeconds(10));
    assertThat(relay.pollOnce(T0.plusSeconds(3600))).isEqualTo(1);
    assertThat(delivered).contains(stuck);
  }

  @Test
  void whenEveryDeliveryThreadIsHeldTheRelayClaimsNothing() throws Exception {
    Committer committer = new Committer(store, clock, List.of());
    String first = committer.notification();
    CountDownLatch release = new CountDownLatch(1);
    List<String> delivered = new CopyOnWriteArrayList<>();
    Relay relay = open(n -> {
      if (n.id().equals(first) && release.getCount() > 0) {
        awaitIgnoringInterrupts(release);
        throw new IllegalStateException("was stuck");
      }
      delivered.add(n.id());
    }, settings("a").threads(1).batchSize(1).callbackTimeout(Duration.ofMillis(30)).build());

    assertThat(relay.pollOnce(T0)).isEqualTo(1);
    assertThat(relay.statistics().hungCallbacks()).isEqualTo(1);
    String second = committer.notification();
    assertThat(relay.pollOnce(T0.plusSeconds(3600))).as("no thread to run it on").isZero();
    assertThat(delivered).isEmpty();

    release.countDown();
    RelayFixtures.await("the stuck callback to return",
        () -> relay.statistics().hungCallbacks() == 0, new Semaphore(0), Duration.ofSeconds(10));
    assertThat(relay.pollOnce(T0.plusSeconds(3600))).isEqualTo(1);
    assertThat(relay.pollOnce(T0.plusSeconds(3600))).isEqualTo(1);
    assertThat(delivered).containsExactlyInAnyOrder(first, second);
  }

  @Test
  void aHungCallbackNeverBlocksCommands() throws Exception {
    Committer committer = new Committer(store, clock, List.of());
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Relay relay = open(n -> {
      entered.countDown();
      awaitIgnoringInterrupts(release);
    }, settings("a").build());
    committer.notification();
    Future<Integer> round = pool.submit(() -> relay.pollOnce(T0));
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

    Future<List<String>> commits = pool.submit(() -> committer.commit(20, true));
    assertThat(commits.get(10, TimeUnit.SECONDS)).hasSize(20);
    assertThat(round.isDone()).as("the callback still hangs").isFalse();
    release.countDown();
    assertThat(round.get(10, TimeUnit.SECONDS)).isEqualTo(1);
  }

  @Test
  void aStaleClaimNeverAcknowledgesSomeoneElsesDelivery() throws Exception {
    Committer committer = new Committer(store, clock, List.of());
    String id = committer.notification();
    CountDownLatch aEntered = new CountDownLatch(1);
    CountDownLatch aRelease = new CountDownLatch(1);
    CountDownLatch bEntered = new CountDownLatch(1);
    CountDownLatch bRelease = new CountDownLatch(1);
    Relay a = open(n -> {
      aEntered.countDown();
      awaitIgnoringInterrupts(aRelease);
    }, settings("relay-a").build());
    Relay b = open(n -> {
      bEntered.countDown();
      awaitIgnoringInterrupts(bRelease);
    }, settings("relay-b").build());

    Future<Integer> aRound = pool.submit(() -> a.pollOnce(T0));
    assertThat(aEntered.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(b.pollOnce(T0.plusSeconds(59))).as("a's lease holds").isZero();
    Future<Integer> bRound = pool.submit(() -> b.pollOnce(T0.plusSeconds(60)));
    assertThat(bEntered.await(10, TimeUnit.SECONDS)).isTrue();

    aRelease.countDown();
    assertThat(aRound.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(a.statistics().leaseLost()).isEqualTo(1);
    assertThat(a.statistics().delivered()).isZero();
    bRelease.countDown();
    assertThat(bRound.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(b.statistics().delivered()).isEqualTo(1);
    assertThat(b.pollOnce(T0.plusSeconds(7200))).as("acknowledged once, by b").isZero();
    assertThat(b.deadLetter(id)).isEmpty();
  }

  @Test
  void messagesClaimedByARelayThatDiedAreDeliveredByTheNextOne() {
    Committer committer = new Committer(store, clock, List.of("audit"));
    List<String> ids = committer.commit(2, true);
    // the relay that died claimed everything, then its process ended
    assertThat(store.outbox().claim("relay-dead", T0, Duration.ofSeconds(60), 100)).hasSize(3);
    Set<String> got = ConcurrentHashMap.newKeySet();
    Relay next = open(n -> got.add(n.id()), Map.of("audit", e -> got.add(e.id() + ".audit")),
        settings("relay-next").build());
    assertThat(next.pollOnce(T0.plusSeconds(59))).isZero();
    assertThat(next.pollOnce(T0.plusSeconds(60))).isEqualTo(3);
    assertThat(got).containsExactlyInAnyOrderElementsOf(ids);
  }

  @Test
  void concurrentRoundsOnOneRelayDeliverEachMessageOnce() throws Exception {
    Committer committer = new Committer(store, clock, List.of("audit"));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      ids.addAll(committer.commit(3, true));
    }
    Map<String, Integer> counts = new ConcurrentHashMap<>();
    Relay relay = open(n -> counts.merge(n.id(), 1, Integer::sum),
        Map.of("audit", e -> counts.merge(e.id() + ".audit", 1, Integer::sum)),
        settings("a").batchSize(7).threads(4).build());
    List<Future<Integer>> rounds = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      rounds.add(pool.submit(() -> {
        int total = 0;
        for (int claimed; (claimed = relay.pollOnce(T0)) > 0; ) {
          total += claimed;
        }
        return total;
      }));
    }
    int total = 0;
    for (Future<Integer> f : rounds) {
      total += f.get(30, TimeUnit.SECONDS);
    }
    assertThat(total).isEqualTo(ids.size());
    assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(counts.values()).containsOnly(1);
    assertThat(relay.statistics().delivered()).isEqualTo(ids.size());
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** A callback that ignores interruption, as badly written host code does. */
  static void awaitIgnoringInterrupts(CountDownLatch latch) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          if (latch.await(30, TimeUnit.SECONDS)) {
            return;
          }
          throw new IllegalStateException("the test never released the callback");
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @SuppressWarnings("unchecked")
  static <E extends Throwable> void sneaky(Throwable e) throws E {
    throw (E) e;
  }
}
