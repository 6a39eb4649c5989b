package dev.zhuli.spi.storage;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A message waiting in the outbox: a notification for the notifier or a domain event for one
 * named subscriber, committed with the records of the command that raised it.
 *
 * <p>One message goes to one destination; fan-out is one message per destination. The payload is
 * opaque bytes (at most {@value Limits#MAX_BODY_BYTES}) and carries the aggregate's version, so
 * consumers can order and de-duplicate: the outbox itself promises no order between messages.
 * The message id is unique among the messages in the outbox, dead letters included; once a
 * message is acknowledged its id is free again, so consumers de-duplicate on the payload's own
 * ids, not on the outbox's memory.
 *
 * <p>Immutable and thread-safe: the payload is copied in and out.
 *
 * @since 0.1.0
 */
public final class OutboxMessage {
  private final String id;
  private final String destination;
  private final String type;
  private final byte[] payload;
  private final Instant dueAt;
  private final String aggregateKey;

  private OutboxMessage(
      String id, String destination, String type, byte[] payload, Instant dueAt,
      String aggregateKey) {
    this.id = id;
    this.destination = destination;
    this.type = type;
    this.payload = payload;
    this.dueAt = dueAt;
    this.aggregateKey = aggregateKey;
  }

  /**
   * Creates a message.
   *
   * @param id unique id, 1 to {@value Limits#MAX_ID_LENGTH} printable ASCII characters
   * @param destination {@code "notifier"} or a subscriber's name, 1 to
   *     {@value Limits#MAX_NAME_LENGTH} printable ASCII characters
   * @param type the message type, 1 to {@value Limits#MAX_NAME_LENGTH} printable ASCII characters
   * @param payload the payload, at most {@value Limits#MAX_BODY_BYTES} bytes; copied
   * @param dueAt when it may be delivered first
   * @param aggregateKey what it is about (for example {@code "order/01J…"}), 1 to
   *     {@value Limits#MAX_AGGREGATE_KEY_LENGTH} printable ASCII characters
   * @return the message
   * @throws IllegalArgumentException if any part is null or breaks a limit
   */
  public static OutboxMessage of(
      String id, String destination, String type, byte[] payload, Instant dueAt,
      String aggregateKey) {
    Limits.checkId("message id", id);
    Limits.checkAscii("destination", destination, Limits.MAX_NAME_LENGTH);
    Limits.checkAscii("type", type, Limits.MAX_NAME_LENGTH);
    byte[] copy = Limits.checkBytes("payload", payload).clone();
    Limits.checkTime("dueAt", dueAt);
    Limits.checkAscii("aggregateKey", aggregateKey, Limits.MAX_AGGREGATE_KEY_LENGTH);
    return new OutboxMessage(id, destination, type, copy, dueAt, aggregateKey);
  }

  /**
   * The same message due at another time; what a store returns after a reschedule or revival.
   *
   * @param dueAt the new due time
   * @return the message
   */
  public OutboxMessage withDueAt(Instant dueAt) {
    return new OutboxMessage(
        id, destination, type, payload, Limits.checkTime("dueAt", dueAt), aggregateKey);
  }

  /**
   * The unique id.
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  /**
   * The destination: the notifier or one named subscriber.
   *
   * @return the destination
   */
  public String destination() {
    return destination;
  }

  /**
   * The message type.
   *
   * @return the type
   */
  public String type() {
    return type;
  }

  /**
   * A copy of the payload.
   *
   * @return the payload bytes
   */
  public byte[] payload() {
    return payload.clone();
  }

  /**
   * When the message may be delivered next.
   *
   * @return the due time
   */
  public Instant dueAt() {
    return dueAt;
  }

  /**
   * What the message is about.
   *
   * @return the aggregate key
   */
  public String aggregateKey() {
    return aggregateKey;
  }

  /**
   * Messages are equal when every field is, payload bytes included.
   *
   * @param o the other object
   * @return whether they are equal
   */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof OutboxMessage)) {
      return false;
    }
    OutboxMessage m = (OutboxMessage) o;
    return m.id.equals(id)
        && m.destination.equals(destination)
        && m.type.equals(type)
        && Arrays.equals(m.payload, payload)
        && m.dueAt.equals(dueAt)
        && m.aggregateKey.equals(aggregateKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, destination, type, Arrays.hashCode(payload), dueAt, aggregateKey);
  }

  /** Names the message; never prints the payload, which may hold personal data. */
  @Override
  public String toString() {
    return "message " + id + " (" + type + " to " + destination + " about " + aggregateKey
        + ", due " + dueAt + ", " + payload.length + " bytes)";
  }
}
