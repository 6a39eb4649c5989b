package dev.zhuli.spi.tck;

import static dev.zhuli.spi.tck.TckRule.shared_claimsAcrossHandlesAreExclusive;
import static dev.zhuli.spi.tck.TckRule.shared_commitsAreVisibleThroughEveryHandle;
import static dev.zhuli.spi.tck.TckRule.shared_racingUpdatesAcrossHandlesExactlyOneWins;
import static dev.zhuli.spi.tck.TckSupport.check;
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
 * The rules of {@link Capability#SHARED}: several handles on one store. Implement this interface
 * in the test class of a store that declares SHARED, next to extending {@link StorageTck}, and
 * open a second handle on the same store in {@link #openSecondHandle(Storage)}.
 *
 * <p>If the store does not declare SHARED, these rules are reported as skipped, with the reason.
 *
 * @since 0.1.0
 */
public interface SharedStorageRules {

  /**
   * The store under test; implemented by {@link TckSupport}.
   *
   * @return the store
   */
  Storage storageUnderTest();

  /**
   * Opens a second, independent handle (its own connections, as another process would) on the
   * same store as {@code first}. The suite closes it after the rule.
   *
   * @param first the store under test
   * @return a second handle on the same data
   */
  Storage openSecondHandle(Storage first);

  private Storage second() {
    Assumptions.assumeTrue(storageUnderTest().supports(Capability.SHARED),
        "the store does not declare SHARED");
    Storage second = openSecondHandle(storageUnderTest());
    check(shared_commitsAreVisibleThroughEveryHandle, second != null
        && second != storageUnderTest(), "openSecondHandle() to return another, non-null handle");
    ((TckSupport) this).remember(second);
    return second;
  }

  @Test
  default void shared_commitsAreVisibleThroughEveryHandle() {
    Storage second = second();
    write(storageUnderTest(), rec("tck_shared", "a", "from the first"), 0);
    same(shared_commitsAreVisibleThroughEveryHandle, "from the first",
        read(second, "tck_shared", "a").map(TckSupport::text).orElse("<absent>"),
        "the record read through the second handle");
    write(second, rec("tck_shared", "a", "from the second"), 1);
    same(shared_commitsAreVisibleThroughEveryHandle, "from the second",
        read(storageUnderTest(), "tck_shared", "a").map(TckSupport::text).orElse("<absent>"),
        "the record read back through the first handle");
  }

  @Test
  default void shared_racingUpdatesAcrossHandlesExactlyOneWins() throws Exception {
    StorageTck.race(storageUnderTest(), second(),
        shared_racingUpdatesAcrossHandlesExactlyOneWins);
  }

  @Test
  default void shared_claimsAcrossHandlesAreExclusive() {
    Storage second = second();
    storageUnderTest().transact(t -> {
      t.enqueue(StorageTck.dueNow("shared-m"));
      return null;
    });
    List<ClaimedMessage> mine = storageUnderTest().outbox().claim("tck-a", TckSupport.T0,
        Duration.ofSeconds(30), 10);
    same(shared_claimsAcrossHandlesAreExclusive, 1, mine.size(), "messages claimed by the first");
    same(shared_claimsAcrossHandlesAreExclusive, List.of(), second.outbox().claim("tck-b",
        TckSupport.T0.plusSeconds(1), Duration.ofSeconds(30), 10),
        "messages claimed through the second handle during the lease");
    check(shared_claimsAcrossHandlesAreExclusive,
        second.outbox().acknowledge("shared-m", mine.get(0).fencingToken()),
        "the second handle to honour the first handle's token");
    same(shared_claimsAcrossHandlesAreExclusive, List.of(), storageUnderTest().outbox()
        .claim("tck-a", TckSupport.T0.plusSeconds(3600), Duration.ofSeconds(30), 10),
        "messages claimable after the acknowledgement");
  }
}
