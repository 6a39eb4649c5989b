package dev.zhuli.core.order;

import dev.zhuli.core.GroupId;
import dev.zhuli.core.MemberId;
import dev.zhuli.core.OrderId;
import dev.zhuli.core.SquadId;
import dev.zhuli.core.VillageId;
import dev.zhuli.core.roster.SquadKind;
import dev.zhuli.core.store.ValueStyle;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * A village's order for help (需求單, 點單) with its whole history: what was asked, where it stands,
 * who handles it, what they did, how it ended and how the village rated it.
 *
 * @since 0.1.0
 */
@Value.Immutable
@ValueStyle
public abstract class Order {
  Order() {}

  /**
   * The id.
   *
   * @return the id
   */
  public abstract OrderId id();

  /**
   * The help group serving the village's county.
   *
   * @return the group
   */
  public abstract GroupId group();

  /**
   * The village that asked.
   *
   * @return the village
   */
  public abstract VillageId village();

  /**
   * The cadre who placed it.
   *
   * @return the requester
   */
  public abstract MemberId requester();

  /**
   * The title.
   *
   * @return the title
   */
  public abstract String title();

  /**
   * The description.
   *
   * @return the description
   */
  public abstract String description();

  /**
   * What it is about.
   *
   * @return the category
   */
  public abstract OrderCategory category();

  /**
   * How urgent.
   *
   * @return the urgency
   */
  public abstract Urgency urgency();

  /**
   * The kind of squad the village asked for, if any.
   *
   * @return the kind
   */
  public abstract Optional<SquadKind> requestedSquadKind();

  /**
   * When the village needs it by, if it said.
   *
   * @return the date
   */
  public abstract Optional<LocalDate> desiredBy();

  /**
   * Attachment references the host resolves.
   *
   * @return the references
   */
  public abstract List<String> attachments();

  /**
   * The status.
   *
   * @return the status
   */
  public abstract OrderStatus status();

  /**
   * The squad it is dispatched to or handled by; empty while placed, returned, or open for
   * claiming.
   *
   * @return the squad
   */
  public abstract Optional<SquadId> squad();

  /**
   * Whether it is open for any squad of the group to claim (搶單).
   *
   * @return the flag
   */
  public abstract boolean openForClaiming();

  /**
   * The lead handler, once accepted.
   *
   * @return the lead
   */
  public abstract Optional<MemberId> lead();

  /**
   * The helpers, from any squad of the group.
   *
   * @return the helpers
   */
  public abstract Set<MemberId> helpers();

  /**
   * When it was placed.
   *
   * @return the time
   */
  public abstract Instant placedAt();

  /**
   * When it was last accepted or assigned.
   *
   * @return the time
   */
  public abstract Optional<Instant> acceptedAt();

  /**
   * When it was last resolved.
   *
   * @return the time
   */
  public abstract Optional<Instant> resolvedAt();

  /**
   * When it was closed or cancelled.
   *
   * @return the time
   */
  public abstract Optional<Instant> closedAt();

  /**
   * How it was closed, once closed.
   *
   * @return the closure
   */
  public abstract Optional<Closure> closure();

  /**
   * The completion report, once resolved.
   *
   * @return the report
   */
  public abstract Optional<String> report();

  /**
   * Outcome figures of the completion report, for example {@code workers → 50}.
   *
   * @return the figures
   */
  public abstract Map<String, BigDecimal> outcome();

  /**
   * How many times squads returned it.
   *
   * @return the count
   */
  public abstract int returns();

  /**
   * Returns per squad.
   *
   * @return squad to count
   */
  public abstract Map<SquadId, Integer> returnsBySquad();

  /**
   * How many times it reopened (after a poor rating or a disputed verification).
   *
   * @return the count
   */
  public abstract int reopens();

  /**
   * Every transition, in order.
   *
   * @return the timeline
   */
  public abstract List<TimelineEntry> timeline();

  /**
   * Every activity, voided ones included.
   *
   * @return the activities
   */
  public abstract List<Activity> activities();

  /**
   * Every rating given.
   *
   * @return the ratings
   */
  public abstract List<Rating> ratings();

  /**
   * An open order of the same village and category with a similar title, found when this one was
   * placed: a hint for the coordinator, who may merge them.
   *
   * @return the possible duplicate
   */
  public abstract Optional<OrderId> possibleDuplicateOf();

  /**
   * The order this one was merged into, once merged.
   *
   * @return the survivor
   */
  public abstract Optional<OrderId> mergedInto();

  /**
   * The orders merged into this one.
   *
   * @return the merged orders
   */
  public abstract List<OrderId> mergedFrom();

  /**
   * Every service-level clock the order ran, oldest first; the last one runs while the order is
   * open.
   *
   * @return the clocks
   */
  public abstract List<Deadline> deadlines();

  /**
   * The running clock: what the order waits for now and by when; empty once closed or cancelled.
   *
   * @return the running clock
   */
  public Optional<Deadline> deadline() {
    List<Deadline> all = deadlines();
    return all.isEmpty() || !all.get(all.size() - 1).running() ? Optional.empty()
        : Optional.of(all.get(all.size() - 1));
  }

  /**
   * Extension requests, oldest first; at most the last one is pending.
   *
   * @return the requests
   */
  public abstract List<Extension> extensions();

  /**
   * The store's version of this order, for hosts that cache.
   *
   * @return the version
   */
  public abstract long version();
}
