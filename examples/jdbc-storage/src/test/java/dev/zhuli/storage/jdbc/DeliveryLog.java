package dev.zhuli.storage.jdbc;

import dev.zhuli.core.relay.RelaySettings;
import dev.zhuli.spi.notify.DomainEvent;
import dev.zhuli.spi.notify.EventSubscriber;
import dev.zhuli.spi.notify.Notification;
import dev.zhuli.spi.notify.Notifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The notifier and event subscriber of one instance in {@link MultiInstanceTest}: each delivery
 * is reported as a line, {@code delivered <message id> <relay> <destination> <aggregate>
 * <version>}. While a callback runs, it holds a marker file named after the message id in a
 * folder every JVM shares; a second delivery of the same message that starts meanwhile, in any
 * JVM, finds the marker and reports {@code overlap <message id> <relay>}. The marker is held a
 * couple of milliseconds, so that an overlap would have a window to show.
 */
final class DeliveryLog {
  /** The event subscriber every instance registers, under the same name. */
  static final String SUBSCRIBER = "audit";
  private static final long HOLD_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
  private final Path inflight;
  private final String relay;
  private final Consumer<String> sink;

  /**
   * @param inflight the shared folder of markers
   * @param relay the relay's owner name, reported with each delivery
   * @param sink receives the lines; must be thread-safe
   */
  DeliveryLog(Path inflight, String relay, Consumer<String> sink) {
    this.inflight = inflight;
    this.relay = relay;
    this.sink = sink;
  }

  /** How an instance's relay runs in this test: quick polls, a short grace, a named owner. */
  static RelaySettings settings(String owner) {
    return new RelaySettings.Builder().owner(owner).threads(2).batchSize(10)
        .pollInterval(Duration.ofMillis(20)).closeGrace(Duration.ofSeconds(5)).build();
  }

  Notifier notifier() {
    return this::notification;
  }

  EventSubscriber subscriber() {
    return this::event;
  }

  private void notification(Notification n) {
    // A notification's message id is the notification's id.
    deliver(n.id(), "notifier", "-", 0);
  }

  private void event(DomainEvent e) {
    // An event's message id is the event's id and the subscriber's name.
    deliver(e.id() + "." + SUBSCRIBER, "subscriber:" + SUBSCRIBER,
        e.aggregateKind() + "/" + e.aggregateId(), e.version());
  }

  private void deliver(String messageId, String destination, String aggregate, long version) {
    Path marker = inflight.resolve(messageId);
    boolean entered;
    try {
      Files.createFile(marker);
      entered = true;
    } catch (FileAlreadyExistsException e) {
      entered = false;
      sink.accept("overlap " + messageId + " " + relay);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      sink.accept("delivered " + messageId + " " + relay + " " + destination + " " + aggregate
          + " " + version);
      LockSupport.parkNanos(HOLD_NANOS);
    } finally {
      if (entered) {
        try {
          Files.delete(marker);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }
}
