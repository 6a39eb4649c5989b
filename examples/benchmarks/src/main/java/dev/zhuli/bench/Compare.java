package dev.zhuli.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the benchmarks and prints one comparison table with ratios and the targets.
 *
 * <pre>
 * java -jar examples/benchmarks/target/benchmarks.jar [--long] [--million]
 *     [--postgres URL [--pg-user USER] [--pg-password PASSWORD]] [--out FILE]
 * </pre>
 *
 * <p>By default about eight minutes, twelve with PostgreSQL: the lifecycle comparison with 3 × 3 s
 * of warm-up and of measurement, everything else with 1 s iterations; one fork each, lifecycles
 * on one thread,
 * growth with 10^3 and 10^4 stored orders. {@code --long} runs longer iterations,
 * lifecycles on one and two threads, and growth up to 10^5;
 * {@code --million} adds 10^6 stored orders in memory; {@code --postgres} adds PostgreSQL to
 * every comparison. Figures are medians of the measured iterations.
 *
 * @since 0.1.0
 */
public final class Compare {
  private final boolean longRun;
  private final boolean million;
  private final String pgUrl;
  private final List<String> forkArgs = new ArrayList<>();
  private final StringBuilder table = new StringBuilder();

  private Compare(boolean longRun, boolean million, String pgUrl) {
    this.longRun = longRun;
    this.million = million;
    this.pgUrl = pgUrl;
  }

  /**
   * Runs the comparison.
   *
   * @param args see the class description
   * @throws Exception if a benchmark fails
   */
  public static void main(String[] args) throws Exception {
    boolean longRun = false;
    boolean million = false;
    String pgUrl = null;
    String pgUser = null;
    String pgPassword = null;
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--long" -> longRun = true;
        case "--million" -> million = true;
        case "--postgres" -> pgUrl = args[++i];
        case "--pg-user" -> pgUser = args[++i];
        case "--pg-password" -> pgPassword = args[++i];
        case "--out" -> out = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + "; known are --long, --million, --postgres URL, --pg-user, --pg-password,"
            + " --out FILE");
      }
    }
    Compare compare = new Compare(longRun, million, pgUrl);
    // the forks share the databases they store before timing (see Store.openFixture)
    Path fixtures = Files.createTempDirectory("zhuli-bench-fixtures");
    compare.forkArgs.add("-D" + Store.FIXTURES + "=" + fixtures);
    if (pgUrl != null) {
      System.setProperty(Database.PG_URL, pgUrl);
      compare.forkArgs.add("-D" + Database.PG_URL + "=" + pgUrl);
      if (pgUser != null) {
        System.setProperty(Database.PG_USER, pgUser);
        compare.forkArgs.add("-D" + Database.PG_USER + "=" + pgUser);
      }
      if (pgPassword != null) {
        System.setProperty(Database.PG_PASSWORD, pgPassword);
        compare.forkArgs.add("-D" + Database.PG_PASSWORD + "=" + pgPassword);
      }
    }
    try {
      compare.run();
    } finally {
      try {
        Database.deleteTree(fixtures);
      } catch (UncheckedIOException e) {
        System.err.println("could not delete the fixtures in " + fixtures + ": " + e);
      }
    }
    System.out.println();
    System.out.print(compare.table);
    if (out != null) {
      Files.writeString(out, compare.table, StandardCharsets.UTF_8);
    }
  }

  private void run() throws RunnerException, IOException {
    long started = System.nanoTime();
    String load = Files.exists(Path.of("/proc/loadavg"))
        ? Files.readString(Path.of("/proc/loadavg")).trim() : "unknown";
    line("Zhuli benchmarks, " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + ", "
        + Runtime.getRuntime().availableProcessors() + " cores, Java "
        + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name")
        + "), " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
        + ", load average at start " + load + (longRun ? ", long run" : ", default run"));
    line("");

    List<Database> databases = new ArrayList<>(List.of(Database.MEMORY, Database.H2));
    if (pgUrl != null) {
      databases.add(Database.POSTGRESQL);
    }

    // ---- lifecycle throughput -------------------------------------------------------------
    int maxThreads = longRun ? 2 : 1;
    Map<String, Double> zhuli = new LinkedHashMap<>();
    Map<String, Double> floor = new LinkedHashMap<>();
    Map<String, Double> flowable = new LinkedHashMap<>();
    for (int threads = 1; threads <= maxThreads; threads++) {
      for (Database db : databases) {
        zhuli.put(db + "/" + threads, median(runOne("OrderLifecycle.lifecycle", db, threads,
            null, Weight.HEADLINE)));
        if (db != Database.MEMORY) {
          floor.put(db + "/" + threads, median(runOne("JdbcFloor.lifecycle", db, threads,
              null, Weight.HEADLINE)));
          flowable.put(db + "/" + threads, median(runOne("FlowableLifecycle.lifecycle", db,
              threads, null, Weight.HEADLINE)));
        }
      }
    }
    line("Order lifecycle: place naming a squad (DISPATCHED), accept, resolve, rate; four"
        + " commands, one transaction each. Flowable 7.2 runs the same lifecycle as a BPMN"
        + " process (start, then claim and complete accept, complete resolve, complete confirm)"
        + " on the same database, default history level. Lifecycles per second, median of"
        + " iterations.");
    line("");
    line("| database | threads | Zhuli lifecycles/s | Zhuli commands/s | raw-JDBC floor"
        + " lifecycles/s | Zhuli / floor | Flowable lifecycles/s | Zhuli / Flowable | target"
        + " | met |");
    line("|---|---:|---:|---:|---:|---:|---:|---:|---|---|");
    for (int threads = 1; threads <= maxThreads; threads++) {
      for (Database db : databases) {
        double z = zhuli.get(db + "/" + threads);
        Double f = floor.get(db + "/" + threads);
        Double b = flowable.get(db + "/" + threads);
        String target;
        String met;
        if (db == Database.MEMORY) {
          target = threads == 1 ? "≥ 100,000 commands/s" : "";
          met = threads == 1 ? yesNo(4 * z >= 100_000) : "";
        } else if (db == Database.H2) {
          target = "≥ 0.5 × floor; ≥ 40 × Flowable";
          met = yesNo(z / f >= 0.5) + "; " + yesNo(z / b >= 40);
        } else {
          target = "≥ 0.8 × floor";
          met = yesNo(z / f >= 0.8);
        }
        line("| " + name(db) + " | " + threads + " | " + fmt(z) + " | " + fmt(4 * z) + " | "
            + (f == null ? "—" : fmt(f)) + " | " + (f == null ? "—" : ratio(z / f)) + " | "
            + (b == null ? "—" : fmt(b)) + " | " + (b == null ? "—" : ratio(z / b)) + " | "
            + target + " | " + met + " |");
      }
    }
    line("");

    // ---- growth ---------------------------------------------------------------------------
    line("Growth: microseconds per lifecycle (four commands) and per first page of 50 of a"
        + " squad's open work, with N orders stored beforehand; median of iterations.");
    line("");
    line("| database | operation | " + String.join(" | ", sizeHeads()) + " | largest /"
        + " smallest | target | met |");
    line("|---|---|" + "---:|".repeat(sizeHeads().size()) + "---:|---|---|");
    for (Database db : List.of(Database.MEMORY, Database.H2)) {
      List<Integer> sizes = sizes(db);
      for (String op : List.of("lifecycle", "openWorkPage")) {
        List<String> cells = new ArrayList<>();
        double first = 0;
        double largest = 0;
        int largestSize = 0;
        for (int size : sizes(Database.MEMORY)) {
          if (!sizes.contains(size)) {
            cells.add("—");
            continue;
          }
          double us = median(runOne("Growth." + op, db, 1, String.valueOf(size), Weight.GROWTH));
          cells.add(fmt1(us));
          if (first == 0) {
            first = us;
          }
          largest = us;
          largestSize = size;
        }
        double r = largest / first;
        boolean targeted = sizes.contains(100_000);
        line("| " + name(db) + " | " + op + " | " + String.join(" | ", cells) + " | "
            + ratio(r) + " (10^" + (int) Math.log10(largestSize) + " / 10^3) | "
            + (targeted ? "≤ 1.5 for 10^5 / 10^3" : "") + " | "
            + (targeted ? yesNo(r <= 1.5) : "not judged: 10^5 runs with --long") + " |");
      }
    }
    line("");

    // ---- latency --------------------------------------------------------------------------
    line("Latency per command, one thread, in the runner's JVM: p50 / p99 in microseconds.");
    line("");
    line("| database | lifecycles timed | place | accept | resolve | rate |");
    line("|---|---:|---:|---:|---:|---:|");
    long warm = longRun ? 20_000 : 2_000;
    long measure = longRun ? 30_000 : 5_000;
    for (Database db : databases) {
      Map<String, long[]> times = Latency.measure(db, warm, measure);
      StringBuilder row = new StringBuilder("| " + name(db) + " | "
          + times.get("place").length + " |");
      for (String c : Latency.COMMANDS) {
        long[] t = times.get(c);
        row.append(' ').append(fmt1(Latency.percentile(t, 50) / 1000.0)).append(" / ")
            .append(fmt1(Latency.percentile(t, 99) / 1000.0)).append(" |");
      }
      line(row.toString());
    }
    line("");

    mentorship(databases);
    queries(databases);
    relay(databases);

    // ---- heap -----------------------------------------------------------------------------
    int heapOrders = longRun ? 100_000 : 20_000;
    double placed = RetainedHeap.bytesPerOrder(heapOrders, false);
    double closed = RetainedHeap.bytesPerOrder(heapOrders, true);
    line("Retained heap per stored order, in-memory store, " + fmt(heapOrders)
        + " orders, heap in use after full GCs (target ≤ 2,048 bytes):");
    line("");
    line("| orders stored as | bytes per order | met |");
    line("|---|---:|---|");
    line("| placed (DISPATCHED, timeline of 2) | " + fmt(placed) + " | "
        + yesNo(placed <= 2048) + " |");
    line("| closed (whole lifecycle, timeline of 5, rating) | " + fmt(closed) + " | "
        + yesNo(closed <= 2048) + " |");
    line("");
    line("Not measured by this runner yet: the service-level and inspection sweeps.");
    long seconds = (System.nanoTime() - started) / 1_000_000_000L;
    line("");
    line("The run took " + seconds / 60 + " min " + seconds % 60 + " s.");
  }

  private List<String> sizeHeads() {
    List<String> heads = new ArrayList<>();
    for (int size : sizes(Database.MEMORY)) {
      heads.add("10^" + (int) Math.log10(size));
    }
    return heads;
  }

  private List<Integer> sizes(Database db) {
    List<Integer> sizes = new ArrayList<>(List.of(1_000, 10_000));
    if (longRun) {
      sizes.add(100_000);
    }
    if (db == Database.MEMORY && million) {
      sizes.add(1_000_000);
    }
    return sizes;
  }

  /** Mentorship commands per second: assigning a grower, recording an inspection. */
  private void mentorship(List<Database> databases) throws RunnerException {
    Map<Database, double[]> rates = new LinkedHashMap<>();
    for (Database db : databases) {
      rates.put(db, new double[] {
          median(runOne("MentorshipCommands.assign", db, 1, null, Weight.OTHER)),
          median(runOne("MentorshipCommands.inspect", db, 1, null, Weight.OTHER))});
    }
    line("Mentorship commands per second, one thread, median of iterations: assign a grower to a"
        + " demonstration household with room (every limit check; " + MentorshipCommands.HOUSEHOLDS
        + " households of one tree, each brought up to " + MentorshipCommands.KEPT
        + " growers, having given back its oldest beforehand, unmeasured), and record an"
        + " inspection; one command, one transaction each.");
    line("");
    line("| database | assign grower /s | record inspection /s |");
    line("|---|---:|---:|");
    rates.forEach((db, r) -> line("| " + name(db) + " | " + fmt(r[0]) + " | " + fmt(r[1])
        + " |"));
    line("");
  }

  /** Microseconds per query: a squad's open orders, a disparity report, a squad's figures. */
  private void queries(List<Database> databases) throws RunnerException {
    String[] queries = {"openOrdersPage", "disparityReport", "serviceLevelStatistics",
        "squadStatistics"};
    Map<Database, double[]> times = new LinkedHashMap<>();
    for (Database db : databases) {
      double[] t = new double[queries.length];
      for (int q = 0; q < queries.length; q++) {
        t[q] = median(runOne("Queries." + queries[q], db, 1, null, Weight.OTHER));
      }
      times.put(db, t);
    }
    line("Queries, one thread: microseconds per query, median of iterations (lower is better)."
        + " Stored (then, on PostgreSQL, the tables analysed, as autovacuum would within a"
        + " minute): " + fmt(Queries.ORDERS) + " orders over " + Queries.SQUADS + " squads, a"
        + " quarter each DISPATCHED, ACCEPTED, RESOLVED and CLOSED; a season of "
        + Queries.HOUSEHOLDS + " demonstration households × " + Queries.GROWERS + " growers,"
        + " each grower inspected on 3 practices and harvested once. Open orders: first page of"
        + " 50 of one squad's " + fmt(Queries.ORDERS / Queries.SQUADS / 2) + "; service level:"
        + " the squad's in-time figures (Orders.inTime); squad statistics: Orders.statisticsOf"
        + " for the squad.");
    line("");
    line("| database | open orders, page of 50 µs | disparity report µs |"
        + " service level (in time) µs | squad statistics µs |");
    line("|---|---:|---:|---:|---:|");
    times.forEach((db, t) -> line("| " + name(db) + " | " + fmt1(t[0]) + " | " + fmt1(t[1])
        + " | " + fmt1(t[2]) + " | " + fmt1(t[3]) + " |"));
    line("");
  }

  /** Relay: deliveries per second, and commit-to-delivery latency with the relay started. */
  private void relay(List<Database> databases) throws RunnerException {
    long warm = longRun ? 5_000 : 1_000;
    long measure = longRun ? 20_000 : 3_000;
    List<String> rows = new ArrayList<>();
    for (Database db : databases) {
      double perSecond = median(runOne("RelayDelivery.deliver", db, 1, null, Weight.OTHER));
      System.err.println("timing commit to delivery on " + name(db));
      RelayDelivery.Lag lag = RelayDelivery.latency(db, warm, measure, 30_000);
      long[] t = lag.sorted();
      rows.add("| " + name(db) + " | " + fmt(perSecond) + " | " + t.length + " | "
          + (t.length == 0 ? "—" : fmt1(Latency.percentile(t, 50) / 1e6) + " / "
              + fmt1(Latency.percentile(t, 99) / 1e6)) + " | " + lag.missing() + " |");
    }
    line("Relay, to a notifier that only counts. Deliveries per second: " + RelayDelivery.BATCH
        + " orders placed (one notification each, unmeasured), then pollOnce rounds in batches"
        + " of " + RelayDelivery.BATCH + " until all are delivered; median of iterations."
        + " Commit to delivery: relay started (one thread, batches of 10, poll every "
        + RelayDelivery.POLL_MILLIS + " ms), orders placed back to back on one thread, from"
        + " place's return to the notifier's call; p50 / p99 in milliseconds.");
    line("");
    line("| database | deliveries/s | notifications timed | commit to delivery p50 / p99 ms |"
        + " not delivered within 30 s |");
    line("|---|---:|---:|---:|---:|");
    rows.forEach(this::line);
    line("");
  }

  /** How long a benchmark runs: the lifecycle comparison longest, growth shortest. */
  private enum Weight {
    HEADLINE, GROWTH, OTHER
  }

  private Collection<RunResult> runOne(String benchmark, Database db, int threads, String stored,
      Weight weight) throws RunnerException {
    int warmups;
    int warmupSeconds;
    int iterations;
    int seconds;
    switch (weight) {
      case HEADLINE -> {
        warmups = longRun ? 5 : 3;
        warmupSeconds = longRun ? 5 : 3;
        iterations = longRun ? 5 : 3;
        seconds = longRun ? 5 : 3;
      }
      case GROWTH -> {
        warmups = longRun ? 2 : 1;
        warmupSeconds = longRun ? 3 : 1;
        iterations = longRun ? 5 : 3;
        seconds = longRun ? 3 : 1;
      }
      default -> {
        warmups = longRun ? 3 : 1;
        warmupSeconds = longRun ? 3 : 1;
        iterations = longRun ? 5 : 3;
        seconds = longRun ? 3 : 1;
      }
    }
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include("dev\\.zhuli\\.bench\\." + benchmark.replace(".", "\\.") + "$")
        .param("database", db.name())
        .threads(threads)
        .forks(1)
        .warmupIterations(warmups)
        .warmupTime(TimeValue.seconds(warmupSeconds))
        .measurementIterations(iterations)
        .measurementTime(TimeValue.seconds(seconds))
        .verbosity(VerboseMode.SILENT)
        .jvmArgsAppend(forkArgs.toArray(String[]::new));
    if (stored != null) {
      options.param("stored", stored);
    }
    System.err.println("running " + benchmark + " on " + name(db) + ", " + threads + " thread(s)"
        + (stored != null ? ", " + stored + " stored" : ""));
    Collection<RunResult> results = new Runner(options.build()).run();
    if (results.isEmpty()) {
      throw new IllegalStateException("benchmark " + benchmark + " did not run");
    }
    return results;
  }

  /** The median of the measured iterations' scores, over all forks. */
  private static double median(Collection<RunResult> results) {
    List<Double> scores = new ArrayList<>();
    for (RunResult r : results) {
      for (BenchmarkResult b : r.getBenchmarkResults()) {
        for (IterationResult i : b.getIterationResults()) {
          scores.add(i.getPrimaryResult().getScore());
        }
      }
    }
    double[] s = scores.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (s.length == 0) {
      throw new IllegalStateException("no iterations measured");
    }
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private void line(String text) {
    table.append(text).append('\n');
  }

  private static String name(Database db) {
    return switch (db) {
      case MEMORY -> "in memory";
      case H2 -> "H2 file";
      case POSTGRESQL -> "PostgreSQL";
    };
  }

  private static String yesNo(boolean met) {
    return met ? "yes" : "**no**";
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%,.0f", v);
  }

  private static String fmt1(double v) {
    return String.format(Locale.ROOT, "%,.1f", v);
  }

  private static String ratio(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

}
