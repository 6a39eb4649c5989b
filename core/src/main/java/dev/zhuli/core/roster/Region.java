package dev.zhuli.core.roster;

import dev.zhuli.core.RegionId;
import dev.zhuli.core.store.ValueStyle;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A city, one of its county-level divisions, or a town (市, 區/縣/縣級市, 鎮).
 *
 * @since 0.1.0
 */
@Value.Immutable
@ValueStyle
public abstract class Region {
  Region() {}

  /**
   * The id.
   *
   * @return the id
   */
  public abstract RegionId id();

  /**
   * The name, for example 臨渭區.
   *
   * @return the name
   */
  public abstract String name();

  /**
   * The level.
   *
   * @return the level
   */
  public abstract RegionLevel level();

  /**
   * The region it belongs to; empty for a city.
   *
   * @return the parent
   */
  public abstract Optional<RegionId> parent();

  /**
   * The regions from the city down to this one, inclusive.
   *
   * @return the path
   */
  public abstract List<RegionId> path();
}
