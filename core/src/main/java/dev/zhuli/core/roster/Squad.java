package dev.zhuli.core.roster;

import dev.zhuli.core.GroupId;
import dev.zhuli.core.SquadId;
import dev.zhuli.core.store.ValueStyle;
import org.immutables.value.Value;

/**
 * A functional squad of a help group (功能小組).
 *
 * @since 0.1.0
 */
@Value.Immutable
@ValueStyle
public abstract class Squad {
  Squad() {}

  /**
   * The id.
   *
   * @return the id
   */
  public abstract SquadId id();

  /**
   * The group it belongs to.
   *
   * @return the group
   */
  public abstract GroupId group();

  /**
   * The name, unique within the group, for example 產業組.
   *
   * @return the name
   */
  public abstract String name();

  /**
   * What it does.
   *
   * @return the kind
   */
  public abstract SquadKind kind();
}
