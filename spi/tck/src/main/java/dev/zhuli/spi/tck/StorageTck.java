package dev.zhuli.spi.tck;

import static dev.zhuli.spi.tck.TckRule.required_capabilities_declaredCapabilitiesAreTested;
import static dev.zhuli.spi.tck.TckRule.required_concurrency_racingClaimsNeverShareAMessage;
import static dev.zhuli.spi.tck.TckRule.required_concurrency_racingUpdatesExactlyOneWins;
import static dev.zhuli.spi.tck.TckRule.required_model_randomHistoriesMatchTheReferenceModel;
import static org.quicktheories.QuickTheory.qt;

import dev.zhuli.spi.storage.Capability;
import dev.zhuli.spi.storage.ClaimedMessage;
import dev.zhuli.spi.storage.ConflictException;
import dev.zhuli.spi.storage.OutboxMessage;
import dev.zhuli.spi.storage.StoredRecord;
import dev.zhuli.spi.storage.Storage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.stateful.Sequential;

/**
 * The storage conformance suite. A plugin author extends it and returns a new, empty store from
 * {@link #newStorage()}:
 *
 * <pre>{@code
 * class MyStorageTckTest extends StorageTck {
 *   @Override
 *   protected Storage newStorage() {
 *     return MyStorage.open(freshDatabase());
 *   }
 * }
 * }</pre>
 *
 * <p>A store that declares {@link Capability#SHARED} must also implement
 * {@link SharedStorageRules} in its test class, and one that declares {@link Capability#DURABLE}
 * {@link DurableStorageRules}; the rule {@code required_capabilities_declaredCapabilitiesAreTested}
 * fails otherwise. Every rule is listed in {@link TckRule} with what to check when it fails.
 *
 * <p>The suite needs {@code junit-jupiter-api} 5.10 or later and QuickTheories on the test class
 * path, and the integrator's own JUnit engine to run it. Stores are opened per rule and closed
 * after it.
 *
 * @since 0.1.0
 */
public abstract class StorageTck extends OutboxRules {
  /** How long a concurrency rule may run before it counts as hung. */
  private static final long RACE_TIMEOUT_SECONDS = 60;

  /** For subclasses. */
  protected StorageTck() {}

  @Test
  void required_capabilities_declaredCapabilitiesAreTested() {
    Set<Capability> declared = storageUnderTest().capabilities();
    if (declared.contains(Capability.SHARED)) {
      check(required_capabilities_declaredCapabilitiesAreTested,
          this instanceof SharedStorageRules, "the store declares SHARED, so "
              + getClass().getName() + " to implement SharedStorageRules");
    }
    if (declared.contains(Capability.DURABLE)) {
      check(required_capabilities_declaredCapabilitiesAreTested,
          this instanceof DurableStorageRules, "the store declares DURABLE, so "
              + getClass().getName() + " to implement DurableStorageRules");
    }
  }

  @Test
  void required_concurrency_racingUpdatesExactlyOneWins() throws Exception {
    race(storageUnderTest(), storageUnderTest(), required_concurrency_racingUpdatesExactlyOneWins);
  }

  @Test
  void required_concurrency_racingClaimsNeverShareAMessage() throws Exception {
    int count = 300;
    inTx(t -> {
      for (int i = 0; i < count; i++) {
        t.enqueue(message(String.format("race-%03d", i), T0));
      }
    });
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<String>>> claimers = new ArrayList<>();
      for (String owner : List.of("tck-a", "tck-b")) {
        claimers.add(pool.submit(() -> {
          start.await();
          List<String> mine = new ArrayList<>();
          while (true) {
            List<ClaimedMessage> batch = storageUnderTest().outbox().claim(owner, at(1),
                Duration.ofMinutes(5), 7);
            if (batch.isEmpty()) {
              return mine;
            }
            for (ClaimedMessage c : batch) {
              mine.add(c.message().id());
            }
          }
        }));
      }
      start.countDown();
      List<String> all = new ArrayList<>();
      for (Future<List<String>> f : claimers) {
        all.addAll(bounded(f));
      }
      same(required_concurrency_racingClaimsNeverShareAMessage, count, new HashSet<>(all).size(),
          "distinct messages claimed by two racing claimers");
      same(required_concurrency_racingClaimsNeverShareAMessage, count, all.size(),
          "messages claimed in all (a message claimed twice counts twice)");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void required_model_randomHistoriesMatchTheReferenceModel() {
    qt().withExamples(examples()).withShrinkCycles(200)
        .forAll(ReferenceModel.histories())
        .checkAssert(history -> {
          Storage store = openStore();
          try {
            Sequential.modelCheck(new ReferenceModel.State(), history,
                m -> new ReferenceModel.Sut(store), ReferenceModel::project);
          } catch (AssertionError e) {
            throw new AssertionError(message(
                required_model_randomHistoriesMatchTheReferenceModel,
                "the store differs from the reference model: " + e.getMessage()), e);
          } finally {
            forget(store);
            store.close();
          }
        });
  }

  /**
   * Two threads, each with its own store handle, write the same record from the same version, a
   * number of rounds; in each round exactly one must win.
   *
   * @param first the first thread's handle
   * @param second the second thread's handle
   * @param rule the rule checked
   * @throws Exception if a thread fails unexpectedly
   */
  static void race(Storage first, Storage second, TckRule rule) throws Exception {
    String kind = "tck_race";
    write(first, rec(kind, "contested", "start"), 0);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 1; round <= 50; round++) {
        long expected = round;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> writers = new ArrayList<>();
        for (Storage handle : List.of(first, second)) {
          String body = (handle == first ? "first" : "second") + " in round " + round;
          Callable<Boolean> writer = () -> {
            start.await();
            try {
              handle.transact(t -> {
                StoredRecord current = t.get(kind, "contested").orElseThrow();
                t.put(rec(kind, "contested", body + " over " + text(current)), expected);
                return null;
              });
              return true;
            } catch (ConflictException e) {
              return false;
            }
          };
          writers.add(pool.submit(writer));
        }
        start.countDown();
        int wins = 0;
        for (Future<Boolean> f : writers) {
          wins += bounded(f) ? 1 : 0;
        }
        same(rule, 1, wins, "winners of round " + round);
        StoredRecord after = read(first, kind, "contested").orElseThrow();
        same(rule, expected + 1, after.version(), "version after round " + round);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static <T> T bounded(Future<T> f) throws Exception {
    try {
      return f.get(RACE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new AssertionError("a racing thread did not finish within " + RACE_TIMEOUT_SECONDS
          + " s: a lock is never released, or a transaction waits for itself", e);
    }
  }

  /**
   * A small message for the notifier, due at the given time; for rules in implementing
   * interfaces.
   *
   * @param id the message id
   * @return the message, due at {@link #T0}
   */
  static OutboxMessage dueNow(String id) {
    return message(id, T0);
  }
}
