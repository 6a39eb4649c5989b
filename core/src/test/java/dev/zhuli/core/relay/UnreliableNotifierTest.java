package dev.zhuli.core.relay;

import static dev.zhuli.core.relay.RelayFixtures.relay;
import static dev.zhuli.core.relay.RelayFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zhuli.core.PageRequest;
import dev.zhuli.core.relay.RelayFixtures.Committer;
import dev.zhuli.core.relay.RelayFixtures.TickingClock;
import dev.zhuli.core.store.InMemoryStorage;
import dev.zhuli.spi.notify.Notification;
import dev.zhuli.spi.notify.Notifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A notifier that fails three times in ten and sometimes hangs, while commands keep committing:
 * every committed notification is delivered at least once, and dead letters revive and deliver.
 */
class UnreliableNotifierTest {

  /** Fails 30% of the time, hangs 5% of the time, and fails its poison ids until healed. */
  static final class UnreliableNotifier implements Notifier {
    final Set<String> delivered = ConcurrentHashMap.newKeySet();
    final Set<String> poison = ConcurrentHashMap.newKeySet();
    final AtomicBoolean healed = new AtomicBoolean();
    final AtomicInteger failures = new AtomicInteger();
    final AtomicInteger hangs = new AtomicInteger();
    final CountDownLatch never = new CountDownLatch(1);
    final Semaphore progress = new Semaphore(0);
    private final Random random = new Random(20261128);

    @Override
    public void deliver(Notification n) {
      try {
        if (poison.contains(n.id()) && !healed.get()) {
          throw new IllegalStateException("recipient's phone is switched off");
        }
        int draw;
        synchronized (random) {
          draw = random.nextInt(100);
        }
        if (!healed.get() && draw < 30) {
          failures.incrementAndGet();
          throw new IllegalStateException("SMS gateway busy");
        }
        if (!healed.get() && draw < 35) {
          hangs.incrementAndGet();
          try {
            never.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          throw new IllegalStateException("hung, then interrupted");
        }
        delivered.add(n.id());
      } finally {
        progress.release();
      }
    }
  }

  @Test
  void everyCommittedNotificationIsDeliveredAtLeastOnceAndDeadLettersReviveAndDeliver()
      throws Exception {
    RelayFixtures.withoutLogs(this::deliverThroughAnUnreliableNotifier);
  }

  private void deliverThroughAnUnreliableNotifier() throws Exception {
    InMemoryStorage store = InMemoryStorage.create();
    TickingClock clock = new TickingClock(Duration.ofMillis(50));
    Committer committer = new Committer(store, clock, List.of());
    UnreliableNotifier notifier = new UnreliableNotifier();
    Relay relay = relay(store, clock, notifier, Map.of(), settings("relay-chaos")
        .threads(2).batchSize(8).lease(Duration.ofMinutes(10))
        .callbackTimeout(Duration.ofMillis(40)).pollInterval(Duration.ofMillis(1))
        .backoffBase(Duration.ofSeconds(1)).backoffCap(Duration.ofSeconds(4)).maxAttempts(4)
        .closeGrace(Duration.ofSeconds(5)).build());
    ExecutorService commands = Executors.newSingleThreadExecutor();
    try {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        String id = committer.notification();
        notifier.poison.add(id);
        ids.add(id);
      }
      relay.start();
      // commands go on committing while the relay delivers, fails and hangs
      Future<List<String>> committed = commands.submit(() -> {
        List<String> more = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
          more.addAll(committer.commit(1, false));
        }
        return more;
      });
      ids.addAll(committed.get(30, TimeUnit.SECONDS));

      RelayFixtures.await("every notification delivered or buried", () -> {
        Set<String> settled = ConcurrentHashMap.newKeySet();
        settled.addAll(notifier.delivered);
        relay.deadLetters(PageRequest.first(1000)).items()
            .forEach(d -> settled.add(d.message().id()));
        return settled.containsAll(ids);
      }, notifier.progress, Duration.ofSeconds(60));

      RelayStatistics stats = relay.statistics();
      assertThat(notifier.failures.get()).isPositive();
      assertThat(stats.retried()).isPositive();
      assertThat(stats.buried()).isGreaterThanOrEqualTo(notifier.poison.size());
      assertThat(relay.deadLetters(PageRequest.first(1000)).items())
          .extracting(d -> d.message().id()).containsAll(notifier.poison);

      notifier.healed.set(true);
      assertThat(relay.reviveAll()).isGreaterThanOrEqualTo(notifier.poison.size());
      // a round that began before the notifier healed may still bury one; revive it too
      RelayFixtures.await("every notification delivered", () -> {
        relay.reviveAll();
        return notifier.delivered.containsAll(ids);
      }, notifier.progress, Duration.ofSeconds(60));
      relay.close();

      assertThat(notifier.delivered).containsAll(ids);
    } finally {
      notifier.never.countDown();
      relay.close();
      commands.shutdownNow();
      store.close();
    }
    RelayStatistics stats = relay.statistics();
    assertThat(stats.delivered()).isGreaterThanOrEqualTo(153);
    if (notifier.hangs.get() > 0) {
      assertThat(stats.timedOut()).isPositive();
    }
  }
}
