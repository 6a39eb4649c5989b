package dev.zhuli.core.access;

/**
 * What an actor asks to do; the {@link AccessPolicy} decides, per action, who may.
 *
 * @since 0.1.0
 */
public enum Action {
  /** Create a city, county or town (administrators of the parent region; cities: the system). */
  CREATE_REGION,
  /** Create a village or community (administrators of its town or above). */
  CREATE_VILLAGE,
  /** Create a county's help group (administrators of the county or its city). */
  CREATE_GROUP,
  /** Create a squad in a group (administrators of the group's county or its city). */
  CREATE_SQUAD,
  /** Appoint a group's coordinator (administrators of the group's county or its city). */
  APPOINT_COORDINATOR,
  /** Add a member to a group (the group's coordinator, or its administrators). */
  ADD_MEMBER,
  /** Change a member's details (the group's coordinator, or its administrators). */
  UPDATE_MEMBER,
  /** Remove a member from a group (the group's coordinator, or its administrators). */
  REMOVE_MEMBER,
  /** Change which squads a member serves in (the group's coordinator, or its administrators). */
  CHANGE_SQUADS,
  /** Erase a member's personal data (the group's coordinator, or its administrators). */
  ERASE_MEMBER
}
