package dev.zhuli.core.order;

import dev.zhuli.core.store.ValueStyle;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The completion report that resolves an order (辦結), with outcome figures such as
 * {@code workers → 50} or {@code monthlyWageYuan → 3000}.
 *
 * @since 0.1.0
 */
@Value.Immutable
@ValueStyle
public abstract class Resolution {
  Resolution() {}

  /**
   * The report, 1 to 4000 characters.
   *
   * @return the report
   */
  public abstract String report();

  /**
   * Outcome figures, at most 20, names 1 to 64 characters.
   *
   * @return the figures
   */
  public abstract Map<String, BigDecimal> outcome();

  /**
   * The caller's request key.
   *
   * @return the key
   */
  public abstract Optional<String> requestKey();

  /** Builds a {@link Resolution}. */
  public static class Builder extends ImmutableResolution.Builder {
    /** An empty builder. */
    public Builder() {}
  }
}
