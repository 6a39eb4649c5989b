package dev.zhuli.bench;

import dev.zhuli.core.OrderId;
import dev.zhuli.core.relay.Relay;
import dev.zhuli.core.relay.RelaySettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The relay delivering to a notifier that only counts.
 *
 * <p>Deliveries per second ({@link #deliver()}): before each call, outside the measured time,
 * {@value #BATCH} orders are placed naming a squad, each committing one notification (to the
 * squad and the coordinator); the call runs {@link Relay#pollOnce} rounds (batches of
 * {@value #BATCH}) until the notifier has received all of them. The relay is not started.
 *
 * <p>Commit-to-delivery latency ({@link #latency}): the relay is started with one background
 * thread, batches of 10 and a poll every {@value #POLL_MILLIS} ms; one thread places orders back
 * to back, noting the time each {@code place} returns, and the notifier notes the time it
 * receives each order's notification (by the order id among its parameters).
 *
 * @since 0.1.0
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class RelayDelivery {
  /** Notifications committed before each measured call, and delivered by it. */
  public static final int BATCH = 100;

  /** How long the started relay's thread waits after a round that found less than a batch. */
  public static final int POLL_MILLIS = 10;

  /** The most orders {@link #latency} times. */
  static final int MAX_TIMED = 100_000;

  /** The database Zhuli stores in. */
  @Param({"MEMORY", "H2"})
  public Database database;

  /** Villages the orders are spread over; fewer in the smoke test. */
  int villages = Village.VILLAGES;

  /**
   * Orders placed before each call: {@value #BATCH}, as {@link OperationsPerInvocation} says;
   * fewer in the smoke test only.
   */
  int batch = BATCH;

  private Store store;
  private Village village;
  private final LongAdder delivered = new LongAdder();
  private final AtomicLong numbers = new AtomicLong();
  private long committed;

  /** Opens Zhuli on a fresh database with a counting notifier, and builds the roster. */
  @Setup(Level.Trial)
  public void open() {
    store = Store.open(database, b -> b.notifier(n -> delivered.increment())
        .relaySettings(new RelaySettings.Builder().batchSize(BATCH)
            .sweepInterval(Duration.ZERO).build()));
    village = Village.build(store.zhuli(), 1, villages);
  }

  /** Closes Zhuli and deletes the database. */
  @TearDown(Level.Trial)
  public void close() {
    store.close();
  }

  /** Places {@value #BATCH} orders, each committing one notification. */
  @Setup(Level.Invocation)
  public void commit() {
    for (int i = 0; i < batch; i++) {
      village.place(0, numbers.incrementAndGet());
    }
    committed += batch;
  }

  /**
   * Delivers what {@link #commit()} committed.
   *
   * @return how many notifications the notifier has received in all
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long deliver() {
    Relay relay = store.zhuli().relay();
    while (delivered.sum() < committed) {
      if (relay.pollOnce(store.zhuli().clock().instant()) == 0) {
        throw new IllegalStateException("nothing due, but only " + delivered.sum() + " of "
            + committed + " notifications delivered");
      }
    }
    return delivered.sum();
  }

  /**
   * How many notifications the notifier has received.
   *
   * @return the count
   */
  long delivered() {
    return delivered.sum();
  }

  /**
   * Commit-to-delivery latencies, and how many timed notifications never arrived.
   *
   * @param sorted the latencies in nanoseconds, sorted
   * @param missing timed notifications not delivered within the wait
   * @since 0.1.0
   */
  public record Lag(long[] sorted, int missing) {}

  /**
   * Times commit to delivery: places orders back to back on one thread for a warm-up period,
   * then for a measured period (at most {@value #MAX_TIMED} orders), then waits up to
   * {@code waitMillis} for their notifications.
   *
   * @param database the database
   * @param warmupMillis warm-up, in milliseconds
   * @param measureMillis measurement, in milliseconds
   * @param waitMillis the longest wait for the last deliveries, in milliseconds
   * @return the latencies
   */
  public static Lag latency(Database database, long warmupMillis, long measureMillis,
      long waitMillis) {
    Map<String, Long> arrived = new ConcurrentHashMap<>();
    try (Store store = Store.open(database, b -> b
        .notifier(n -> arrived.putIfAbsent(n.parameters().get("orderId"), System.nanoTime()))
        .relaySettings(new RelaySettings.Builder().threads(1).batchSize(10)
            .pollInterval(Duration.ofMillis(POLL_MILLIS)).sweepInterval(Duration.ZERO)
            .build()))) {
      Village village = Village.build(store.zhuli(), 1, Village.VILLAGES);
      store.zhuli().relay().start();
      long n = 0;
      long end = System.nanoTime() + warmupMillis * 1_000_000;
      while (System.nanoTime() < end) {
        village.place(0, ++n);
      }
      Map<String, Long> commits = new LinkedHashMap<>();
      end = System.nanoTime() + measureMillis * 1_000_000;
      while (System.nanoTime() < end && commits.size() < MAX_TIMED) {
        OrderId id = village.place(0, ++n);
        commits.put(id.value(), System.nanoTime());
      }
      long deadline = System.nanoTime() + waitMillis * 1_000_000;
      while (!arrived.keySet().containsAll(commits.keySet())
          && System.nanoTime() < deadline) {
        LockSupport.parkNanos(1_000_000);
      }
      long[] lags = new long[commits.size()];
      int count = 0;
      int missing = 0;
      for (Map.Entry<String, Long> e : commits.entrySet()) {
        Long at = arrived.get(e.getKey());
        if (at == null) {
          missing++;
        } else {
          // the relay may deliver between the commit and place's return: count that as no lag
          lags[count++] = Math.max(0, at - e.getValue());
        }
      }
      long[] sorted = Arrays.copyOf(lags, count);
      Arrays.sort(sorted);
      return new Lag(sorted, missing);
    }
  }
}
