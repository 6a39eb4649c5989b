package dev.zhuli.core.roster;

import dev.zhuli.core.GroupId;
import dev.zhuli.core.MemberId;
import dev.zhuli.core.SquadId;
import dev.zhuli.core.VillageId;
import dev.zhuli.core.store.ValueStyle;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * A member of a help group (成員): who they are, where they come from, and the squads they serve
 * in. Name and phone are personal data: {@link #toString()} leaves them out, and erasure replaces
 * them while the member's history stays.
 *
 * @since 0.1.0
 */
@Value.Immutable
@ValueStyle
public abstract class Member {
  Member() {}

  /**
   * The id.
   *
   * @return the id
   */
  public abstract MemberId id();

  /**
   * The group.
   *
   * @return the group
   */
  public abstract GroupId group();

  /**
   * The name; a placeholder once erased.
   *
   * @return the name
   */
  @Value.Redacted
  public abstract String name();

  /**
   * The phone number, if known; empty once erased.
   *
   * @return the phone
   */
  @Value.Redacted
  public abstract Optional<String> phone();

  /**
   * The phone number with its middle digits hidden, safe for logs: {@code 138****5678}.
   *
   * @return the masked phone
   */
  @Value.Derived
  public Optional<String> maskedPhone() {
    return phone().map(Phones::mask);
  }

  /**
   * Where the member comes from.
   *
   * @return the background
   */
  public abstract Background background();

  /**
   * Whether the member is a party member (黨員).
   *
   * @return the flag
   */
  public abstract boolean partyMember();

  /**
   * Skills, for finding the right person (for example 葡萄栽培, 直播電商).
   *
   * @return the skills
   */
  public abstract Set<String> skills();

  /**
   * The organisation the member is posted from, for example Northwest A&amp;F University.
   *
   * @return the organisation
   */
  public abstract Optional<String> homeOrganisation();

  /**
   * The village the member serves: required for village cadres, who act for it.
   *
   * @return the village
   */
  public abstract Optional<VillageId> village();

  /**
   * The squads the member serves in, with the role in each.
   *
   * @return squads and roles
   */
  public abstract Map<SquadId, SquadRole> squads();

  /**
   * Whether the member was removed from the group; kept for history.
   *
   * @return the flag
   */
  public abstract boolean removed();

  /**
   * Whether the member's personal data was erased.
   *
   * @return the flag
   */
  public abstract boolean erased();
}
