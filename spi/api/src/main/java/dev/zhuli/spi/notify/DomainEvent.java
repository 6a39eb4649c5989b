package dev.zhuli.spi.notify;

import java.time.Instant;
import java.util.Objects;

/**
 * A committed change: what happened ({@link #type()}), to which aggregate, at which version, when,
 * and the details as JSON text.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class DomainEvent {
  private final String id;
  private final String type;
  private final String aggregateKind;
  private final String aggregateId;
  private final long version;
  private final Instant occurredAt;
  private final String payloadJson;

  private DomainEvent(String id, String type, String aggregateKind, String aggregateId,
      long version, Instant occurredAt, String payloadJson) {
    this.id = id;
    this.type = type;
    this.aggregateKind = aggregateKind;
    this.aggregateId = aggregateId;
    this.version = version;
    this.occurredAt = occurredAt;
    this.payloadJson = payloadJson;
  }

  /**
   * Creates an event.
   *
   * @param id unique id of the event, the same for every subscriber
   * @param type what happened, for example {@code "roster.member.added"}
   * @param aggregateKind the kind of the changed aggregate, for example {@code "member"}
   * @param aggregateId the id of the changed aggregate
   * @param version the aggregate's version after the change, at least 1
   * @param occurredAt when the change committed, by Zhuli's clock
   * @param payloadJson the details as a JSON object
   * @return the event
   * @throws IllegalArgumentException if a part is null or blank, or the version below 1
   */
  public static DomainEvent of(String id, String type, String aggregateKind, String aggregateId,
      long version, Instant occurredAt, String payloadJson) {
    for (String[] part : new String[][] {{"id", id}, {"type", type},
        {"aggregateKind", aggregateKind}, {"aggregateId", aggregateId},
        {"payloadJson", payloadJson}}) {
      if (part[1] == null || part[1].isBlank()) {
        throw new IllegalArgumentException(part[0] + " must not be null or blank");
      }
    }
    if (version < 1) {
      throw new IllegalArgumentException("version must be at least 1, was " + version);
    }
    if (occurredAt == null) {
      throw new IllegalArgumentException("occurredAt must not be null");
    }
    return new DomainEvent(id, type, aggregateKind, aggregateId, version, occurredAt,
        payloadJson);
  }

  /**
   * The event's id; receivers de-duplicate on it.
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  /**
   * What happened, for example {@code "roster.member.added"}.
   *
   * @return the type
   */
  public String type() {
    return type;
  }

  /**
   * The kind of the changed aggregate.
   *
   * @return the kind
   */
  public String aggregateKind() {
    return aggregateKind;
  }

  /**
   * The id of the changed aggregate.
   *
   * @return the id
   */
  public String aggregateId() {
    return aggregateId;
  }

  /**
   * The aggregate's version after the change; orders the events of one aggregate.
   *
   * @return the version
   */
  public long version() {
    return version;
  }

  /**
   * When the change committed.
   *
   * @return the time
   */
  public Instant occurredAt() {
    return occurredAt;
  }

  /**
   * The details, a JSON object. It may hold personal data: treat it as the host treats its own.
   *
   * @return the JSON text
   */
  public String payloadJson() {
    return payloadJson;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof DomainEvent)) {
      return false;
    }
    DomainEvent e = (DomainEvent) o;
    return e.id.equals(id) && e.type.equals(type) && e.aggregateKind.equals(aggregateKind)
        && e.aggregateId.equals(aggregateId) && e.version == version
        && e.occurredAt.equals(occurredAt) && e.payloadJson.equals(payloadJson);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, type, aggregateKind, aggregateId, version, occurredAt, payloadJson);
  }

  /** Names the event without its payload, which may hold personal data. */
  @Override
  public String toString() {
    return type + " " + aggregateKind + "/" + aggregateId + "@" + version + " (" + id + ")";
  }
}
