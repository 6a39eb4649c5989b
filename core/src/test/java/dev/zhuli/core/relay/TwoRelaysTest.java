package dev.zhuli.core.relay;

import static dev.zhuli.core.relay.RelayFixtures.relay;
import static dev.zhuli.core.relay.RelayFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zhuli.core.relay.RelayFixtures.Committer;
import dev.zhuli.core.relay.RelayFixtures.TickingClock;
import dev.zhuli.core.store.InMemoryStorage;
import dev.zhuli.spi.notify.EventSubscriber;
import dev.zhuli.spi.notify.Notifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Two relay instances on one store (the in-memory store, shared in one JVM, stands for a shared
 * database): no message is ever in the hands of both at the same time, and each is delivered.
 */
class TwoRelaysTest {

  /** Records who is inside a callback for which message, and any overlap. */
  static final class OverlapDetector {
    final Map<String, AtomicInteger> inside = new ConcurrentHashMap<>();
    final Map<String, Set<String>> deliveredBy = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    final AtomicReference<String> overlap = new AtomicReference<>();
    final Semaphore progress = new Semaphore(0);

    void deliver(String relay, String id) {
      AtomicInteger count = inside.computeIfAbsent(id, k -> new AtomicInteger());
      if (count.incrementAndGet() > 1) {
        overlap.compareAndSet(null, id + " entered by " + relay + " while another was inside");
      }
      try {
        for (int i = 0; i < 20; i++) {
          Thread.yield();
        }
        deliveredBy.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(relay);
        deliveries.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
      } finally {
        count.decrementAndGet();
        progress.release();
      }
    }

    Notifier notifier(String relay) {
      return n -> deliver(relay, n.id());
    }

    EventSubscriber subscriber(String relay, String name) {
      return e -> deliver(relay, e.id() + "." + name);
    }
  }

  @Test
  void noMessageIsDeliveredByBothAtOnceAndEachIsDelivered() throws Exception {
    InMemoryStorage store = InMemoryStorage.create();
    // time moves on with every read, but never past the lease within the test
    TickingClock clock = new TickingClock(Duration.ofMillis(1));
    Committer committer = new Committer(store, clock, List.of("audit", "search"));
    OverlapDetector detector = new OverlapDetector();
    List<Relay> relays = new ArrayList<>();
    try {
      for (String owner : List.of("relay-east", "relay-west")) {
        relays.add(relay(store, clock, detector.notifier(owner),
            Map.of("audit", detector.subscriber(owner, "audit"),
                "search", detector.subscriber(owner, "search")),
            settings(owner).threads(2).batchSize(5).lease(Duration.ofHours(1)).build()));
      }
      relays.forEach(Relay::start);
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        ids.addAll(committer.commit(2, true));
      }
      RelayFixtures.await("every message to be delivered",
          () -> detector.deliveries.keySet().containsAll(ids), detector.progress,
          Duration.ofSeconds(30));
      relays.forEach(Relay::close);

      assertThat(detector.overlap.get()).isNull();
      assertThat(detector.deliveries.keySet()).containsExactlyInAnyOrderElementsOf(ids);
      assertThat(detector.deliveries.values()).allSatisfy(n -> assertThat(n.get()).isOne());
      long total = relays.stream().mapToLong(r -> r.statistics().delivered()).sum();
      assertThat(total).isEqualTo(ids.size());
      assertThat(relays).allSatisfy(r -> assertThat(r.statistics().leaseLost()).isZero());
    } finally {
      relays.forEach(Relay::close);
      store.close();
    }
  }
}
