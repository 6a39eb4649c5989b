package dev.zhuli.core.access;

/**
 * A role a member holds towards the target of an action, read from the roster and the target
 * when the command runs: never claimed by the actor.
 *
 * @since 0.1.0
 */
public enum Role {
  /** The coordinator of the target's help group. */
  COORDINATOR,
  /** A cadre of the village the target belongs to (村幹部). */
  VILLAGE_CADRE,
  /** A member of the squad an order was dispatched to, or of any squad for an open order. */
  TARGET_SQUAD_MEMBER,
  /** The lead or a helper of an accepted order. */
  HANDLER
}
