package dev.zhuli.core.mentorship;

import dev.zhuli.core.HouseholdId;
import dev.zhuli.core.store.ValueStyle;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One entry of a household's history in a program: registered, assigned, moved or unassigned as
 * a grower; appointed or removed as a demonstration household (with neither {@code from} nor
 * {@code to}, and the reason saying which).
 *
 * @since 0.1.0
 */
@Value.Immutable
@ValueStyle
public abstract class GrowerMove {
  GrowerMove() {}

  /**
   * When.
   *
   * @return the time
   */
  public abstract Instant at();

  /**
   * The demonstration household it left; empty when it had none.
   *
   * @return the household
   */
  public abstract Optional<HouseholdId> from();

  /**
   * The demonstration household it joined; empty when it now has none.
   *
   * @return the household
   */
  public abstract Optional<HouseholdId> to();

  /**
   * Who did it, as the actor's text.
   *
   * @return the actor
   */
  public abstract String actor();

  /**
   * Why, if a reason was given.
   *
   * @return the reason
   */
  public abstract Optional<String> reason();
}
