package dev.zhuli.core.roster;

import dev.zhuli.core.store.CommandRunner;
import java.time.ZoneId;

/**
 * Makes the roster of a {@link dev.zhuli.core.Zhuli} instance. Hosts get the roster from
 * {@code Zhuli.roster()}; this factory exists so the entry point can build it from another
 * package.
 *
 * @since 0.1.0
 */
public final class Rosters {
  private Rosters() {}

  /**
   * The roster over a command runner.
   *
   * @param runner the runner
   * @param defaultZone the time zone of groups created without one
   * @return the roster
   */
  public static Roster create(CommandRunner runner, ZoneId defaultZone) {
    return RosterService.create(runner, defaultZone);
  }
}
