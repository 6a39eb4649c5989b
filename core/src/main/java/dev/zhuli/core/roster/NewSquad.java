package dev.zhuli.core.roster;

import dev.zhuli.core.GroupId;
import dev.zhuli.core.store.ValueStyle;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What {@link Roster#createSquad} needs: the group, a name and a kind.
 *
 * @since 0.1.0
 */
@Value.Immutable
@ValueStyle
public abstract class NewSquad {
  NewSquad() {}

  /**
   * The group.
   *
   * @return the group
   */
  public abstract GroupId group();

  /**
   * The name, 1 to 64 characters, unique within the group.
   *
   * @return the name
   */
  public abstract String name();

  /**
   * What the squad does.
   *
   * @return the kind
   */
  public abstract SquadKind kind();

  /**
   * The caller's request key: repeating it returns the first result and changes nothing.
   *
   * @return the key
   */
  public abstract Optional<String> requestKey();

  /** Builds a {@link NewSquad}. */
  public static class Builder extends ImmutableNewSquad.Builder {
    /** An empty builder. */
    public Builder() {}
  }
}
