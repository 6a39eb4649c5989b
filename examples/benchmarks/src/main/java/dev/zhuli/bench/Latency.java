package dev.zhuli.bench;

import dev.zhuli.core.OrderId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Latency of each command of the lifecycle, one thread: runs lifecycles for a warm-up period, then
 * times every command for a measured period, and reports percentiles. Run in the runner's own
 * JVM, after the JMH forks.
 *
 * @since 0.1.0
 */
public final class Latency {
  /** The commands timed, in lifecycle order. */
  static final String[] COMMANDS = {"place", "accept", "resolve", "rate"};

  private Latency() {}

  /**
   * Times the commands.
   *
   * @param database the database
   * @param warmupMillis warm-up, in milliseconds
   * @param measureMillis measurement, in milliseconds
   * @return per command, its sorted latencies in nanoseconds
   */
  static Map<String, long[]> measure(Database database, long warmupMillis, long measureMillis) {
    try (Store store = Store.open(database)) {
      Village village = Village.build(store.zhuli(), 1, Village.VILLAGES);
      long n = 0;
      long end = System.nanoTime() + warmupMillis * 1_000_000;
      while (System.nanoTime() < end) {
        village.lifecycle(0, ++n);
      }
      long[][] times = new long[4][1 << 12];
      int count = 0;
      end = System.nanoTime() + measureMillis * 1_000_000;
      while (System.nanoTime() < end) {
        if (count == times[0].length) {
          for (int c = 0; c < 4; c++) {
            times[c] = Arrays.copyOf(times[c], count * 2);
          }
        }
        long t0 = System.nanoTime();
        long number = ++n;
        OrderId id = village.place(0, number);
        long t1 = System.nanoTime();
        village.accept(0, id);
        long t2 = System.nanoTime();
        village.resolve(0, id);
        long t3 = System.nanoTime();
        village.rate(number, id);
        long t4 = System.nanoTime();
        times[0][count] = t1 - t0;
        times[1][count] = t2 - t1;
        times[2][count] = t3 - t2;
        times[3][count] = t4 - t3;
        count++;
      }
      Map<String, long[]> result = new LinkedHashMap<>();
      for (int c = 0; c < 4; c++) {
        long[] sorted = Arrays.copyOf(times[c], count);
        Arrays.sort(sorted);
        result.put(COMMANDS[c], sorted);
      }
      return result;
    }
  }

  /**
   * A percentile of sorted values (nearest rank).
   *
   * @param sorted sorted values, at least one
   * @param p the percentile, 0 to 100
   * @return the value
   */
  static long percentile(long[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
