package dev.zhuli.spi.tck;

import static dev.zhuli.spi.tck.TckRule.required_atomicity_resultIsReturned;
import static dev.zhuli.spi.tck.TckRule.required_atomicity_throwingWorkKeepsNothing;
import static dev.zhuli.spi.tck.TckRule.required_atomicity_transactionIsUnusableAfterWork;
import static dev.zhuli.spi.tck.TckRule.required_lifecycle_closedStoreRefusesWork;
import static dev.zhuli.spi.tck.TckRule.required_lifecycle_eachStoreStartsEmpty;
import static dev.zhuli.spi.tck.TckRule.required_lifecycle_factoryReturnsAStore;
import static dev.zhuli.spi.tck.TckRule.required_limits_invalidArgumentsAreRefused;
import static dev.zhuli.spi.tck.TckRule.required_limits_valuesAtTheLimitsAreKept;
import static dev.zhuli.spi.tck.TckRule.required_readYourWrites_findSeesOwnWrites;
import static dev.zhuli.spi.tck.TckRule.required_readYourWrites_getSeesOwnWrites;
import static dev.zhuli.spi.tck.TckRule.required_roundTrip_emptyBodyReadsBackExactly;
import static dev.zhuli.spi.tck.TckRule.required_roundTrip_indexEntriesReadBackExactly;
import static dev.zhuli.spi.tck.TckRule.required_roundTrip_largestBodyReadsBackExactly;
import static dev.zhuli.spi.tck.TckRule.required_roundTrip_randomBodiesReadBackExactly;
import static dev.zhuli.spi.tck.TckRule.required_versions_absentRecordHasVersionZero;
import static dev.zhuli.spi.tck.TckRule.required_versions_conflictKeepsNothingOfTheTransaction;
import static dev.zhuli.spi.tck.TckRule.required_versions_createTwiceIsRejected;
import static dev.zhuli.spi.tck.TckRule.required_versions_deleteThenRecreateStartsAgain;
import static dev.zhuli.spi.tck.TckRule.required_versions_staleDeleteIsRejected;
import static dev.zhuli.spi.tck.TckRule.required_versions_staleUpdateIsRejected;
import static dev.zhuli.spi.tck.TckRule.required_versions_swallowedConflictStillRollsBack;
import static org.quicktheories.QuickTheory.qt;

import dev.zhuli.spi.storage.ConflictException;
import dev.zhuli.spi.storage.FindRequest;
import dev.zhuli.spi.storage.IndexEntry;
import dev.zhuli.spi.storage.Limits;
import dev.zhuli.spi.storage.OutboxMessage;
import dev.zhuli.spi.storage.StoredRecord;
import dev.zhuli.spi.storage.Storage;
import dev.zhuli.spi.storage.Transaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Rules about records: lifecycle of the store, byte-exact round trips, versions, atomicity,
 * read-your-writes and size limits. Part of {@link StorageTck}; extend that.
 *
 * @since 0.1.0
 */
public abstract class RecordRules extends TckSupport {
  private static final String K = "tck_record";

  /** For subclasses. */
  protected RecordRules() {}

  /**
   * How many examples property rules try. About 100 keeps a database-backed run fast; raise it
   * for a longer soak.
   *
   * @return the number of examples
   */
  protected int examples() {
    return 100;
  }

  // ---- lifecycle ----------------------------------------------------------------------------

  @Test
  void required_lifecycle_factoryReturnsAStore() {
    Storage second = openStore();
    check(required_lifecycle_factoryReturnsAStore, second != storageUnderTest(),
        "newStorage() to return a new instance on each call");
    check(required_lifecycle_factoryReturnsAStore, second.capabilities() != null,
        "capabilities() not to be null");
    Integer answer = second.transact(t -> 42);
    same(required_lifecycle_factoryReturnsAStore, 42, answer, "a transaction on a new store");
  }

  @Test
  void required_lifecycle_eachStoreStartsEmpty() {
    same(required_lifecycle_eachStoreStartsEmpty, Optional.empty(),
        read(storageUnderTest(), K, "probe"), "a record in a new store");
    write(storageUnderTest(), rec(K, "probe", "x", idx("all", "")), 0);
    Storage fresh = openStore();
    same(required_lifecycle_eachStoreStartsEmpty, Optional.empty(), read(fresh, K, "probe"),
        "a record written to another store, read in a new store");
    same(required_lifecycle_eachStoreStartsEmpty, List.of(),
        findAll(fresh, FindRequest.of(K, "all")), "records found in a new store");
    same(required_lifecycle_eachStoreStartsEmpty, List.of(),
        fresh.outbox().claim("tck", at(1_000_000), Duration.ofSeconds(1), 10),
        "messages claimed in a new store");
  }

  @Test
  void required_lifecycle_closedStoreRefusesWork() {
    Storage s = openStore();
    s.close();
    s.close();
    expect(required_lifecycle_closedStoreRefusesWork, IllegalStateException.class,
        "transact on a closed store", () -> s.transact(t -> t.get(K, "a")));
    expect(required_lifecycle_closedStoreRefusesWork, IllegalStateException.class,
        "claim on a closed store",
        () -> s.outbox().claim("tck", T0, Duration.ofSeconds(1), 1));
    expect(required_lifecycle_closedStoreRefusesWork, IllegalStateException.class,
        "acknowledge on a closed store", () -> s.outbox().acknowledge("m", 1));
    expect(required_lifecycle_closedStoreRefusesWork, IllegalStateException.class,
        "dead on a closed store", () -> s.outbox().dead(null, 1));
    expect(required_lifecycle_closedStoreRefusesWork, IllegalStateException.class,
        "revive on a closed store", () -> s.outbox().revive("m", T0));
    expect(required_lifecycle_closedStoreRefusesWork, IllegalStateException.class,
        "purge on a closed store", () -> s.outbox().purge("m"));
  }

  // ---- round trips --------------------------------------------------------------------------

  @Test
  void required_roundTrip_emptyBodyReadsBackExactly() {
    write(storageUnderTest(), StoredRecord.of(K, "empty", new byte[0]), 0);
    StoredRecord back = read(storageUnderTest(), K, "empty").orElse(null);
    check(required_roundTrip_emptyBodyReadsBackExactly, back != null, "the record to be there");
    same(required_roundTrip_emptyBodyReadsBackExactly, 0, back.bodyLength(), "body length");
  }

  @Test
  void required_roundTrip_largestBodyReadsBackExactly() {
    byte[] body = new byte[Limits.MAX_BODY_BYTES];
    new Random(7).nextBytes(body);
    write(storageUnderTest(), StoredRecord.of(K, "largest", body), 0);
    StoredRecord back = read(storageUnderTest(), K, "largest").orElseThrow();
    check(required_roundTrip_largestBodyReadsBackExactly, Arrays.equals(body, back.body()),
        "the 1 MiB body to read back byte for byte");
  }

  @Test
  void required_roundTrip_randomBodiesReadBackExactly() {
    Gen<byte[]> bodies = Generate.byteArrays(
        Generate.frequency(
            org.quicktheories.api.Pair.of(3, Generate.range(0, 64)),
            org.quicktheories.api.Pair.of(1, Generate.range(64, 70_000))),
        Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
    int[] n = {0};
    qt().withExamples(examples()).withShrinkCycles(50).forAll(bodies).checkAssert(body -> {
      String id = "random-" + n[0]++;
      write(storageUnderTest(), StoredRecord.of(K, id, body), 0);
      byte[] back = read(storageUnderTest(), K, id).orElseThrow().body();
      check(required_roundTrip_randomBodiesReadBackExactly, Arrays.equals(body, back),
          "a body of " + body.length + " bytes to read back byte for byte");
    });
  }

  @Test
  void required_roundTrip_indexEntriesReadBackExactly() {
    List<IndexEntry> entries = new ArrayList<>();
    entries.add(idx("village", "南溝社區"));
    entries.add(idx("village", "北順村"));
    entries.add(idx("skill", "葡萄 綠色防控"));
    entries.add(idx("emoji", "🍇😀\uD800\uDC00\uDBFF\uDFFF"));
    entries.add(idx("empty", ""));
    entries.add(idx("bmp-high", "\uFFFD\uFFFF\uE000"));
    entries.add(idx("long", "葡".repeat(Limits.MAX_INDEX_VALUE_CODE_POINTS)));
    entries.add(idx("longest", "🍇".repeat(Limits.MAX_INDEX_VALUE_CODE_POINTS)));
    entries.add(idx("ascii", "~!@#$%^&*()_+`-={}|[]\\:\";'<>?,./ \t"));
    StoredRecord r = StoredRecord.of(K, "indexed", new byte[] {1}, entries);
    write(storageUnderTest(), r, 0);
    StoredRecord back = read(storageUnderTest(), K, "indexed").orElseThrow();
    same(required_roundTrip_indexEntriesReadBackExactly, r.index(), back.index(), "index entries");
    for (IndexEntry e : entries) {
      List<StoredRecord> found = findAll(storageUnderTest(),
          FindRequest.of(K, e.key()).equalTo(e.value()));
      same(required_roundTrip_indexEntriesReadBackExactly, List.of("indexed"), ids(found),
          "records found by " + e.key() + " equal to its exact value");
    }
  }

  // ---- versions -----------------------------------------------------------------------------

  @Test
  void required_versions_absentRecordHasVersionZero() {
    same(required_versions_absentRecordHasVersionZero, Optional.empty(),
        read(storageUnderTest(), K, "a"), "get of an absent record");
    same(required_versions_absentRecordHasVersionZero, 1L,
        write(storageUnderTest(), rec(K, "a", "one"), 0), "version returned by put(record, 0)");
    same(required_versions_absentRecordHasVersionZero, 1L,
        read(storageUnderTest(), K, "a").orElseThrow().version(), "stored version");
    same(required_versions_absentRecordHasVersionZero, 2L,
        write(storageUnderTest(), rec(K, "a", "two"), 1), "version returned by put(record, 1)");
    StoredRecord back = read(storageUnderTest(), K, "a").orElseThrow();
    same(required_versions_absentRecordHasVersionZero, 2L, back.version(), "stored version");
    same(required_versions_absentRecordHasVersionZero, "two", text(back), "stored body");
  }

  @Test
  void required_versions_createTwiceIsRejected() {
    write(storageUnderTest(), rec(K, "a", "first"), 0);
    expectConflict(required_versions_createTwiceIsRejected, "put(record, 0) of an existing record",
        () -> write(storageUnderTest(), rec(K, "a", "second"), 0));
    StoredRecord back = read(storageUnderTest(), K, "a").orElseThrow();
    same(required_versions_createTwiceIsRejected, "first", text(back), "body after the conflict");
    same(required_versions_createTwiceIsRejected, 1L, back.version(), "version after the conflict");
  }

  @Test
  void required_versions_staleUpdateIsRejected() {
    write(storageUnderTest(), rec(K, "a", "v1"), 0);
    write(storageUnderTest(), rec(K, "a", "v2"), 1);
    for (long stale : new long[] {1, 3, 100}) {
      expectConflict(required_versions_staleUpdateIsRejected, "put with expected version " + stale
          + " when the stored version is 2",
          () -> write(storageUnderTest(), rec(K, "a", "stale"), stale));
    }
    StoredRecord back = read(storageUnderTest(), K, "a").orElseThrow();
    same(required_versions_staleUpdateIsRejected, 2L, back.version(), "version after conflicts");
    same(required_versions_staleUpdateIsRejected, "v2", text(back), "body after conflicts");
  }

  @Test
  void required_versions_staleDeleteIsRejected() {
    write(storageUnderTest(), rec(K, "a", "v1"), 0);
    write(storageUnderTest(), rec(K, "a", "v2"), 1);
    expectConflict(required_versions_staleDeleteIsRejected, "delete with expected version 1",
        () -> inTx(t -> t.delete(K, "a", 1)));
    expectConflict(required_versions_staleDeleteIsRejected, "delete of an absent record",
        () -> inTx(t -> t.delete(K, "absent", 1)));
    same(required_versions_staleDeleteIsRejected, 2L,
        read(storageUnderTest(), K, "a").orElseThrow().version(), "version after the conflict");
  }

  @Test
  void required_versions_deleteThenRecreateStartsAgain() {
    write(storageUnderTest(), rec(K, "a", "v1", idx("all", "x")), 0);
    write(storageUnderTest(), rec(K, "a", "v2", idx("all", "x")), 1);
    inTx(t -> t.delete(K, "a", 2));
    same(required_versions_deleteThenRecreateStartsAgain, Optional.empty(),
        read(storageUnderTest(), K, "a"), "get after delete");
    same(required_versions_deleteThenRecreateStartsAgain, List.of(),
        ids(findAll(storageUnderTest(), FindRequest.of(K, "all"))), "find after delete");
    expectConflict(required_versions_deleteThenRecreateStartsAgain,
        "put with the deleted record's old version",
        () -> write(storageUnderTest(), rec(K, "a", "old"), 2));
    same(required_versions_deleteThenRecreateStartsAgain, 1L,
        write(storageUnderTest(), rec(K, "a", "again", idx("all", "y")), 0),
        "version of the re-created record");
    same(required_versions_deleteThenRecreateStartsAgain, List.of("a"),
        ids(findAll(storageUnderTest(), FindRequest.of(K, "all").equalTo("y"))),
        "find of the re-created record by its new value");
    same(required_versions_deleteThenRecreateStartsAgain, List.of(),
        ids(findAll(storageUnderTest(), FindRequest.of(K, "all").equalTo("x"))),
        "find by the deleted record's old value");
  }

  @Test
  void required_versions_conflictKeepsNothingOfTheTransaction() {
    write(storageUnderTest(), rec(K, "existing", "v1"), 0);
    write(storageUnderTest(), rec(K, "doomed", "keep me"), 0);
    expectConflict(required_versions_conflictKeepsNothingOfTheTransaction,
        "a transaction whose last write conflicts", () -> inTx(t -> {
          t.put(rec(K, "new", "n", idx("all", "n")), 0);
          t.delete(K, "doomed", 1);
          t.enqueue(message("m-conflict", T0));
          t.put(rec(K, "existing", "stale"), 5);
        }));
    assertUntouched(required_versions_conflictKeepsNothingOfTheTransaction, "m-conflict");
  }

  @Test
  void required_versions_swallowedConflictStillRollsBack() {
    write(storageUnderTest(), rec(K, "existing", "v1"), 0);
    write(storageUnderTest(), rec(K, "doomed", "keep me"), 0);
    AtomicReference<ConflictException> seen = new AtomicReference<>();
    expectConflict(required_versions_swallowedConflictStillRollsBack,
        "a transaction whose unit of work caught a conflict and returned", () -> inTx(t -> {
          t.put(rec(K, "new", "n", idx("all", "n")), 0);
          t.delete(K, "doomed", 1);
          t.enqueue(message("m-swallowed", T0));
          try {
            t.put(rec(K, "existing", "stale"), 5);
            t.put(rec(K, "existing", "stale again"), 7);
          } catch (ConflictException e) {
            seen.set(e);
          }
        }));
    assertUntouched(required_versions_swallowedConflictStillRollsBack, "m-swallowed");
  }

  private void assertUntouched(TckRule rule, String messageId) {
    same(rule, Optional.empty(), read(storageUnderTest(), K, "new"), "the new record");
    same(rule, "keep me", read(storageUnderTest(), K, "doomed").map(RecordRules::text)
        .orElse("<deleted>"), "the record deleted in the transaction");
    same(rule, "v1", text(read(storageUnderTest(), K, "existing").orElseThrow()),
        "the record in conflict");
    same(rule, List.of(), ids(findAll(storageUnderTest(), FindRequest.of(K, "all"))),
        "index entries of the rolled-back record");
    same(rule, List.of(), storageUnderTest().outbox().claim("tck", at(1_000_000),
        Duration.ofSeconds(1), 10).stream().map(c -> c.message().id())
        .collect(Collectors.toList()), "messages enqueued in the rolled-back transaction ("
            + messageId + ")");
  }

  // ---- atomicity ----------------------------------------------------------------------------

  @Test
  void required_atomicity_throwingWorkKeepsNothing() {
    write(storageUnderTest(), rec(K, "existing", "v1"), 0);
    write(storageUnderTest(), rec(K, "doomed", "keep me"), 0);
    IllegalStateException boom = new IllegalStateException("boom");
    IllegalStateException thrown = expect(required_atomicity_throwingWorkKeepsNothing,
        IllegalStateException.class, "a unit of work that throws after writing", () -> inTx(t -> {
          t.put(rec(K, "new", "n", idx("all", "n")), 0);
          t.put(rec(K, "existing", "changed"), 1);
          t.delete(K, "doomed", 1);
          t.enqueue(message("m-thrown", T0));
          throw boom;
        }));
    check(required_atomicity_throwingWorkKeepsNothing, thrown == boom,
        "the unit of work's own exception instance to propagate, got " + thrown);
    assertUntouched(required_atomicity_throwingWorkKeepsNothing, "m-thrown");
  }

  @Test
  void required_atomicity_transactionIsUnusableAfterWork() {
    Transaction leaked = tx(t -> t);
    expect(required_atomicity_transactionIsUnusableAfterWork, IllegalStateException.class,
        "get on a finished transaction", () -> leaked.get(K, "a"));
    expect(required_atomicity_transactionIsUnusableAfterWork, IllegalStateException.class,
        "put on a finished transaction", () -> leaked.put(rec(K, "a", "late"), 0));
    expect(required_atomicity_transactionIsUnusableAfterWork, IllegalStateException.class,
        "find on a finished transaction", () -> leaked.find(FindRequest.of(K, "all")));
    expect(required_atomicity_transactionIsUnusableAfterWork, IllegalStateException.class,
        "enqueue on a finished transaction", () -> leaked.enqueue(message("late", T0)));
    same(required_atomicity_transactionIsUnusableAfterWork, Optional.empty(),
        read(storageUnderTest(), K, "a"), "a record put through a finished transaction");
  }

  @Test
  void required_atomicity_resultIsReturned() {
    String result = tx(t -> {
      t.put(rec(K, "a", "x"), 0);
      return "done";
    });
    same(required_atomicity_resultIsReturned, "done", result, "the result of transact");
    same(required_atomicity_resultIsReturned, 1L,
        read(storageUnderTest(), K, "a").orElseThrow().version(), "the committed record");
  }

  // ---- read your writes ---------------------------------------------------------------------

  @Test
  void required_readYourWrites_getSeesOwnWrites() {
    write(storageUnderTest(), rec(K, "gone", "g"), 0);
    inTx(t -> {
      t.put(rec(K, "a", "one"), 0);
      StoredRecord a = t.get(K, "a").orElse(null);
      check(required_readYourWrites_getSeesOwnWrites, a != null && a.version() == 1
          && text(a).equals("one"), "get to see the own put of a at version 1, got " + a);
      t.put(rec(K, "a", "two"), 1);
      StoredRecord a2 = t.get(K, "a").orElseThrow();
      same(required_readYourWrites_getSeesOwnWrites, 2L, a2.version(), "version after own update");
      same(required_readYourWrites_getSeesOwnWrites, "two", text(a2), "body after own update");
      t.delete(K, "gone", 1);
      same(required_readYourWrites_getSeesOwnWrites, Optional.empty(), t.get(K, "gone"),
          "get after own delete");
      t.put(rec(K, "gone", "back"), 0);
      same(required_readYourWrites_getSeesOwnWrites, 1L, t.get(K, "gone").orElseThrow().version(),
          "version after own delete and re-create");
    });
    same(required_readYourWrites_getSeesOwnWrites, 2L,
        read(storageUnderTest(), K, "a").orElseThrow().version(), "committed version of a");
  }

  @Test
  void required_readYourWrites_findSeesOwnWrites() {
    write(storageUnderTest(), rec(K, "moved", "m", idx("v", "b")), 0);
    write(storageUnderTest(), rec(K, "gone", "g", idx("v", "c")), 0);
    write(storageUnderTest(), rec(K, "kept", "k", idx("v", "d")), 0);
    inTx(t -> {
      t.put(rec(K, "new", "n", idx("v", "a")), 0);
      t.put(rec(K, "moved", "m2", idx("v", "e")), 1);
      t.delete(K, "gone", 1);
      List<StoredRecord> found = t.find(FindRequest.of(K, "v").limit(10)).items();
      same(required_readYourWrites_findSeesOwnWrites, List.of("new", "kept", "moved"), ids(found),
          "ids found inside the transaction");
      same(required_readYourWrites_findSeesOwnWrites, List.of(1L, 1L, 2L),
          found.stream().map(StoredRecord::version).collect(Collectors.toList()),
          "versions found inside the transaction");
      same(required_readYourWrites_findSeesOwnWrites, List.of(),
          ids(t.find(FindRequest.of(K, "v").equalTo("b")).items()),
          "find by the old value of a record updated in the transaction");
    });
  }

  // ---- limits -------------------------------------------------------------------------------

  @Test
  void required_limits_valuesAtTheLimitsAreKept() {
    String kind = "k".repeat(Limits.MAX_KIND_LENGTH);
    String id = "i".repeat(Limits.MAX_ID_LENGTH);
    List<IndexEntry> entries = new ArrayList<>();
    for (int i = 0; i < Limits.MAX_INDEX_ENTRIES; i++) {
      String key = i == 0 ? "x".repeat(Limits.MAX_INDEX_KEY_LENGTH) : "key" + i;
      entries.add(idx(key, "值".repeat(Limits.MAX_INDEX_VALUE_CODE_POINTS - 1) + i % 10));
    }
    byte[] body = new byte[Limits.MAX_BODY_BYTES];
    Arrays.fill(body, (byte) 0xff);
    StoredRecord r = StoredRecord.of(kind, id, body, entries);
    write(storageUnderTest(), r, 0);
    StoredRecord back = read(storageUnderTest(), kind, id).orElse(null);
    check(required_limits_valuesAtTheLimitsAreKept, r.withVersion(1).equals(back),
        "a record at every limit to read back equal, got " + back);
    same(required_limits_valuesAtTheLimitsAreKept, List.of(id),
        ids(findAll(storageUnderTest(), FindRequest.of(kind, entries.get(0).key())
            .equalTo(entries.get(0).value()))), "find by the longest key and value");
    OutboxMessage m = OutboxMessage.of("m".repeat(Limits.MAX_ID_LENGTH),
        "d".repeat(Limits.MAX_NAME_LENGTH), "t".repeat(Limits.MAX_NAME_LENGTH), body, T0,
        "a".repeat(Limits.MAX_AGGREGATE_KEY_LENGTH));
    inTx(t -> t.enqueue(m));
    var claimed = storageUnderTest().outbox().claim("o".repeat(Limits.MAX_OWNER_LENGTH), T0,
        Duration.ofSeconds(30), Limits.MAX_PAGE_SIZE);
    same(required_limits_valuesAtTheLimitsAreKept, 1, claimed.size(), "messages claimed");
    same(required_limits_valuesAtTheLimitsAreKept, m, claimed.get(0).message(),
        "a message at every limit");
    String error = "e".repeat(Limits.MAX_ERROR_LENGTH);
    check(required_limits_valuesAtTheLimitsAreKept, storageUnderTest().outbox()
        .bury(m.id(), claimed.get(0).fencingToken(), error), "bury to succeed");
    same(required_limits_valuesAtTheLimitsAreKept, error,
        storageUnderTest().outbox().dead(null, 10).items().get(0).error(),
        "the longest error, kept with the dead letter");
  }

  @Test
  void required_limits_invalidArgumentsAreRefused() {
    TckRule rule = required_limits_invalidArgumentsAreRefused;
    inTx(t -> {
      expect(rule, IllegalArgumentException.class, "put(null, 0)", () -> t.put(null, 0));
      expect(rule, IllegalArgumentException.class, "put(record, -1)",
          () -> t.put(rec(K, "a", "x"), -1));
      expect(rule, IllegalArgumentException.class, "delete(kind, id, 0)",
          () -> t.delete(K, "a", 0));
      expect(rule, IllegalArgumentException.class, "delete(null, id, 1)",
          () -> t.delete(null, "a", 1));
      expect(rule, IllegalArgumentException.class, "get(kind, null)", () -> t.get(K, null));
      expect(rule, IllegalArgumentException.class, "get(kind, id with a space)",
          () -> t.get(K, "a b"));
      expect(rule, IllegalArgumentException.class, "get(kind longer than the limit, id)",
          () -> t.get("k".repeat(Limits.MAX_KIND_LENGTH + 1), "a"));
      expect(rule, IllegalArgumentException.class, "find(null)", () -> t.find(null));
      expect(rule, IllegalArgumentException.class, "find with an unreadable cursor",
          () -> t.find(FindRequest.of(K, "v").after("not a cursor \u0000")));
      expect(rule, IllegalArgumentException.class, "enqueue(null)", () -> t.enqueue(null));
    });
    expect(rule, IllegalArgumentException.class, "transact(null)",
        () -> storageUnderTest().transact(null));
    IllegalArgumentException tooBig = expect(rule, IllegalArgumentException.class,
        "a body one byte over the limit",
        () -> StoredRecord.of(K, "a", new byte[Limits.MAX_BODY_BYTES + 1]));
    check(rule, tooBig.getMessage().contains("body"), "the message to name the body, got: "
        + tooBig.getMessage());
    same(rule, Optional.empty(), read(storageUnderTest(), K, "a"), "a record after refusals");
  }

  // ---- helpers ------------------------------------------------------------------------------

  /**
   * The ids of records, in order.
   *
   * @param records the records
   * @return their ids
   */
  protected static List<String> ids(List<StoredRecord> records) {
    return records.stream().map(StoredRecord::id).collect(Collectors.toList());
  }

  /**
   * A small message for the notifier, due at the given time.
   *
   * @param id the message id
   * @param dueAt the due time
   * @return the message
   */
  protected static OutboxMessage message(String id, java.time.Instant dueAt) {
    return OutboxMessage.of(id, "notifier", "tck.test", id.getBytes(
        java.nio.charset.StandardCharsets.UTF_8), dueAt, "tck/" + id);
  }
}
