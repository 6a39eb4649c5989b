package dev.zhuli.core.order;

import dev.zhuli.core.MemberId;
import dev.zhuli.core.SquadId;
import dev.zhuli.core.store.ValueStyle;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * Who takes an order: the squad (needed when claiming an open order or assigning a returned one),
 * a lead who serves in that squad, and helpers from any squad of the group.
 *
 * @since 0.1.0
 */
@Value.Immutable
@ValueStyle
public abstract class Acceptance {
  Acceptance() {}

  /**
   * The squad taking it; for a dispatched order, its target squad (the default).
   *
   * @return the squad
   */
  public abstract Optional<SquadId> squad();

  /**
   * The lead, an active member of that squad.
   *
   * @return the lead
   */
  public abstract MemberId lead();

  /**
   * Helpers, active members of any squad of the group; at most 10.
   *
   * @return the helpers
   */
  public abstract Set<MemberId> helpers();

  /**
   * The caller's request key.
   *
   * @return the key
   */
  public abstract Optional<String> requestKey();

  /** Builds an {@link Acceptance}. */
  public static class Builder extends ImmutableAcceptance.Builder {
    /** An empty builder. */
    public Builder() {}
  }
}
