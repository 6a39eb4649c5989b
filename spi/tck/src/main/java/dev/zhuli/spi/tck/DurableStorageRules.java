package dev.zhuli.spi.tck;

import static dev.zhuli.spi.tck.TckRule.durable_reopenedStoreKeepsRecordsAndOutbox;
import static dev.zhuli.spi.tck.TckSupport.read;
import static dev.zhuli.spi.tck.TckSupport.rec;
import static dev.zhuli.spi.tck.TckSupport.same;
import static dev.zhuli.spi.tck.TckSupport.write;

import dev.zhuli.spi.storage.Capability;
import dev.zhuli.spi.storage.ClaimedMessage;
import dev.zhuli.spi.storage.Storage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The rules of {@link Capability#DURABLE}: what was committed survives closing and reopening.
 * Implement this interface in the test class of a store that declares DURABLE, next to extending
 * {@link StorageTck}, and reopen the same data in {@link #reopen(Storage)}.
 *
 * <p>If the store does not declare DURABLE, these rules are reported as skipped, with the reason.
 *
 * @since 0.1.0
 */
public interface DurableStorageRules {

  /**
   * The store under test; implemented by {@link TckSupport}.
   *
   * @return the store
   */
  Storage storageUnderTest();

  /**
   * Opens the data of a store that the suite has just closed, as a restarted process would.
   *
   * @param closed the closed store
   * @return a new handle on the same data; the suite closes it after the rule
   */
  Storage reopen(Storage closed);

  @Test
  default void durable_reopenedStoreKeepsRecordsAndOutbox() {
    Assumptions.assumeTrue(storageUnderTest().supports(Capability.DURABLE),
        "the store does not declare DURABLE");
    Storage first = storageUnderTest();
    write(first, rec("tck_durable", "a", "kept"), 0);
    first.transact(t -> {
      t.enqueue(StorageTck.dueNow("durable-live"));
      t.enqueue(StorageTck.dueNow("durable-dead"));
      return null;
    });
    List<ClaimedMessage> claimed = first.outbox().claim("tck", TckSupport.T0,
        Duration.ofSeconds(30), 10);
    for (ClaimedMessage c : claimed) {
      if (c.message().id().equals("durable-dead")) {
        first.outbox().bury(c.message().id(), c.fencingToken(), "gave up");
      }
    }
    first.close();
    Storage again = reopen(first);
    ((TckSupport) this).remember(again);
    same(durable_reopenedStoreKeepsRecordsAndOutbox, "kept",
        read(again, "tck_durable", "a").map(TckSupport::text).orElse("<absent>"),
        "the record after reopening");
    List<ClaimedMessage> live = again.outbox().claim("tck", TckSupport.T0.plusSeconds(60),
        Duration.ofSeconds(30), 10);
    same(durable_reopenedStoreKeepsRecordsAndOutbox, List.of("durable-live"),
        live.stream().map(c -> c.message().id()).collect(java.util.stream.Collectors.toList()),
        "live messages after reopening");
    same(durable_reopenedStoreKeepsRecordsAndOutbox, 2, live.get(0).attempts(),
        "attempts of the live message after reopening");
    same(durable_reopenedStoreKeepsRecordsAndOutbox, 1,
        again.outbox().dead(null, 10).items().size(), "dead letters after reopening");
  }
}
