package dev.zhuli.core.order;

import dev.zhuli.core.store.ValueStyle;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What {@link Orders#recordActivity} needs: a training needs a topic and a head-count, a referral
 * names whom or what it referred to and may state the money mobilised.
 *
 * @since 0.1.0
 */
@Value.Immutable
@ValueStyle
public abstract class NewActivity {
  NewActivity() {}

  /**
   * What was done.
   *
   * @return the kind
   */
  public abstract ActivityKind kind();

  /**
   * A summary, 1 to 2000 characters.
   *
   * @return the summary
   */
  public abstract String summary();

  /**
   * The training's topic, 1 to 100 characters; required for a training.
   *
   * @return the topic
   */
  public abstract Optional<String> topic();

  /**
   * The training's head-count, 1 to 100000; required for a training.
   *
   * @return the head-count
   */
  public abstract Optional<Integer> headCount();

  /**
   * Whom or what a referral was to, 1 to 200 characters; required for a referral.
   *
   * @return the referral
   */
  public abstract Optional<String> referredTo();

  /**
   * Money mobilised by a referral, in yuan, 0 or more, at most 2 decimals.
   *
   * @return the amount
   */
  public abstract Optional<BigDecimal> money();

  /**
   * Attachment references.
   *
   * @return the references
   */
  public abstract List<String> attachments();

  /**
   * The caller's request key.
   *
   * @return the key
   */
  public abstract Optional<String> requestKey();

  /** Builds a {@link NewActivity}. */
  public static class Builder extends ImmutableNewActivity.Builder {
    /** An empty builder. */
    public Builder() {}
  }
}
