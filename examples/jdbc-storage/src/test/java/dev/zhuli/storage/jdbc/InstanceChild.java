package dev.zhuli.storage.jdbc;

import dev.zhuli.core.Actor;
import dev.zhuli.core.ConcurrentUpdateException;
import dev.zhuli.core.MemberId;
import dev.zhuli.core.OrderId;
import dev.zhuli.core.RuleViolationException;
import dev.zhuli.core.Zhuli;
import dev.zhuli.core.order.Acceptance;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One application instance in a JVM of its own, for {@link MultiInstanceTest}: its own store,
 * pool and Zhuli, whose relay runs on background threads and reports each delivery through a
 * {@link DeliveryLog}; a squad member who tries to accept every order; and mentorship commands
 * on the test's program. It reports on standard output and stops by itself.
 *
 * <p>Arguments: a file of settings (key=value lines), the relay's owner name, the member's id
 * and the folder of delivery markers. Standard input, a command a line: {@code accept <order
 * id>}; {@code mentor <seed> <count> <load>} (see {@link MentorshipLoad#line()}), run on two
 * threads at once; then {@code end}.
 */
final class InstanceChild {
  /** The threads a child runs mentorship commands on. */
  static final int MENTOR_THREADS = 2;

  private InstanceChild() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> settings = new HashMap<>();
    for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
      int eq = line.indexOf('=');
      settings.put(line.substring(0, eq), line.substring(eq + 1));
    }
    String owner = args[1];
    MemberId member = MemberId.of(args[2]);
    PrintStream out = System.out;
    // A child that is not done within 90 s halts, so a stuck child never outlives the test.
    java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
    Thread watchdog = new Thread(() -> {
      try {
        if (!finished.await(90, TimeUnit.SECONDS)) {
          Runtime.getRuntime().halt(2);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    DeliveryLog log = new DeliveryLog(Path.of(args[3]), owner, line -> say(out, line));
    ExecutorService mentors = Executors.newFixedThreadPool(MENTOR_THREADS);
    try (JdbcStorage store = JdbcStorage.open(settings);
         Zhuli zhuli = Zhuli.builder().storage(store).notifier(log.notifier())
             .subscriber(DeliveryLog.SUBSCRIBER, log.subscriber())
             .relaySettings(DeliveryLog.settings(owner)).maxAttempts(10).build()) {
      zhuli.relay().start();
      say(out, "ready");
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
          StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null && !line.equals("end");
          line = in.readLine()) {
        String[] words = line.split(" ");
        if (words[0].equals("accept")) {
          say(out, "accept " + words[1] + " " + accept(zhuli, member, words[1]));
        } else if (words[0].equals("mentor")) {
          long seed = Long.parseLong(words[1]);
          int count = Integer.parseInt(words[2]);
          MentorshipLoad load = MentorshipLoad.parse(words, 3);
          List<Future<Map<String, Integer>>> runs = new ArrayList<>();
          for (int t = 0; t < MENTOR_THREADS; t++) {
            long s = seed + t;
            runs.add(mentors.submit(() -> load.run(zhuli.mentorship(), s, count)));
          }
          Map<String, Integer> outcomes = new TreeMap<>();
          for (Future<Map<String, Integer>> f : runs) {
            f.get(60, TimeUnit.SECONDS).forEach((k, v) -> outcomes.merge(k, v, Integer::sum));
          }
          StringBuilder answer = new StringBuilder("mentor");
          outcomes.forEach((k, v) -> answer.append(' ').append(k).append('=').append(v));
          say(out, answer.toString());
        }
      }
    } finally {
      mentors.shutdownNow();
    }
    // Zhuli's close has stopped the relay and handed back anything it still held.
    say(out, "done");
    finished.countDown();
  }

  private static String accept(Zhuli zhuli, MemberId member, String order) {
    try {
      zhuli.orders().accept(Actor.member(member), OrderId.of(order),
          new Acceptance.Builder().lead(member).build());
      return "ok";
    } catch (RuleViolationException | ConcurrentUpdateException e) {
      return e.getClass().getSimpleName();
    }
  }

  private static void say(PrintStream out, String line) {
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }
}
