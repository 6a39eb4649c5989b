package dev.zhuli.core.access;

import dev.zhuli.core.Actor;
import java.util.Collections;

/** The rules of DESIGN.md, as {@link AccessPolicy#standard()} describes them. */
final class StandardAccessPolicy implements AccessPolicy {
  static final StandardAccessPolicy INSTANCE = new StandardAccessPolicy();
  /** What the head of a demonstration household may do, for itself and its growers. */
  private static final java.util.Set<Action> HOUSEHOLD_ACTIONS = java.util.EnumSet.of(
      Action.ASSIGN_GROWER, Action.RECORD_INSPECTION, Action.RECORD_HARVEST);

  private StandardAccessPolicy() {}

  @Override
  public boolean permits(Actor actor, AccessRequest request) {
    switch (actor.kind()) {
      case SYSTEM:
        return true;
      case ADMINISTRATOR:
        return request.action().administrative()
            && !Collections.disjoint(actor.administeredRegions(), request.regions());
      case MEMBER:
        if (coordinatorMay(request.action())) {
          return request.coordinator().isPresent()
              && request.coordinator().equals(actor.member());
        }
        return !Collections.disjoint(rolesFor(request.action()), request.roles());
      case HOUSEHOLD:
        return HOUSEHOLD_ACTIONS.contains(request.action())
            && request.roles().contains(Role.HOUSEHOLD_HEAD);
      default:
        return false;
    }
  }

  /** Any one of these roles lets a member take the action. */
  private static java.util.Set<Role> rolesFor(Action action) {
    switch (action) {
      case CREATE_PROGRAM:
        return java.util.EnumSet.of(Role.COORDINATOR);
      case MANAGE_PROGRAM:
        return java.util.EnumSet.of(Role.PROGRAM_OWNER);
      case APPOINT_HOUSEHOLD:
        return java.util.EnumSet.of(Role.PROGRAM_OWNER, Role.TREE_EXPERT);
      case ASSIGN_GROWER:
      case RECORD_VISIT:
      case RECORD_HARVEST:
        return java.util.EnumSet.of(Role.PROGRAM_OWNER, Role.TREE_EXPERT);
      case APPROVE_BONUS:
        return java.util.EnumSet.of(Role.VILLAGE_CADRE);
      default:
        Role needed = roleFor(action);
        return needed == null ? java.util.Set.of() : java.util.EnumSet.of(needed);
    }
  }

  private static Role roleFor(Action action) {
    switch (action) {
      case PLACE_ORDER:
      case RATE_ORDER:
        return Role.VILLAGE_CADRE;
      case COORDINATE_ORDER:
        return Role.COORDINATOR;
      case TAKE_ORDER:
        return Role.TARGET_SQUAD_MEMBER;
      case HANDLE_ORDER:
        return Role.HANDLER;
      default:
        return null;
    }
  }

  private static boolean coordinatorMay(Action action) {
    switch (action) {
      case ADD_MEMBER:
      case UPDATE_MEMBER:
      case REMOVE_MEMBER:
      case CHANGE_SQUADS:
      case ERASE_MEMBER:
        return true;
      default:
        return false;
    }
  }
}
