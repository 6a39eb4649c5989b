package dev.zhuli.core.mentorship;

import dev.zhuli.core.HouseholdId;
import dev.zhuli.core.store.ValueStyle;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What {@link Supervision#recordVisit} needs: a guidance visit (指導) of an expert to a demonstration household of their tree.
 *
 * @since 0.1.0
 */
@Value.Immutable
@ValueStyle
public abstract class NewVisit {
  NewVisit() {}

  /**
   * The demonstration household visited.
   *
   * @return the household
   */
  public abstract HouseholdId household();

  /**
   * The day of the visit, not in the future.
   *
   * @return the date
   */
  public abstract LocalDate date();

  /**
   * The practices of the plan covered, by name; at most 20.
   *
   * @return the practices
   */
  public abstract List<String> practices();

  /**
   * Notes, at most 2000 characters.
   *
   * @return the notes
   */
  public abstract Optional<String> notes();

  /**
   * Attachment references (photos, files), at most 20 of 256 characters.
   *
   * @return the attachments
   */
  public abstract List<String> attachments();

  /**
   * The caller's request key: repeating it returns the first result and changes nothing.
   *
   * @return the key
   */
  public abstract Optional<String> requestKey();

  /** Builds a {@link NewVisit}. */
  public static class Builder extends ImmutableNewVisit.Builder {
    /** An empty builder. */
    public Builder() {}
  }
}
