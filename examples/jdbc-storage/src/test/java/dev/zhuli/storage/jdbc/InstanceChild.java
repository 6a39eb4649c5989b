package dev.zhuli.storage.jdbc;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zhuli.core.Actor;
import dev.zhuli.core.ConcurrentUpdateException;
import dev.zhuli.core.MemberId;
import dev.zhuli.core.OrderId;
import dev.zhuli.core.RuleViolationException;
import dev.zhuli.core.Zhuli;
import dev.zhuli.core.order.Acceptance;
import dev.zhuli.spi.storage.ClaimedMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One application instance in a JVM of its own, for {@link MultiInstanceTest}: its own store,
 * pool and Zhuli; a squad member who tries to accept every order; and a {@link StandInRelay}.
 * It reports each acceptance and each delivery on standard output and stops by itself.
 *
 * <p>Arguments: a file of settings (key=value lines), the relay's owner name and the member's
 * id. Standard input names the orders to accept, {@code accept <order id>} a line, then
 * {@code end}.
 */
final class InstanceChild {
  static final String SUBSCRIBER = "audit";
  private static final ObjectMapper JSON = new ObjectMapper();

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
    Thread watchdog = new Thread(() -> {
      try {
        Thread.sleep(TimeUnit.SECONDS.toMillis(150));
        Runtime.getRuntime().halt(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    try (JdbcStorage store = JdbcStorage.open(settings);
         Zhuli zhuli = Zhuli.builder().storage(store).subscriber(SUBSCRIBER, e -> { }).build()) {
      out.println("ready");
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
          StandardCharsets.UTF_8));
      AtomicBoolean commandsRunning = new AtomicBoolean(true);
      StandInRelay relay = new StandInRelay(owner, store, c -> report(out, c));
      Thread relayThread = new Thread(() -> relay.drain(commandsRunning::get), owner);
      relayThread.start();
      // The test names each order when every instance is to try it, so that they race.
      for (String line = in.readLine(); line != null && !line.equals("end");
          line = in.readLine()) {
        String order = line.substring("accept ".length());
        String outcome;
        try {
          zhuli.orders().accept(Actor.member(member), OrderId.of(order),
              new Acceptance.Builder().lead(member).build());
          outcome = "ok";
        } catch (RuleViolationException | ConcurrentUpdateException e) {
          outcome = e.getClass().getSimpleName();
        }
        synchronized (out) {
          out.println("accept " + order + " " + outcome);
          out.flush();
        }
      }
      commandsRunning.set(false);
      relayThread.join(TimeUnit.SECONDS.toMillis(100));
      synchronized (out) {
        out.println("stale " + relay.staleRefused());
        out.println("done");
        out.flush();
      }
    }
  }

  /** One delivery: message id, destination, aggregate key, and the event's version (or 0). */
  static String delivery(ClaimedMessage c) {
    long version = 0;
    if (c.message().destination().equals("subscriber:" + SUBSCRIBER)) {
      try {
        version = JSON.readTree(c.message().payload()).get("version").asLong();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return "delivered " + c.message().id() + " " + c.message().destination() + " "
        + c.message().aggregateKey() + " " + version;
  }

  private static void report(PrintStream out, ClaimedMessage c) {
    String line = delivery(c);
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }
}
