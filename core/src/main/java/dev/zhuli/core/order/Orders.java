package dev.zhuli.core.order;

import dev.zhuli.core.Actor;
import dev.zhuli.core.GroupId;
import dev.zhuli.core.OrderId;
import dev.zhuli.core.PageRequest;
import dev.zhuli.core.ResultPage;
import dev.zhuli.core.SquadId;
import dev.zhuli.core.VillageId;
import java.util.Optional;

/**
 * Villages' orders for help, through the lifecycle 點單 → 派單 → 接單 → 辦結 → 評單.
 *
 * <p>Every change is a row of {@link Transition}, the one transition table: a command whose row
 * does not start from the order's status is refused with rule {@code order-transition}; one by an
 * actor the row does not name is refused with access denied; either way nothing changes. Each
 * committed transition appends to the order's timeline, emits a domain event
 * ({@code order.<transition>}) and puts the row's notifications into the outbox.
 *
 * <p>Who may (under the standard access policy): the village's cadres place, cancel and rate its
 * orders; the group's coordinator dispatches, opens for claiming, rules on returns, transfers,
 * merges, closes out of scope, closes unrated and records verifications; members of the target squad (of
 * any squad, for an open order) accept and return; the lead and helpers record activities and
 * resolve. The system actor may do everything. Every command takes a request key: repeating it
 * returns the first result and changes nothing. Keys are unique per command across all actors, so
 * hosts make them unique (a UUID per client action, say).
 *
 * <p>Thread-safe. Concurrent commands on one order are settled by its version: one wins, the
 * others re-run against the new state and are refused if their transition no longer applies.
 *
 * @since 0.1.0
 */
public interface Orders {

  /**
   * Places an order (點單); dispatched at once if it names a squad.
   *
   * @param actor the requester, a cadre of the village
   * @param order what is asked
   * @return the order, PLACED or DISPATCHED
   */
  Order place(Actor actor, NewOrder order);

  /**
   * Dispatches a placed or returned order to a squad of the group (派單).
   *
   * @param actor the coordinator
   * @param order the order
   * @param squad a squad of the group
   * @param requestKey the caller's request key, or null
   * @return the order, DISPATCHED
   */
  Order dispatch(Actor actor, OrderId order, SquadId squad, String requestKey);

  /**
   * Opens a placed or returned order for any squad of the group to claim (搶單).
   *
   * @param actor the coordinator
   * @param order the order
   * @param requestKey the caller's request key, or null
   * @return the order, DISPATCHED and open for claiming
   */
  Order openForClaiming(Actor actor, OrderId order, String requestKey);

  /**
   * Accepts a dispatched order (接單): the squad (the target, or for an open order any squad the
   * actor serves in) names a lead from its members and helpers from any squad.
   *
   * @param actor a member of the squad taking it
   * @param order the order
   * @param acceptance squad, lead and helpers
   * @return the order, ACCEPTED
   */
  Order accept(Actor actor, OrderId order, Acceptance acceptance);

  /**
   * Returns a dispatched order to the coordinator with a reason (退單); counted per order and per
   * squad.
   *
   * @param actor a member of the target squad
   * @param order the order
   * @param reason why, 1 to 500 characters
   * @param requestKey the caller's request key, or null
   * @return the order, RETURNED
   */
  Order sendBack(Actor actor, OrderId order, String reason, String requestKey);

  /**
   * The coordinator's final ruling on a returned order: it is assigned to a squad and lead.
   *
   * @param actor the coordinator
   * @param order the order
   * @param acceptance the squad (required), lead and helpers
   * @return the order, ACCEPTED
   */
  Order assign(Actor actor, OrderId order, Acceptance acceptance);

  /**
   * Closes a placed or returned order as outside the group's scope.
   *
   * @param actor the coordinator
   * @param order the order
   * @param reason why, 1 to 500 characters
   * @param requestKey the caller's request key, or null
   * @return the order, CLOSED
   */
  Order closeOutOfScope(Actor actor, OrderId order, String reason, String requestKey);

  /**
   * Transfers an order, before resolution, to another squad of the group; lead and helpers are
   * released and the new squad accepts it anew.
   *
   * @param actor the coordinator
   * @param order the order
   * @param squad another squad of the group
   * @param reason why, 1 to 500 characters
   * @param requestKey the caller's request key, or null
   * @return the order, DISPATCHED
   */
  Order transfer(Actor actor, OrderId order, SquadId squad, String reason, String requestKey);

  /**
   * Cancels an order before acceptance: an order accepted once (even if later transferred back to
   * DISPATCHED) is refused with rule {@code cancel-before-acceptance}.
   *
   * @param actor a cadre of the village
   * @param order the order
   * @param reason why, 1 to 500 characters
   * @param requestKey the caller's request key, or null
   * @return the order, CANCELLED
   */
  Order cancel(Actor actor, OrderId order, String reason, String requestKey);

  /**
   * Records an activity; the first one moves an accepted order to IN_PROGRESS.
   *
   * @param actor the lead or a helper
   * @param order the order
   * @param activity what was done
   * @return the order
   */
  Order recordActivity(Actor actor, OrderId order, NewActivity activity);

  /**
   * Voids an activity with a reason; it stays, marked, and counts for nothing.
   *
   * @param actor the lead or a helper
   * @param order the order
   * @param activityId the activity's id
   * @param reason why, 1 to 500 characters
   * @param requestKey the caller's request key, or null
   * @return the order
   */
  Order voidActivity(Actor actor, OrderId order, String activityId, String reason,
      String requestKey);

  /**
   * Resolves an accepted or in-progress order with a completion report (辦結), and asks the
   * village for a rating.
   *
   * @param actor the lead or a helper
   * @param order the order
   * @param resolution the report and outcome figures
   * @return the order, RESOLVED
   */
  Order resolve(Actor actor, OrderId order, Resolution resolution);

  /**
   * Rates a resolved order 1 to 5 (評單). The rating is kept; it closes the order, unless it is at
   * most 2, given within the reopen window of the resolution, and the order has reopened fewer
   * times than allowed: then the order reopens (IN_PROGRESS, same lead).
   *
   * @param actor a cadre of the village
   * @param order the order
   * @param stars 1 to 5
   * @param comment an optional comment, at most 500 characters, or null
   * @param requestKey the caller's request key, or null
   * @return the order, CLOSED or IN_PROGRESS
   */
  Order rate(Actor actor, OrderId order, int stars, String comment, String requestKey);

  /**
   * Closes a resolved order unrated once the quiet period since its resolution has passed; the
   * service-level sweep or the host's scheduler calls it.
   *
   * @param actor the coordinator or the system
   * @param order the order
   * @param requestKey the caller's request key, or null
   * @return the order, CLOSED
   */
  Order closeUnrated(Actor actor, OrderId order, String requestKey);

  /**
   * Records a sampled verification visit to a closed order (回訪抽查); a disputed result reopens
   * it (IN_PROGRESS, same lead). A dispute counts as a reopening but is not limited by
   * {@link OrderSettings#maxReopens()}: the village's word on a closed order always counts.
   *
   * @param actor the coordinator
   * @param order the order
   * @param verdict confirmed or disputed
   * @param note what the village said, 1 to 500 characters
   * @param requestKey the caller's request key, or null
   * @return the order
   */
  Order verify(Actor actor, OrderId order, Verdict verdict, String note, String requestKey);

  /**
   * Merges a duplicate into another open order of the same group: the duplicate closes (closure
   * MERGED, pointing to the survivor) and the survivor records it, so their timelines join
   * ({@link #joinedTimeline}). Placing an order flags a {@linkplain Order#possibleDuplicateOf()
   * possible duplicate} for the coordinator to consider.
   *
   * @param actor the coordinator
   * @param duplicate the order to close
   * @param survivor the order that carries on
   * @param requestKey the caller's request key, or null
   * @return the survivor
   */
  Order merge(Actor actor, OrderId duplicate, OrderId survivor, String requestKey);

  /**
   * An order's timeline joined with the timelines of every order merged into it, by time.
   *
   * @param id the order
   * @return the entries
   * @throws dev.zhuli.core.NotFoundException if the order does not exist
   */
  java.util.List<TimelineEntry> joinedTimeline(OrderId id);

  /**
   * An order with its whole timeline.
   *
   * @param id the order
   * @return the order, if it exists
   */
  Optional<Order> order(OrderId id);

  /**
   * A village's orders, in the order they were placed.
   *
   * @param village the village
   * @param page which page
   * @return a page of orders
   */
  ResultPage<Order> ofVillage(VillageId village, PageRequest page);

  /**
   * A squad's open work (dispatched to it, accepted, in progress), earliest desired-by date first
   * (orders without one last).
   *
   * @param squad the squad
   * @param page which page
   * @return a page of orders
   */
  ResultPage<Order> openWorkOf(SquadId squad, PageRequest page);

  /**
   * A group's orders in one status, in the order they were placed.
   *
   * @param group the group
   * @param status the status
   * @param page which page
   * @return a page of orders
   */
  ResultPage<Order> withStatus(GroupId group, OrderStatus status, PageRequest page);

  /**
   * A group's orders open for claiming, in the order they were placed.
   *
   * @param group the group
   * @param page which page
   * @return a page of orders
   */
  ResultPage<Order> claimable(GroupId group, PageRequest page);

  /**
   * Figures of a group's orders placed in a period.
   *
   * @param group the group
   * @param from the start, inclusive
   * @param to the end, exclusive; after the start
   * @return the figures
   */
  OrderStatistics statisticsOf(GroupId group, java.time.Instant from, java.time.Instant to);

  /**
   * Figures of the orders placed in a period that a squad holds now (dispatched to it, or handled
   * by it through to closure), with the squad's own returns; an order the squad returned counts
   * only among its returns.
   *
   * @param squad the squad
   * @param from the start, inclusive
   * @param to the end, exclusive; after the start
   * @return the figures
   */
  OrderStatistics statisticsOf(SquadId squad, java.time.Instant from, java.time.Instant to);

  // ---- service levels -------------------------------------------------------------------------

  /**
   * Asks the coordinator to move the resolution deadline to the end of a later day, with a
   * reason (延期申請). One request may wait at a time.
   *
   * @param actor the lead
   * @param order an accepted or in-progress order
   * @param until the day to resolve it by; its end must lie after the current deadline
   * @param reason why, 1 to 500 characters
   * @param requestKey the caller's request key, or null
   * @return the order, with the request pending
   * @since 0.1.0
   */
  Order requestExtension(Actor actor, OrderId order, java.time.LocalDate until, String reason,
      String requestKey);

  /**
   * Approves or refuses the pending extension request. Approval moves the running deadline to
   * the end of the day asked for, in the group's time zone; its reminder and escalations are
   * raised anew for the new deadline.
   *
   * @param actor the coordinator
   * @param order the order
   * @param approve true to approve
   * @param note an optional note, at most 500 characters, or null
   * @param requestKey the caller's request key, or null
   * @return the order
   * @since 0.1.0
   */
  Order decideExtension(Actor actor, OrderId order, boolean approve, String note,
      String requestKey);

  /**
   * The service-level sweep: for every order with something due at {@code now}, raises the
   * reminder before its deadline (to whoever the running clock waits for), the overdue notice
   * at the deadline (to the coordinator), and the second-level escalation a delay later (to the
   * group's administrators, as the role address {@code role:administrators:<group id>} that the
   * host's notifier resolves, since administrators are the host's accounts rather than roster
   * members); and closes resolved orders unrated once their quiet period is over.
   *
   * <p>Each alert is raised once per deadline however often and however concurrently sweeps run:
   * it is recorded on the order, under its version, in the transaction that raises it. None is
   * raised before its time. A reminder a sweep comes too late for (the deadline has passed) is
   * passed over: the overdue notice says more. The sweep pages through due orders by their next
   * alert time, one transaction per order; an order whose commands keep conflicting is left for
   * the next sweep and counted as deferred. The relay or the host's scheduler calls it, every
   * few minutes, say.
   *
   * @param now the instant to judge by, between the years 1 and 9999
   * @return what it did
   * @since 0.1.0
   */
  SweepReport sweep(java.time.Instant now);

  /**
   * A group's overdue orders: open, with a dispatch, acceptance or resolution deadline at or
   * before {@code now}; the most overdue first.
   *
   * @param group the group
   * @param now the instant to judge by
   * @param page which page
   * @return a page of orders
   * @since 0.1.0
   */
  ResultPage<Order> overdue(GroupId group, java.time.Instant now, PageRequest page);

  /**
   * A squad's overdue orders: dispatched to it (not open for claiming), accepted or in
   * progress, with the deadline at or before {@code now}; the most overdue first.
   *
   * @param squad the squad
   * @param now the instant to judge by
   * @param page which page
   * @return a page of orders
   * @since 0.1.0
   */
  ResultPage<Order> overdue(SquadId squad, java.time.Instant now, PageRequest page);

  /**
   * The share of a group's orders resolved in a period that were resolved in time.
   *
   * @param group the group
   * @param from the start, inclusive
   * @param to the end, exclusive; after the start
   * @return the figures
   * @since 0.1.0
   */
  InTimeFigures inTime(GroupId group, java.time.Instant from, java.time.Instant to);

  /**
   * The share of a squad's orders resolved in a period that were resolved in time.
   *
   * @param squad the squad
   * @param from the start, inclusive
   * @param to the end, exclusive; after the start
   * @return the figures
   * @since 0.1.0
   */
  InTimeFigures inTime(SquadId squad, java.time.Instant from, java.time.Instant to);
}
