package dev.zhuli.core.access;

/**
 * A role a member (or a household's head) holds towards the target of an action, read from the
 * roster and the target when the command runs: never claimed by the actor.
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
  HANDLER,
  /** The owner of a mentorship program, such as the village's first secretary. */
  PROGRAM_OWNER,
  /** The expert of the mentorship tree concerned (專家). */
  TREE_EXPERT,
  /** The head of the demonstration household concerned, acting for it (示範戶). */
  HOUSEHOLD_HEAD
}
