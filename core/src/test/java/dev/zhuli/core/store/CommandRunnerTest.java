package dev.zhuli.core.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zhuli.core.Actor;
import dev.zhuli.core.ConcurrentUpdateException;
import dev.zhuli.core.ErrorCode;
import dev.zhuli.core.IdGenerator;
import dev.zhuli.core.MemberId;
import dev.zhuli.core.RuleViolationException;
import dev.zhuli.core.StorageFailureException;
import dev.zhuli.core.ValidationException;
import dev.zhuli.core.ZhuliException;
import dev.zhuli.core.access.AccessPolicy;
import dev.zhuli.spi.storage.ClaimedMessage;
import dev.zhuli.spi.storage.ConflictException;
import dev.zhuli.spi.storage.FindRequest;
import dev.zhuli.spi.storage.IndexEntry;
import dev.zhuli.spi.storage.OutboxMessage;
import dev.zhuli.spi.storage.Storage;
import dev.zhuli.spi.storage.StorageException;
import dev.zhuli.spi.storage.StoredRecord;
import dev.zhuli.spi.storage.Transaction;
import dev.zhuli.spi.storage.UnitOfWork;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The command runner, driven directly with a small persisted type of its own. */
class CommandRunnerTest {
  record Counter(String id, int value) {}

  static final PersistedType<Counter> COUNTER = PersistedType.of("test_counter", Counter.class, 1);
  static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final Actor SYSTEM = Actor.system("test");
  static final Codec CODEC = Codec.create();
  static final long WAIT_SECONDS = 60;

  private final InMemoryStorage memory = InMemoryStorage.create();
  private final List<ExecutorService> pools = new ArrayList<>();

  @AfterEach
  void tearDown() {
    pools.forEach(ExecutorService::shutdownNow);
    memory.close();
  }

  // ---- helpers ------------------------------------------------------------------------------

  static CommandRunner runner(Storage storage, List<String> subscribers, int maxAttempts) {
    IdGenerator ids = IdGenerator.timeOrdered(CLOCK);
    return new CommandRunner(storage, CODEC, CLOCK, ids::next, AccessPolicy.standard(),
        subscribers, maxAttempts);
  }

  CommandRunner runner() {
    return runner(memory, List.of(), 5);
  }

  /** Writes a counter, indexed so that {@link #allCounters} finds it. */
  static long put(Session s, Counter c, long expectedVersion) {
    return s.put(COUNTER, c.id(), c, expectedVersion, List.of(IndexEntry.of("all", "x")));
  }

  /** Loads a counter, adds one and writes it back with the version read. */
  static Counter increment(Session s, String id) {
    Optional<Versioned<Counter>> current = s.get(COUNTER, id);
    int value = current.map(v -> v.value().value()).orElse(0) + 1;
    Counter next = new Counter(id, value);
    put(s, next, current.map(Versioned::version).orElse(0L));
    return next;
  }

  List<Counter> allCounters() {
    return memory.transact(tx -> tx.find(FindRequest.of(COUNTER.kind(), "all").limit(1000))
        .items().stream().map(r -> CODEC.decode(COUNTER, r.body()))
        .collect(Collectors.toList()));
  }

  Optional<Versioned<Counter>> stored(String id) {
    return memory.transact(tx -> tx.get(COUNTER.kind(), id)
        .map(r -> new Versioned<>(CODEC.decode(COUNTER, r.body()), r.version())));
  }

  List<ClaimedMessage> claimAll() {
    return memory.outbox().claim("test-relay", NOW, Duration.ofMinutes(5), 1000);
  }

  <T> List<T> race(int threads, Callable<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    pools.add(pool);
    List<Future<T>> futures = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      futures.add(pool.submit(task));
    }
    List<T> results = new ArrayList<>();
    for (Future<T> f : futures) {
      results.add(f.get(WAIT_SECONDS, TimeUnit.SECONDS));
    }
    return results;
  }

  /** A store whose next {@code failures} transactions run their work, then conflict. */
  static final class ConflictingStorage extends ForwardingStorage {
    final AtomicInteger failures;
    final AtomicInteger transactions = new AtomicInteger();

    ConflictingStorage(Storage delegate, int failures) {
      super(delegate);
      this.failures = new AtomicInteger(failures);
    }

    @Override
    public <T> T transact(UnitOfWork<T> work) {
      transactions.incrementAndGet();
      return delegate.transact(tx -> {
        T result = work.run(tx);
        if (failures.getAndDecrement() > 0) {
          throw new ConflictException(COUNTER.kind(), "c", "injected conflict");
        }
        return result;
      });
    }
  }

  // ---- one command, one transaction ---------------------------------------------------------

  @Nested
  class OneTransaction {

    @Test
    void aCommandThatWritesThenFailsKeepsNothing() {
      CommandRunner runner = runner(memory, List.of("audit"), 5);
      RuleViolationException boom = new RuleViolationException("test-rule", "refused");

      assertThatThrownBy(() -> runner.run("test.fail", SYSTEM, null, null, Counter.class, s -> {
        long v = put(s, new Counter("c", 1), 0);
        s.emit("test.counter.created", COUNTER.kind(), "c", v, new Counter("c", 1));
        s.claimName("counter.name", "counter:all", "first");
        throw boom;
      })).isSameAs(boom);

      assertThat(stored("c")).isEmpty();
      assertThat(allCounters()).isEmpty();
      assertThat(claimAll()).isEmpty();
      // the name claimed by the failed command is free
      runner.run("test.claim", SYSTEM, null, null, String.class, s -> {
        s.claimName("counter.name", "counter:all", "first");
        return "ok";
      });
    }

    @Test
    void validationFailuresPassThroughUnchangedAndKeepNothing() {
      CommandRunner runner = runner();
      Throwable thrown = catchThrowableOfType(ZhuliException.class,
          () -> runner.run("test.fail", SYSTEM, null, null, Counter.class, s -> {
            put(s, new Counter("a", 1), 0);
            put(s, new Counter("b", 1), 0);
            throw new ValidationException("counter.value", "too big");
          }));
      assertThat(thrown).isInstanceOf(ValidationException.class);
      assertThat(((ValidationException) thrown).code()).isEqualTo(ErrorCode.INVALID_INPUT);
      assertThat(allCounters()).isEmpty();
    }

    @Test
    void aCommandThatReturnsKeepsEverythingItWrote() {
      CommandRunner runner = runner();
      runner.run("test.two", SYSTEM, null, null, String.class, s -> {
        put(s, new Counter("a", 1), 0);
        put(s, new Counter("b", 2), 0);
        return "ok";
      });
      assertThat(allCounters()).containsExactlyInAnyOrder(new Counter("a", 1),
          new Counter("b", 2));
    }
  }

  // ---- conflicts ----------------------------------------------------------------------------

  @Nested
  class Conflicts {

    @Test
    void conflictsAreReRunUpToMaxAttempts() {
      ConflictingStorage store = new ConflictingStorage(memory, 4);
      CommandRunner runner = runner(store, List.of("audit"), 5);
      AtomicInteger runs = new AtomicInteger();

      Counter result = runner.run("test.inc", SYSTEM, null, null, Counter.class, s -> {
        runs.incrementAndGet();
        Counter c = increment(s, "c");
        s.emit("test.counter.incremented", COUNTER.kind(), "c", 1, c);
        return c;
      });

      assertThat(runs).hasValue(5);
      assertThat(store.transactions).hasValue(5);
      assertThat(result).isEqualTo(new Counter("c", 1));
      assertThat(stored("c")).map(Versioned::version).contains(1L);
      // the conflicting runs enqueued nothing: one event, one message
      assertThat(claimAll()).hasSize(1);
    }

    @Test
    void aCommandThatKeepsConflictingFailsWithConcurrentUpdateAndKeepsNothing() {
      ConflictingStorage store = new ConflictingStorage(memory, 5);
      CommandRunner runner = runner(store, List.of("audit"), 5);
      AtomicInteger runs = new AtomicInteger();

      ConcurrentUpdateException e = catchThrowableOfType(ConcurrentUpdateException.class,
          () -> runner.run("test.inc", SYSTEM, null, null, Counter.class, s -> {
            runs.incrementAndGet();
            Counter c = increment(s, "c");
            s.emit("test.counter.incremented", COUNTER.kind(), "c", 1, c);
            return c;
          }));

      assertThat(e).isNotNull();
      assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
      assertThat(e.getCause()).isInstanceOf(ConflictException.class);
      assertThat(e.getMessage()).contains("test.inc").contains("5");
      assertThat(runs).hasValue(5);
      assertThat(stored("c")).isEmpty();
      assertThat(claimAll()).isEmpty();
    }

    @Test
    void oneAttemptMeansNoReRun() {
      ConflictingStorage store = new ConflictingStorage(memory, 1);
      CommandRunner runner = runner(store, List.of(), 1);
      AtomicInteger runs = new AtomicInteger();
      assertThatThrownBy(() -> runner.run("test.inc", SYSTEM, null, null, Counter.class, s -> {
        runs.incrementAndGet();
        return increment(s, "c");
      })).isInstanceOf(ConcurrentUpdateException.class);
      assertThat(runs).hasValue(1);
    }

    @Test
    void readsAreReRunOnConflictsToo() {
      ConflictingStorage store = new ConflictingStorage(memory, 2);
      CommandRunner runner = runner(store, List.of(), 3);
      AtomicInteger runs = new AtomicInteger();
      int result = runner.read("test.read", SYSTEM, s -> runs.incrementAndGet());
      assertThat(result).isEqualTo(3);
    }

    @Test
    void maxAttemptsBelowOneIsRefused() {
      assertThatThrownBy(() -> runner(memory, List.of(), 0))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void twoThreadsIncrementingOneCounterLoseNoUpdate() throws Exception {
      CommandRunner runner = runner(memory, List.of(), 100);
      runner.run("test.create", SYSTEM, null, null, Counter.class,
          s -> {
            Counter c = new Counter("c", 0);
            put(s, c, 0);
            return c;
          });
      CyclicBarrier start = new CyclicBarrier(2);
      List<Integer> done = race(2, () -> {
        start.await(WAIT_SECONDS, TimeUnit.SECONDS);
        for (int i = 0; i < 200; i++) {
          runner.run("test.inc", SYSTEM, null, null, Counter.class, s -> increment(s, "c"));
        }
        return 200;
      });

      assertThat(done).containsExactly(200, 200);
      Versioned<Counter> c = stored("c").orElseThrow();
      assertThat(c.value().value()).isEqualTo(400);
      assertThat(c.version()).isEqualTo(401);
    }
  }

  // ---- store failures -----------------------------------------------------------------------

  @Nested
  class StoreFailures {

    @Test
    void aFailingStoreBecomesStorageFailure() {
      StorageException cause = new StorageException("connection lost");
      Storage broken = new ForwardingStorage(memory) {
        @Override
        public <T> T transact(UnitOfWork<T> work) {
          throw cause;
        }
      };
      CommandRunner runner = runner(broken, List.of(), 5);

      StorageFailureException e = catchThrowableOfType(StorageFailureException.class,
          () -> runner.run("test.inc", SYSTEM, null, null, Counter.class,
              s -> increment(s, "c")));
      assertThat(e).isNotNull();
      assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_FAILED);
      assertThat(e.getCause()).isSameAs(cause);

      assertThatThrownBy(() -> runner.read("test.read", SYSTEM, s -> s.get(COUNTER, "c")))
          .isInstanceOf(StorageFailureException.class)
          .extracting(t -> ((StorageFailureException) t).code())
          .isEqualTo(ErrorCode.STORAGE_FAILED);
    }

    @Test
    void aStoreFailingMidTransactionBecomesStorageFailureAndKeepsNothing() {
      Storage broken = new ForwardingStorage(memory) {
        @Override
        Transaction wrap(Transaction t) {
          return new ForwardingTransaction(t) {
            @Override
            public long put(StoredRecord record, long expectedVersion) {
              if (record.id().equals("second")) {
                throw new StorageException("disk full");
              }
              return super.put(record, expectedVersion);
            }
          };
        }
      };
      CommandRunner runner = runner(broken, List.of(), 5);
      AtomicInteger runs = new AtomicInteger();

      assertThatThrownBy(() -> runner.run("test.two", SYSTEM, null, null, String.class, s -> {
        runs.incrementAndGet();
        put(s, new Counter("first", 1), 0);
        put(s, new Counter("second", 1), 0);
        return "ok";
      })).isInstanceOf(StorageFailureException.class)
          .hasCauseInstanceOf(StorageException.class);
      assertThat(runs).as("a store failure is not re-run").hasValue(1);
      assertThat(allCounters()).isEmpty();
    }

    @Test
    void aBodyTheCodecCannotReadBecomesStorageFailure() {
      memory.transact(tx -> tx.put(StoredRecord.of(COUNTER.kind(), "garbage",
          new byte[] {(byte) 0xff, 0x00, 'x', '{'}), 0));
      CommandRunner runner = runner();

      StorageFailureException onRead = catchThrowableOfType(StorageFailureException.class,
          () -> runner.read("test.read", SYSTEM, s -> s.get(COUNTER, "garbage")));
      assertThat(onRead).isNotNull();
      assertThat(onRead.code()).isEqualTo(ErrorCode.STORAGE_FAILED);
      assertThat(onRead.getCause()).isInstanceOf(CodecException.class);

      assertThatThrownBy(() -> runner.run("test.inc", SYSTEM, null, null, Counter.class,
          s -> increment(s, "garbage")))
          .isInstanceOf(StorageFailureException.class)
          .hasCauseInstanceOf(CodecException.class);
    }

    @Test
    void aBodyFromANewerSchemaBecomesStorageFailure() {
      memory.transact(tx -> tx.put(StoredRecord.of(COUNTER.kind(), "future",
          "{\"schema\":2,\"data\":{\"id\":\"future\",\"value\":1}}".getBytes(UTF_8)), 0));
      assertThatThrownBy(() -> runner().read("test.read", SYSTEM,
          s -> s.get(COUNTER, "future")))
          .isInstanceOf(StorageFailureException.class)
          .hasCauseInstanceOf(CodecException.class);
    }
  }

  // ---- request keys -------------------------------------------------------------------------

  @Nested
  class RequestKeys {
    final CommandRunner runner = runner(memory, List.of("audit"), 5);
    final AtomicInteger runs = new AtomicInteger();

    /** Creates a new counter with a fresh id and the given value; raises one event. */
    Function<Session, Counter> create(int value) {
      return s -> {
        runs.incrementAndGet();
        Counter c = new Counter(s.newId(), value);
        long v = put(s, c, 0);
        s.emit("test.counter.created", COUNTER.kind(), c.id(), v, c);
        return c;
      };
    }

    Counter create(String name, Actor actor, String key, int value) {
      return runner.run(name, actor, key, List.of("create", value), Counter.class,
          create(value));
    }

    @Test
    void theSameKeyAndInputReturnsTheFirstResultWithoutRunningAgain() {
      Counter first = create("test.create", SYSTEM, "req-1", 7);
      Counter again = create("test.create", SYSTEM, "req-1", 7);

      assertThat(again).isEqualTo(first);
      assertThat(runs).hasValue(1);
      assertThat(allCounters()).containsExactly(first);
      assertThat(claimAll()).as("no second event").hasSize(1);
    }

    @Test
    void theSameKeyWithOtherInputIsRefused() {
      create("test.create", SYSTEM, "req-1", 7);
      ValidationException e = catchThrowableOfType(ValidationException.class,
          () -> create("test.create", SYSTEM, "req-1", 8));
      assertThat(e).isNotNull();
      assertThat(e.code()).isEqualTo(ErrorCode.REQUEST_KEY_REUSED);
      assertThat(e.field()).isEqualTo("requestKey");
      assertThat(runs).hasValue(1);
      assertThat(allCounters()).hasSize(1);
    }

    @Test
    void theSameKeyFromAnotherActorIsRefused() {
      create("test.create", Actor.system("importer"), "req-1", 7);
      for (Actor other : List.of(Actor.system("scheduler"),
          Actor.member(MemberId.of("importer")),
          Actor.administrator("importer", List.of(dev.zhuli.core.RegionId.of("r1"))))) {
        assertThatThrownBy(() -> create("test.create", other, "req-1", 7))
            .isInstanceOf(ValidationException.class)
            .satisfies(t -> {
              assertThat(((ValidationException) t).code())
                  .isEqualTo(ErrorCode.REQUEST_KEY_REUSED);
              assertThat(((ValidationException) t).field()).isEqualTo("requestKey");
            });
      }
      assertThat(runs).hasValue(1);
      assertThat(allCounters()).hasSize(1);
    }

    @Test
    void malformedKeysAreRefusedBeforeAnythingRuns() {
      for (String bad : List.of("", "with space", " lead", "tab\tkey", "é-key", "键",
          "k".repeat(65))) {
        assertThatThrownBy(() -> create("test.create", SYSTEM, bad, 1))
            .as("key <%s>", bad)
            .isInstanceOf(ValidationException.class)
            .satisfies(t -> {
              assertThat(((ValidationException) t).code()).isEqualTo(ErrorCode.INVALID_INPUT);
              assertThat(((ValidationException) t).field()).isEqualTo("requestKey");
            });
      }
      assertThat(runs).hasValue(0);
      assertThat(allCounters()).isEmpty();
    }

    @Test
    void keysOfSixtyFourPrintableCharactersAreAccepted() {
      String longest = "k".repeat(64);
      Counter first = create("test.create", SYSTEM, longest, 1);
      assertThat(create("test.create", SYSTEM, longest, 1)).isEqualTo(first);
      String punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
      Counter other = create("test.create", SYSTEM, punctuation, 1);
      assertThat(create("test.create", SYSTEM, punctuation, 1)).isEqualTo(other);
      assertThat(runs).hasValue(2);
    }

    @Test
    void keysAreScopedByCommandName() {
      Counter a = create("test.createA", SYSTEM, "req-1", 7);
      Counter b = create("test.createB", SYSTEM, "req-1", 7);
      assertThat(b).isNotEqualTo(a);
      assertThat(runs).hasValue(2);
      assertThat(allCounters()).containsExactlyInAnyOrder(a, b);
      // and each still replays within its own name
      assertThat(create("test.createA", SYSTEM, "req-1", 7)).isEqualTo(a);
      assertThat(create("test.createB", SYSTEM, "req-1", 7)).isEqualTo(b);
      assertThat(runs).hasValue(2);
    }

    @Test
    void aFailedCommandDoesNotUseUpItsKey() {
      assertThatThrownBy(() -> runner.run("test.create", SYSTEM, "req-1", List.of(1),
          Counter.class, s -> {
            create(1).apply(s);
            throw new RuleViolationException("test-rule", "not now");
          })).isInstanceOf(RuleViolationException.class);
      Counter later = runner.run("test.create", SYSTEM, "req-1", List.of(1), Counter.class,
          create(1));
      assertThat(allCounters()).containsExactly(later);
    }

    @Test
    void twoThreadsRacingOneKeyGetOneResultAndOneEffect() throws Exception {
      CyclicBarrier inside = new CyclicBarrier(2);
      Function<Session, Counter> work = s -> {
        // hold both first runs inside their transactions, past the replay check
        if (runs.incrementAndGet() <= 2) {
          try {
            inside.await(WAIT_SECONDS, TimeUnit.SECONDS);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
        return increment(s, "shared");
      };
      List<Counter> results = race(2, () -> runner.run("test.inc", SYSTEM, "race-key",
          List.of("inc", "shared"), Counter.class, work));

      assertThat(results.get(0)).isEqualTo(results.get(1)).isEqualTo(new Counter("shared", 1));
      assertThat(stored("shared")).map(v -> v.value().value()).contains(1);
      assertThat(runs).as("both ran once, the loser was answered by replay").hasValue(2);
    }
  }

  // ---- events -------------------------------------------------------------------------------

  @Nested
  class Events {
    final ObjectMapper json = new ObjectMapper();

    Counter emitOnce(CommandRunner runner) {
      return runner.run("test.create", SYSTEM, null, null, Counter.class, s -> {
        Counter c = new Counter("c", 7);
        long v = put(s, c, 0);
        s.emit("test.counter.created", COUNTER.kind(), "c", v, c);
        return c;
      });
    }

    @Test
    void anEventIsEnqueuedOncePerSubscriber() throws IOException {
      emitOnce(runner(memory, List.of("audit", "search"), 5));

      List<OutboxMessage> messages = claimAll().stream().map(ClaimedMessage::message)
          .collect(Collectors.toList());
      assertThat(messages).hasSize(2);
      assertThat(messages).extracting(OutboxMessage::destination)
          .containsExactlyInAnyOrder("subscriber:audit", "subscriber:search");
      assertThat(messages).extracting(OutboxMessage::type)
          .containsOnly("test.counter.created");
      assertThat(messages).extracting(OutboxMessage::aggregateKey)
          .containsOnly("test_counter/c");
      assertThat(messages).extracting(OutboxMessage::dueAt).containsOnly(NOW);

      Set<String> prefixes = messages.stream()
          .map(m -> m.id().substring(0, m.id().lastIndexOf('.')))
          .collect(Collectors.toSet());
      assertThat(prefixes).hasSize(1);
      String eventId = prefixes.iterator().next();
      assertThat(messages).extracting(OutboxMessage::id).containsExactlyInAnyOrder(
          eventId + ".audit", eventId + ".search");

      for (OutboxMessage m : messages) {
        JsonNode event = json.readTree(m.payload());
        assertThat(event.path("id").asText()).isEqualTo(eventId);
        assertThat(event.path("type").asText()).isEqualTo("test.counter.created");
        assertThat(event.path("aggregateKind").asText()).isEqualTo("test_counter");
        assertThat(event.path("aggregateId").asText()).isEqualTo("c");
        assertThat(event.path("version").asLong()).isEqualTo(1);
        assertThat(event.path("occurredAt").asText()).isEqualTo(NOW.toString());
        JsonNode payload = json.readTree(event.path("payloadJson").asText());
        assertThat(payload.path("id").asText()).isEqualTo("c");
        assertThat(payload.path("value").asInt()).isEqualTo(7);
      }
      assertThat(messages.get(0).payload()).isEqualTo(messages.get(1).payload());
    }

    @Test
    void aFailingCommandEnqueuesNothing() {
      CommandRunner runner = runner(memory, List.of("audit", "search"), 5);
      assertThatThrownBy(() -> runner.run("test.create", SYSTEM, null, null, Counter.class,
          s -> {
            s.emit("test.counter.created", COUNTER.kind(), "c", 1, new Counter("c", 7));
            throw new RuleViolationException("test-rule", "refused after emitting");
          })).isInstanceOf(RuleViolationException.class);
      assertThat(claimAll()).isEmpty();
    }

    @Test
    void withoutSubscribersNothingIsEnqueued() {
      emitOnce(runner(memory, List.of(), 5));
      assertThat(claimAll()).isEmpty();
      assertThat(stored("c")).isPresent();
    }

    @Test
    void eachEventGetsItsOwnId() {
      CommandRunner runner = runner(memory, List.of("audit"), 5);
      runner.run("test.two", SYSTEM, null, null, String.class, s -> {
        s.emit("test.one", COUNTER.kind(), "a", 1, new Counter("a", 1));
        s.emit("test.two", COUNTER.kind(), "b", 1, new Counter("b", 1));
        return "ok";
      });
      List<OutboxMessage> messages = claimAll().stream().map(ClaimedMessage::message)
          .collect(Collectors.toList());
      assertThat(messages).extracting(OutboxMessage::type)
          .containsExactlyInAnyOrder("test.one", "test.two");
      assertThat(messages).extracting(OutboxMessage::id).doesNotHaveDuplicates();
    }
  }

  // ---- unique names -------------------------------------------------------------------------

  @Nested
  class Names {
    final CommandRunner runner = runner();

    void claim(String scope, String name) {
      runner.run("test.claim", SYSTEM, null, null, String.class, s -> {
        s.claimName("squad.name", scope, name);
        return "ok";
      });
    }

    void release(String scope, String name) {
      runner.run("test.release", SYSTEM, null, null, String.class, s -> {
        s.releaseName(scope, name);
        return "ok";
      });
    }

    void assertTaken(String scope, String name) {
      ValidationException e = catchThrowableOfType(ValidationException.class,
          () -> claim(scope, name));
      assertThat(e).as("claim of <%s> in %s", name, scope).isNotNull();
      assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_NAME);
      assertThat(e.field()).isEqualTo("squad.name");
    }

    @Test
    void namesEqualAfterNormalisingTrimmingAndCaseCollide() {
      claim("squad:g1", "Café Team");
      assertTaken("squad:g1", "Café Team");
      assertTaken("squad:g1", "  café team\t");
      assertTaken("squad:g1", "CAFE\u0301 TEAM"); // decomposed É, NFC-equal
      claim("squad:g1", "行銷組");
      assertTaken("squad:g1", " 行銷組 ");
      assertTaken("squad:g1", "\u3000行銷組"); // ideographic space is trimmed too
    }

    // Session.claimName documents "case-folding". Unicode case folding makes a name and its
    // upper-case form the same name; lower-casing alone does not (ß, final sigma).

    @Test
    void aNameCollidesWithItsUpperCaseFormUnderCaseFoldingSharpS() {
      claim("squad:g1", "Straße");
      assertTaken("squad:g1", "Straße".toUpperCase(java.util.Locale.ROOT)); // "STRASSE"
    }

    @Test
    void aNameCollidesWithItsUpperCaseFormUnderCaseFoldingFinalSigma() {
      claim("squad:g1", "οδοσ"); // σ, not ς, at the end
      assertTaken("squad:g1", "οδοσ".toUpperCase(java.util.Locale.ROOT)); // "ΟΔΟΣ"
    }

    @Test
    void differentNamesAndDifferentScopesDoNotCollide() {
      claim("squad:g1", "Marketing");
      claim("squad:g2", "Marketing");
      claim("village:g1", "Marketing");
      claim("squad:g1", "Marketing 2");
      claim("squad:g1", "Market ing");
    }

    @Test
    void releasingANameFreesIt() {
      claim("squad:g1", "Marketing");
      release("squad:g1", " MARKETING ");
      claim("squad:g1", "marketing");
      assertTaken("squad:g1", "Marketing");
      release("squad:g1", "never claimed"); // does nothing
    }
  }

  // ---- closing ------------------------------------------------------------------------------

  @Test
  void aClosedRunnerRefusesEverything() {
    CommandRunner runner = runner();
    assertThat(runner.close()).isTrue();
    assertThat(runner.close()).isFalse();
    AtomicInteger runs = new AtomicInteger();
    assertThatThrownBy(() -> runner.run("test.inc", SYSTEM, null, null, Counter.class, s -> {
      runs.incrementAndGet();
      return increment(s, "c");
    })).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> runner.run("test.inc", SYSTEM, "key-1", List.of(1), Counter.class,
        s -> increment(s, "c"))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> runner.read("test.read", SYSTEM, s -> runs.incrementAndGet()))
        .isInstanceOf(IllegalStateException.class);
    assertThat(runs).hasValue(0);
    assertThat(stored("c")).isEmpty();
  }

  @Test
  void aNullActorIsRefused() {
    assertThatThrownBy(() -> runner().run("test.inc", null, null, null, Counter.class,
        s -> increment(s, "c")))
        .isInstanceOf(ValidationException.class)
        .extracting(t -> ((ValidationException) t).field()).isEqualTo("actor");
  }
}
