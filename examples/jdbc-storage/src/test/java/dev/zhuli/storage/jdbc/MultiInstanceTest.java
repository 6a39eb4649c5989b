package dev.zhuli.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zhuli.core.Actor;
import dev.zhuli.core.ConcurrentUpdateException;
import dev.zhuli.core.OrderId;
import dev.zhuli.core.RuleViolationException;
import dev.zhuli.core.Zhuli;
import dev.zhuli.core.order.Acceptance;
import dev.zhuli.core.order.NewOrder;
import dev.zhuli.core.order.Order;
import dev.zhuli.core.order.OrderCategory;
import dev.zhuli.core.order.OrderStatus;
import dev.zhuli.core.order.TimelineEntry;
import dev.zhuli.core.order.Transition;
import dev.zhuli.core.order.Urgency;
import dev.zhuli.core.roster.Background;
import dev.zhuli.core.roster.HelpGroup;
import dev.zhuli.core.roster.Member;
import dev.zhuli.core.roster.NewGroup;
import dev.zhuli.core.roster.NewMember;
import dev.zhuli.core.roster.NewRegion;
import dev.zhuli.core.roster.NewSquad;
import dev.zhuli.core.roster.NewVillage;
import dev.zhuli.core.roster.Region;
import dev.zhuli.core.roster.RegionLevel;
import dev.zhuli.core.roster.Roster;
import dev.zhuli.core.roster.Squad;
import dev.zhuli.core.roster.SquadKind;
import dev.zhuli.core.roster.SquadRole;
import dev.zhuli.core.roster.Village;
import dev.zhuli.spi.notify.EventSubscriber;
import dev.zhuli.spi.storage.ClaimedMessage;
import dev.zhuli.spi.storage.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Several application instances on one PostgreSQL database: three Zhuli instances, each on its
 * own JdbcStorage and connection pool, place orders (twice each, from two instances, under one
 * request key), dispatch them, and race three squad members from three instances to accept each;
 * meanwhile two relays drain the outbox. Afterwards: every order was placed once and accepted
 * once, each order's events carry versions 1, 2, 3 and nothing else, and every outbox message was
 * delivered exactly once, never by two relays at the same time. (Mentorship commands join this
 * test when the core has them.)
 *
 * <p>The relay of the core ({@code dev.zhuli.core.relay}) is not there yet; until it is, the two
 * "relays" here are threads that claim and acknowledge through {@link Storage#outbox()} with
 * distinct owners, checking fencing on the way. {@link Relay} is all there is of them, to be
 * swapped for the core's relay.
 */
@ExtendWith(PostgresExtension.class)
class MultiInstanceTest {
  private static final int INSTANCES = 3;
  private static final int ORDERS = 30;
  private static final String SUBSCRIBER = "audit";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static PostgresServer server;

  @BeforeAll
  static void server(PostgresServer pg) {
    server = pg;
  }

  @Test
  @Timeout(180)
  void instancesAcceptEachOrderOnceAndRelaysDeliverEachMessageOnce() throws Exception {
    Map<String, String> settings = server.settings(server.newSchema("instances"), "migrate",
        "true", "poolSize", "4");
    List<JdbcStorage> stores = new ArrayList<>();
    List<Zhuli> zhulis = new ArrayList<>();
    ExecutorService commands = Executors.newFixedThreadPool(6);
    ExecutorService relays = Executors.newFixedThreadPool(2);
    try {
      for (int i = 0; i < INSTANCES; i++) {
        JdbcStorage store = JdbcStorage.open(settings);
        stores.add(store);
        zhulis.add(Zhuli.builder().storage(store).subscriber(SUBSCRIBER, event -> { })
            .build());
      }
      World w = world(zhulis.get(0));
      Deliveries deliveries = new Deliveries();
      AtomicBoolean commandsDone = new AtomicBoolean();
      List<Future<Relay>> running = new ArrayList<>();
      for (String owner : List.of("relay-a", "relay-b")) {
        JdbcStorage own = JdbcStorage.open(settings);
        stores.add(own);
        running.add(relays.submit(() -> new Relay(owner, own, deliveries).run(commandsDone)));
      }

      List<Future<OrderOutcome>> orders = new ArrayList<>();
      for (int i = 0; i < ORDERS; i++) {
        int n = i;
        orders.add(commands.submit(() -> order(zhulis, w, n)));
      }
      List<OrderOutcome> outcomes = new ArrayList<>();
      for (Future<OrderOutcome> f : orders) {
        outcomes.add(f.get(120, TimeUnit.SECONDS));
      }
      commandsDone.set(true);
      List<Relay> finished = new ArrayList<>();
      for (Future<Relay> f : running) {
        finished.add(f.get(120, TimeUnit.SECONDS));
      }

      // Every order placed once (two placements, one request key), accepted once.
      Set<OrderId> ids = new TreeSet<>(java.util.Comparator.comparing(OrderId::toString));
      for (OrderOutcome o : outcomes) {
        assertThat(o.placedTwice).as("both placements of order %d", o.n)
            .containsOnly(o.placedTwice.get(0));
        ids.add(o.id);
        assertThat(o.acceptWinners).as("accept winners of order %d: %s", o.n, o.acceptOutcomes)
            .hasSize(1);
        Order order = zhulis.get(o.n % INSTANCES).orders().order(o.id).orElseThrow();
        assertThat(order.status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(order.version()).isEqualTo(3);
        assertThat(order.timeline()).extracting(TimelineEntry::transition)
            .containsExactly(Transition.PLACE, Transition.DISPATCH, Transition.ACCEPT);
        assertThat(order.lead()).contains(w.squad.get(o.acceptWinners.get(0)).id());
      }
      assertThat(ids).hasSize(ORDERS);

      // Every message delivered once, none by two relays at once; the outbox is empty.
      assertThat(deliveries.overlaps).as("messages two relays delivered at the same time")
          .isEmpty();
      assertThat(deliveries.twice).as("messages delivered twice").isEmpty();
      JdbcStorage any = stores.get(0);
      assertThat(any.outbox().claim("check", Instant.now().plus(Duration.ofDays(3650)),
          Duration.ofSeconds(1), 1000)).as("messages left").isEmpty();
      assertThat(any.outbox().dead(null, 10).items()).as("dead letters").isEmpty();

      // Each order's events carry versions 1, 2, 3: strictly increasing, none lost, none twice.
      for (OrderId id : ids) {
        assertThat(deliveries.versions.get("order/" + id)).as("event versions of %s", id)
            .containsExactly(1L, 2L, 3L);
      }
      int delivered = deliveries.byId.size();
      int stale = finished.stream().mapToInt(r -> r.staleRefused).sum();
      System.out.printf("several instances: %d instances, %d orders, %d commands, %d messages"
          + " delivered by %d relays, %d stale settlements refused by fencing%n", INSTANCES,
          ORDERS, ORDERS * 6, delivered, finished.size(), stale);
    } finally {
      commands.shutdownNow();
      relays.shutdownNow();
      zhulis.forEach(Zhuli::close);
      stores.forEach(Storage::close);
    }
  }

  /** One order's life across the instances. */
  private static OrderOutcome order(List<Zhuli> zhulis, World w, int n) throws Exception {
    OrderOutcome out = new OrderOutcome(n);
    NewOrder input = new NewOrder.Builder().village(w.village.id()).requester(w.cadre.id())
        .title("第" + n + "號需求").description("請派人指導葡萄修剪")
        .category(OrderCategory.INDUSTRY).urgency(Urgency.ROUTINE).requestKey("place-" + n)
        .build();
    Actor cadre = Actor.member(w.cadre.id());
    List<Order> placed = race(List.of(
        () -> zhulis.get(n % INSTANCES).orders().place(cadre, input),
        () -> zhulis.get((n + 1) % INSTANCES).orders().place(cadre, input)));
    placed.forEach(o -> out.placedTwice.add(o.id()));
    out.id = placed.get(0).id();
    zhulis.get((n + 2) % INSTANCES).orders().dispatch(Actor.member(w.coordinator.id()), out.id,
        w.squadId, null);
    List<Callable<String>> accepts = new ArrayList<>();
    for (int m = 0; m < w.squad.size(); m++) {
      Member member = w.squad.get(m);
      Zhuli instance = zhulis.get((n + m) % INSTANCES);
      accepts.add(() -> {
        try {
          instance.orders().accept(Actor.member(member.id()), out.id,
              new Acceptance.Builder().lead(member.id()).build());
          return "ok";
        } catch (RuleViolationException | ConcurrentUpdateException e) {
          return e.getClass().getSimpleName();
        }
      });
    }
    List<String> results = race(accepts);
    out.acceptOutcomes.addAll(results);
    for (int m = 0; m < results.size(); m++) {
      if (results.get(m).equals("ok")) {
        out.acceptWinners.add(m);
      }
    }
    return out;
  }

  /** Runs the tasks at once, on threads of their own; their results in order. */
  private static <T> List<T> race(List<Callable<T>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(pool.submit(() -> {
          start.await();
          return task.call();
        }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /** What happened to one order. */
  private static final class OrderOutcome {
    final int n;
    final List<OrderId> placedTwice = new ArrayList<>();
    final List<Integer> acceptWinners = new ArrayList<>();
    final List<String> acceptOutcomes = new ArrayList<>();
    OrderId id;

    OrderOutcome(int n) {
      this.n = n;
    }
  }

  /** What the relays delivered, and any breach of exclusivity they saw. */
  private static final class Deliveries {
    final Map<String, String> inFlight = new ConcurrentHashMap<>();
    final Map<String, String> byId = new ConcurrentHashMap<>();
    final Set<String> overlaps = ConcurrentHashMap.newKeySet();
    final Set<String> twice = ConcurrentHashMap.newKeySet();
    final Map<String, List<Long>> versions = new TreeMap<>();

    void deliver(String owner, ClaimedMessage c) {
      String id = c.message().id();
      String other = inFlight.putIfAbsent(id, owner);
      if (other != null) {
        overlaps.add(id + " by " + owner + " and " + other);
        return;
      }
      try {
        if (byId.putIfAbsent(id, owner) != null) {
          twice.add(id);
        }
        if (c.message().destination().equals("subscriber:" + SUBSCRIBER)) {
          JsonNode event = JSON.readTree(c.message().payload());
          synchronized (versions) {
            versions.computeIfAbsent(c.message().aggregateKey(), k -> new ArrayList<>())
                .add(event.get("version").asLong());
            versions.get(c.message().aggregateKey()).sort(null);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        inFlight.remove(id, owner);
      }
    }
  }

  /**
   * A stand-in for the core's relay: claims, delivers and acknowledges through the SPI. Now and
   * then it stalls on a claim made with a lease too short, so that the other relay takes the
   * messages over; its late settlement must then be refused by the fencing token.
   */
  private static final class Relay {
    private static final Duration LEASE = Duration.ofSeconds(60);
    final String owner;
    final Storage store;
    final Deliveries deliveries;
    int staleRefused;
    private int round;

    Relay(String owner, Storage store, Deliveries deliveries) {
      this.owner = owner;
      this.store = store;
      this.deliveries = deliveries;
    }

    Relay run(AtomicBoolean commandsDone) {
      int idleAfterDone = 0;
      while (idleAfterDone < 3) {
        boolean done = commandsDone.get();
        // Every message is due: the clock of the relays runs ahead of the commands' clock.
        Instant now = Instant.now().plus(Duration.ofDays(3650));
        List<ClaimedMessage> claimed;
        if (++round % 7 == 0) {
          // A stalled claim: a lease that ends at once, never delivered; the other relay (or
          // this one, later) takes the messages over with greater tokens.
          claimed = store.outbox().claim(owner, now, Duration.ofNanos(1), 3);
          List<ClaimedMessage> stalled = claimed;
          for (ClaimedMessage c : stalled) {
            if (!store.outbox().reschedule(c.message().id(), c.fencingToken(), now,
                "stalled")) {
              staleRefused++;
            }
          }
          continue;
        }
        claimed = store.outbox().claim(owner, now, LEASE, 20);
        for (ClaimedMessage c : claimed) {
          deliveries.deliver(owner, c);
          assertThat(store.outbox().acknowledge(c.message().id(), c.fencingToken()))
              .as("%s acknowledges %s under its live lease", owner, c.message().id()).isTrue();
        }
        idleAfterDone = claimed.isEmpty() && done ? idleAfterDone + 1 : 0;
        if (claimed.isEmpty() && !done) {
          Thread.onSpinWait();
        }
      }
      return this;
    }
  }

  /** The roster the orders need: a village with a cadre, a coordinator, a squad of three. */
  private static final class World {
    Village village;
    Member cadre;
    Member coordinator;
    dev.zhuli.core.SquadId squadId;
    final List<Member> squad = new ArrayList<>();
  }

  private static World world(Zhuli zhuli) {
    World w = new World();
    Roster roster = zhuli.roster();
    Actor setup = Actor.system("setup");
    Region city = roster.createRegion(setup,
        new NewRegion.Builder().name("渭南市").level(RegionLevel.CITY).build());
    Region county = roster.createRegion(setup, new NewRegion.Builder().name("合陽縣")
        .level(RegionLevel.COUNTY).parent(city.id()).build());
    Region town = roster.createRegion(setup, new NewRegion.Builder().name("新池鎮")
        .level(RegionLevel.TOWN).parent(county.id()).build());
    w.village = roster.createVillage(setup,
        new NewVillage.Builder().name("南溝村").town(town.id()).build());
    HelpGroup group = roster.createGroup(setup,
        new NewGroup.Builder().name("合陽縣紅色助力團").county(county.id()).build());
    Squad industry = roster.createSquad(setup, new NewSquad.Builder().group(group.id())
        .name("產業組").kind(SquadKind.INDUSTRY).build());
    w.squadId = industry.id();
    w.coordinator = roster.addMember(setup, new NewMember.Builder().group(group.id())
        .name("協調員").background(Background.WORK_TEAM_MEMBER).build());
    roster.appointCoordinator(setup, group.id(), w.coordinator.id(), null);
    w.cadre = roster.addMember(setup, new NewMember.Builder().group(group.id())
        .name("村幹部").background(Background.VILLAGE_CADRE).village(w.village.id()).build());
    for (int i = 0; i < 3; i++) {
      Member m = roster.addMember(setup, new NewMember.Builder().group(group.id())
          .name("農技員" + i).background(Background.AGRI_TECH_EXTENSION).build());
      roster.joinSquad(setup, m.id(), industry.id(), i == 0 ? SquadRole.LEADER
          : SquadRole.MEMBER, null);
      w.squad.add(m);
    }
    return w;
  }
}
