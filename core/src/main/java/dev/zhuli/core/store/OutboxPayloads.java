package dev.zhuli.core.store;

import dev.zhuli.core.store.CommandRunner.EventRecord;
import dev.zhuli.core.store.CommandRunner.NotificationRecord;
import dev.zhuli.spi.notify.DomainEvent;
import dev.zhuli.spi.notify.Notification;
import java.time.DateTimeException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the payloads that the {@link CommandRunner} puts into the outbox back as the messages of
 * the notification contract: a {@link Notification} for the {@link CommandRunner#NOTIFIER
 * notifier}, a {@link DomainEvent} for a {@link CommandRunner#SUBSCRIBER_PREFIX subscriber}. The
 * shapes of the payloads stay private to this package; this class is the one way out.
 *
 * <p>For Zhuli's own packages (the relay); not meant for hosts. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class OutboxPayloads {
  private final Codec codec;

  /**
   * Creates a reader.
   *
   * @param codec the codec the payloads were written with
   * @since 0.1.0
   */
  public OutboxPayloads(Codec codec) {
    if (codec == null) {
      throw new IllegalArgumentException("codec must not be null");
    }
    this.codec = codec;
  }

  /**
   * Reads a notification's payload.
   *
   * @param payload the payload of an outbox message for the notifier
   * @param localeHint the locale hint to give the notification; the outbox does not keep one
   * @return the notification
   * @throws CodecException if the payload is not a notification this version can read; the
   *     message never quotes the payload
   * @since 0.1.0
   */
  public Notification notification(byte[] payload, Locale localeHint) {
    NotificationRecord r = codec.decodeValue(payload, NotificationRecord.class);
    try {
      return Notification.of(r.id(), r.type(), r.recipients() == null ? List.of()
              : r.recipients(), r.templateKey(),
          r.parameters() == null ? Map.of() : r.parameters(), localeHint);
    } catch (IllegalArgumentException e) {
      throw new CodecException("cannot read a notification: " + e.getMessage());
    }
  }

  /**
   * Reads an event's payload.
   *
   * @param payload the payload of an outbox message for a subscriber
   * @return the event
   * @throws CodecException if the payload is not an event this version can read; the message
   *     never quotes the payload
   * @since 0.1.0
   */
  public DomainEvent event(byte[] payload) {
    EventRecord r = codec.decodeValue(payload, EventRecord.class);
    try {
      if (r.occurredAt() == null) {
        throw new IllegalArgumentException("occurredAt must not be null");
      }
      return DomainEvent.of(r.id(), r.type(), r.aggregateKind(), r.aggregateId(), r.version(),
          r.occurredAtInstant(), r.payloadJson());
    } catch (IllegalArgumentException | DateTimeException e) {
      throw new CodecException("cannot read an event: " + e.getClass().getSimpleName()
          + (e instanceof IllegalArgumentException ? ": " + e.getMessage() : ""));
    }
  }
}
