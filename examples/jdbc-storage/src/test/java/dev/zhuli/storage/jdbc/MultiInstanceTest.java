package dev.zhuli.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zhuli.core.Actor;
import dev.zhuli.core.ConcurrentUpdateException;
import dev.zhuli.core.HouseholdId;
import dev.zhuli.core.OrderId;
import dev.zhuli.core.RuleViolationException;
import dev.zhuli.core.SquadId;
import dev.zhuli.core.TreeId;
import dev.zhuli.core.Zhuli;
import dev.zhuli.core.mentorship.DemoHousehold;
import dev.zhuli.core.mentorship.Mentorship;
import dev.zhuli.core.mentorship.MentorshipTree;
import dev.zhuli.core.mentorship.NewHousehold;
import dev.zhuli.core.mentorship.NewProgram;
import dev.zhuli.core.mentorship.Practice;
import dev.zhuli.core.mentorship.Program;
import dev.zhuli.core.mentorship.ProgramPolicy;
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
import dev.zhuli.core.relay.Relay;
import dev.zhuli.spi.storage.Storage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * Several application instances on one PostgreSQL database, in three JVMs: this one with two
 * instances and two children ({@link InstanceChild}) with one each, every instance with its own
 * JdbcStorage, pool and Zhuli, and its Zhuli's relay running on background threads from start to
 * end. Each relay delivers to a notifier and an event subscriber that report every delivery
 * through a {@link DeliveryLog}, which also catches two deliveries of one message running at the
 * same time, in one JVM or in two.
 *
 * <p>Orders are placed twice each, from two instances under one request key, and dispatched.
 * Then all four instances run random mentorship commands at once on one program whose policy
 * allows three demonstration households of four growers each: appointments to its one tree,
 * assignments, moves and unassignments of growers. Then, order by order, one squad member in each
 * JVM tries to accept it at the same moment. At the end the relays stop and this JVM's first
 * instance delivers what is left.
 *
 * <p>Afterwards: every order was placed once and accepted once, by one of the three; the tree
 * holds at most three households, each at most four growers, every grower is listed by at most
 * one household, and the household its record names is the one that lists it; every aggregate's
 * events carry strictly increasing versions, an order's 1, 2, 3; every outbox message was
 * delivered exactly once, never by two relays at the same time, and none is left or dead.
 */
@ExtendWith(PostgresExtension.class)
class MultiInstanceTest {
  private static final int ORDERS = 30;
  /** Mentorship commands per thread; four threads in the children, two here. */
  private static final int MENTOR_COMMANDS = 40;
  private static final int MAX_HOUSEHOLDS = 3;
  private static final int MAX_GROWERS = 4;
  private static final long WAIT_SECONDS = 60;
  private static PostgresServer server;

  @TempDir
  Path folder;

  @BeforeAll
  static void server(PostgresServer pg) {
    server = pg;
  }

  @Test
  @Timeout(120)
  void instancesInThreeJvmsKeepEveryInvariantAndRelaysDeliverEachMessageOnce()
      throws Exception {
    Map<String, String> settings = server.settings(server.newSchema("instances"), "migrate",
        "true", "poolSize", "4");
    Path inflight = Files.createDirectory(folder.resolve("inflight"));
    List<String> deliveries = new CopyOnWriteArrayList<>();
    List<JdbcStorage> stores = new ArrayList<>();
    List<Zhuli> zhulis = new ArrayList<>();
    List<Process> children = new ArrayList<>();
    ExecutorService commands = Executors.newFixedThreadPool(4);
    try {
      for (int i = 0; i < 2; i++) {
        JdbcStorage store = JdbcStorage.open(settings);
        stores.add(store);
        String owner = "relay-here-" + i;
        DeliveryLog log = new DeliveryLog(inflight, owner, deliveries::add);
        Zhuli zhuli = Zhuli.builder().storage(store).notifier(log.notifier())
            .subscriber(DeliveryLog.SUBSCRIBER, log.subscriber())
            .relaySettings(DeliveryLog.settings(owner)).maxAttempts(10).build();
        zhulis.add(zhuli);
        zhuli.relay().start();
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
            InstanceChild.class.getName(), settingsFile.toString(), "relay-child-" + c,
            w.squad.get(c).id().value(), inflight.toString())
            .redirectError(folder.resolve("child-" + c + ".err").toFile()).start();
        children.add(child);
        outputs.add(new Output(child));
      }
      for (Output o : outputs) {
        assertThat(o.ready.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("child ready").isTrue();
      }

      // Mentorship commands from all four instances at once: two threads in each child, one
      // on each instance here.
      for (int c = 0; c < children.size(); c++) {
        tell(children.get(c), "mentor " + (100 + 10 * c) + " " + MENTOR_COMMANDS + " "
            + w.load.line());
      }
      List<Future<Map<String, Integer>>> mentoring = new ArrayList<>();
      for (int i = 0; i < zhulis.size(); i++) {
        Zhuli zhuli = zhulis.get(i);
        long seed = 200 + i;
        mentoring.add(commands.submit(() ->
            w.load.run(zhuli.mentorship(), seed, MENTOR_COMMANDS)));
      }
      Map<String, Integer> mentorOutcomes = new TreeMap<>();
      for (Future<Map<String, Integer>> f : mentoring) {
        f.get(WAIT_SECONDS, TimeUnit.SECONDS).forEach((k, v) ->
            mentorOutcomes.merge(k, v, Integer::sum));
      }
      for (Output o : outputs) {
        String answer = o.answers.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(answer).as("a child's mentorship outcomes").startsWith("mentor");
        for (String word : answer.substring("mentor".length()).trim().split(" ")) {
          int eq = word.indexOf('=');
          mentorOutcomes.merge(word.substring(0, eq), Integer.parseInt(word.substring(eq + 1)),
              Integer::sum);
        }
      }
      int mentorCommands = MENTOR_COMMANDS * (zhulis.size()
          + children.size() * InstanceChild.MENTOR_THREADS);
      assertThat(mentorOutcomes.values().stream().mapToInt(Integer::intValue).sum())
          .as("mentorship outcomes %s", mentorOutcomes).isEqualTo(mentorCommands);
      assertThat(mentorOutcomes.getOrDefault("ok", 0)).as("mentorship outcomes %s",
          mentorOutcomes).isPositive();

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
          String answer = o.answers.poll(WAIT_SECONDS, TimeUnit.SECONDS);
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

      // The mentorship limits hold, and growers' records agree with their households' lists.
      String staffing = checkMentorship(zhulis.get(0).mentorship(), w.load);

      // The relays here stop; the first instance delivers what is left, then stops too.
      zhulis.get(1).close();
      Relay last = zhulis.get(0).relay();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
      for (int idle = 0; idle < 3 && System.nanoTime() < deadline; ) {
        idle = last.pollOnce(Instant.now()) == 0 ? idle + 1 : 0;
      }
      zhulis.get(0).close();
      for (Output o : outputs) {
        for (String line : o.lines) {
          if (line.startsWith("delivered ") || line.startsWith("overlap ")) {
            deliveries.add(line);
          }
        }
      }

      // Never two deliveries of one message at the same time; each message delivered once; the
      // outbox is empty; every aggregate's events carry strictly increasing versions.
      List<String> overlaps = deliveries.stream().filter(l -> l.startsWith("overlap ")).toList();
      assertThat(overlaps).as("deliveries of one message at the same time").isEmpty();
      Map<String, Integer> times = new TreeMap<>();
      Map<String, Integer> byRelay = new TreeMap<>();
      Map<String, List<Long>> versions = new TreeMap<>();
      for (String line : deliveries) {
        String[] f = line.split(" ");
        times.merge(f[1], 1, Integer::sum);
        byRelay.merge(f[2], 1, Integer::sum);
        if (f[3].equals("subscriber:" + DeliveryLog.SUBSCRIBER)) {
          versions.computeIfAbsent(f[4], k -> new ArrayList<>()).add(Long.parseLong(f[5]));
        }
      }
      assertThat(times).as("messages delivered more than once")
          .allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
      assertThat(stores.get(0).outbox().claim("check", Instant.now().plus(Duration.ofDays(3650)),
          Duration.ofSeconds(1), 1000)).as("messages left").isEmpty();
      assertThat(stores.get(0).outbox().dead(null, 10).items()).as("dead letters").isEmpty();
      versions.forEach((aggregate, v) -> {
        v.sort(null);
        for (int i = 1; i < v.size(); i++) {
          assertThat(v.get(i)).as("event versions of %s: %s", aggregate, v)
              .isGreaterThan(v.get(i - 1));
        }
      });
      for (OrderId id : orders) {
        assertThat(versions.get("order/" + id.value())).as("event versions of %s", id)
            .containsExactly(1L, 2L, 3L);
      }
      // Which relay wins a claim is up to timing; only that they did share the work is checked.
      assertThat(byRelay).as("deliveries by relay").hasSizeGreaterThanOrEqualTo(2);
      int orderCommands = ORDERS * 2 + ORDERS + ORDERS * 3;
      System.out.printf("several instances: 3 JVMs, 4 instances with their own pools and"
          + " relays; %d order commands (acceptances won per JVM: %d, %d, %d); %d mentorship"
          + " commands %s, ending with %s; %d messages (%d aggregates' events) each delivered"
          + " once, by relay %s; 0 at the same time, none left, none dead%n", orderCommands,
          wins[0], wins[1], wins[2], mentorCommands, mentorOutcomes, staffing, times.size(),
          versions.size(), byRelay);
    } finally {
      children.forEach(Process::destroyForcibly);
      commands.shutdownNow();
      zhulis.forEach(Zhuli::close);
      stores.forEach(Storage::close);
    }
  }

  /**
   * Checks the program's limits and that each grower's record agrees with the households' lists;
   * returns the staffing, households and growers, as a short text.
   */
  private static String checkMentorship(Mentorship m, MentorshipLoad load) {
    List<MentorshipTree> trees = m.trees(load.program());
    assertThat(trees).extracting(MentorshipTree::id).containsExactly(load.tree());
    List<DemoHousehold> demos = trees.get(0).households();
    assertThat(demos).as("demonstration households").hasSizeLessThanOrEqualTo(MAX_HOUSEHOLDS);
    assertThat(demos).extracting(DemoHousehold::household).doesNotHaveDuplicates()
        .allSatisfy(h -> assertThat(load.candidates()).contains(h));
    Map<HouseholdId, HouseholdId> listedBy = new TreeMap<>(
        Comparator.comparing(HouseholdId::value));
    for (DemoHousehold d : demos) {
      assertThat(d.growers()).as("growers of %s", d.household())
          .hasSizeLessThanOrEqualTo(MAX_GROWERS).doesNotHaveDuplicates();
      for (HouseholdId g : d.growers()) {
        HouseholdId before = listedBy.put(g, d.household());
        assertThat(before).as("another household listing grower %s", g).isNull();
      }
    }
    for (HouseholdId g : load.growers()) {
      assertThat(m.mentorOf(load.program(), g)).as("the household of grower %s", g)
          .isEqualTo(Optional.ofNullable(listedBy.get(g)));
    }
    assertThat(listedBy.keySet()).allSatisfy(g -> assertThat(load.growers()).contains(g));
    return demos.size() + " households with " + demos.stream().map(d ->
        String.valueOf(d.growerCount())).toList() + " growers";
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
    final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    final CountDownLatch ready = new CountDownLatch(1);
    final Thread reader;

    Output(Process child) {
      reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
            child.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.equals("ready")) {
              ready.countDown();
            } else if (line.startsWith("accept ") || line.startsWith("mentor")) {
              answers.add(line);
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

  /**
   * The roster the orders need (a village with a cadre, a coordinator, a squad of three) and the
   * mentorship program the instances race on.
   */
  private static final class World {
    Village village;
    Member cadre;
    Member coordinator;
    SquadId squadId;
    final List<Member> squad = new ArrayList<>();
    MentorshipLoad load;
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
    // A grape program owned by the first secretary, one expert's tree, five households that
    // may become demonstration households and twelve that may become growers.
    Member secretary = roster.addMember(setup, new NewMember.Builder().group(group.id())
        .name("高書記").background(Background.FIRST_SECRETARY).build());
    Member expert = roster.addMember(setup, new NewMember.Builder().group(group.id())
        .name("田教授").background(Background.EXPERT).build());
    Mentorship m = zhuli.mentorship();
    Actor owner = Actor.member(secretary.id());
    Program program = m.createProgram(Actor.member(w.coordinator.id()), new NewProgram.Builder()
        .name("南溝葡萄示範園").village(w.village.id()).crop("陽光玫瑰葡萄").season("2026")
        .addPlan(Practice.of("疏花疏果", 18, 20)).yieldTarget(new BigDecimal("2250"))
        .owner(secretary.id()).policy(ProgramPolicy.of(MAX_HOUSEHOLDS, 1, MAX_GROWERS))
        .build());
    TreeId tree = m.addExpert(owner, program.id(), expert.id(), null).id();
    List<HouseholdId> candidates = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      candidates.add(m.registerHousehold(owner, program.id(),
          new NewHousehold.Builder().head("示範" + i + "號戶").build()).id());
    }
    List<HouseholdId> growers = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      growers.add(m.registerHousehold(owner, program.id(),
          new NewHousehold.Builder().head("種植" + i + "號戶").build()).id());
    }
    w.load = new MentorshipLoad(program.id(), tree, secretary.id(), candidates, growers);
    return w;
  }
}
