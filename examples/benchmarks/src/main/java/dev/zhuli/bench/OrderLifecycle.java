package dev.zhuli.bench;

import dev.zhuli.core.OrderId;
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
 * Whole order lifecycles per second: place naming a squad (lands DISPATCHED), accept, resolve,
 * rate; four commands, each its own transaction. Run it on 1 and 2 threads ({@code -t}).
 *
 * @since 0.1.0
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class OrderLifecycle {

  /** The database Zhuli stores in. */
  @Param({"MEMORY", "H2"})
  public Database database;

  private Store store;
  private Village village;
  private final AtomicLong numbers = new AtomicLong();

  /** Opens Zhuli on a fresh database and builds the roster. */
  @Setup(Level.Trial)
  public void open() {
    store = Store.open(database);
    village = Village.build(store.zhuli(), 1, Village.VILLAGES);
  }

  /** Closes Zhuli and deletes the database. */
  @TearDown(Level.Trial)
  public void close() {
    store.close();
  }

  /**
   * The orders of the Zhuli under test, to check what a lifecycle left.
   *
   * @return the orders
   */
  public dev.zhuli.core.order.Orders orders() {
    return store.zhuli().orders();
  }

  /**
   * One lifecycle.
   *
   * @return the closed order
   */
  @Benchmark
  public OrderId lifecycle() {
    return village.lifecycle(0, numbers.incrementAndGet());
  }
}
