package dev.zhuli.bench;

import dev.zhuli.core.OrderId;
import dev.zhuli.core.PageRequest;
import dev.zhuli.core.ResultPage;
import dev.zhuli.core.Zhuli;
import dev.zhuli.core.order.Order;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * What a command and a page query cost as the store grows: {@code stored} open orders are placed
 * first, spread over {@value #FILLER_SQUADS} squads and over villages
 * ({@value Village#ORDERS_PER_VILLAGE} per village, so that each size measures the growth of the
 * whole store, not of one village's history), then one lifecycle (four commands) on
 * another squad, and the first page of 50 of one filler squad's open work, are timed.
 *
 * @since 0.1.0
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx8g")
public class Growth {
  /** Squads that hold the stored orders. */
  public static final int FILLER_SQUADS = 20;

  /** The database Zhuli stores in. */
  @Param({"MEMORY", "H2"})
  public Database database;

  /** How many orders are stored before timing. */
  @Param({"1000", "10000", "100000"})
  public int stored;

  private Store store;
  private Village village;
  private final AtomicLong numbers = new AtomicLong();

  /** Opens Zhuli on a fresh database and stores the orders. */
  @Setup(Level.Trial)
  public void open() {
    Store.Fixture<Village> fixture = Store.openFixture(database, "growth-" + stored,
        zhuli -> fill(zhuli, stored), Village::describe, Village::reopen);
    store = fixture.store();
    village = fixture.world();
    numbers.set(stored);
  }

  /** The roster, and {@code stored} orders placed on the filler squads. */
  private static Village fill(Zhuli zhuli, int stored) {
    Village village = Village.build(zhuli, 1 + FILLER_SQUADS,
        // the same open orders per village at every size: a placement compares the new order
        // with its village's open orders, and that number is a county's habit, not its size
        Math.max(1, stored / Village.ORDERS_PER_VILLAGE));
    for (int i = 0; i < stored; i++) {
      village.place(1 + i % FILLER_SQUADS, i + 1);
    }
    return village;
  }

  /**
   * The store, to check what setup stored.
   *
   * @return the store
   */
  Store store() {
    return store;
  }

  /**
   * The roster the orders were placed in.
   *
   * @return the roster
   */
  Village village() {
    return village;
  }

  /** Closes Zhuli and deletes the database. */
  @TearDown(Level.Trial)
  public void close() {
    store.close();
  }

  /**
   * One lifecycle; a command costs a quarter of it.
   *
   * @return the closed order
   */
  @Benchmark
  public OrderId lifecycle() {
    return village.lifecycle(0, numbers.incrementAndGet());
  }

  /**
   * The first page of 50 of a squad's open work.
   *
   * @return the page
   */
  @Benchmark
  public ResultPage<Order> openWorkPage() {
    return store.zhuli().orders().openWorkOf(village.squad(1), PageRequest.first(50));
  }
}
