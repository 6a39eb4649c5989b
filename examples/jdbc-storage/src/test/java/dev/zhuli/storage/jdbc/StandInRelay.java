package dev.zhuli.storage.jdbc;

import dev.zhuli.spi.storage.ClaimedMessage;
import dev.zhuli.spi.storage.Storage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A stand-in for the core's relay ({@code dev.zhuli.core.relay}, not there yet): claims,
 * delivers and acknowledges through {@link Storage#outbox()} under one owner name. Every seventh
 * round it stalls instead, on a claim whose lease ends at once, and then tries to give the
 * messages back; when another relay has taken them over meanwhile, the fencing token must refuse
 * it. Swap this class for the core's relay when it lands.
 */
final class StandInRelay {
  private static final Duration LEASE = Duration.ofSeconds(60);
  private final String owner;
  private final Storage store;
  private final Consumer<ClaimedMessage> deliver;
  private int staleRefused;

  StandInRelay(String owner, Storage store, Consumer<ClaimedMessage> deliver) {
    this.owner = owner;
    this.store = store;
    this.deliver = deliver;
  }

  /** How many late settlements the fencing token refused. */
  int staleRefused() {
    return staleRefused;
  }

  /**
   * Delivers until commands are done and three claims in a row found nothing.
   *
   * @param commandsRunning whether commands may still enqueue messages
   */
  void drain(BooleanSupplier commandsRunning) {
    int idle = 0;
    int round = 0;
    while (idle < 3) {
      boolean running = commandsRunning.getAsBoolean();
      // Every message is due: the relays' clock runs ahead of the commands' clock.
      Instant now = Instant.now().plus(Duration.ofDays(3650));
      if (++round % 7 == 0) {
        for (ClaimedMessage c : store.outbox().claim(owner, now, Duration.ofNanos(1), 3)) {
          if (!store.outbox().reschedule(c.message().id(), c.fencingToken(), now, "stalled")) {
            staleRefused++;
          }
        }
        continue;
      }
      List<ClaimedMessage> claimed = store.outbox().claim(owner, now, LEASE, 20);
      for (ClaimedMessage c : claimed) {
        deliver.accept(c);
        if (!store.outbox().acknowledge(c.message().id(), c.fencingToken())) {
          throw new AssertionError(owner + " could not acknowledge " + c.message().id()
              + " under its live lease");
        }
      }
      idle = claimed.isEmpty() && !running ? idle + 1 : 0;
      if (claimed.isEmpty()) {
        Thread.onSpinWait();
      }
    }
  }
}
