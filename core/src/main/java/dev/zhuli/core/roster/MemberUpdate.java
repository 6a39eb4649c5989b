package dev.zhuli.core.roster;

import dev.zhuli.core.MemberId;
import dev.zhuli.core.VillageId;
import dev.zhuli.core.store.ValueStyle;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * What {@link Roster#updateMember} changes: each field given replaces the member's; each field
 * left out stays as it is.
 *
 * @since 0.1.0
 */
@Value.Immutable
@ValueStyle
public abstract class MemberUpdate {
  MemberUpdate() {}

  /**
   * The member to change.
   *
   * @return the member
   */
  public abstract MemberId member();

  /**
   * A new name.
   *
   * @return the name
   */
  @Value.Redacted
  public abstract Optional<String> name();

  /**
   * A new phone number.
   *
   * @return the phone
   */
  @Value.Redacted
  public abstract Optional<String> phone();

  /**
   * A new background.
   *
   * @return the background
   */
  public abstract Optional<Background> background();

  /**
   * A new party-member flag.
   *
   * @return the flag
   */
  public abstract Optional<Boolean> partyMember();

  /**
   * New skills, replacing all the old ones.
   *
   * @return the skills
   */
  public abstract Optional<Set<String>> skills();

  /**
   * A new home organisation.
   *
   * @return the organisation
   */
  public abstract Optional<String> homeOrganisation();

  /**
   * A new village.
   *
   * @return the village
   */
  public abstract Optional<VillageId> village();

  /**
   * The caller's request key: repeating it returns the first result and changes nothing.
   *
   * @return the key
   */
  public abstract Optional<String> requestKey();

  /** Builds a {@link MemberUpdate}. */
  public static class Builder extends ImmutableMemberUpdate.Builder {
    /** An empty builder. */
    public Builder() {}
  }
}
