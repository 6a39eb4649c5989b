package dev.zhuli.core.roster;

import dev.zhuli.core.GroupId;
import dev.zhuli.core.VillageId;
import dev.zhuli.core.store.ValueStyle;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * What {@link Roster#addMember} needs. Village cadres must name their village; the village must
 * lie in the group's county.
 *
 * <pre>{@code
 * new NewMember.Builder()
 *     .group(linwei).name("王建國").phone("13800138000")
 *     .background(Background.FIRST_SECRETARY).partyMember(true)
 *     .addSkills("直播電商").homeOrganisation("China Datang Group")
 *     .build()
 * }</pre>
 *
 * @since 0.1.0
 */
@Value.Immutable
@ValueStyle
public abstract class NewMember {
  NewMember() {}

  /**
   * The group to join.
   *
   * @return the group
   */
  public abstract GroupId group();

  /**
   * The name, 1 to 64 characters.
   *
   * @return the name
   */
  @Value.Redacted
  public abstract String name();

  /**
   * The phone number: a mainland mobile or a landline with area code.
   *
   * @return the phone
   */
  @Value.Redacted
  public abstract Optional<String> phone();

  /**
   * Where the member comes from.
   *
   * @return the background
   */
  public abstract Background background();

  /**
   * Whether the member is a party member; false unless set.
   *
   * @return the flag
   */
  @Value.Default
  public boolean partyMember() {
    return false;
  }

  /**
   * Skills, at most 16, each 1 to 32 characters.
   *
   * @return the skills
   */
  public abstract Set<String> skills();

  /**
   * The organisation the member is posted from, 1 to 128 characters.
   *
   * @return the organisation
   */
  public abstract Optional<String> homeOrganisation();

  /**
   * The village served; required for village cadres.
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

  /** Builds a {@link NewMember}. */
  public static class Builder extends ImmutableNewMember.Builder {
    /** An empty builder. */
    public Builder() {}
  }
}
