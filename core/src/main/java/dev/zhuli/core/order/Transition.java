package dev.zhuli.core.order;

import static dev.zhuli.core.order.OrderStatus.ACCEPTED;
import static dev.zhuli.core.order.OrderStatus.CANCELLED;
import static dev.zhuli.core.order.OrderStatus.CLOSED;
import static dev.zhuli.core.order.OrderStatus.DISPATCHED;
import static dev.zhuli.core.order.OrderStatus.IN_PROGRESS;
import static dev.zhuli.core.order.OrderStatus.PLACED;
import static dev.zhuli.core.order.OrderStatus.RESOLVED;
import static dev.zhuli.core.order.OrderStatus.RETURNED;

import dev.zhuli.core.access.Action;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The one transition table of an order's lifecycle. Every change of an order is one of these
 * rows: from which statuses, to which status, who may, and whom it notifies. A command whose row
 * does not start from the order's status is refused with rule {@code order-transition} and
 * changes nothing.
 *
 * <table>
 *   <caption>Transitions</caption>
 *   <tr><th>transition</th><th>from</th><th>to</th><th>by</th><th>notifies</th></tr>
 *   <tr><td>PLACE</td><td>(new)</td><td>PLACED</td><td>village cadre</td>
 *       <td>coordinator</td></tr>
 *   <tr><td>PLACE_TO_SQUAD</td><td>(new)</td><td>DISPATCHED</td><td>village cadre</td>
 *       <td>squad, coordinator</td></tr>
 *   <tr><td>DISPATCH</td><td>PLACED, RETURNED</td><td>DISPATCHED</td><td>coordinator</td>
 *       <td>squad</td></tr>
 *   <tr><td>OPEN_FOR_CLAIMING</td><td>PLACED, RETURNED</td><td>DISPATCHED (open)</td>
 *       <td>coordinator</td><td>every squad</td></tr>
 *   <tr><td>ACCEPT</td><td>DISPATCHED</td><td>ACCEPTED</td><td>target squad member</td>
 *       <td>requester</td></tr>
 *   <tr><td>RETURN</td><td>DISPATCHED</td><td>RETURNED</td><td>target squad member</td>
 *       <td>coordinator</td></tr>
 *   <tr><td>ASSIGN</td><td>RETURNED</td><td>ACCEPTED</td><td>coordinator</td>
 *       <td>requester, handlers</td></tr>
 *   <tr><td>CLOSE_OUT_OF_SCOPE</td><td>PLACED, RETURNED</td><td>CLOSED</td>
 *       <td>coordinator</td><td>requester</td></tr>
 *   <tr><td>TRANSFER</td><td>DISPATCHED, ACCEPTED, IN_PROGRESS</td><td>DISPATCHED</td>
 *       <td>coordinator</td><td>new squad</td></tr>
 *   <tr><td>CANCEL</td><td>PLACED, DISPATCHED, RETURNED</td><td>CANCELLED</td>
 *       <td>village cadre (never accepted)</td><td>coordinator</td></tr>
 *   <tr><td>START</td><td>ACCEPTED</td><td>IN_PROGRESS</td><td>handler (first activity)</td>
 *       <td>requester</td></tr>
 *   <tr><td>RECORD_ACTIVITY</td><td>IN_PROGRESS</td><td>IN_PROGRESS</td><td>handler</td>
 *       <td>requester</td></tr>
 *   <tr><td>VOID_ACTIVITY</td><td>ACCEPTED, IN_PROGRESS, RESOLVED</td><td>(unchanged)</td>
 *       <td>handler</td><td>nobody</td></tr>
 *   <tr><td>RESOLVE</td><td>ACCEPTED, IN_PROGRESS</td><td>RESOLVED</td><td>handler</td>
 *       <td>requester (asking for a rating)</td></tr>
 *   <tr><td>RATE</td><td>RESOLVED</td><td>CLOSED</td><td>village cadre</td>
 *       <td>handlers</td></tr>
 *   <tr><td>REOPEN_ON_RATING</td><td>RESOLVED</td><td>IN_PROGRESS</td><td>village cadre
 *       (rating at most 2, within the window)</td><td>coordinator, handlers</td></tr>
 *   <tr><td>AUTO_CLOSE</td><td>RESOLVED</td><td>CLOSED</td><td>coordinator or system, after
 *       the quiet period</td><td>handlers</td></tr>
 *   <tr><td>VERIFY_CONFIRMED</td><td>CLOSED</td><td>CLOSED</td><td>coordinator</td>
 *       <td>nobody</td></tr>
 *   <tr><td>MERGE</td><td>any open status</td><td>CLOSED (merged)</td><td>coordinator</td>
 *       <td>requester</td></tr>
 *   <tr><td>MERGE_IN</td><td>any open status</td><td>(unchanged)</td><td>coordinator</td>
 *       <td>nobody</td></tr>
 *   <tr><td>VERIFY_DISPUTED</td><td>CLOSED</td><td>IN_PROGRESS</td><td>coordinator</td>
 *       <td>coordinator, handlers</td></tr>
 *   <tr><td>REQUEST_EXTENSION</td><td>ACCEPTED, IN_PROGRESS</td><td>(unchanged)</td>
 *       <td>the lead</td><td>coordinator</td></tr>
 *   <tr><td>DECIDE_EXTENSION</td><td>ACCEPTED, IN_PROGRESS</td><td>(unchanged)</td>
 *       <td>coordinator</td><td>handlers</td></tr>
 *   <tr><td>REMIND</td><td>PLACED, DISPATCHED, RETURNED, ACCEPTED, IN_PROGRESS</td>
 *       <td>(unchanged)</td><td>the sweep</td><td>whoever the clock waits for</td></tr>
 *   <tr><td>MARK_OVERDUE</td><td>as REMIND</td><td>(unchanged)</td><td>the sweep</td>
 *       <td>coordinator, whoever the clock waits for</td></tr>
 *   <tr><td>ESCALATE</td><td>as REMIND</td><td>(unchanged)</td><td>the sweep</td>
 *       <td>the group's administrators, coordinator</td></tr>
 * </table>
 *
 * <p>A closed order changes only through VERIFY_DISPUTED (a verification visit records
 * VERIFY_CONFIRMED and leaves it closed); a rating of at most 2 within the window reopens a
 * resolved order instead of closing it; a cancelled order never changes again.
 *
 * @since 0.1.0
 */
public enum Transition {
  /** A village places an order for the coordinator to dispatch. */
  PLACE(Set.of(), PLACED, Action.PLACE_ORDER, List.of(Recipient.COORDINATOR)),
  /** A village places an order naming a squad: dispatched in the same command. */
  PLACE_TO_SQUAD(Set.of(), DISPATCHED, Action.PLACE_ORDER,
      List.of(Recipient.SQUAD, Recipient.COORDINATOR)),
  /** The coordinator dispatches the order to a squad (派單). */
  DISPATCH(EnumSet.of(PLACED, RETURNED), DISPATCHED, Action.COORDINATE_ORDER,
      List.of(Recipient.SQUAD)),
  /** The coordinator opens the order for any squad of the group to claim (搶單). */
  OPEN_FOR_CLAIMING(EnumSet.of(PLACED, RETURNED), DISPATCHED, Action.COORDINATE_ORDER,
      List.of(Recipient.ALL_SQUADS)),
  /** A member of the target squad accepts, naming a lead and helpers (接單). */
  ACCEPT(EnumSet.of(DISPATCHED), ACCEPTED, Action.TAKE_ORDER, List.of(Recipient.REQUESTER)),
  /** A member of the target squad returns the order to the coordinator, with a reason (退單). */
  RETURN(EnumSet.of(DISPATCHED), RETURNED, Action.TAKE_ORDER, List.of(Recipient.COORDINATOR)),
  /** The coordinator's final ruling on a returned order: assigns it to a squad and lead. */
  ASSIGN(EnumSet.of(RETURNED), ACCEPTED, Action.COORDINATE_ORDER,
      List.of(Recipient.REQUESTER, Recipient.HANDLERS)),
  /** The coordinator closes the order as out of the group's scope, with a reason. */
  CLOSE_OUT_OF_SCOPE(EnumSet.of(PLACED, RETURNED), CLOSED, Action.COORDINATE_ORDER,
      List.of(Recipient.REQUESTER)),
  /** The coordinator transfers the order to another squad, before resolution. */
  TRANSFER(EnumSet.of(DISPATCHED, ACCEPTED, IN_PROGRESS), DISPATCHED, Action.COORDINATE_ORDER,
      List.of(Recipient.SQUAD)),
  /** The village cancels the order before acceptance, with a reason. */
  CANCEL(EnumSet.of(PLACED, DISPATCHED, RETURNED), CANCELLED, Action.PLACE_ORDER,
      List.of(Recipient.COORDINATOR)),
  /** The first activity starts the work. */
  START(EnumSet.of(ACCEPTED), IN_PROGRESS, Action.HANDLE_ORDER, List.of(Recipient.REQUESTER)),
  /** A further activity. */
  RECORD_ACTIVITY(EnumSet.of(IN_PROGRESS), IN_PROGRESS, Action.HANDLE_ORDER,
      List.of(Recipient.REQUESTER)),
  /** An activity is voided with a reason, never deleted; the status stays. */
  VOID_ACTIVITY(EnumSet.of(ACCEPTED, IN_PROGRESS, RESOLVED), null, Action.HANDLE_ORDER,
      List.of()),
  /** The handlers resolve the order with a completion report (辦結). */
  RESOLVE(EnumSet.of(ACCEPTED, IN_PROGRESS), RESOLVED, Action.HANDLE_ORDER,
      List.of(Recipient.REQUESTER)),
  /** The village rates the resolved order, closing it (評單). */
  RATE(EnumSet.of(RESOLVED), CLOSED, Action.RATE_ORDER, List.of(Recipient.HANDLERS)),
  /** A rating of at most 2 within the window reopens the order with the same lead. */
  REOPEN_ON_RATING(EnumSet.of(RESOLVED), IN_PROGRESS, Action.RATE_ORDER,
      List.of(Recipient.COORDINATOR, Recipient.HANDLERS)),
  /** Nobody rated the order within the quiet period: it closes unrated. */
  AUTO_CLOSE(EnumSet.of(RESOLVED), CLOSED, Action.COORDINATE_ORDER,
      List.of(Recipient.HANDLERS)),
  /** The coordinator merges a duplicate into another open order; the duplicate closes. */
  MERGE(EnumSet.of(PLACED, DISPATCHED, RETURNED, ACCEPTED, IN_PROGRESS, RESOLVED), CLOSED,
      Action.COORDINATE_ORDER, List.of(Recipient.REQUESTER)),
  /** The order a duplicate was merged into records it; its status stays. */
  MERGE_IN(EnumSet.of(PLACED, DISPATCHED, RETURNED, ACCEPTED, IN_PROGRESS, RESOLVED), null,
      Action.COORDINATE_ORDER, List.of()),
  /** A sampled verification visit confirms the result; the order stays closed. */
  VERIFY_CONFIRMED(EnumSet.of(CLOSED), CLOSED, Action.COORDINATE_ORDER, List.of()),
  /** A sampled verification visit disputes the result: the order reopens. */
  VERIFY_DISPUTED(EnumSet.of(CLOSED), IN_PROGRESS, Action.COORDINATE_ORDER,
      List.of(Recipient.COORDINATOR, Recipient.HANDLERS)),
  /** The lead asks the coordinator to move the resolution deadline, with a reason. */
  REQUEST_EXTENSION(EnumSet.of(ACCEPTED, IN_PROGRESS), null, Action.HANDLE_ORDER,
      List.of(Recipient.COORDINATOR)),
  /** The coordinator approves or refuses the extension asked for. */
  DECIDE_EXTENSION(EnumSet.of(ACCEPTED, IN_PROGRESS), null, Action.COORDINATE_ORDER,
      List.of(Recipient.HANDLERS)),
  /** The service-level sweep reminds whoever the running clock waits for (催辦). */
  REMIND(EnumSet.of(PLACED, DISPATCHED, RETURNED, ACCEPTED, IN_PROGRESS), null,
      Action.COORDINATE_ORDER, List.of(Recipient.RESPONSIBLE)),
  /** The sweep finds the deadline passed and tells the coordinator (超期). */
  MARK_OVERDUE(EnumSet.of(PLACED, DISPATCHED, RETURNED, ACCEPTED, IN_PROGRESS), null,
      Action.COORDINATE_ORDER, List.of(Recipient.COORDINATOR, Recipient.RESPONSIBLE)),
  /** Still overdue after the escalation delay: the group's administrators are told (督辦). */
  ESCALATE(EnumSet.of(PLACED, DISPATCHED, RETURNED, ACCEPTED, IN_PROGRESS), null,
      Action.COORDINATE_ORDER, List.of(Recipient.ADMINISTRATORS, Recipient.COORDINATOR));

  /** The role address of a group's administrators; hosts resolve it, see {@link Orders}. */
  static final String ADMINISTRATORS_OF = "role:administrators:";

  /** Whom a transition notifies, resolved to people when it commits. */
  enum Recipient {
    COORDINATOR, SQUAD, ALL_SQUADS, REQUESTER, HANDLERS,
    /** Whoever the running clock waits for: the coordinator, the squad(s), or the handlers. */
    RESPONSIBLE,
    /** The group's administrators, as a role address ({@link #ADMINISTRATORS_OF} + group). */
    ADMINISTRATORS
  }

  private final Set<OrderStatus> from;
  private final OrderStatus to;
  private final Action action;
  private final List<Recipient> notifies;

  Transition(Set<OrderStatus> from, OrderStatus to, Action action, List<Recipient> notifies) {
    this.from = from.isEmpty() ? Set.of() : EnumSet.copyOf(from);
    this.to = to;
    this.action = action;
    this.notifies = notifies;
  }

  /**
   * The statuses it starts from; empty for the transitions that create an order.
   *
   * @return the statuses
   */
  public Set<OrderStatus> from() {
    return from.isEmpty() ? Set.of() : EnumSet.copyOf(from);
  }

  /**
   * The status it ends in; the same status for {@link #VOID_ACTIVITY}.
   *
   * @param current the status it starts from
   * @return the new status
   */
  public OrderStatus to(OrderStatus current) {
    return to == null ? current : to;
  }

  /**
   * The action the access policy is asked about.
   *
   * @return the action
   */
  public Action action() {
    return action;
  }

  /**
   * Whether it may start from a status.
   *
   * @param status the order's status
   * @return true if the table has a row from there
   */
  public boolean allowedFrom(OrderStatus status) {
    return from.contains(status);
  }

  List<Recipient> notifies() {
    return notifies;
  }

  /**
   * The template key of its notification, for example {@code order.dispatch}.
   *
   * @return the key
   */
  public String templateKey() {
    return "order." + name().toLowerCase(java.util.Locale.ROOT);
  }
}
