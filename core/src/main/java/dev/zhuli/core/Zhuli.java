package dev.zhuli.core;

import dev.zhuli.core.access.AccessPolicy;
import dev.zhuli.core.mentorship.Mentorship;
import dev.zhuli.core.mentorship.MentorshipFeature;
import dev.zhuli.core.mentorship.MentorshipSettings;
import dev.zhuli.core.mentorship.Supervision;
import dev.zhuli.core.order.OrderFeature;
import dev.zhuli.core.order.OrderSettings;
import dev.zhuli.core.order.Orders;
import dev.zhuli.core.relay.Relay;
import dev.zhuli.core.relay.RelaySettings;
import dev.zhuli.core.relay.Relays;
import dev.zhuli.core.roster.Roster;
import dev.zhuli.core.roster.Rosters;
import dev.zhuli.core.store.Codec;
import dev.zhuli.core.store.CommandRunner;
import dev.zhuli.core.store.InMemoryStorage;
import dev.zhuli.spi.notify.EventSubscriber;
import dev.zhuli.spi.notify.Notifier;
import dev.zhuli.spi.storage.Storage;
import dev.zhuli.spi.storage.Storages;
import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Zhuli, embedded: the entry point a host builds once and shares.
 *
 * <pre>{@code
 * try (Zhuli zhuli = Zhuli.builder().build()) {          // in memory, system clock
 *   Roster roster = zhuli.roster();
 *   Region weinan = roster.createRegion(Actor.system("setup"),
 *       new NewRegion.Builder().name("渭南市").level(RegionLevel.CITY).build());
 * }
 * }</pre>
 *
 * <p>Thread-safe: every feature may be used from any number of threads at once. Closing it
 * closes the {@link #relay() relay} first, then the store if Zhuli opened it (the default
 * in-memory store, or one opened by provider name), never a store the host passed in; after
 * closing, every call throws {@link IllegalStateException}.
 *
 * @since 0.1.0
 */
public final class Zhuli implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Zhuli.class);

  private final Storage storage;
  private final boolean ownsStorage;
  private final Clock clock;
  private final ZoneId defaultTimeZone;
  private final Notifier notifier;
  private final Map<String, EventSubscriber> subscribers;
  private final CommandRunner runner;
  private final Roster roster;
  private final Orders orders;
  private final Mentorship mentorship;
  private final Supervision supervision;
  private final Relay relay;

  private Zhuli(Builder b, Storage storage, boolean ownsStorage) {
    this.storage = storage;
    this.ownsStorage = ownsStorage;
    this.clock = b.clock;
    this.defaultTimeZone = b.defaultTimeZone;
    this.notifier = b.notifier;
    this.subscribers = Map.copyOf(b.subscribers);
    IdGenerator ids = b.ids != null ? b.ids : IdGenerator.timeOrdered(b.clock);
    Codec codec = Codec.create();
    this.runner = new CommandRunner(storage, codec, clock, ids::next, b.accessPolicy,
        List.copyOf(b.subscribers.keySet()), b.maxAttempts);
    this.roster = Rosters.create(runner, defaultTimeZone);
    this.orders = OrderFeature.create(runner, b.orderSettings);
    this.mentorship = MentorshipFeature.create(runner, b.mentorshipSettings);
    this.supervision = MentorshipFeature.supervision(runner, b.mentorshipSettings);
    Orders swept = orders;
    Supervision inspected = supervision;
    this.relay = Relays.create(storage.outbox(), codec, notifier, subscribers, clock, ids,
        b.relaySettings, List.of(now -> swept.sweep(now), now -> inspected.sweep(now)));
  }

  /**
   * A builder with the defaults: in-memory storage, a notifier that logs, no subscribers, the
   * system clock in UTC, time-ordered ids, the standard access policy, Asia/Shanghai as the
   * default time zone, and 5 runs per command before a conflict is reported.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Who is who: regions, villages, help groups, squads and members.
   *
   * @return the roster
   */
  public Roster roster() {
    return roster;
  }

  /**
   * Villages' orders for help: place, dispatch, accept, work, resolve, rate.
   *
   * @return the orders
   */
  public Orders orders() {
    return orders;
  }

  /**
   * Mentorship trees (蛛網式管理): programs, experts, demonstration households and growers.
   *
   * @return the mentorship feature
   */
  public Mentorship mentorship() {
    return mentorship;
  }

  /**
   * Supervision and outcomes of mentorship trees: visits, inspections, harvests, compliance,
   * the disparity report and year-end bonuses.
   *
   * @return the supervision feature
   */
  public Supervision supervision() {
    return supervision;
  }

  /**
   * The relay, which delivers what commands committed to the outbox to the {@link #notifier()}
   * and the {@link #subscribers()}. Built with Zhuli but not started: call
   * {@link Relay#start()}, or {@link Relay#pollOnce(java.time.Instant)} from a scheduler. Once
   * started it also runs the service-level sweep ({@link Orders#sweep}) and the inspection sweep
   * ({@link Supervision#sweep}) every {@link RelaySettings#sweepInterval()}.
   *
   * @return the relay
   * @since 0.1.0
   */
  public Relay relay() {
    return relay;
  }

  /**
   * The clock commands read.
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  /**
   * The time zone of groups created without one.
   *
   * @return the zone
   */
  public ZoneId defaultTimeZone() {
    return defaultTimeZone;
  }

  /**
   * The notifier people-facing messages are delivered to by the relay.
   *
   * @return the notifier
   */
  public Notifier notifier() {
    return notifier;
  }

  /**
   * The event subscribers, by name.
   *
   * @return an unmodifiable map
   */
  public Map<String, EventSubscriber> subscribers() {
    return subscribers;
  }

  /**
   * The store, for hosts that run the relay or copy data; Zhuli keeps owning it if it opened it.
   *
   * @return the store
   */
  public Storage storage() {
    return storage;
  }

  /**
   * Closes the relay (which waits its grace period for deliveries in progress and hands back what
   * it still holds), stops accepting commands, and closes the store if Zhuli opened it.
   * Idempotent.
   */
  @Override
  public void close() {
    relay.close();
    if (runner.close() && ownsStorage) {
      storage.close();
    }
  }

  /**
   * Configures and builds {@link Zhuli}. Not thread-safe; build once and share the result.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private static final Pattern SUBSCRIBER = Pattern.compile("[a-z0-9][a-z0-9._-]{0,47}");

    private Storage storage;
    private String providerName;
    private Map<String, String> providerSettings = Map.of();
    private Notifier notifier = new LoggingNotifier();
    private final Map<String, EventSubscriber> subscribers = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();
    private IdGenerator ids;
    private AccessPolicy accessPolicy = AccessPolicy.standard();
    private ZoneId defaultTimeZone = ZoneId.of("Asia/Shanghai");
    private int maxAttempts = 5;
    private OrderSettings orderSettings = OrderSettings.defaults();
    private MentorshipSettings mentorshipSettings = MentorshipSettings.defaults();
    private RelaySettings relaySettings = RelaySettings.defaults();

    private Builder() {}

    /**
     * How the relay delivers; {@link RelaySettings#defaults()} unless set.
     *
     * @param settings the settings
     * @return this builder
     * @since 0.1.0
     */
    public Builder relaySettings(RelaySettings settings) {
      this.relaySettings = Checks.notNull("relaySettings", settings);
      return this;
    }

    /**
     * The numbers of the order lifecycle; {@link OrderSettings#defaults()} unless set.
     *
     * @param settings the settings
     * @return this builder
     */
    public Builder orderSettings(OrderSettings settings) {
      this.orderSettings = Checks.notNull("orderSettings", settings);
      return this;
    }

    /**
     * The numbers of mentorship: inspection interval, plausible harvests, the bonus policy;
     * {@link MentorshipSettings#defaults()} unless set.
     *
     * @param settings the settings
     * @return this builder
     */
    public Builder mentorshipSettings(MentorshipSettings settings) {
      this.mentorshipSettings = Checks.notNull("mentorshipSettings", settings);
      return this;
    }

    /**
     * Uses a store the host opened and will close; Zhuli never closes it.
     *
     * @param storage the store
     * @return this builder
     */
    public Builder storage(Storage storage) {
      this.storage = Checks.notNull("storage", storage);
      this.providerName = null;
      return this;
    }

    /**
     * Opens a store through the storage provider with this name (see
     * {@link Storages#named(String)}); Zhuli closes it when closed.
     *
     * @param name the provider's name, for example {@code jdbc}
     * @param settings the provider's settings
     * @return this builder
     */
    public Builder storage(String name, Map<String, String> settings) {
      this.providerName = Checks.notNull("storage provider name", name);
      this.providerSettings = Map.copyOf(Checks.notNull("storage settings", settings));
      this.storage = null;
      return this;
    }

    /**
     * Delivers notifications to people through this notifier.
     *
     * @param notifier the notifier
     * @return this builder
     */
    public Builder notifier(Notifier notifier) {
      this.notifier = Checks.notNull("notifier", notifier);
      return this;
    }

    /**
     * Registers an event subscriber; it receives every event committed from then on (events
     * committed before it was first registered are not kept for it). If a later build no longer
     * registers a name, the relay buries that name's pending events as dead letters, which
     * {@link Relay#reviveAll()} brings back once it is registered again, or
     * {@link Relay#purge(String)} removes for good. Instances sharing a store should register the
     * same subscribers.
     *
     * @param name a stable name, 1 to 48 characters of {@code a–z 0–9 . _ -}; its pending events
     *     are kept under it
     * @param subscriber the subscriber
     * @return this builder
     */
    public Builder subscriber(String name, EventSubscriber subscriber) {
      if (name == null || !SUBSCRIBER.matcher(name).matches()) {
        throw new ValidationException("subscriber.name",
            "must be 1 to 48 characters of a-z 0-9 . _ - starting with a letter or digit");
      }
      if (subscribers.containsKey(name)) {
        throw new ValidationException(ErrorCode.DUPLICATE_NAME, "subscriber.name",
            "'" + name + "' is registered already");
      }
      subscribers.put(name, Checks.notNull("subscriber", subscriber));
      return this;
    }

    /**
     * The clock every command reads once; inject a fixed or stepping clock in tests.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Checks.notNull("clock", clock);
      return this;
    }

    /**
     * Makes new ids; the default is {@link IdGenerator#timeOrdered(Clock)} on the clock.
     *
     * @param ids the generator
     * @return this builder
     */
    public Builder ids(IdGenerator ids) {
      this.ids = Checks.notNull("ids", ids);
      return this;
    }

    /**
     * Decides who may do what; the default is {@link AccessPolicy#standard()}.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder accessPolicy(AccessPolicy policy) {
      this.accessPolicy = Checks.notNull("accessPolicy", policy);
      return this;
    }

    /**
     * The time zone of groups created without one; Asia/Shanghai by default.
     *
     * @param zone the zone
     * @return this builder
     */
    public Builder defaultTimeZone(ZoneId zone) {
      this.defaultTimeZone = Checks.notNull("defaultTimeZone", zone);
      return this;
    }

    /**
     * How many times a command runs when concurrent changes conflict, before it fails with a
     * {@link ConcurrentUpdateException}; 5 by default.
     *
     * @param attempts 1 to 100
     * @return this builder
     */
    public Builder maxAttempts(int attempts) {
      if (attempts < 1 || attempts > 100) {
        throw new ValidationException("maxAttempts", "must be between 1 and 100, was "
            + attempts);
      }
      this.maxAttempts = attempts;
      return this;
    }

    /**
     * Builds Zhuli. Opens the store if a provider was named (or the in-memory store if none was
     * given). Does not start the relay.
     *
     * @return Zhuli
     */
    public Zhuli build() {
      if (storage != null) {
        return new Zhuli(this, storage, false);
      }
      Storage opened = providerName != null
          ? Storages.named(providerName).open(providerSettings)
          : InMemoryStorage.create();
      LOG.debug("opened {} storage", providerName != null ? providerName : "in-memory");
      return new Zhuli(this, opened, true);
    }
  }

  /** Null checks of the builder, as validation errors. */
  private static final class Checks {
    static <T> T notNull(String field, T value) {
      if (value == null) {
        throw new ValidationException(field, "must not be null");
      }
      return value;
    }
  }
}
