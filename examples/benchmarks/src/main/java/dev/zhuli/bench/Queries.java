package dev.zhuli.bench;

import dev.zhuli.core.HouseholdId;
import dev.zhuli.core.OrderId;
import dev.zhuli.core.PageRequest;
import dev.zhuli.core.ProgramId;
import dev.zhuli.core.ResultPage;
import dev.zhuli.core.Zhuli;
import dev.zhuli.core.mentorship.DisparityReport;
import dev.zhuli.core.mentorship.Execution;
import dev.zhuli.core.mentorship.Practice;
import dev.zhuli.core.mentorship.ProgramPolicy;
import dev.zhuli.core.order.InTimeFigures;
import dev.zhuli.core.order.Order;
import dev.zhuli.core.order.OrderStatistics;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Microseconds per query, on a store holding a county's worth of orders and a program's season.
 *
 * <p>Setup places {@value #ORDERS} orders round-robin over {@value #SQUADS} squads (and over
 * {@value Village#VILLAGES} villages) and takes each squad's orders, in turn, to DISPATCHED,
 * ACCEPTED, RESOLVED and CLOSED, a quarter each: every squad holds {@value #ORDERS} /
 * {@value #SQUADS} orders, half of them open. It also builds a program with one expert's tree
 * of {@value #HOUSEHOLDS} demonstration households with {@value #GROWERS} growers each, every
 * grower inspected once on each of the plan's three practices in the season and with one harvest
 * of the season.
 *
 * @since 0.1.0
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class Queries {
  /** Orders stored. */
  public static final int ORDERS = 2_000;

  /** Squads they are spread over. */
  public static final int SQUADS = 10;

  /** Demonstration households of the program's tree. */
  public static final int HOUSEHOLDS = 10;

  /** Growers of each demonstration household. */
  public static final int GROWERS = 15;

  /** The database Zhuli stores in. */
  @Param({"MEMORY", "H2"})
  public Database database;

  /** Orders to store in setup; fewer in the smoke test. */
  int orders = ORDERS;

  /** Growers of each demonstration household; fewer in the smoke test. */
  int growers = GROWERS;

  private Store store;
  private Village village;
  private Vineyard vineyard;
  private ProgramId program;
  private Instant from;
  private Instant to;

  /** Opens Zhuli on a fresh database and stores the orders and the season. */
  @Setup(Level.Trial)
  public void open() {
    Store.Fixture<World> fixture = Store.openFixture(database,
        "queries-" + orders + "-" + growers, this::build, World::describe, World::reopen);
    store = fixture.store();
    World world = fixture.world();
    village = world.village();
    vineyard = world.vineyard();
    program = world.program();
    from = world.from();
    to = world.to();
    store.analyze();
  }

  /**
   * What the queries read, and the period they ask about; the vineyard is null when the world
   * was reopened from a fixture's ids, which are all a query needs.
   */
  private record World(Village village, Vineyard vineyard, ProgramId program, Instant from,
      Instant to) {
    Properties describe() {
      Properties ids = village.describe();
      ids.setProperty("program", program.value());
      ids.setProperty("from", from.toString());
      ids.setProperty("to", to.toString());
      return ids;
    }

    static World reopen(Zhuli zhuli, Properties ids) {
      return new World(Village.reopen(zhuli, ids), null, ProgramId.of(ids.getProperty("program")),
          Instant.parse(ids.getProperty("from")), Instant.parse(ids.getProperty("to")));
    }
  }

  private World build(Zhuli zhuli) {
    Instant start = zhuli.clock().instant().minus(Duration.ofHours(1));
    Village roster = Village.build(zhuli, SQUADS, Village.VILLAGES);
    for (int n = 0; n < orders; n++) {
      int squad = n % SQUADS;
      OrderId id = roster.place(squad, n);
      int stage = n / SQUADS % 4;
      if (stage >= 1) {
        roster.accept(squad, id);
      }
      if (stage >= 2) {
        roster.resolve(squad, id);
      }
      if (stage >= 3) {
        roster.rate(n, id);
      }
    }
    Vineyard season = season(zhuli);
    return new World(roster, season, season.program(), start,
        zhuli.clock().instant().plus(Duration.ofHours(1)));
  }

  /** The program's season: growers assigned, inspected on every practice, and harvested. */
  private Vineyard season(Zhuli zhuli) {
    Vineyard vineyard = Vineyard.build(zhuli, HOUSEHOLDS, ProgramPolicy.defaults());
    Random random = new Random(2025);
    List<Practice> plan = vineyard.plan();
    LocalDate spring = LocalDate.of(2025, 3, 3);
    int g = 0;
    for (HouseholdId demo : vineyard.demos()) {
      for (HouseholdId grower : vineyard.register("種植", growers)) {
        vineyard.assign(grower, demo);
        double score = 0;
        for (int p = 0; p < plan.size(); p++) {
          Execution x = Execution.values()[random.nextInt(Execution.values().length)];
          score += x.score();
          vineyard.inspect(grower, demo, plan.get(p), spring.plusWeeks(2L * p + g % 2), x);
        }
        double compliance = score / plan.size();
        BigDecimal area = BigDecimal.valueOf(1 + random.nextInt(4)).add(new BigDecimal("0.5"));
        vineyard.harvest(grower, demo, area, 400 + 3000 * compliance + 150 * random.nextGaussian());
        g++;
      }
    }
    return vineyard;
  }

  /**
   * The vineyard, to check what setup stored.
   *
   * @return the vineyard; null where setup shared an H2 fixture ({@link Store#openFixture}),
   *     which keeps the world's ids only
   */
  Vineyard vineyard() {
    return vineyard;
  }

  /** Closes Zhuli and deletes the database. */
  @TearDown(Level.Trial)
  public void close() {
    store.close();
  }

  /**
   * The first page of 50 of squad 0's open orders (dispatched to it, accepted, in progress).
   *
   * @return the page
   */
  @Benchmark
  public ResultPage<Order> openOrdersPage() {
    return store.zhuli().orders().openWorkOf(village.squad(0), PageRequest.first(50));
  }

  /**
   * The program's disparity report of the season.
   *
   * @return the report
   */
  @Benchmark
  public DisparityReport disparityReport() {
    return store.zhuli().supervision().disparity(program, Vineyard.SEASON);
  }

  /**
   * Squad 0's service level: how many of its orders resolved in the period met their
   * resolution deadline (按時辦結率).
   *
   * @return the figures
   */
  @Benchmark
  public InTimeFigures serviceLevelStatistics() {
    return store.zhuli().orders().inTime(village.squad(0), from, to);
  }

  /**
   * Squad 0's order statistics of the period: counts by status, times to accept and resolve,
   * returns, reopenings and ratings.
   *
   * @return the figures
   */
  @Benchmark
  public OrderStatistics squadStatistics() {
    return store.zhuli().orders().statisticsOf(village.squad(0), from, to);
  }
}
