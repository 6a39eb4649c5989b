package dev.zhuli.core.mentorship;

import dev.zhuli.core.HouseholdId;
import dev.zhuli.core.VillageId;
import dev.zhuli.core.store.ValueStyle;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A household (戶), a party that acts through its head and can be notified: a demonstration
 * household (示範戶) or an ordinary grower (種植戶) in the programs it is registered in.
 *
 * @since 0.1.0
 */
@Value.Immutable
@ValueStyle
public abstract class Household {
  Household() {}

  /**
   * The id.
   *
   * @return the id
   */
  public abstract HouseholdId id();

  /**
   * The village.
   *
   * @return the village
   */
  public abstract VillageId village();

  /**
   * The head's name; personal data.
   *
   * @return the name
   */
  public abstract String head();

  /**
   * The phone number; personal data.
   *
   * @return the phone number
   */
  public abstract Optional<String> phone();

  @Override
  public String toString() {
    return "Household{" + id() + ", village " + village() + "}";
  }
}
