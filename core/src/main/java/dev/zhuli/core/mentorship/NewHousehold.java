package dev.zhuli.core.mentorship;

import dev.zhuli.core.VillageId;
import dev.zhuli.core.store.ValueStyle;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What {@link Mentorship#registerHousehold(dev.zhuli.core.Actor, dev.zhuli.core.ProgramId,
 * NewHousehold)} needs: the head's name, optionally a phone number, and the village when it is
 * not the program's.
 *
 * @since 0.1.0
 */
@Value.Immutable
@ValueStyle
public abstract class NewHousehold {
  NewHousehold() {}

  /**
   * The head of the household (戶主), 1 to 64 characters; personal data.
   *
   * @return the name
   */
  public abstract String head();

  /**
   * A phone number: a mainland mobile number or a landline with area code; personal data.
   *
   * @return the phone number
   */
  public abstract Optional<String> phone();

  /**
   * The village; the program's village when empty.
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

  /** Builds a {@link NewHousehold}. */
  public static class Builder extends ImmutableNewHousehold.Builder {
    /** An empty builder. */
    public Builder() {}
  }
}
