package dev.zhuli.bench;

import dev.zhuli.core.HouseholdId;
import dev.zhuli.core.mentorship.DemoHousehold;
import dev.zhuli.core.mentorship.Execution;
import dev.zhuli.core.mentorship.Inspection;
import dev.zhuli.core.mentorship.Practice;
import dev.zhuli.core.mentorship.ProgramPolicy;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
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
 * Mentorship commands per second, one thread: assigning a grower to a demonstration household
 * (one command, with every limit check) and recording an inspection (監督).
 *
 * <p>Setup builds a program with one expert's tree of {@value #HOUSEHOLDS} demonstration
 * households (policy: 10 to 20 growers each), registers a pool of {@value #POOL} growers, and
 * assigns one less than {@value #KEPT} growers to each household. Assigning goes
 * round-robin over the households; before each call, outside the measured time, the household
 * about to receive a grower gives back its oldest one if it already holds {@value #KEPT}
 * (the head unassigns it, and it goes to the back of the pool). So every measured assignment
 * brings a household up to {@value #KEPT} growers from one less: room left, no staffing
 * notice, and the households keep their size however long it runs. What does grow is the
 * outbox (the relay is not started) and each grower's history, by two entries each time the
 * pool comes round, once per {@value #POOL} assignments.
 *
 * <p>Inspecting goes round-robin over the growers assigned in setup and the practices of the
 * plan, dated today.
 *
 * @since 0.1.0
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class MentorshipCommands {
  /** Demonstration households of the tree. */
  public static final int HOUSEHOLDS = 10;

  /** Growers a household holds after each measured assignment. */
  public static final int KEPT = 15;

  /** Growers registered in setup. */
  public static final int POOL = 2_000;

  /** The database Zhuli stores in. */
  @Param({"MEMORY", "H2"})
  public Database database;

  /** Growers to register in setup; fewer in the smoke test. */
  int poolSize = POOL;

  private Store store;
  private Vineyard vineyard;
  private List<HouseholdId> demos;
  private final ArrayDeque<HouseholdId> pool = new ArrayDeque<>();
  private final List<ArrayDeque<HouseholdId>> growersOf = new ArrayList<>();
  private final List<HouseholdId[]> inspected = new ArrayList<>();
  private int nextHousehold;
  private long inspections;
  private LocalDate today;

  /** Opens Zhuli on a fresh database, builds the program and assigns the first growers. */
  @Setup(Level.Trial)
  public void open() {
    store = Store.open(database);
    vineyard = Vineyard.build(store.zhuli(), HOUSEHOLDS, ProgramPolicy.of(HOUSEHOLDS, 10, 20));
    demos = vineyard.demos();
    pool.addAll(vineyard.register("種植", poolSize));
    for (HouseholdId demo : demos) {
      ArrayDeque<HouseholdId> growers = new ArrayDeque<>();
      for (int i = 0; i < KEPT - 1; i++) {
        HouseholdId grower = pool.pollFirst();
        vineyard.assign(grower, demo);
        growers.addLast(grower);
        inspected.add(new HouseholdId[] {grower, demo});
      }
      growersOf.add(growers);
    }
    today = LocalDate.now(store.zhuli().clock());
  }

  /** Closes Zhuli and deletes the database. */
  @TearDown(Level.Trial)
  public void close() {
    store.close();
  }

  /**
   * Chooses the next assignment, and makes room for it if its household is at {@value #KEPT}.
   *
   * @param next where the choice goes
   */
  synchronized void prepare(Next next) {
    int h = nextHousehold++ % HOUSEHOLDS;
    ArrayDeque<HouseholdId> growers = growersOf.get(h);
    if (growers.size() >= KEPT) {
      HouseholdId oldest = growers.pollFirst();
      vineyard.unassign(oldest, demos.get(h));
      pool.addLast(oldest);
    }
    next.household = h;
    next.grower = pool.pollFirst();
  }

  private synchronized void assigned(Next next) {
    growersOf.get(next.household).addLast(next.grower);
  }

  /**
   * The next assignment, chosen (and room made for it) before each call, outside the measured
   * time.
   */
  @State(Scope.Thread)
  public static class Next {
    int household;
    HouseholdId grower;

    /**
     * Chooses it.
     *
     * @param bench the benchmark's state
     */
    @Setup(Level.Invocation)
    public void choose(MentorshipCommands bench) {
      bench.prepare(this);
    }
  }

  /**
   * Assigns the next grower of the pool to the next household: one command.
   *
   * @param next the assignment, chosen before the call
   * @return the demonstration household
   */
  @Benchmark
  public DemoHousehold assign(Next next) {
    DemoHousehold d = vineyard.assign(next.grower, demos.get(next.household));
    assigned(next);
    return d;
  }

  /**
   * Records an inspection of the next grower assigned in setup, on the next practice of the plan:
   * one command.
   *
   * @return the inspection
   */
  @Benchmark
  public Inspection inspect() {
    long n;
    synchronized (this) {
      n = inspections++;
    }
    HouseholdId[] pair = inspected.get((int) (n % inspected.size()));
    List<Practice> plan = vineyard.plan();
    Practice practice = plan.get((int) (n / inspected.size() % plan.size()));
    Execution execution = Execution.values()[(int) (n % Execution.values().length)];
    return vineyard.inspect(pair[0], pair[1], practice, today, execution);
  }

  /**
   * The vineyard, to check what the commands left.
   *
   * @return the vineyard
   */
  Vineyard vineyard() {
    return vineyard;
  }

  /**
   * The store, to read what the commands left.
   *
   * @return the store
   */
  Store store() {
    return store;
  }
}
