package dev.zhuli.core.relay;

import dev.zhuli.core.IdGenerator;
import dev.zhuli.core.store.Codec;
import dev.zhuli.core.store.OutboxPayloads;
import dev.zhuli.spi.notify.EventSubscriber;
import dev.zhuli.spi.notify.Notifier;
import dev.zhuli.spi.storage.Outbox;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Makes the relay of a {@link dev.zhuli.core.Zhuli} instance. Hosts get it from
 * {@code Zhuli.relay()}; this factory exists so the entry point can build it from another
 * package, and so tests can run several relays on one store. Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class Relays {
  private Relays() {}

  /**
   * A relay over an outbox, not started.
   *
   * @param outbox the outbox to deliver from
   * @param codec the codec the command runner wrote the payloads with
   * @param notifier receives the notifications
   * @param subscribers receive the events, by name; copied
   * @param clock the clock of background rounds and of revivals
   * @param ids makes the owner id when the settings name none
   * @param settings how it delivers
   * @return the relay
   * @since 0.1.0
   */
  public static Relay create(Outbox outbox, Codec codec, Notifier notifier,
      Map<String, EventSubscriber> subscribers, Clock clock, IdGenerator ids,
      RelaySettings settings) {
    return create(outbox, codec, notifier, subscribers, clock, ids, settings, List.of());
  }

  /**
   * A relay over an outbox that, once started, also runs the given sweeps every
   * {@link RelaySettings#sweepInterval()} at its clock's time.
   *
   * @param outbox the store's outbox
   * @param codec the codec the payloads were written with
   * @param notifier the host's notifier
   * @param subscribers the host's event subscribers, by name
   * @param clock the clock of background rounds and sweeps
   * @param ids makes the default owner id
   * @param settings the relay's numbers
   * @param sweeps what to run periodically, such as {@code Orders::sweep}
   * @return the relay, not started
   * @since 0.1.0
   */
  public static Relay create(Outbox outbox, Codec codec, Notifier notifier,
      Map<String, EventSubscriber> subscribers, Clock clock, IdGenerator ids,
      RelaySettings settings, List<java.util.function.Consumer<java.time.Instant>> sweeps) {
    String owner = settings.owner().orElseGet(() -> "relay-" + ids.next());
    return new OutboxRelay(outbox, new OutboxPayloads(codec), notifier, subscribers, clock,
        settings, owner, sweeps);
  }
}
