package dev.zhuli.core.store;

import dev.zhuli.core.AccessDeniedException;
import dev.zhuli.core.Actor;
import dev.zhuli.core.ErrorCode;
import dev.zhuli.core.NotFoundException;
import dev.zhuli.core.PageRequest;
import dev.zhuli.core.ResultPage;
import dev.zhuli.core.ValidationException;
import dev.zhuli.core.access.AccessPolicy;
import dev.zhuli.core.access.AccessRequest;
import dev.zhuli.spi.storage.FindRequest;
import dev.zhuli.spi.storage.IndexEntry;
import dev.zhuli.spi.storage.Page;
import dev.zhuli.spi.storage.StoredRecord;
import dev.zhuli.spi.storage.Transaction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a command sees while it runs: typed reads and writes in its one transaction, the actor,
 * the time, new ids, access checks, unique names, and the events it raises.
 *
 * <p>For Zhuli's feature packages. A session lives for one run of one command; the runner may run
 * a command again on a conflict, with a new session, so commands keep no state outside it.
 *
 * @since 0.1.0
 */
public final class Session {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Session.class);
  private static final String NAME_KIND = "zhuli_name";

  private final Transaction tx;
  private final Codec codec;
  private final Actor actor;
  private final Instant now;
  private final Supplier<String> ids;
  private final AccessPolicy access;
  private final List<PendingEvent> events = new ArrayList<>();
  private final List<PendingNotification> notifications = new ArrayList<>();

  Session(Transaction tx, Codec codec, Actor actor, Instant now, Supplier<String> ids,
      AccessPolicy access) {
    this.tx = tx;
    this.codec = codec;
    this.actor = actor;
    this.now = now;
    this.ids = ids;
    this.access = access;
  }

  /**
   * The actor running the command.
   *
   * @return the actor
   */
  public Actor actor() {
    return actor;
  }

  /**
   * The time of this run, read once from Zhuli's clock.
   *
   * @return the time
   */
  public Instant now() {
    return now;
  }

  /**
   * A new id value from Zhuli's id generator.
   *
   * @return the value
   */
  public String newId() {
    return ids.get();
  }

  /**
   * Refuses the command unless the access policy permits it; a refusal is logged at INFO with the
   * actor's kind and id, the action and the target's ids, never personal data.
   *
   * @param request the action and the facts about its target
   * @throws AccessDeniedException if it does not
   */
  public void authorize(AccessRequest request) {
    if (!access.permits(actor, request)) {
      LOG.info("access denied: {} may not {} ({})", actor, request.action(), request);
      throw new AccessDeniedException(request.action().name(),
          actor + " may not " + request.action().name().toLowerCase(Locale.ROOT)
              .replace('_', ' ') + " here (" + request + ")");
    }
  }

  /**
   * Reads a value.
   *
   * @param type its persisted type
   * @param id its id
   * @param <T> the value type
   * @return the value and its version, or empty
   */
  public <T> Optional<Versioned<T>> get(PersistedType<T> type, String id) {
    return tx.get(type.kind(), id).map(r -> new Versioned<>(codec.decode(type, r.body()),
        r.version()));
  }

  /**
   * Reads a value that must exist.
   *
   * @param type its persisted type
   * @param id its id
   * @param what how to name it in the error, for example {@code "member"}
   * @param <T> the value type
   * @return the value and its version
   * @throws NotFoundException if it does not exist
   */
  public <T> Versioned<T> require(PersistedType<T> type, String id, String what) {
    return get(type, id).orElseThrow(() -> new NotFoundException(what, id));
  }

  /**
   * Finds values by an index key, in (value, id) order, a page at a time.
   *
   * @param type their persisted type
   * @param key the index key
   * @param lower the inclusive lower bound, or null
   * @param upper the inclusive upper bound, or null
   * @param page which page
   * @param <T> the value type
   * @return the page
   */
  public <T> ResultPage<Versioned<T>> find(PersistedType<T> type, String key, String lower,
      String upper, PageRequest page) {
    ResultPage<StoredRecord> found = findStored(type, key, lower, upper, page);
    List<Versioned<T>> items = new ArrayList<>(found.items().size());
    for (StoredRecord r : found.items()) {
      items.add(new Versioned<>(decode(type, r), r.version()));
    }
    return ResultPage.of(items, found.nextCursor().orElse(null));
  }

  /**
   * Finds stored records by an index key, as {@link #find} does, without decoding their bodies:
   * for a command that can decide from the records' index values alone, and {@linkplain #decode
   * decodes} only the records where it cannot.
   *
   * @param type their persisted type
   * @param key the index key
   * @param lower the inclusive lower bound, or null
   * @param upper the inclusive upper bound, or null
   * @param page which page
   * @return the page of records, each with its index entries
   */
  public ResultPage<StoredRecord> findStored(PersistedType<?> type, String key, String lower,
      String upper, PageRequest page) {
    FindRequest request = FindRequest.of(type.kind(), key).limit(page.limit());
    if (lower != null) {
      request = request.from(lower);
    }
    if (upper != null) {
      request = request.to(upper);
    }
    if (page.cursor().isPresent()) {
      request = request.after(page.cursor().get());
    }
    Page<StoredRecord> found;
    try {
      found = tx.find(request);
    } catch (IllegalArgumentException e) {
      throw new ValidationException("page.cursor", "is not a cursor of this query");
    }
    return ResultPage.of(found.items(), found.nextCursor().orElse(null));
  }

  /**
   * Decodes a record that {@link #findStored} returned.
   *
   * @param type its persisted type
   * @param record the record
   * @param <T> the value type
   * @return the value
   * @throws IllegalArgumentException if the record is of another kind than the type
   */
  public <T> T decode(PersistedType<T> type, StoredRecord record) {
    if (!record.kind().equals(type.kind())) {
      throw new IllegalArgumentException("cannot decode a " + record.kind() + " record as "
          + type.kind());
    }
    return codec.decode(type, record.body());
  }

  /**
   * Writes a value if its stored version is the expected one.
   *
   * @param type its persisted type
   * @param id its id
   * @param value the value
   * @param expectedVersion 0 to create, else the version read
   * @param index the index entries to find it by
   * @param <T> the value type
   * @return the new version
   */
  public <T> long put(PersistedType<T> type, String id, T value, long expectedVersion,
      Collection<IndexEntry> index) {
    return tx.put(StoredRecord.of(type.kind(), id, codec.encode(type, value), index),
        expectedVersion);
  }

  /**
   * Claims a name that must be unique within a scope (a squad name within its group, a town name
   * within its county). Names compare after Unicode normalisation (NFC), trimming and
   * case-folding. The claim is a record every competing command writes, so two concurrent claims
   * of one name cannot both succeed.
   *
   * @param field the field, for the error
   * @param scope the scope, for example {@code "squad:" + groupId}
   * @param name the name
   * @throws ValidationException with {@link ErrorCode#DUPLICATE_NAME} if it is taken
   */
  public void claimName(String field, String scope, String name) {
    String id = nameId(scope, name);
    if (tx.get(NAME_KIND, id).isPresent()) {
      int colon = scope.indexOf(':');
      throw new ValidationException(ErrorCode.DUPLICATE_NAME, field,
          "is already taken in this " + (colon < 0 ? scope : scope.substring(0, colon))
              + " scope");
    }
    tx.put(StoredRecord.of(NAME_KIND, id, new byte[0]), 0);
  }

  /**
   * Releases a name claimed with {@link #claimName}; does nothing if it was not claimed.
   *
   * @param scope the scope
   * @param name the name
   */
  public void releaseName(String scope, String name) {
    String id = nameId(scope, name);
    tx.get(NAME_KIND, id).ifPresent(r -> tx.delete(NAME_KIND, id, r.version()));
  }

  /**
   * Makes every request key whose first result was this aggregate forget its copy of it: a
   * repeated key then returns the aggregate as it is now. Erasing personal data calls this, so
   * that no copy of the erased data stays behind.
   *
   * @param kind the aggregate's kind
   * @param id its id
   */
  public void forgetRequestResults(String kind, String id) {
    String about = kind + "/" + id;
    FindRequest request = FindRequest.of(CommandRunner.REQUEST_KIND, CommandRunner.ABOUT)
        .equalTo(about).limit(100);
    FindRequest next = request;
    while (true) {
      Page<StoredRecord> page = tx.find(next);
      for (StoredRecord r : page.items()) {
        CommandRunner.RequestRecord remembered =
            codec.decodeValue(r.body(), CommandRunner.RequestRecord.class);
        if (remembered.resultJson() != null) {
          CommandRunner.RequestRecord forgotten = remembered.forgotten();
          tx.put(StoredRecord.of(r.kind(), r.id(), codec.encodeValue(forgotten),
              forgotten.index()), r.version());
        }
      }
      if (page.nextCursor().isEmpty()) {
        return;
      }
      next = request.after(page.nextCursor().get());
    }
  }

  /**
   * Raises a domain event, delivered to every registered subscriber after the command commits.
   *
   * @param type what happened, for example {@code "roster.member.added"}
   * @param aggregateKind the kind of the changed aggregate
   * @param aggregateId its id
   * @param version its version after the change
   * @param payload the details; encoded as JSON
   */
  public void emit(String type, String aggregateKind, String aggregateId, long version,
      Object payload) {
    events.add(new PendingEvent(type, aggregateKind, aggregateId, version, payload));
  }

  /**
   * Raises a notification for people, delivered to the notifier after the command commits. The
   * recipients are party ids already resolved from roles (for example the group's coordinator);
   * a notification with no recipient is dropped, since nobody is there to tell.
   *
   * @param type what it is about, for example {@code "order.placed"}
   * @param recipients party ids
   * @param templateKey the template to render
   * @param parameters the template's parameters
   * @param aggregateKind the kind of the aggregate it is about
   * @param aggregateId its id
   */
  public void notify(String type, Collection<String> recipients, String templateKey,
      java.util.Map<String, String> parameters, String aggregateKind, String aggregateId) {
    List<String> distinct = new ArrayList<>(new java.util.LinkedHashSet<>(recipients));
    if (!distinct.isEmpty()) {
      notifications.add(new PendingNotification(type, distinct, templateKey,
          java.util.Map.copyOf(parameters), aggregateKind, aggregateId));
    }
  }

  List<PendingEvent> events() {
    return events;
  }

  List<PendingNotification> notifications() {
    return notifications;
  }

  Transaction transaction() {
    return tx;
  }

  private static String nameId(String scope, String name) {
    return "n-" + sha256(scope + "\u0000" + fold(name));
  }

  /**
   * A name as it is compared: trimmed, NFC-normalised and case-folded (upper-cased, then
   * lower-cased, so that "Straße" meets "STRASSE" and a final sigma meets a medial one), then
   * NFC-normalised again, since case mapping may decompose ("ΐ" upper-cases to three code points).
   *
   * @param name the name
   * @return the folded name
   */
  public static String fold(String name) {
    return Normalizer.normalize(Normalizer.normalize(name.strip(), Normalizer.Form.NFC)
        .toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
  }

  static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder(64);
      for (byte b : digest) {
        hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** An event raised during the run, sent when it commits. */
  static final class PendingEvent {
    final String type;
    final String aggregateKind;
    final String aggregateId;
    final long version;
    final Object payload;

    PendingEvent(String type, String aggregateKind, String aggregateId, long version,
        Object payload) {
      this.type = type;
      this.aggregateKind = aggregateKind;
      this.aggregateId = aggregateId;
      this.version = version;
      this.payload = payload;
    }
  }

  /** A notification raised during the run, sent when it commits. */
  record PendingNotification(String type, List<String> recipients, String templateKey,
      java.util.Map<String, String> parameters, String aggregateKind, String aggregateId) {}
}
