package dev.zhuli.core.access;

import dev.zhuli.core.GroupId;
import dev.zhuli.core.MemberId;
import dev.zhuli.core.RegionId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An action and the facts about its target that an {@link AccessPolicy} decides on, read from the
 * roster when the command runs: where the target lies and which group and coordinator it falls
 * under.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class AccessRequest {
  private final Action action;
  private final List<RegionId> regions;
  private final GroupId group;
  private final MemberId coordinator;
  private final Set<Role> roles;

  private AccessRequest(Action action, List<RegionId> regions, GroupId group,
      MemberId coordinator, Set<Role> roles) {
    this.action = action;
    this.regions = regions;
    this.group = group;
    this.coordinator = coordinator;
    this.roles = roles;
  }

  /**
   * A request for an action on a target within the given regions.
   *
   * @param action the action
   * @param regions the regions the target lies in, from the city down (empty for a new city)
   * @return the request
   */
  public static AccessRequest of(Action action, List<RegionId> regions) {
    return new AccessRequest(Objects.requireNonNull(action, "action"), List.copyOf(regions),
        null, null, Set.of());
  }

  /**
   * The same request, for a target that belongs to a help group with this coordinator.
   *
   * @param group the group
   * @param coordinator its coordinator, or null if it has none yet
   * @return the request
   */
  public AccessRequest inGroup(GroupId group, MemberId coordinator) {
    return new AccessRequest(action, regions, Objects.requireNonNull(group, "group"),
        coordinator, roles);
  }

  /**
   * The same request, with the roles the acting member holds towards the target, as read from
   * the roster and the target (for example the cadre of the order's village).
   *
   * @param roles the roles
   * @return the request
   */
  public AccessRequest withRoles(Set<Role> roles) {
    return new AccessRequest(action, regions, group, coordinator, Set.copyOf(roles));
  }

  /**
   * The roles the acting member holds towards the target; empty for other actors.
   *
   * @return an unmodifiable set
   */
  public Set<Role> roles() {
    return roles;
  }

  /**
   * The action asked for.
   *
   * @return the action
   */
  public Action action() {
    return action;
  }

  /**
   * The regions the target lies in, from the city down; empty for a new city.
   *
   * @return an unmodifiable list
   */
  public List<RegionId> regions() {
    return regions;
  }

  /**
   * The help group the target belongs to, if any.
   *
   * @return the group
   */
  public Optional<GroupId> group() {
    return Optional.ofNullable(group);
  }

  /**
   * The coordinator of that group, if it has one.
   *
   * @return the coordinator
   */
  public Optional<MemberId> coordinator() {
    return Optional.ofNullable(coordinator);
  }

  @Override
  public String toString() {
    return action + " in " + regions + (group == null ? "" : " group " + group);
  }
}
