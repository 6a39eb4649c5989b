package dev.zhuli.spi.tck;

/**
 * The rule index: every rule the conformance suite checks, named exactly like the test method that
 * checks it, with what to look at when it fails.
 *
 * <p>Rules starting {@code required_} hold for every store. Rules starting {@code shared_} and
 * {@code durable_} hold for stores that declare {@link dev.zhuli.spi.storage.Capability#SHARED}
 * or {@link dev.zhuli.spi.storage.Capability#DURABLE}; they run when the test class implements
 * {@link SharedStorageRules} or {@link DurableStorageRules}. Every failure message starts with the
 * rule's name in brackets and ends with its {@link #hint() hint}.
 *
 * <p>The constants break Java's naming habit on purpose: each is the name of its test method, so
 * a failing test leads straight here.
 *
 * @since 0.1.0
 */
@SuppressWarnings("checkstyle:ConstantName")
public enum TckRule {
  /** If this fails, check that {@code newStorage()} returns a new, open store on every call. */
  required_lifecycle_factoryReturnsAStore(
      "newStorage() must return a new, open, non-null store on every call"),
  /** If this fails, check that each store from {@code newStorage()} starts with no records. */
  required_lifecycle_eachStoreStartsEmpty(
      "newStorage() must return an empty store: clear the database or use a fresh one per call"),
  /** If this fails, check that a closed store refuses work with IllegalStateException. */
  required_lifecycle_closedStoreRefusesWork(
      "after close(), transact() and every outbox method throw IllegalStateException;"
          + " close() is idempotent"),
  /** If this fails, check that the test class implements the rules of every declared capability. */
  required_capabilities_declaredCapabilitiesAreTested(
      "a store that declares SHARED must be tested by a class implementing SharedStorageRules,"
          + " one that declares DURABLE by a class implementing DurableStorageRules"),

  /** If this fails, check that an empty body is stored and read back as zero bytes. */
  required_roundTrip_emptyBodyReadsBackExactly(
      "store the body as a binary column that keeps an empty value (not NULL)"),
  /** If this fails, check the body column's size: 1 MiB must fit and read back exactly. */
  required_roundTrip_largestBodyReadsBackExactly(
      "the body column must hold Limits.MAX_BODY_BYTES bytes exactly (BLOB/bytea, not a JSON type)"),
  /** If this fails, check that bodies are binary, never decoded as text. */
  required_roundTrip_randomBodiesReadBackExactly(
      "bodies are opaque bytes: never decode them as text or JSON"),
  /** If this fails, check the character set and length of the index value column. */
  required_roundTrip_indexEntriesReadBackExactly(
      "index values are Unicode (Chinese, supplementary characters) of up to 256 code points;"
          + " a record has up to 32 entries and a key may repeat with other values"),

  /** If this fails, check that an absent record reads as empty and is created with version 1. */
  required_versions_absentRecordHasVersionZero(
      "get() of an absent record is empty; put(record, 0) creates it and returns 1"),
  /** If this fails, check that creating a record that exists is a conflict. */
  required_versions_createTwiceIsRejected(
      "put(record, 0) when the record exists must throw ConflictException"),
  /** If this fails, check the version comparison of put. */
  required_versions_staleUpdateIsRejected(
      "put(record, v) must succeed only when the stored version is v, and store v + 1"),
  /** If this fails, check the version comparison of delete. */
  required_versions_staleDeleteIsRejected(
      "delete(kind, id, v) must succeed only when the stored version is v;"
          + " deleting an absent record is a conflict"),
  /** If this fails, check that a deleted record is gone and can be created again from version 0. */
  required_versions_deleteThenRecreateStartsAgain(
      "after delete the record is absent (version 0); put(record, 0) creates it again"),
  /** If this fails, check that a conflict rolls back the whole transaction. */
  required_versions_conflictKeepsNothingOfTheTransaction(
      "when any write of a transaction conflicts, none of its writes or enqueues may be kept"),
  /** If this fails, check that a conflict caught by the unit of work still rolls back. */
  required_versions_swallowedConflictStillRollsBack(
      "a transaction that raised ConflictException is doomed: transact() keeps nothing and throws"
          + " ConflictException even if the unit of work caught it"),

  /** If this fails, check that an exception from the unit of work rolls back and propagates. */
  required_atomicity_throwingWorkKeepsNothing(
      "if the unit of work throws, roll back everything (records, deletes, enqueues) and rethrow"
          + " the same exception"),
  /** If this fails, check that a transaction object is unusable once its unit of work ended. */
  required_atomicity_transactionIsUnusableAfterWork(
      "calls on a Transaction after its unit of work returned must throw IllegalStateException"),
  /** If this fails, check that transact() returns the unit of work's result. */
  required_atomicity_resultIsReturned(
      "transact(work) returns what work returned, after commit"),

  /** If this fails, check that get() sees the transaction's own puts and deletes. */
  required_readYourWrites_getSeesOwnWrites(
      "get() inside a transaction must see its own uncommitted puts and deletes"),
  /** If this fails, check that find() sees the transaction's own puts and deletes. */
  required_readYourWrites_findSeesOwnWrites(
      "find() inside a transaction must see its own uncommitted puts (with their new index"
          + " values) and deletes"),

  /** If this fails, check equality finds. */
  required_find_equalityReturnsOnlyMatches(
      "find with equalTo(v) returns exactly the records of that kind with an entry (key, v)"),
  /** If this fails, check that both bounds of a range are inclusive. */
  required_find_rangeIsInclusive(
      "from(lower) and to(upper) are inclusive; an open bound has no limit"),
  /** If this fails, check the collation of the index value column. */
  required_find_orderIsCodePointOrderThenId(
      "order by (value, id) in Unicode code-point order: UTF-8 byte order, COLLATE \"C\" on"
          + " PostgreSQL, not UTF-16 order and not a locale collation"),
  /** If this fails, check the paging cursor. */
  required_find_pagingReturnsEachRecordOnce(
      "pages of `limit` records resume strictly after the cursor: no duplicates, no gaps"),
  /** If this fails, check that the cursor is a position, not an offset. */
  required_find_pagingIsStableWhileOthersChange(
      "a record that matched throughout must appear exactly once even while others are created,"
          + " updated and deleted between pages: use a (value, id) position as cursor, not OFFSET"),
  /** If this fails, check how records with several matching values are returned. */
  required_find_multiValuedRecordAppearsOnce(
      "a record with several values in range appears once, at its least matching value"),
  /** If this fails, check that find filters by kind and key. */
  required_find_otherKindsAndKeysAreIgnored(
      "find returns only records of the requested kind with an entry under the requested key"),

  /** If this fails, check that enqueued messages are kept at commit with every field. */
  required_outbox_committedMessageIsClaimable(
      "a message enqueued in a committed transaction is claimable when due, every field intact"),
  /** If this fails, check the due-time filter of claim. */
  required_outbox_messageIsNotClaimedBeforeItIsDue(
      "claim(now) returns only messages with dueAt <= now"),
  /** If this fails, check that claims honour open leases. */
  required_outbox_leasedMessageIsNotClaimedAgain(
      "a claimed message is not claimed again while its lease lasts"),
  /** If this fails, check lease expiry and token issue. */
  required_outbox_expiredLeaseIsClaimedAgainWithGreaterToken(
      "after the lease ends the message is claimable again, with a greater fencing token"),
  /** If this fails, check the fencing-token comparison. */
  required_outbox_staleTokenChangesNothing(
      "acknowledge/reschedule/bury with a token other than the latest claim's return false and"
          + " change nothing"),
  /** If this fails, check that settling a claim twice is refused. */
  required_outbox_claimIsSettledOnce(
      "once a claim is acknowledged, rescheduled or buried, its token settles nothing more"),
  /** If this fails, check acknowledge. */
  required_outbox_acknowledgeRemovesTheMessage(
      "acknowledge with the current token removes the message for good"),
  /** If this fails, check reschedule. */
  required_outbox_rescheduleDelaysAndKeepsTheError(
      "reschedule makes the message due at notBefore, keeps attempts and reports the error on the"
          + " next claim"),
  /** If this fails, check attempt counting. */
  required_outbox_attemptsAreCounted(
      "each claim counts one attempt; the count survives reschedules"),
  /** If this fails, check bury and the dead-letter listing. */
  required_outbox_buriedMessageIsADeadLetter(
      "bury makes the message a dead letter: never claimed, listed by dead() with attempts and"
          + " error"),
  /** If this fails, check paging of dead letters. */
  required_outbox_deadLettersArePagedById(
      "dead(cursor, limit) lists dead letters by ascending id, each once"),
  /** If this fails, check revive. */
  required_outbox_reviveMakesADeadLetterDueAgain(
      "revive(id, now) makes a dead letter live and due at now, same id and payload, attempts"
          + " from zero; revive of a live or unknown message returns false"),
  /** If this fails, check purge. */
  required_outbox_purgeRemovesOnlyDeadLetters(
      "purge(id) removes a dead letter for good (no longer listed, not revivable, its id free"
          + " again); purge of a live message, claimed or not, or of an unknown id returns false"
          + " and changes nothing"),
  /** If this fails, check the max argument of claim. */
  required_outbox_claimHonoursMax(
      "claim returns at most max messages, and the rest stay claimable"),
  /** If this fails, check that message ids are unique in the outbox. */
  required_outbox_duplicateMessageIdIsRejected(
      "enqueue of an id already in the outbox (live or dead) is a ConflictException"),
  /** If this fails, check that invalid outbox arguments are refused. */
  required_outbox_invalidArgumentsAreRefused(
      "invalid owner, lease, max, time or error must throw IllegalArgumentException"),

  /** If this fails, check the version check under concurrency. */
  required_concurrency_racingUpdatesExactlyOneWins(
      "two transactions writing the same record from the same version: exactly one commits, the"
          + " other gets ConflictException; use row locks or an atomic compare-and-set on version"),
  /** If this fails, check that claims are atomic. */
  required_concurrency_racingClaimsNeverShareAMessage(
      "concurrent claims must never hand one message to two claimers (FOR UPDATE SKIP LOCKED on"
          + " PostgreSQL)"),
  /** If this fails, check the size limits. */
  required_limits_valuesAtTheLimitsAreKept(
      "values exactly at each limit (kind 64, id 128, body 1 MiB, 32 entries, value 256 code"
          + " points) must be stored and read back"),
  /** If this fails, check that invalid arguments are refused before anything is written. */
  required_limits_invalidArgumentsAreRefused(
      "null or out-of-range arguments to put, delete, get, find and enqueue throw"
          + " IllegalArgumentException with a message naming the field"),

  /** If this fails, the failure message shows the shortest history that differs from the model. */
  required_model_randomHistoriesMatchTheReferenceModel(
      "a random history of writes, finds and outbox calls must leave the store as the reference"
          + " model predicts; replay the printed seed with -DQT_SEED=…"),

  /** If this fails, check that a second handle sees the first handle's commits. */
  shared_commitsAreVisibleThroughEveryHandle(
      "a commit through one handle is visible through another handle on the same store"),
  /** If this fails, check version checks across handles. */
  shared_racingUpdatesAcrossHandlesExactlyOneWins(
      "writes from two handles to the same record from the same version: exactly one commits"),
  /** If this fails, check claims across handles. */
  shared_claimsAcrossHandlesAreExclusive(
      "a message claimed through one handle is not claimable through another while leased, and"
          + " its token is honoured by both"),

  /** If this fails, check that records and the outbox survive close and reopen. */
  durable_reopenedStoreKeepsRecordsAndOutbox(
      "after close() and reopen, committed records, live messages (with attempts) and dead"
          + " letters are all there");

  private final String hint;

  TckRule(String hint) {
    this.hint = hint;
  }

  /**
   * What to check when this rule fails.
   *
   * @return the hint
   */
  public String hint() {
    return hint;
  }
}
