package dev.zhuli.core.access;

import dev.zhuli.core.Actor;
import java.util.Collections;

/** The rules of DESIGN.md, as {@link AccessPolicy#standard()} describes them. */
final class StandardAccessPolicy implements AccessPolicy {
  static final StandardAccessPolicy INSTANCE = new StandardAccessPolicy();

  private StandardAccessPolicy() {}

  @Override
  public boolean permits(Actor actor, AccessRequest request) {
    switch (actor.kind()) {
      case SYSTEM:
        return true;
      case ADMINISTRATOR:
        return !Collections.disjoint(actor.administeredRegions(), request.regions());
      case MEMBER:
        return coordinatorMay(request.action())
            && request.coordinator().isPresent()
            && request.coordinator().equals(actor.member());
      default:
        return false;
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
