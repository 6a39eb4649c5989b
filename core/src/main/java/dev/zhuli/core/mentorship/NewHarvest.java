package dev.zhuli.core.mentorship;

import dev.zhuli.core.HouseholdId;
import dev.zhuli.core.store.ValueStyle;
import java.math.BigDecimal;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What {@link Supervision#recordHarvest} needs: a household's harvest (產量) of one plot in a season.
 *
 * @since 0.1.0
 */
@Value.Immutable
@ValueStyle
public abstract class NewHarvest {
  NewHarvest() {}

  /**
   * The grower or demonstration household.
   *
   * @return the household
   */
  public abstract HouseholdId household();

  /**
   * The season, 1 to 32 characters.
   *
   * @return the season
   */
  public abstract String season();

  /**
   * The area in mu, above 0 and below 100000, at most 2 decimals.
   *
   * @return the area
   */
  public abstract BigDecimal area();

  /**
   * The yield in kg, 0 or more, at most 2 decimals.
   *
   * @return the yield in kg
   */
  public abstract BigDecimal yieldKg();

  /**
   * The revenue in yuan, 0 or more, at most 2 decimals.
   *
   * @return the revenue
   */
  public abstract BigDecimal revenue();

  /**
   * The caller's request key: repeating it returns the first result and changes nothing.
   *
   * @return the key
   */
  public abstract Optional<String> requestKey();

  /** Builds a {@link NewHarvest}. */
  public static class Builder extends ImmutableNewHarvest.Builder {
    /** An empty builder. */
    public Builder() {}
  }
}
