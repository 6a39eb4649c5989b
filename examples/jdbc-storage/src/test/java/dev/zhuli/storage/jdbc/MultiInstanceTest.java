package dev.zhuli.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zhuli.core.Actor;
import dev.zhuli.core.ConcurrentUpdateException;
import dev.zhuli.core.OrderId;
import dev.zhuli.core.RuleViolationException;
import dev.zhuli.core.SquadId;
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
import dev.zhuli.spi.storage.Storage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several application instances on one PostgreSQL database, in three JVMs: this one and two
 * children ({@link InstanceChild}), each with its own JdbcStorage, pool and Zhuli. Orders are
 * placed twice each, from two instances under one request key, and dispatched; then, order by
 * order, one squad member in each JVM tries to accept it at the same moment, while a relay in
 * each child drains the outbox (and this JVM drains what is left at the end). Afterwards: every
 * order was placed once and accepted once, by one of the three; each order's events carry
 * versions 1, 2, 3 and nothing else; and every outbox message was delivered exactly once, so
 * never by two relays at the same time. (Mentorship commands join this test when the core has
 * them.)
 *
 * <p>The core's relay ({@code dev.zhuli.core.relay}) is not there yet; until it is, the relays
 * are {@link StandInRelay}s, claiming and acknowledging through the SPI with distinct owners and
 * checking fencing on the way.
 */
@ExtendWith(PostgresExtension.class)
class MultiInstanceTest {
  private static final int ORDERS = 30;
  private static final long WAIT_SECONDS = 150;
  private static PostgresServer server;

  @TempDir
  Path folder;

  @BeforeAll
  static void server(PostgresServer pg) {
    server = pg;
  }

  @Test
  @Timeout(240)
  void instancesInThreeJvmsAcceptEachOrderOnceAndRelaysDeliverEachMessageOnce()
      throws Exception {
    Map<String, String> settings = server.settings(server.newSchema("instances"), "migrate",
        "true", "poolSize", "4");
    List<JdbcStorage> stores = new ArrayList<>();
    List<Zhuli> zhulis = new ArrayList<>();
    List<Process> children = new ArrayList<>();
    ExecutorService commands = Executors.newFixedThreadPool(4);
    try {
      for (int i = 0; i < 2; i++) {
        JdbcStorage store = JdbcStorage.open(settings);
        stores.add(store);
        zhulis.add(Zhuli.builder().storage(store)
            .subscriber(InstanceChild.SUBSCRIBER, event -> { }).build());
      }
      World w = world(zhulis.get(0));

      // Place every order twice (two instances, one request key) and dispatch it.
      List<Future<OrderId>> placing = new ArrayList<>();
      for (int i = 0; i < ORDERS; i++) {
        int n = i;
        placing.add(commands.submit(() -> placeAndDispatch(zhulis, w, n)));
      }
      List<OrderId> orders = new ArrayList<>();
      for (Future<OrderId> f : placing) {
        orders.add(f.get(WAIT_SECONDS, TimeUnit.SECONDS));
      }
      assertThat(new TreeSet<>(orders)).as("distinct orders").hasSize(ORDERS);

      // Two more instances in JVMs of their own, each with a squad member and a relay.
      Path settingsFile = folder.resolve("settings");
      List<String> lines = new ArrayList<>();
      settings.forEach((k, v) -> lines.add(k + "=" + v));
      Files.write(settingsFile, lines, StandardCharsets.UTF_8);
      List<Output> outputs = new ArrayList<>();
      for (int c = 0; c < 2; c++) {
        Process child = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
            "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
            InstanceChild.class.getName(), settingsFile.toString(), "relay-" + c,
            w.squad.get(c).id().value())
            .redirectError(folder.resolve("child-" + c + ".err").toFile()).start();
        children.add(child);
        outputs.add(new Output(child));
      }
      for (Output o : outputs) {
        assertThat(o.ready.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("child ready").isTrue();
      }
      // Order by order, the three members try to accept at the same moment: the children are
      // told, and the third member tries from this JVM at once.
      Map<OrderId, String> here = new TreeMap<>();
      Member third = w.squad.get(2);
      for (OrderId id : orders) {
        for (Process child : children) {
          tell(child, "accept " + id.value());
        }
        try {
          zhulis.get(1).orders().accept(Actor.member(third.id()), id,
              new Acceptance.Builder().lead(third.id()).build());
          here.put(id, "ok");
        } catch (RuleViolationException | ConcurrentUpdateException e) {
          here.put(id, e.getClass().getSimpleName());
        }
        for (Output o : outputs) {
          String answer = o.accepts.poll(WAIT_SECONDS, TimeUnit.SECONDS);
          assertThat(answer).as("a child's answer for %s", id).startsWith("accept " + id.value());
        }
      }
      for (Process child : children) {
        tell(child, "end");
      }
      for (int c = 0; c < children.size(); c++) {
        assertThat(children.get(c).waitFor(WAIT_SECONDS, TimeUnit.SECONDS))
            .as("child %d ended by itself", c).isTrue();
        assertThat(children.get(c).exitValue()).as("exit of child %d (see %s)", c, folder)
            .isZero();
        outputs.get(c).reader.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        assertThat(outputs.get(c).lines).as("child %d finished", c).contains("done");
      }
      // What the children's relays left (messages of this JVM's last commands) goes out here.
      List<String> deliveries = new ArrayList<>();
      StandInRelay last = new StandInRelay("relay-here", stores.get(0),
          c -> deliveries.add(InstanceChild.delivery(c)));
      last.drain(() -> false);
      int stale = last.staleRefused();
      for (Output o : outputs) {
        for (String line : o.lines) {
          if (line.startsWith("delivered ")) {
            deliveries.add(line);
          } else if (line.startsWith("stale ")) {
            stale += Integer.parseInt(line.substring("stale ".length()));
          }
        }
      }

      // Every order accepted once, by one of the three members, from one of the three JVMs.
      int[] wins = new int[3];
      for (OrderId id : orders) {
        List<Integer> winners = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
          if (outputs.get(c).lines.contains("accept " + id.value() + " ok")) {
            winners.add(c);
          }
        }
        if ("ok".equals(here.get(id))) {
          winners.add(2);
        }
        assertThat(winners).as("acceptances of %s", id).hasSize(1);
        wins[winners.get(0)]++;
        Order order = zhulis.get(0).orders().order(id).orElseThrow();
        assertThat(order.status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(order.version()).isEqualTo(3);
        assertThat(order.timeline()).extracting(TimelineEntry::transition)
            .containsExactly(Transition.PLACE, Transition.DISPATCH, Transition.ACCEPT);
        assertThat(order.lead()).contains(w.squad.get(winners.get(0)).id());
      }

      // Every message delivered once; the outbox is empty; events carry versions 1, 2, 3.
      Map<String, Integer> times = new TreeMap<>();
      Map<String, List<Long>> versions = new TreeMap<>();
      for (String line : deliveries) {
        String[] f = line.split(" ");
        times.merge(f[1], 1, Integer::sum);
        if (f[2].equals("subscriber:" + InstanceChild.SUBSCRIBER)) {
          versions.computeIfAbsent(f[3], k -> new ArrayList<>()).add(Long.parseLong(f[4]));
        }
      }
      assertThat(times).as("messages delivered more than once")
          .allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
      assertThat(stores.get(0).outbox().claim("check", Instant.now().plus(Duration.ofDays(3650)),
          Duration.ofSeconds(1), 1000)).as("messages left").isEmpty();
      assertThat(stores.get(0).outbox().dead(null, 10).items()).as("dead letters").isEmpty();
      for (OrderId id : orders) {
        List<Long> v = versions.get("order/" + id.value());
        assertThat(v).as("event versions of %s", id).isNotNull();
        v.sort(null);
        assertThat(v).as("event versions of %s", id).containsExactly(1L, 2L, 3L);
      }
      int commandsRun = ORDERS * 2 + ORDERS + ORDERS * 3;
      System.out.printf("several instances: 3 JVMs, 4 stores, %d orders, %d commands"
          + " (acceptances won per JVM: %d, %d, %d), %d messages each delivered once by 3"
          + " relays, %d stale settlements refused by fencing%n", ORDERS, commandsRun, wins[0],
          wins[1], wins[2], times.size(), stale);
    } finally {
      children.forEach(Process::destroyForcibly);
      commands.shutdownNow();
      zhulis.forEach(Zhuli::close);
      stores.forEach(Storage::close);
    }
  }

  /** Places an order from two instances at once under one request key, then dispatches it. */
  private static OrderId placeAndDispatch(List<Zhuli> zhulis, World w, int n) throws Exception {
    NewOrder input = new NewOrder.Builder().village(w.village.id()).requester(w.cadre.id())
        .title("第" + n + "號需求").description("請派人指導葡萄修剪")
        .category(OrderCategory.INDUSTRY).urgency(Urgency.ROUTINE).requestKey("place-" + n)
        .build();
    Actor cadre = Actor.member(w.cadre.id());
    List<Order> placed = race(List.of(() -> zhulis.get(0).orders().place(cadre, input),
        () -> zhulis.get(1).orders().place(cadre, input)));
    assertThat(placed.get(1).id()).as("both placements of order %d", n)
        .isEqualTo(placed.get(0).id());
    OrderId id = placed.get(0).id();
    zhulis.get(n % 2).orders().dispatch(Actor.member(w.coordinator.id()), id, w.squadId, null);
    return id;
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

  private static void tell(Process child, String line) throws IOException {
    child.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
    child.getOutputStream().flush();
  }

  /** A child's standard output, read on a thread of its own. */
  private static final class Output {
    final List<String> lines = new CopyOnWriteArrayList<>();
    final BlockingQueue<String> accepts = new LinkedBlockingQueue<>();
    final CountDownLatch ready = new CountDownLatch(1);
    final Thread reader;

    Output(Process child) {
      reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
            child.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.equals("ready")) {
              ready.countDown();
            } else if (line.startsWith("accept ")) {
              accepts.add(line);
            }
            lines.add(line);
          }
        } catch (IOException e) {
          lines.add("read failed: " + e);
        }
      }, "child-output");
      reader.setDaemon(true);
      reader.start();
    }
  }

  /** The roster the orders need: a village with a cadre, a coordinator, a squad of three. */
  private static final class World {
    Village village;
    Member cadre;
    Member coordinator;
    SquadId squadId;
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
