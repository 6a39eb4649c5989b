package dev.zhuli.core.mentorship;

import dev.zhuli.core.MemberId;
import dev.zhuli.core.ProgramId;
import dev.zhuli.core.VillageId;
import dev.zhuli.core.store.ValueStyle;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What {@link Mentorship#promote} needs to carry a program's model to another village
 * (示範推廣): the program to copy, the village, the new owner, a name and a season.
 *
 * @since 0.1.0
 */
@Value.Immutable
@ValueStyle
public abstract class NewPromotion {
  NewPromotion() {}

  /**
   * The program whose plan, policy and target are copied.
   *
   * @return the program
   */
  public abstract ProgramId template();

  /**
   * The village the new program is in.
   *
   * @return the village
   */
  public abstract VillageId village();

  /**
   * The new program's owner, an active member of the group serving that village.
   *
   * @return the owner
   */
  public abstract MemberId owner();

  /**
   * The new program's name, 1 to 64 characters.
   *
   * @return the name
   */
  public abstract String name();

  /**
   * The new program's season; the template's when empty.
   *
   * @return the season
   */
  public abstract Optional<String> season();

  /**
   * The caller's request key: repeating it returns the first result and changes nothing.
   *
   * @return the key
   */
  public abstract Optional<String> requestKey();

  /** Builds a {@link NewPromotion}. */
  public static class Builder extends ImmutableNewPromotion.Builder {
    /** An empty builder. */
    public Builder() {}
  }
}
