package dev.zhuli.core.roster;

import dev.zhuli.core.RegionId;
import dev.zhuli.core.store.ValueStyle;
import java.time.ZoneId;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What {@link Roster#createGroup} needs: a name and the county-level division it serves, with an
 * optional time zone (Zhuli's default zone unless set).
 *
 * @since 0.1.0
 */
@Value.Immutable
@ValueStyle
public abstract class NewGroup {
  NewGroup() {}

  /**
   * The name, 1 to 64 characters.
   *
   * @return the name
   */
  public abstract String name();

  /**
   * The county-level division; it may have only one group.
   *
   * @return the county
   */
  public abstract RegionId county();

  /**
   * The time zone for deadlines; Zhuli's default zone when absent.
   *
   * @return the zone
   */
  public abstract Optional<ZoneId> timeZone();

  /**
   * The caller's request key: repeating it returns the first result and changes nothing.
   *
   * @return the key
   */
  public abstract Optional<String> requestKey();

  /** Builds a {@link NewGroup}. */
  public static class Builder extends ImmutableNewGroup.Builder {
    /** An empty builder. */
    public Builder() {}
  }
}
