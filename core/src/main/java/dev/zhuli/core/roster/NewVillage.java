package dev.zhuli.core.roster;

import dev.zhuli.core.RegionId;
import dev.zhuli.core.store.ValueStyle;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What {@link Roster#createVillage} needs: a name, a kind and the town.
 *
 * @since 0.1.0
 */
@Value.Immutable
@ValueStyle
public abstract class NewVillage {
  NewVillage() {}

  /**
   * The name, 1 to 64 characters, unique within the town.
   *
   * @return the name
   */
  public abstract String name();

  /**
   * Village or community; village unless set.
   *
   * @return the kind
   */
  @Value.Default
  public VillageKind kind() {
    return VillageKind.VILLAGE;
  }

  /**
   * The town.
   *
   * @return the town
   */
  public abstract RegionId town();

  /**
   * The caller's request key: repeating it returns the first result and changes nothing.
   *
   * @return the key
   */
  public abstract Optional<String> requestKey();

  /** Builds a {@link NewVillage}. */
  public static class Builder extends ImmutableNewVillage.Builder {
    /** An empty builder. */
    public Builder() {}
  }
}
