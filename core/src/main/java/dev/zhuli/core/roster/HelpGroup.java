package dev.zhuli.core.roster;

import dev.zhuli.core.GroupId;
import dev.zhuli.core.MemberId;
import dev.zhuli.core.RegionId;
import dev.zhuli.core.store.ValueStyle;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A county's help group (紅色助力團): its squads and members serve the county's villages.
 *
 * @since 0.1.0
 */
@Value.Immutable
@ValueStyle
public abstract class HelpGroup {
  HelpGroup() {}

  /**
   * The id.
   *
   * @return the id
   */
  public abstract GroupId id();

  /**
   * The name, for example 臨渭區紅色助力團.
   *
   * @return the name
   */
  public abstract String name();

  /**
   * The county-level division it serves; one group per county.
   *
   * @return the county
   */
  public abstract RegionId county();

  /**
   * The regions from the city down to its county.
   *
   * @return the path
   */
  public abstract List<RegionId> path();

  /**
   * The coordinator (who dispatches orders and manages members), once appointed.
   *
   * @return the coordinator
   */
  public abstract Optional<MemberId> coordinator();

  /**
   * The time zone deadlines such as "same day" are computed in.
   *
   * @return the zone
   */
  public abstract ZoneId timeZone();
}
