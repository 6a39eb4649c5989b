/**
 * The notification contract: how a host receives what Zhuli has to say.
 *
 * <p>{@link dev.zhuli.spi.notify.Notifier} is people-facing: a {@link
 * dev.zhuli.spi.notify.Notification} for parties (SMS, WeChat, e-mail, as the host delivers).
 * {@link dev.zhuli.spi.notify.EventSubscriber} is system-facing: every committed change emits a
 * {@link dev.zhuli.spi.notify.DomainEvent} to each registered subscriber, for read models, search
 * indexes and audit exports. Both are fed from the outbox by Zhuli's relay, at least once: returning
 * means delivered, throwing means try again later, and receivers de-duplicate on the id.
 *
 * <p>This package depends on the JDK only.
 *
 * @since 0.1.0
 */
package dev.zhuli.spi.notify;
