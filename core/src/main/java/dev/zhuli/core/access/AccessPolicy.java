package dev.zhuli.core.access;

import dev.zhuli.core.Actor;

/**
 * Decides whether an actor may do what it asks. Replaceable: a host passes its own to the
 * builder, for example to let a provincial office do what county administrators do, or to wrap
 * {@link #standard()} with extra checks.
 *
 * <p>Called inside commands with facts read in the same transaction; it must be fast, free of side
 * effects and thread-safe. It is never asked about the system actor's host processes in a way that
 * could lock them out unless it says so itself.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface AccessPolicy {

  /**
   * Whether the actor may do what the request describes.
   *
   * @param actor the actor
   * @param request the action and the facts about its target
   * @return true to allow
   */
  boolean permits(Actor actor, AccessRequest request);

  /**
   * The rules of DESIGN.md: the system may do everything; an administrator may take the
   * {@linkplain Action#administrative() administrative} actions on what lies within the regions
   * administered; a group's coordinator may manage the group's members and their squads; and a
   * member may take an order action when holding the {@link Role} it needs (village cadre: place,
   * cancel, rate; coordinator: coordinate; target squad member: accept, return; handler: record
   * activities, resolve), or a mentorship action when holding one of the roles it needs (program
   * owner; tree expert; village cadre for approving bonuses; the head of a demonstration
   * household, which may only assign growers to itself, unassign its own, and record its growers'
   * inspections and harvests). The rows of {@link Action} say who may do what.
   *
   * @return the standard policy
   */
  static AccessPolicy standard() {
    return StandardAccessPolicy.INSTANCE;
  }
}
