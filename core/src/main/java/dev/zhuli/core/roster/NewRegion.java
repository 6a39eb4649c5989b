package dev.zhuli.core.roster;

import dev.zhuli.core.RegionId;
import dev.zhuli.core.store.ValueStyle;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What {@link Roster#createRegion} needs: a name, a level, and the parent region (none for a
 * city; a city for a county-level division; a county-level division for a town).
 *
 * <pre>{@code
 * new NewRegion.Builder().name("臨渭區").level(RegionLevel.DISTRICT).parent(weinan).build()
 * }</pre>
 *
 * @since 0.1.0
 */
@Value.Immutable
@ValueStyle
public abstract class NewRegion {
  NewRegion() {}

  /**
   * The name, 1 to 64 characters, unique among the parent's regions.
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
   * The parent; absent for a city.
   *
   * @return the parent
   */
  public abstract Optional<RegionId> parent();

  /**
   * The caller's request key: repeating it returns the first result and changes nothing.
   *
   * @return the key
   */
  public abstract Optional<String> requestKey();

  /** Builds a {@link NewRegion}. */
  public static class Builder extends ImmutableNewRegion.Builder {
    /** An empty builder. */
    public Builder() {}
  }
}
