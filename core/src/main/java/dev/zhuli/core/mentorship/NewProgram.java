package dev.zhuli.core.mentorship;

import dev.zhuli.core.MemberId;
import dev.zhuli.core.VillageId;
import dev.zhuli.core.store.ValueStyle;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What {@link Mentorship#createProgram} needs: where, what crop and season, the practice plan,
 * the yield target, the owner, and optionally the policy numbers.
 *
 * @since 0.1.0
 */
@Value.Immutable
@ValueStyle
public abstract class NewProgram {
  NewProgram() {}

  /**
   * The program's name, 1 to 64 characters, for example 南溝葡萄示範園.
   *
   * @return the name
   */
  public abstract String name();

  /**
   * The village or community it is in.
   *
   * @return the village
   */
  public abstract VillageId village();

  /**
   * The crop, 1 to 32 characters, for example 陽光玫瑰葡萄.
   *
   * @return the crop
   */
  public abstract String crop();

  /**
   * The season, 1 to 32 characters, for example {@code 2026}.
   *
   * @return the season
   */
  public abstract String season();

  /**
   * The practice plan, in order; at most 100 practices.
   *
   * @return the practices
   */
  public abstract List<Practice> plan();

  /**
   * The yield target in kg per mu, above 0 and below 100000, at most 2 decimals.
   *
   * @return the target
   */
  public abstract BigDecimal yieldTarget();

  /**
   * The owner, an active member of the group serving the village (for example the first
   * secretary).
   *
   * @return the owner
   */
  public abstract MemberId owner();

  /**
   * The policy numbers; {@link ProgramPolicy#defaults()} when empty.
   *
   * @return the policy
   */
  public abstract Optional<ProgramPolicy> policy();

  /**
   * The caller's request key: repeating it returns the first result and changes nothing.
   *
   * @return the key
   */
  public abstract Optional<String> requestKey();

  /** Builds a {@link NewProgram}. */
  public static class Builder extends ImmutableNewProgram.Builder {
    /** An empty builder. */
    public Builder() {}
  }
}
