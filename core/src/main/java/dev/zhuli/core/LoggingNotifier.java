package dev.zhuli.core;

import dev.zhuli.spi.notify.Notification;
import dev.zhuli.spi.notify.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default notifier: logs each notification's type, template and id at INFO, never its
 * parameters or recipients (personal data), so a host that has not yet wired SMS or WeChat sees
 * what would have gone out.
 */
final class LoggingNotifier implements Notifier {
  private static final Logger LOG = LoggerFactory.getLogger("dev.zhuli.notifications");

  @Override
  public void deliver(Notification notification) {
    LOG.info("notification {}", notification);
  }
}
