package dev.zhuli.core.store;

import dev.zhuli.core.Actor;
import dev.zhuli.core.ConcurrentUpdateException;
import dev.zhuli.core.ErrorCode;
import dev.zhuli.core.StorageFailureException;
import dev.zhuli.core.ValidationException;
import dev.zhuli.core.access.AccessPolicy;
import dev.zhuli.spi.storage.ConflictException;
import dev.zhuli.spi.storage.IndexEntry;
import dev.zhuli.spi.storage.Limits;
import dev.zhuli.spi.storage.OutboxMessage;
import dev.zhuli.spi.storage.Storage;
import dev.zhuli.spi.storage.StorageException;
import dev.zhuli.spi.storage.StoredRecord;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs commands the way DESIGN.md promises: one transaction each, loading state, deciding, and
 * committing records and outbox messages together; re-running the whole command a bounded number
 * of times when a concurrent change conflicts; and answering a repeated request key with the first
 * result, changing nothing.
 *
 * <p>For Zhuli's feature packages. Thread-safe: any number of commands may run at once.
 *
 * @since 0.1.0
 */
public final class CommandRunner {
  private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);
  static final String REQUEST_KIND = "zhuli_request";
  static final String ABOUT = "about";
  private static final Pattern REQUEST_KEY = Pattern.compile("[\\x21-\\x7e]{1,64}");
  /** The outbox destination of events for a subscriber: this prefix and its name. */
  public static final String SUBSCRIBER_PREFIX = "subscriber:";
  /** The outbox destination of notifications for people. */
  public static final String NOTIFIER = "notifier";

  private final Storage storage;
  private final Codec codec;
  private final Clock clock;
  private final Supplier<String> ids;
  private final AccessPolicy access;
  private final List<String> subscribers;
  private final int maxAttempts;
  private final java.util.concurrent.atomic.AtomicBoolean closed;

  /**
   * Creates a runner.
   *
   * @param storage the store
   * @param codec the codec
   * @param clock the clock every command reads once
   * @param ids makes new ids
   * @param access the access policy
   * @param subscribers the names of the event subscribers; each gets every event
   * @param maxAttempts how many times a command runs before a conflict is reported, at least 1
   */
  public CommandRunner(Storage storage, Codec codec, Clock clock, Supplier<String> ids,
      AccessPolicy access, List<String> subscribers, int maxAttempts) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    this.storage = storage;
    this.codec = codec;
    this.clock = clock;
    this.ids = ids;
    this.access = access;
    this.subscribers = List.copyOf(subscribers);
    this.maxAttempts = maxAttempts;
    this.closed = new java.util.concurrent.atomic.AtomicBoolean();
  }

  private CommandRunner(CommandRunner base, Clock clock) {
    this.storage = base.storage;
    this.codec = base.codec;
    this.clock = clock;
    this.ids = base.ids;
    this.access = base.access;
    this.subscribers = base.subscribers;
    this.maxAttempts = base.maxAttempts;
    this.closed = base.closed;
  }

  /**
   * The same runner with its clock stopped at an instant, for work judged at a time the caller
   * names (the service-level sweep); closing either closes both.
   *
   * @param now the instant every command of the result reads
   * @return a runner sharing everything but the clock
   */
  public CommandRunner at(Instant now) {
    return new CommandRunner(this, Clock.fixed(now, java.time.ZoneOffset.UTC));
  }

  /**
   * Runs a command that changes state, whose result holds no personal data: a repeated request
   * key returns a copy of the first result, kept with the key.
   *
   * @param name the command's name, for example {@code "roster.addMember"}; scopes request keys
   * @param actor the actor
   * @param requestKey the caller's request key, or null
   * @param input what the command was asked, to tell a repeat from a different request under
   *     the same key; encoded as JSON and kept only as a hash
   * @param resultType the class of the result, to read a stored first result back
   * @param work loads, decides and writes through the session; may run more than once
   * @param <R> the result type: a value the codec can encode
   * @return the result, or the first result of an earlier run with the same request key
   */
  public <R> R run(String name, Actor actor, String requestKey, Object input,
      Class<R> resultType, Function<Session, R> work) {
    return run(name, actor, requestKey, input, work, new Replay<R>() {
      @Override
      public RequestRecord remember(String fingerprint, R result) {
        return new RequestRecord(fingerprint,
            new String(codec.encodeValue(result), StandardCharsets.UTF_8), null);
      }

      @Override
      public R recall(Session session, RequestRecord earlier) {
        return codec.decodeValue(earlier.resultJson().getBytes(StandardCharsets.UTF_8),
            resultType);
      }
    });
  }

  /**
   * Runs a command that changes state and returns an aggregate. A repeated request key returns
   * the aggregate as the first run returned it. The key remembers which aggregate that was, so
   * that erasing personal data can make it forget the copy
   * ({@link Session#forgetRequestResults}); a forgotten key returns the aggregate as it is now.
   *
   * @param name the command's name; scopes request keys
   * @param actor the actor
   * @param requestKey the caller's request key, or null
   * @param input what the command was asked; kept only as a hash
   * @param type the aggregate's persisted type
   * @param idOf the aggregate's id
   * @param work loads, decides and writes through the session; may run more than once
   * @param <R> the aggregate type
   * @return the aggregate, or, for a repeated key, the aggregate the first run returned
   */
  public <R> R run(String name, Actor actor, String requestKey, Object input,
      PersistedType<R> type, Function<R, String> idOf, Function<Session, R> work) {
    return run(name, actor, requestKey, input, work, new Replay<R>() {
      @Override
      public RequestRecord remember(String fingerprint, R result) {
        return new RequestRecord(fingerprint,
            new String(codec.encodeValue(result), StandardCharsets.UTF_8),
            type.kind() + "/" + idOf.apply(result));
      }

      @Override
      public R recall(Session session, RequestRecord earlier) {
        if (earlier.resultJson() != null) {
          return codec.decodeValue(earlier.resultJson().getBytes(StandardCharsets.UTF_8),
              type.type());
        }
        String about = earlier.about();
        return session.require(type, about.substring(about.indexOf('/') + 1), type.kind())
            .value();
      }
    });
  }

  private <R> R run(String name, Actor actor, String requestKey, Object input,
      Function<Session, R> work, Replay<R> replay) {
    if (actor == null) {
      throw new ValidationException("actor", "must not be null");
    }
    String requestId = requestKey == null ? null : requestId(name, requestKey);
    String fingerprint = requestKey == null ? null
        : Session.sha256(name + "\u0000" + actor.kind() + "\u0000" + actor.reference()
            + "\u0000" + actor.administeredRegions() + "\u0000"
            + new String(codec.encodeValue(input), StandardCharsets.UTF_8));
    return attempt(name, () -> storage.transact(tx -> {
      Session session = new Session(tx, codec, actor, clock.instant(), ids, access);
      if (requestId != null) {
        Optional<StoredRecord> stored = tx.get(REQUEST_KIND, requestId);
        if (stored.isPresent()) {
          RequestRecord earlier = codec.decodeValue(stored.get().body(), RequestRecord.class);
          if (!earlier.fingerprint().equals(fingerprint)) {
            throw new ValidationException(ErrorCode.REQUEST_KEY_REUSED, "requestKey",
                "was used before for a different request; use a new key for a new request");
          }
          return replay.recall(session, earlier);
        }
      }
      R result = work.apply(session);
      if (requestId != null) {
        RequestRecord remembered = replay.remember(fingerprint, result);
        tx.put(StoredRecord.of(REQUEST_KIND, requestId, codec.encodeValue(remembered),
            remembered.index()), 0);
      }
      enqueueEvents(session);
      enqueueNotifications(session);
      return result;
    }));
  }

  /** How a request key keeps and gives back a command's first result. */
  private interface Replay<R> {
    RequestRecord remember(String fingerprint, R result);

    R recall(Session session, RequestRecord earlier);
  }

  /**
   * Runs a query: one transaction, no writes expected, no request key.
   *
   * @param name the query's name, for logs
   * @param actor the actor
   * @param work reads through the session
   * @param <R> the result type
   * @return the result
   */
  public <R> R read(String name, Actor actor, Function<Session, R> work) {
    if (actor == null) {
      throw new ValidationException("actor", "must not be null");
    }
    return attempt(name, () -> storage.transact(tx ->
        work.apply(new Session(tx, codec, actor, clock.instant(), ids, access))));
  }

  /**
   * Stops running commands: later calls throw {@link IllegalStateException}.
   *
   * @return true if this call closed it, false if it was closed already
   */
  public boolean close() {
    return closed.compareAndSet(false, true);
  }

  private <R> R attempt(String name, Supplier<R> once) {
    if (closed.get()) {
      throw new IllegalStateException("Zhuli is closed");
    }
    ConflictException last = null;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      try {
        return once.get();
      } catch (ConflictException e) {
        last = e;
        LOG.debug("{} conflicted on {} (attempt {} of {})", name, e.kind(), attempt,
            maxAttempts);
      } catch (StorageException e) {
        throw new StorageFailureException(name + " failed in the store: " + e.getMessage(), e);
      } catch (CodecException e) {
        throw new StorageFailureException(name + " read data it cannot decode: "
            + e.getMessage(), e);
      }
    }
    throw new ConcurrentUpdateException(name + " conflicted with concurrent changes "
        + maxAttempts + " times; nothing was kept, try again", last);
  }

  private void enqueueNotifications(Session session) {
    for (Session.PendingNotification n : session.notifications()) {
      String id = ids.get();
      byte[] payload = codec.encodeValue(new NotificationRecord(id, n.type(), n.recipients(),
          n.templateKey(), n.parameters()));
      session.transaction().enqueue(OutboxMessage.of(id, NOTIFIER, n.type(), payload,
          session.now(), n.aggregateKind() + "/" + n.aggregateId()));
    }
  }

  private void enqueueEvents(Session session) {
    if (subscribers.isEmpty()) {
      // nobody to deliver to: encoding the payloads would be all the cost of an event
      return;
    }
    for (Session.PendingEvent e : session.events()) {
      String eventId = ids.get();
      byte[] payload = codec.encodeValue(new EventRecord(eventId, e.type, e.aggregateKind,
          e.aggregateId, e.version, session.now().toString(),
          new String(codec.encodeValue(e.payload), StandardCharsets.UTF_8)));
      for (String subscriber : subscribers) {
        session.transaction().enqueue(OutboxMessage.of(eventId + "." + subscriber,
            SUBSCRIBER_PREFIX + subscriber, e.type, payload, session.now(),
            e.aggregateKind + "/" + e.aggregateId));
      }
    }
  }

  private static String requestId(String name, String key) {
    if (!REQUEST_KEY.matcher(key).matches()) {
      throw new ValidationException("requestKey",
          "must be 1 to 64 printable ASCII characters without spaces");
    }
    String id = name + ":" + key;
    Limits.checkId("request id", id);
    return id;
  }

  /**
   * What a request key remembers: the request's fingerprint, its first result as JSON (null once
   * forgotten), and which aggregate that result was ({@code kind/id}), if any.
   */
  record RequestRecord(String fingerprint, String resultJson, String about) {
    List<IndexEntry> index() {
      return about == null ? List.of() : List.of(IndexEntry.of(ABOUT, about));
    }

    RequestRecord forgotten() {
      return new RequestRecord(fingerprint, null, about);
    }
  }

  /** An event as it waits in the outbox; the relay turns it into a DomainEvent. */
  record EventRecord(String id, String type, String aggregateKind, String aggregateId,
      long version, String occurredAt, String payloadJson) {
    Instant occurredAtInstant() {
      return Times.parse(occurredAt);
    }
  }

  /** A notification as it waits in the outbox; the relay turns it into a Notification. */
  record NotificationRecord(String id, String type, List<String> recipients, String templateKey,
      java.util.Map<String, String> parameters) {}
}
