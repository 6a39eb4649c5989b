package dev.zhuli.core.relay;

import static dev.zhuli.core.relay.RelayFixtures.T0;
import static dev.zhuli.core.relay.RelayFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zhuli.core.Actor;
import dev.zhuli.core.PageRequest;
import dev.zhuli.core.Zhuli;
import dev.zhuli.core.relay.RelayFixtures.ManualClock;
import dev.zhuli.core.roster.NewRegion;
import dev.zhuli.core.roster.Region;
import dev.zhuli.core.roster.RegionLevel;
import dev.zhuli.core.store.InMemoryStorage;
import dev.zhuli.spi.notify.DomainEvent;
import dev.zhuli.spi.notify.EventSubscriber;
import dev.zhuli.spi.storage.DeadLetter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Fan-out across restarts of the host: each build of Zhuli registers its subscribers by name on
 * one store. A new subscriber gets what is committed from then on; a subscriber no longer
 * registered has its pending events kept as dead letters until it comes back or they are purged.
 */
class SubscribersTest {
  private final InMemoryStorage store = InMemoryStorage.create();
  private final ManualClock clock = new ManualClock(T0);
  private final Map<String, List<DomainEvent>> received = new ConcurrentHashMap<>();
  private final Actor setup = Actor.system("setup");

  private EventSubscriber recording(String name) {
    return e -> received.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>()).add(e);
  }

  private Zhuli build(String owner, String... subscribers) {
    Zhuli.Builder b = Zhuli.builder().storage(store).clock(clock)
        .relaySettings(settings(owner).build());
    for (String name : subscribers) {
      b.subscriber(name, recording(name));
    }
    return b.build();
  }

  private Region city(Zhuli zhuli, String name) {
    return zhuli.roster().createRegion(setup,
        new NewRegion.Builder().name(name).level(RegionLevel.CITY).build());
  }

  private List<String> aggregates(String subscriber) {
    return received.getOrDefault(subscriber, List.of()).stream()
        .map(DomainEvent::aggregateId).toList();
  }

  @Test
  void subscribersComeAndGoByName() {
    try {
      Region weinan;
      try (Zhuli first = build("relay-1", "audit")) {
        weinan = city(first, "渭南市");
      }

      // a new build adds "search" and drops "audit": search gets what is committed from now on
      Region xian;
      try (Zhuli second = build("relay-2", "search")) {
        xian = city(second, "西安市");
        Relay relay = second.relay();
        assertThat(relay.pollOnce(clock.instant())).isEqualTo(2);
        assertThat(aggregates("search")).containsExactly(xian.id().value());
        assertThat(aggregates("audit")).isEmpty();
        List<DeadLetter> dead = relay.deadLetters(PageRequest.first()).items();
        assertThat(dead).singleElement().satisfies(d -> {
          assertThat(d.message().destination()).isEqualTo("subscriber:audit");
          assertThat(d.error()).isEqualTo("no subscriber named 'audit' is registered");
          assertThat(d.attempts()).isEqualTo(1);
        });
        assertThat(relay.statistics().buried()).isEqualTo(1);
      }

      // audit is back: its kept event revives and arrives, and it gets new ones again
      Region tongchuan;
      try (Zhuli third = build("relay-3", "audit", "search")) {
        assertThat(third.relay().reviveAll()).isEqualTo(1);
        tongchuan = city(third, "銅川市");
        while (third.relay().pollOnce(clock.instant()) > 0) {
          // a batch at a time
        }
        assertThat(aggregates("audit"))
            .containsExactlyInAnyOrder(weinan.id().value(), tongchuan.id().value());
        assertThat(aggregates("search"))
            .containsExactly(xian.id().value(), tongchuan.id().value());
      }

      // dropped for good: purge what it left behind
      try (Zhuli fourth = build("relay-4", "search")) {
        Region yanan = city(fourth, "延安市");
        try (Zhuli withAudit = build("relay-5", "audit", "search")) {
          city(withAudit, "寶雞市");
        }
        Relay relay = fourth.relay();
        while (relay.pollOnce(clock.instant()) > 0) {
          // a batch at a time
        }
        List<DeadLetter> dead = relay.deadLetters(PageRequest.first()).items();
        assertThat(dead).singleElement()
            .satisfies(d -> assertThat(d.message().destination()).isEqualTo("subscriber:audit"));
        assertThat(relay.purge(dead.get(0).message().id())).isTrue();
        assertThat(relay.deadLetters(PageRequest.first()).items()).isEmpty();
        assertThat(aggregates("search")).contains(yanan.id().value());
      }
    } finally {
      store.close();
    }
  }
}
