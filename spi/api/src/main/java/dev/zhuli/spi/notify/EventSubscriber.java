package dev.zhuli.spi.notify;

/**
 * Receives every committed change as a {@link DomainEvent}: for the host's read models, search
 * indexes and audit exports. Registered with Zhuli by name; a subscriber receives the events
 * committed after it was registered.
 *
 * <p>Delivery is at least once and in no guaranteed order: use {@link DomainEvent#id()} to
 * de-duplicate and {@link DomainEvent#version()} to order the events of one aggregate. Returning
 * means handled; throwing means try again later. Implementations must be thread-safe.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface EventSubscriber {

  /**
   * Handles one event.
   *
   * @param event the event
   * @throws RuntimeException to have the relay try again later
   */
  void on(DomainEvent event);
}
