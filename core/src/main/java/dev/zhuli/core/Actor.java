package dev.zhuli.core;

import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Who runs a command. Every command names its actor, and the {@link
 * dev.zhuli.core.access.AccessPolicy access policy} decides whether the actor may.
 *
 * <p>There are four kinds of actor:
 * <ul>
 *   <li>a {@linkplain #member(MemberId) member} of a help group (成員), acting as themselves; the
 *       roles a member holds (coordinator of a group, member of a squad, cadre of a village) are
 *       read from the roster, never claimed;</li>
 *   <li>an {@linkplain #administrator(String, Collection) administrator} of one or more regions
 *       (a city or county government office), whose authority the host vouches for;</li>
 *   <li>a {@linkplain #household(HouseholdId) household}'s head (戶主), acting for a
 *       demonstration household or a grower of a mentorship program; like a member's, its roles
 *       (the head of a demonstration household) are read from the records, never claimed;</li>
 *   <li>the {@linkplain #system(String) system}: the host's own processes (set-up, imports,
 *       schedulers), trusted with everything.</li>
 * </ul>
 * The host authenticates people; Zhuli trusts the actor it is given.
 *
 * <p>Immutable and thread-safe. {@link #toString()} names the actor by id, never by personal data.
 *
 * @since 0.1.0
 */
public final class Actor {
  private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

  /** The kinds of actor. */
  public enum Kind {
    /** A member of a help group. */
    MEMBER,
    /** An administrator of regions. */
    ADMINISTRATOR,
    /** The host's own processes. */
    SYSTEM,
    /** The head of a household of a mentorship program. */
    HOUSEHOLD
  }

  private final Kind kind;
  private final String reference;
  private final MemberId member;
  private final HouseholdId household;
  private final Set<RegionId> regions;

  private Actor(Kind kind, String reference, MemberId member, Set<RegionId> regions) {
    this(kind, reference, member, null, regions);
  }

  private Actor(Kind kind, String reference, MemberId member, HouseholdId household,
      Set<RegionId> regions) {
    this.kind = kind;
    this.reference = reference;
    this.member = member;
    this.household = household;
    this.regions = regions;
  }

  /**
   * The head of a household, acting for it.
   *
   * @param household the household's id
   * @return the actor
   * @throws ValidationException if the id is null
   * @since 0.1.0
   */
  public static Actor household(HouseholdId household) {
    if (household == null) {
      throw new ValidationException("actor.household", "must not be null");
    }
    return new Actor(Kind.HOUSEHOLD, household.value(), null, household, Set.of());
  }

  /**
   * The household acting, if this is a household's head.
   *
   * @return the household's id
   * @since 0.1.0
   */
  public Optional<HouseholdId> household() {
    return Optional.ofNullable(household);
  }

  /**
   * A member of a help group, acting as themselves.
   *
   * @param member the member's id
   * @return the actor
   * @throws ValidationException if the id is null
   */
  public static Actor member(MemberId member) {
    if (member == null) {
      throw new ValidationException("actor.member", "must not be null");
    }
    return new Actor(Kind.MEMBER, member.value(), member, Set.of());
  }

  /**
   * An administrator of regions: of each region given and everything below it.
   *
   * @param reference the host's id of the administrator (1 to 64 characters of
   *     {@code A–Z a–z 0–9 . _ @ -}, not a name), for logs and audit
   * @param regions the cities or counties administered, at least one
   * @return the actor
   * @throws ValidationException if the reference is invalid or no region is given
   */
  public static Actor administrator(String reference, Collection<RegionId> regions) {
    checkReference("actor.reference", reference);
    if (regions == null || regions.isEmpty() || regions.stream().anyMatch(r -> r == null)) {
      throw new ValidationException("actor.regions", "must name at least one region, no null");
    }
    // Sorted, so that the actor reads the same in every process (request fingerprints use it).
    return new Actor(Kind.ADMINISTRATOR, reference, null,
        java.util.Collections.unmodifiableSet(new TreeSet<>(regions)));
  }

  /**
   * The host's own processes, trusted with everything: set-up, imports, schedulers.
   *
   * @param name the process, for logs and audit (1 to 64 characters of
   *     {@code A–Z a–z 0–9 . _ @ -})
   * @return the actor
   * @throws ValidationException if the name is invalid
   */
  public static Actor system(String name) {
    checkReference("actor.name", name);
    return new Actor(Kind.SYSTEM, name, null, Set.of());
  }

  private static void checkReference(String field, String value) {
    if (value == null || !REFERENCE.matcher(value).matches()) {
      throw new ValidationException(field, "must be 1 to 64 characters of A-Z a-z 0-9 . _ @ -,"
          + " starting with a letter or digit, was \"" + Texts.shorten(String.valueOf(value))
          + "\"");
    }
  }

  /**
   * The kind of actor.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * The member acting, if this is a member.
   *
   * @return the member's id
   */
  public Optional<MemberId> member() {
    return Optional.ofNullable(member);
  }

  /**
   * The regions this actor administers (with everything below them); empty unless an
   * administrator.
   *
   * @return an unmodifiable set, sorted by id
   */
  public Set<RegionId> administeredRegions() {
    return regions;
  }

  /**
   * The actor's reference: the member or household id, the administrator's reference or the
   * system's name.
   *
   * @return the reference
   */
  public String reference() {
    return reference;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Actor && ((Actor) o).kind == kind
        && ((Actor) o).reference.equals(reference) && ((Actor) o).regions.equals(regions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, reference, regions);
  }

  /** For example {@code "member 0190f3c2-…"} or {@code "administrator linwei-office"}. */
  @Override
  public String toString() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + reference;
  }
}
