package dev.zhuli.core.roster;

import dev.zhuli.core.RegionId;
import dev.zhuli.core.VillageId;
import dev.zhuli.core.store.ValueStyle;
import java.util.List;
import org.immutables.value.Value;

/**
 * A village or community (村/社區) of a town: who places orders for help.
 *
 * @since 0.1.0
 */
@Value.Immutable
@ValueStyle
public abstract class Village {
  Village() {}

  /**
   * The id.
   *
   * @return the id
   */
  public abstract VillageId id();

  /**
   * The name, for example 南溝社區.
   *
   * @return the name
   */
  public abstract String name();

  /**
   * Village or community.
   *
   * @return the kind
   */
  public abstract VillageKind kind();

  /**
   * The town it belongs to.
   *
   * @return the town
   */
  public abstract RegionId town();

  /**
   * The regions above it, from the city down to its town.
   *
   * @return the path
   */
  public abstract List<RegionId> path();

  /**
   * The county-level division it lies in (the second region of its path).
   *
   * @return the county
   */
  public RegionId county() {
    return path().get(1);
  }
}
