package dev.zhuli.core.mentorship;

import dev.zhuli.core.HouseholdId;
import dev.zhuli.core.store.ValueStyle;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What {@link Supervision#recordInspection} needs: a demonstration household's check (監督) of one of its growers on one practice of the plan.
 *
 * @since 0.1.0
 */
@Value.Immutable
@ValueStyle
public abstract class NewInspection {
  NewInspection() {}

  /**
   * The grower inspected.
   *
   * @return the grower
   */
  public abstract HouseholdId grower();

  /**
   * The practice of the plan, by name.
   *
   * @return the practice
   */
  public abstract String practice();

  /**
   * The day of the inspection, not in the future.
   *
   * @return the date
   */
  public abstract LocalDate date();

  /**
   * What was found.
   *
   * @return the execution
   */
  public abstract Execution execution();

  /**
   * Notes, at most 2000 characters.
   *
   * @return the notes
   */
  public abstract Optional<String> notes();

  /**
   * Evidence references (photos, files), at most 20 of 256 characters.
   *
   * @return the evidence
   */
  public abstract List<String> evidence();

  /**
   * The caller's request key: repeating it returns the first result and changes nothing.
   *
   * @return the key
   */
  public abstract Optional<String> requestKey();

  /** Builds a {@link NewInspection}. */
  public static class Builder extends ImmutableNewInspection.Builder {
    /** An empty builder. */
    public Builder() {}
  }
}
