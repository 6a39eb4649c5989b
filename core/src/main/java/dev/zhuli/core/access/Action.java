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
  ERASE_MEMBER,
  /** Place an order for a village, or cancel it before acceptance (the village's cadres). */
  PLACE_ORDER(false),
  /** Rate a resolved order (the village's cadres). */
  RATE_ORDER(false),
  /**
   * Dispatch, open for claiming, rule on a return, transfer, close out of scope, record a
   * verification visit (the group's coordinator).
   */
  COORDINATE_ORDER(false),
  /** Accept or return a dispatched order (members of the target squad; any squad if open). */
  TAKE_ORDER(false),
  /** Record or void activities, and resolve (the order's lead and helpers). */
  HANDLE_ORDER(false),
  /**
   * Create a mentorship program in a village (administrators of its region, and the coordinator
   * of the group serving it).
   */
  CREATE_PROGRAM,
  /** Change a program's policy, add experts, register households (the program's owner). */
  MANAGE_PROGRAM,
  /** Appoint or remove demonstration households (the tree's expert or the program's owner). */
  APPOINT_HOUSEHOLD,
  /**
   * Assign, move or unassign growers (the program's owner, the tree's expert; the head of a
   * demonstration household assigns growers to it and unassigns its own).
   */
  ASSIGN_GROWER,
  /** Erase a household's personal data (administrators of its village's region). */
  ERASE_HOUSEHOLD,
  /** Record or void a guidance visit (the tree's expert or the program's owner). */
  RECORD_VISIT,
  /** Record or void an inspection of a grower (the head of its demonstration household). */
  RECORD_INSPECTION,
  /**
   * Record or void a harvest (the program's owner, the tree's expert, a household's head for
   * itself and its growers).
   */
  RECORD_HARVEST,
  /** Approve a season's bonuses for the village collective (a cadre of the village). */
  APPROVE_BONUS;

  private final boolean administrative;

  Action() {
    this(true);
  }

  Action(boolean administrative) {
    this.administrative = administrative;
  }

  /**
   * Whether administrators of a region may do this within it. Roster and mentorship actions are;
   * order actions belong to the roles the order names (cadres, coordinator, squads, handlers).
   *
   * @return true for administrative actions
   */
  public boolean administrative() {
    return administrative;
  }
}
