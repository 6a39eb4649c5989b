package dev.zhuli.spi.notify;

/**
 * Delivers notifications to people: the host's SMS, WeChat or e-mail gateway.
 *
 * <p>Called by Zhuli's relay, never inside a command: a slow or failing notifier never blocks or
 * fails the command that raised the notification. Delivery is at least once, so implementations
 * de-duplicate on {@link Notification#id()}. Returning means delivered; throwing means try again
 * later, with backoff, until the relay gives up and keeps the notification as a dead letter.
 * Implementations must be thread-safe.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface Notifier {

  /**
   * Delivers one notification.
   *
   * @param notification the notification
   * @throws RuntimeException to have the relay try again later
   */
  void deliver(Notification notification);
}
