/**
 * The relay: how what commands committed to the outbox reaches the host.
 *
 * <p>Every command puts its notifications (for people) and domain events (for systems) into the
 * outbox in the same transaction as its records, one message per destination: the notifier, or
 * one named event subscriber. The {@link dev.zhuli.core.relay.Relay} takes them out again: it
 * claims due messages under a lease, calls the host's {@link dev.zhuli.spi.notify.Notifier} or
 * {@link dev.zhuli.spi.notify.EventSubscriber} with a timeout shorter than the lease, and
 * acknowledges, retries with backoff, or, after the last attempt, buries the message as a dead
 * letter that the host can list, inspect, revive or purge. Nothing committed is lost, a failing or
 * hung callback never reaches a command, and fencing tokens keep two instances from settling the
 * same delivery. {@link dev.zhuli.core.relay.RelaySettings} holds its numbers and
 * {@link dev.zhuli.core.relay.RelayStatistics} what it has done.
 *
 * <p>{@link dev.zhuli.core.relay.TemplateRenderer} is the optional other half of a notifier: it
 * renders a notification's template in simplified Chinese, traditional Chinese or English, with
 * the templates Zhuli ships and any the host overrides.
 *
 * <p>Hosts get the relay from {@code Zhuli.relay()}; {@link dev.zhuli.core.relay.Relays} builds
 * it for Zhuli and for tests that run several relays on one store.
 *
 * @since 0.1.0
 */
package dev.zhuli.core.relay;
