package dev.zhuli.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.zhuli.spi.storage.Storage;
import dev.zhuli.spi.tck.StorageTck;
import dev.zhuli.spi.tck.TckRule;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * The conformance suite tests itself: run against deliberately broken stores, it must fail, and on
 * the rule each store breaks; run misconfigured, it must fail everywhere and pass nowhere.
 *
 * <p>The suites under test are nested classes, which the build's test scan skips; they run only
 * here, through the JUnit Platform test kit.
 */
class TckSelfTest {

  @Test
  void aStoreIgnoringVersionsFailsTheVersionRules() {
    Map<String, String> failures = failures(IgnoresVersions.class);
    assertThat(failures).containsKeys(
        TckRule.required_versions_createTwiceIsRejected.name(),
        TckRule.required_versions_staleUpdateIsRejected.name(),
        TckRule.required_versions_staleDeleteIsRejected.name(),
        TckRule.required_concurrency_racingUpdatesExactlyOneWins.name(),
        TckRule.required_model_randomHistoriesMatchTheReferenceModel.name());
    assertThat(failures.get(TckRule.required_versions_staleUpdateIsRejected.name()))
        .startsWith("[required_versions_staleUpdateIsRejected]")
        .contains("expected ConflictException but nothing was thrown")
        .contains("If this fails, check:");
    assertThat(failures).doesNotContainKeys(
        TckRule.required_find_orderIsCodePointOrderThenId.name(),
        TckRule.required_outbox_committedMessageIsClaimable.name());
  }

  @Test
  void aStoreDroppingOutboxMessagesFailsTheOutboxRules() {
    Map<String, String> failures = failures(DropsOutboxMessages.class);
    assertThat(failures).containsKeys(
        TckRule.required_outbox_committedMessageIsClaimable.name(),
        TckRule.required_outbox_duplicateMessageIdIsRejected.name(),
        TckRule.required_concurrency_racingClaimsNeverShareAMessage.name());
    assertThat(failures.get(TckRule.required_outbox_committedMessageIsClaimable.name()))
        .startsWith("[required_outbox_committedMessageIsClaimable] messages claimed: expected <1>"
            + " but was <0>");
    assertThat(failures).doesNotContainKeys(
        TckRule.required_versions_staleUpdateIsRejected.name(),
        TckRule.required_find_orderIsCodePointOrderThenId.name());
  }

  @Test
  void aStoreFindingInInsertionOrderFailsTheOrderRules() {
    Map<String, String> failures = failures(FindsInInsertionOrder.class);
    assertThat(failures).containsKeys(
        TckRule.required_find_orderIsCodePointOrderThenId.name(),
        TckRule.required_find_pagingIsStableWhileOthersChange.name(),
        TckRule.required_find_multiValuedRecordAppearsOnce.name());
    assertThat(failures.get(TckRule.required_find_orderIsCodePointOrderThenId.name()))
        .startsWith("[required_find_orderIsCodePointOrderThenId] ids in (value, id) order");
    assertThat(failures).doesNotContainKeys(
        TckRule.required_versions_staleUpdateIsRejected.name(),
        TckRule.required_outbox_committedMessageIsClaimable.name());
  }

  @Test
  void aStoreCommittingOnFailureFailsTheAtomicityRule() {
    Map<String, String> failures = failures(CommitsOnFailure.class);
    assertThat(failures).containsKey(TckRule.required_atomicity_throwingWorkKeepsNothing.name());
    assertThat(failures.get(TckRule.required_atomicity_throwingWorkKeepsNothing.name()))
        .startsWith("[required_atomicity_throwingWorkKeepsNothing]");
    assertThat(failures).doesNotContainKeys(
        TckRule.required_versions_staleUpdateIsRejected.name(),
        TckRule.required_find_orderIsCodePointOrderThenId.name());
  }

  @Test
  void aStoreAcceptingStaleTokensFailsTheFencingRules() {
    Map<String, String> failures = failures(AcceptsStaleTokens.class);
    // The model rule meets this fault too, but only in about one history in ten; the fixed
    // rule meets it every time.
    assertThat(failures).containsKey(TckRule.required_outbox_staleTokenChangesNothing.name());
    assertThat(failures.get(TckRule.required_outbox_staleTokenChangesNothing.name()))
        .startsWith("[required_outbox_staleTokenChangesNothing] expected acknowledge with the"
            + " first, stale token to return false");
    assertThat(failures).doesNotContainKeys(
        TckRule.required_versions_staleUpdateIsRejected.name(),
        TckRule.required_outbox_committedMessageIsClaimable.name());
  }

  @Test
  void aStorePurgingLiveMessagesFailsThePurgeRule() {
    Map<String, String> failures = failures(PurgesLiveMessages.class);
    assertThat(failures).containsKey(TckRule.required_outbox_purgeRemovesOnlyDeadLetters.name());
    assertThat(failures.get(TckRule.required_outbox_purgeRemovesOnlyDeadLetters.name()))
        .startsWith("[required_outbox_purgeRemovesOnlyDeadLetters] expected purge of a live"
            + " message under an open claim to return false");
    assertThat(failures).doesNotContainKeys(
        TckRule.required_outbox_buriedMessageIsADeadLetter.name(),
        TckRule.required_outbox_reviveMakesADeadLetterDueAgain.name(),
        TckRule.required_outbox_committedMessageIsClaimable.name());
  }

  @Test
  void aFactoryReturningNullFailsEveryRuleAndPassesNone() {
    Events tests = run(ReturnsNull.class);
    assertThat(tests.succeeded().count()).isZero();
    assertThat(tests.failed().count()).isEqualTo(tests.started().count()).isPositive();
    assertThat(failures(ReturnsNull.class).values())
        .allSatisfy(m -> assertThat(m).contains("TCK misconfigured: newStorage() returned null"));
  }

  @Test
  void aFactoryThatThrowsFailsEveryRuleAndPassesNone() {
    Events tests = run(Throws.class);
    assertThat(tests.succeeded().count()).isZero();
    assertThat(tests.failed().count()).isEqualTo(tests.started().count()).isPositive();
    assertThat(failures(Throws.class).values())
        .allSatisfy(m -> assertThat(m).contains("TCK misconfigured: newStorage() threw")
            .contains("no database here"));
  }

  @Test
  void theInMemoryStorePassesEveryRuleRunThroughTheTestKit() {
    Events tests = run(Correct.class);
    assertThat(failures(Correct.class)).isEmpty();
    assertThat(tests.skipped().count()).isZero();
    assertThat(tests.succeeded().count()).isEqualTo(
        List.of(TckRule.values()).stream().filter(r -> r.name().startsWith("required_")).count());
  }

  private static Events run(Class<?> suite) {
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(suite))
        .execute()
        .testEvents();
  }

  /** Failed rules of a suite, by test method name, with their messages. */
  private static Map<String, String> failures(Class<?> suite) {
    return run(suite).failed().stream()
        .collect(Collectors.toMap(TckSelfTest::methodName, TckSelfTest::failureMessage,
            (a, b) -> a, TreeMap::new));
  }

  private static String methodName(Event event) {
    return event.getTestDescriptor().getSource()
        .filter(MethodSource.class::isInstance)
        .map(s -> ((MethodSource) s).getMethodName())
        .orElse(event.getTestDescriptor().getDisplayName());
  }

  private static String failureMessage(Event event) {
    return event.getRequiredPayload(TestExecutionResult.class).getThrowable()
        .map(t -> String.valueOf(t.getMessage())).orElse("");
  }

  /** A suite over a store made by a supplier. */
  abstract static class Suite extends StorageTck {
    private final Supplier<Storage> factory;

    Suite(Supplier<Storage> factory) {
      this.factory = factory;
    }

    @Override
    protected Storage newStorage() {
      return factory.get();
    }

    @Override
    protected int examples() {
      return 100;
    }
  }

  static class IgnoresVersions extends Suite {
    IgnoresVersions() {
      super(BrokenStores::ignoringVersions);
    }
  }

  static class DropsOutboxMessages extends Suite {
    DropsOutboxMessages() {
      super(BrokenStores::droppingOutboxMessages);
    }
  }

  static class FindsInInsertionOrder extends Suite {
    FindsInInsertionOrder() {
      super(BrokenStores::findingInInsertionOrder);
    }
  }

  static class CommitsOnFailure extends Suite {
    CommitsOnFailure() {
      super(BrokenStores::committingOnFailure);
    }
  }

  static class AcceptsStaleTokens extends Suite {
    AcceptsStaleTokens() {
      super(BrokenStores::acceptingStaleTokens);
    }
  }

  static class PurgesLiveMessages extends Suite {
    PurgesLiveMessages() {
      super(BrokenStores::purgingLiveMessages);
    }
  }

  static class ReturnsNull extends Suite {
    ReturnsNull() {
      super(() -> null);
    }
  }

  static class Throws extends Suite {
    Throws() {
      super(() -> {
        throw new IllegalStateException("no database here");
      });
    }
  }

  static class Correct extends Suite {
    Correct() {
      super(InMemoryStorage::create);
    }
  }
}
