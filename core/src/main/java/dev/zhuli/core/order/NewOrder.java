package dev.zhuli.core.order;

import dev.zhuli.core.MemberId;
import dev.zhuli.core.SquadId;
import dev.zhuli.core.VillageId;
import dev.zhuli.core.roster.SquadKind;
import dev.zhuli.core.store.ValueStyle;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What {@link Orders#place} needs. Naming a {@link #squad()} dispatches the order to it in the same
 * command.
 *
 * @since 0.1.0
 */
@Value.Immutable
@ValueStyle
public abstract class NewOrder {
  NewOrder() {}

  /**
   * The village asking.
   *
   * @return the village
   */
  public abstract VillageId village();

  /**
   * The cadre of that village placing it; the actor must be this cadre.
   *
   * @return the requester
   */
  public abstract MemberId requester();

  /**
   * A title, 1 to 100 characters.
   *
   * @return the title
   */
  public abstract String title();

  /**
   * A description, 1 to 2000 characters.
   *
   * @return the description
   */
  public abstract String description();

  /**
   * What it is about.
   *
   * @return the category
   */
  public abstract OrderCategory category();

  /**
   * How urgent; routine unless set.
   *
   * @return the urgency
   */
  @Value.Default
  public Urgency urgency() {
    return Urgency.ROUTINE;
  }

  /**
   * The kind of squad the village would like, if any.
   *
   * @return the kind
   */
  public abstract Optional<SquadKind> requestedSquadKind();

  /**
   * A squad of the group to dispatch to directly, if the village names one.
   *
   * @return the squad
   */
  public abstract Optional<SquadId> squad();

  /**
   * When the village needs it by; not before the day it is placed.
   *
   * @return the date
   */
  public abstract Optional<LocalDate> desiredBy();

  /**
   * Attachment references (at most 20, each at most 256 characters) the host resolves.
   *
   * @return the references
   */
  public abstract List<String> attachments();

  /**
   * The caller's request key: repeating it returns the first order and changes nothing.
   *
   * @return the key
   */
  public abstract Optional<String> requestKey();

  /** Builds a {@link NewOrder}. */
  public static class Builder extends ImmutableNewOrder.Builder {
    /** An empty builder. */
    public Builder() {}
  }
}
