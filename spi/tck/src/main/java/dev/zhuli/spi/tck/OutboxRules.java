package dev.zhuli.spi.tck;

import static dev.zhuli.spi.tck.TckRule.required_outbox_acknowledgeRemovesTheMessage;
import static dev.zhuli.spi.tck.TckRule.required_outbox_attemptsAreCounted;
import static dev.zhuli.spi.tck.TckRule.required_outbox_buriedMessageIsADeadLetter;
import static dev.zhuli.spi.tck.TckRule.required_outbox_claimHonoursMax;
import static dev.zhuli.spi.tck.TckRule.required_outbox_claimIsSettledOnce;
import static dev.zhuli.spi.tck.TckRule.required_outbox_committedMessageIsClaimable;
import static dev.zhuli.spi.tck.TckRule.required_outbox_deadLettersArePagedById;
import static dev.zhuli.spi.tck.TckRule.required_outbox_duplicateMessageIdIsRejected;
import static dev.zhuli.spi.tck.TckRule.required_outbox_expiredLeaseIsClaimedAgainWithGreaterToken;
import static dev.zhuli.spi.tck.TckRule.required_outbox_invalidArgumentsAreRefused;
import static dev.zhuli.spi.tck.TckRule.required_outbox_leasedMessageIsNotClaimedAgain;
import static dev.zhuli.spi.tck.TckRule.required_outbox_messageIsNotClaimedBeforeItIsDue;
import static dev.zhuli.spi.tck.TckRule.required_outbox_purgeRemovesOnlyDeadLetters;
import static dev.zhuli.spi.tck.TckRule.required_outbox_reviveMakesADeadLetterDueAgain;
import static dev.zhuli.spi.tck.TckRule.required_outbox_rescheduleDelaysAndKeepsTheError;
import static dev.zhuli.spi.tck.TckRule.required_outbox_staleTokenChangesNothing;

import dev.zhuli.spi.storage.ClaimedMessage;
import dev.zhuli.spi.storage.DeadLetter;
import dev.zhuli.spi.storage.Limits;
import dev.zhuli.spi.storage.Outbox;
import dev.zhuli.spi.storage.OutboxMessage;
import dev.zhuli.spi.storage.Page;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Rules about the outbox: commit with the records, claims under leases with fencing tokens,
 * acknowledge, reschedule, bury, dead letters, revival and purging. Part of {@link StorageTck}; extend that.
 *
 * @since 0.1.0
 */
public abstract class OutboxRules extends FindRules {
  /** The lease the rules claim with. */
  protected static final Duration LEASE = Duration.ofSeconds(30);

  /** For subclasses. */
  protected OutboxRules() {}

  private Outbox outbox() {
    return storageUnderTest().outbox();
  }

  private List<ClaimedMessage> claim(Instant now) {
    return outbox().claim("tck-a", now, LEASE, Limits.MAX_PAGE_SIZE);
  }

  private static List<String> claimedIds(List<ClaimedMessage> claimed) {
    return claimed.stream().map(c -> c.message().id()).sorted().collect(Collectors.toList());
  }

  private void enqueue(OutboxMessage... messages) {
    inTx(t -> {
      for (OutboxMessage m : messages) {
        t.enqueue(m);
      }
    });
  }

  @Test
  void required_outbox_committedMessageIsClaimable() {
    byte[] payload = "{\"order\":\"北順村\",\"v\":3}".getBytes(StandardCharsets.UTF_8);
    OutboxMessage m = OutboxMessage.of("m1", "subscriber.audit", "order.placed", payload,
        at(10), "order/01J0000000");
    inTx(t -> {
      t.put(rec("tck_outbox", "o1", "order"), 0);
      t.enqueue(m);
    });
    same(required_outbox_committedMessageIsClaimable, List.of(), claim(at(9)),
        "messages claimed a second before the due time");
    List<ClaimedMessage> claimed = claim(at(10));
    same(required_outbox_committedMessageIsClaimable, 1, claimed.size(), "messages claimed");
    ClaimedMessage c = claimed.get(0);
    same(required_outbox_committedMessageIsClaimable, m, c.message(), "the claimed message");
    same(required_outbox_committedMessageIsClaimable, 1, c.attempts(), "attempts of a first claim");
    same(required_outbox_committedMessageIsClaimable, at(10).plus(LEASE), c.leaseExpiresAt(),
        "lease end (now + lease)");
    same(required_outbox_committedMessageIsClaimable, Optional.empty(), c.lastError(),
        "last error of a first claim");
  }

  @Test
  void required_outbox_messageIsNotClaimedBeforeItIsDue() {
    enqueue(message("early", at(0)), message("late", at(100)));
    List<ClaimedMessage> early = claim(at(50));
    same(required_outbox_messageIsNotClaimedBeforeItIsDue, List.of("early"), claimedIds(early),
        "messages claimed at t=50");
    outbox().acknowledge("early", early.get(0).fencingToken());
    same(required_outbox_messageIsNotClaimedBeforeItIsDue, List.of(),
        claimedIds(claim(at(99))), "messages claimed at t=99 (early delivered, late not due)");
    same(required_outbox_messageIsNotClaimedBeforeItIsDue, List.of("late"),
        claimedIds(claim(at(100))), "messages claimed at t=100, late's due time");
  }

  @Test
  void required_outbox_leasedMessageIsNotClaimedAgain() {
    enqueue(message("m", at(0)));
    same(required_outbox_leasedMessageIsNotClaimedAgain, 1, claim(at(0)).size(), "first claim");
    same(required_outbox_leasedMessageIsNotClaimedAgain, List.of(),
        claimedIds(outbox().claim("tck-b", at(1), LEASE, 10)),
        "messages another owner claims during the lease");
    same(required_outbox_leasedMessageIsNotClaimedAgain, List.of(),
        claimedIds(outbox().claim("tck-b", at(29), LEASE, 10)),
        "messages claimed a second before the lease ends");
  }

  @Test
  void required_outbox_expiredLeaseIsClaimedAgainWithGreaterToken() {
    enqueue(message("m", at(0)));
    ClaimedMessage first = claim(at(0)).get(0);
    List<ClaimedMessage> again = outbox().claim("tck-b", first.leaseExpiresAt(), LEASE, 10);
    same(required_outbox_expiredLeaseIsClaimedAgainWithGreaterToken, List.of("m"),
        claimedIds(again), "messages claimed when the lease ends");
    ClaimedMessage second = again.get(0);
    check(required_outbox_expiredLeaseIsClaimedAgainWithGreaterToken,
        second.fencingToken() > first.fencingToken(), "the second token ("
            + second.fencingToken() + ") to be greater than the first (" + first.fencingToken()
            + ")");
    same(required_outbox_expiredLeaseIsClaimedAgainWithGreaterToken, 2, second.attempts(),
        "attempts of the second claim");
  }

  @Test
  void required_outbox_staleTokenChangesNothing() {
    enqueue(message("m", at(0)));
    ClaimedMessage first = claim(at(0)).get(0);
    ClaimedMessage second = outbox().claim("tck-b", at(30), LEASE, 10).get(0);
    long stale = first.fencingToken();
    check(required_outbox_staleTokenChangesNothing, !outbox().acknowledge("m", stale),
        "acknowledge with the first, stale token to return false");
    check(required_outbox_staleTokenChangesNothing,
        !outbox().reschedule("m", stale, at(31), "stale"),
        "reschedule with a stale token to return false");
    check(required_outbox_staleTokenChangesNothing, !outbox().bury("m", stale, "stale"),
        "bury with a stale token to return false");
    check(required_outbox_staleTokenChangesNothing,
        !outbox().acknowledge("m", second.fencingToken() + 1000),
        "acknowledge with a token never issued to return false");
    check(required_outbox_staleTokenChangesNothing, !outbox().acknowledge("unknown", stale),
        "acknowledge of an unknown message to return false");
    same(required_outbox_staleTokenChangesNothing, List.of(), outbox().dead(null, 10).items(),
        "dead letters after a stale bury");
    same(required_outbox_staleTokenChangesNothing, List.of(), claimedIds(claim(at(31))),
        "messages claimable after a stale reschedule (the second lease still holds)");
    check(required_outbox_staleTokenChangesNothing,
        outbox().acknowledge("m", second.fencingToken()),
        "acknowledge with the current token to succeed after the stale calls");
  }

  @Test
  void required_outbox_claimIsSettledOnce() {
    enqueue(message("a", at(0)), message("b", at(0)), message("c", at(0)));
    List<ClaimedMessage> claimed = claim(at(0));
    long ta = token(claimed, "a");
    long tb = token(claimed, "b");
    long tc = token(claimed, "c");
    check(required_outbox_claimIsSettledOnce, outbox().reschedule("a", ta, at(5), "e1"),
        "the first reschedule of a to succeed");
    check(required_outbox_claimIsSettledOnce, !outbox().acknowledge("a", ta),
        "acknowledge of a with the token of a settled claim to return false");
    check(required_outbox_claimIsSettledOnce, !outbox().reschedule("a", ta, at(9), "e2"),
        "a second reschedule with the same token to return false");
    check(required_outbox_claimIsSettledOnce, outbox().bury("b", tb, "e"),
        "bury of b to succeed");
    check(required_outbox_claimIsSettledOnce, !outbox().bury("b", tb, "e"),
        "a second bury of b to return false");
    check(required_outbox_claimIsSettledOnce, !outbox().acknowledge("b", tb),
        "acknowledge of a dead letter to return false");
    check(required_outbox_claimIsSettledOnce, outbox().acknowledge("c", tc),
        "acknowledge of c to succeed");
    check(required_outbox_claimIsSettledOnce, !outbox().acknowledge("c", tc),
        "a second acknowledge of c to return false");
    same(required_outbox_claimIsSettledOnce, List.of("a"), claimedIds(claim(at(5))),
        "messages claimable at a's new due time");
  }

  @Test
  void required_outbox_acknowledgeRemovesTheMessage() {
    enqueue(message("m", at(0)), message("other", at(0)));
    List<ClaimedMessage> claimed = claim(at(0));
    check(required_outbox_acknowledgeRemovesTheMessage,
        outbox().acknowledge("m", token(claimed, "m")), "acknowledge to return true");
    same(required_outbox_acknowledgeRemovesTheMessage, List.of("other"),
        claimedIds(claim(at(3600))), "messages claimable an hour later");
    check(required_outbox_acknowledgeRemovesTheMessage, !outbox().revive("m", at(3600)),
        "revive of an acknowledged message to return false");
  }

  @Test
  void required_outbox_rescheduleDelaysAndKeepsTheError() {
    enqueue(message("m", at(0)));
    ClaimedMessage first = claim(at(0)).get(0);
    check(required_outbox_rescheduleDelaysAndKeepsTheError,
        outbox().reschedule("m", first.fencingToken(), at(60), "SMS gateway timed out"),
        "reschedule to return true");
    same(required_outbox_rescheduleDelaysAndKeepsTheError, List.of(), claimedIds(claim(at(59))),
        "messages claimable before notBefore");
    List<ClaimedMessage> again = claim(at(60));
    same(required_outbox_rescheduleDelaysAndKeepsTheError, List.of("m"), claimedIds(again),
        "messages claimable at notBefore");
    ClaimedMessage second = again.get(0);
    same(required_outbox_rescheduleDelaysAndKeepsTheError, Optional.of("SMS gateway timed out"),
        second.lastError(), "the last error on the next claim");
    same(required_outbox_rescheduleDelaysAndKeepsTheError, at(60), second.message().dueAt(),
        "the due time after the reschedule");
    same(required_outbox_rescheduleDelaysAndKeepsTheError, 2, second.attempts(),
        "attempts after a reschedule");
  }

  @Test
  void required_outbox_attemptsAreCounted() {
    enqueue(message("m", at(0)));
    Instant now = at(0);
    for (int attempt = 1; attempt <= 5; attempt++) {
      ClaimedMessage c = claim(now).get(0);
      same(required_outbox_attemptsAreCounted, attempt, c.attempts(), "attempts of claim "
          + attempt);
      if (attempt % 2 == 0) {
        now = c.leaseExpiresAt();
      } else {
        now = now.plusSeconds(1);
        check(required_outbox_attemptsAreCounted,
            outbox().reschedule("m", c.fencingToken(), now, "fail " + attempt),
            "reschedule to succeed");
      }
    }
  }

  @Test
  void required_outbox_buriedMessageIsADeadLetter() {
    OutboxMessage m = message("m", at(0));
    enqueue(m);
    ClaimedMessage first = claim(at(0)).get(0);
    outbox().reschedule("m", first.fencingToken(), at(1), "first failure");
    ClaimedMessage second = claim(at(1)).get(0);
    check(required_outbox_buriedMessageIsADeadLetter,
        outbox().bury("m", second.fencingToken(), "gave up: 收件人不存在"),
        "bury to return true");
    same(required_outbox_buriedMessageIsADeadLetter, List.of(), claimedIds(claim(at(1_000_000))),
        "messages claimable after the bury, even much later");
    List<DeadLetter> dead = outbox().dead(null, 10).items();
    same(required_outbox_buriedMessageIsADeadLetter, 1, dead.size(), "dead letters");
    same(required_outbox_buriedMessageIsADeadLetter, m.id(), dead.get(0).message().id(),
        "the dead letter's id");
    same(required_outbox_buriedMessageIsADeadLetter, m.aggregateKey(),
        dead.get(0).message().aggregateKey(), "the dead letter's aggregate key");
    same(required_outbox_buriedMessageIsADeadLetter, 2, dead.get(0).attempts(),
        "the dead letter's attempts");
    same(required_outbox_buriedMessageIsADeadLetter, "gave up: 收件人不存在", dead.get(0).error(),
        "the dead letter's error");
  }

  @Test
  void required_outbox_deadLettersArePagedById() {
    List<OutboxMessage> messages = new ArrayList<>();
    for (int i = 24; i >= 0; i--) {
      messages.add(message(String.format("dead-%02d", i), at(0)));
    }
    enqueue(messages.toArray(new OutboxMessage[0]));
    enqueue(message("alive", at(0)));
    for (ClaimedMessage c : claim(at(0))) {
      if (c.message().id().startsWith("dead")) {
        outbox().bury(c.message().id(), c.fencingToken(), "error " + c.message().id());
      }
    }
    for (int limit : new int[] {1, 4, 25, 100}) {
      List<String> listed = new ArrayList<>();
      String cursor = null;
      for (int pages = 0; pages < 100; pages++) {
        Page<DeadLetter> page = outbox().dead(cursor, limit);
        check(required_outbox_deadLettersArePagedById, page.items().size() <= limit,
            "a page of at most " + limit + " dead letters, got " + page.items().size());
        page.items().forEach(d -> listed.add(d.message().id()));
        if (page.nextCursor().isEmpty()) {
          break;
        }
        cursor = page.nextCursor().get();
      }
      List<String> expected = new ArrayList<>(new TreeSet<>(
          messages.stream().map(OutboxMessage::id).collect(Collectors.toList())));
      same(required_outbox_deadLettersArePagedById, expected, listed,
          "dead letters listed in pages of " + limit);
    }
  }

  @Test
  void required_outbox_reviveMakesADeadLetterDueAgain() {
    OutboxMessage m = message("m", at(0));
    enqueue(m, message("live", at(0)));
    List<ClaimedMessage> claimed = claim(at(0));
    outbox().bury("m", token(claimed, "m"), "no such recipient");
    outbox().acknowledge("live", token(claimed, "live"));
    enqueue(message("live2", at(1_000)));
    check(required_outbox_reviveMakesADeadLetterDueAgain, !outbox().revive("live2", at(5)),
        "revive of a live message to return false");
    check(required_outbox_reviveMakesADeadLetterDueAgain, !outbox().revive("live", at(5)),
        "revive of an acknowledged message to return false");
    check(required_outbox_reviveMakesADeadLetterDueAgain, !outbox().revive("unknown", at(5)),
        "revive of an unknown message to return false");
    check(required_outbox_reviveMakesADeadLetterDueAgain, outbox().revive("m", at(100)),
        "revive of the dead letter to return true");
    same(required_outbox_reviveMakesADeadLetterDueAgain, List.of(),
        outbox().dead(null, 10).items(), "dead letters after the revival");
    same(required_outbox_reviveMakesADeadLetterDueAgain, List.of(), claimedIds(claim(at(99))),
        "messages claimable before the revival time");
    ClaimedMessage again = claim(at(100)).stream().filter(c -> c.message().id().equals("m"))
        .findFirst().orElse(null);
    check(required_outbox_reviveMakesADeadLetterDueAgain, again != null,
        "the revived message to be claimable at the revival time");
    same(required_outbox_reviveMakesADeadLetterDueAgain, m.withDueAt(at(100)), again.message(),
        "the revived message (same id and payload, due at the revival time)");
    same(required_outbox_reviveMakesADeadLetterDueAgain, 1, again.attempts(),
        "attempts of the first claim after revival");
    check(required_outbox_reviveMakesADeadLetterDueAgain, !outbox().revive("m", at(101)),
        "a second revive of a message now live to return false");
  }

  @Test
  void required_outbox_purgeRemovesOnlyDeadLetters() {
    TckRule rule = required_outbox_purgeRemovesOnlyDeadLetters;
    enqueue(message("dead", at(0)), message("kept", at(0)), message("claimed", at(0)),
        message("waiting", at(0)));
    List<ClaimedMessage> claimed = claim(at(0));
    outbox().bury("dead", token(claimed, "dead"), "no subscriber named 'audit' is registered");
    outbox().bury("kept", token(claimed, "kept"), "gave up");
    outbox().reschedule("waiting", token(claimed, "waiting"), at(10), "try later");
    long claimedToken = token(claimed, "claimed");
    check(rule, !outbox().purge("claimed"),
        "purge of a live message under an open claim to return false");
    check(rule, !outbox().purge("waiting"),
        "purge of a live message waiting for its next attempt to return false");
    check(rule, !outbox().purge("unknown"), "purge of an unknown id to return false");
    check(rule, outbox().purge("dead"), "purge of a dead letter to return true");
    check(rule, !outbox().purge("dead"), "a second purge of the same id to return false");
    same(rule, List.of("kept"), outbox().dead(null, 10).items().stream()
        .map(d -> d.message().id()).collect(Collectors.toList()),
        "dead letters after purging one of two");
    check(rule, !outbox().revive("dead", at(1)), "revive of a purged message to return false");
    check(rule, outbox().acknowledge("claimed", claimedToken),
        "the claim on a live message to be settleable after the refused purge");
    same(rule, List.of("waiting"), claimedIds(claim(at(10))),
        "messages claimable once the rescheduled one is due (the purged one never)");
    enqueue(message("dead", at(20)));
    same(rule, List.of("dead"), claimedIds(claim(at(20))),
        "messages claimable after enqueuing the purged id again");
    expect(rule, IllegalArgumentException.class, "purge with a null id",
        () -> outbox().purge(null));
  }

  @Test
  void required_outbox_claimHonoursMax() {
    List<OutboxMessage> messages = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      messages.add(message("m" + i, at(i)));
    }
    enqueue(messages.toArray(new OutboxMessage[0]));
    List<String> first = claimedIds(outbox().claim("tck-a", at(100), LEASE, 3));
    same(required_outbox_claimHonoursMax, 3, first.size(), "messages claimed with max 3");
    List<String> rest = claimedIds(outbox().claim("tck-b", at(100), LEASE, 100));
    same(required_outbox_claimHonoursMax, 7, rest.size(), "messages left for the next claim");
    TreeSet<String> all = new TreeSet<>(first);
    all.addAll(rest);
    same(required_outbox_claimHonoursMax, 10, all.size(), "distinct messages over both claims");
  }

  @Test
  void required_outbox_duplicateMessageIdIsRejected() {
    enqueue(message("m", at(0)), message("dead", at(0)));
    expectConflict(required_outbox_duplicateMessageIdIsRejected, "enqueue of a live id",
        () -> enqueue(message("m", at(5))));
    expectConflict(required_outbox_duplicateMessageIdIsRejected,
        "enqueue of the same id twice in one transaction",
        () -> enqueue(message("twice", at(0)), message("twice", at(0))));
    List<ClaimedMessage> claimed = claim(at(0));
    outbox().bury("dead", token(claimed, "dead"), "e");
    expectConflict(required_outbox_duplicateMessageIdIsRejected, "enqueue of a dead letter's id",
        () -> enqueue(message("dead", at(5))));
    same(required_outbox_duplicateMessageIdIsRejected, List.of("m"),
        claimedIds(claim(at(1_000_000))),
        "messages claimable once m's lease ended (dead stays dead, twice never committed)");
  }

  @Test
  void required_outbox_invalidArgumentsAreRefused() {
    TckRule rule = required_outbox_invalidArgumentsAreRefused;
    expect(rule, IllegalArgumentException.class, "claim with a null owner",
        () -> outbox().claim(null, T0, LEASE, 1));
    expect(rule, IllegalArgumentException.class, "claim with a null time",
        () -> outbox().claim("o", null, LEASE, 1));
    expect(rule, IllegalArgumentException.class, "claim with a zero lease",
        () -> outbox().claim("o", T0, Duration.ZERO, 1));
    expect(rule, IllegalArgumentException.class, "claim with max 0",
        () -> outbox().claim("o", T0, LEASE, 0));
    expect(rule, IllegalArgumentException.class, "claim with max over the limit",
        () -> outbox().claim("o", T0, LEASE, Limits.MAX_PAGE_SIZE + 1));
    expect(rule, IllegalArgumentException.class, "reschedule with a null time",
        () -> outbox().reschedule("m", 1, null, "e"));
    expect(rule, IllegalArgumentException.class, "reschedule with a null error",
        () -> outbox().reschedule("m", 1, T0, null));
    expect(rule, IllegalArgumentException.class, "bury with an error over the limit",
        () -> outbox().bury("m", 1, "e".repeat(Limits.MAX_ERROR_LENGTH + 1)));
    expect(rule, IllegalArgumentException.class, "acknowledge with a null id",
        () -> outbox().acknowledge(null, 1));
    expect(rule, IllegalArgumentException.class, "dead with limit 0",
        () -> outbox().dead(null, 0));
    expect(rule, IllegalArgumentException.class, "revive with a null time",
        () -> outbox().revive("m", null));
  }

  private static long token(List<ClaimedMessage> claimed, String id) {
    return claimed.stream().filter(c -> c.message().id().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("message " + id + " was not claimed: " + claimed))
        .fencingToken();
  }
}
