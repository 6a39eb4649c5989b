package dev.zhuli.core.order;

import dev.zhuli.core.store.ValueStyle;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One clock of an order (辦理時限): the stage it timed, when it started and is due, when the
 * reminder and the second escalation fall, and when and how it ended. An order keeps every clock
 * it ran, oldest first ({@link Order#deadlines()}); at most the last one is running.
 *
 * @since 0.1.0
 */
@Value.Immutable
@ValueStyle
public abstract class Deadline {
  Deadline() {}

  /**
   * The stage timed.
   *
   * @return the stage
   */
  public abstract ServiceStage stage();

  /**
   * When the clock started.
   *
   * @return the time
   */
  public abstract Instant startedAt();

  /**
   * When the stage is due; for {@link ServiceStage#RATING}, when the order may close unrated.
   * An approved extension moves it.
   *
   * @return the deadline
   */
  public abstract Instant dueAt();

  /**
   * When the reminder falls, if one does.
   *
   * @return the time
   */
  public abstract Optional<Instant> remindAt();

  /**
   * When an order still overdue is escalated to the group's administrators; empty for
   * {@link ServiceStage#RATING}.
   *
   * @return the time
   */
  public abstract Optional<Instant> escalateAt();

  /**
   * When the clock stopped; empty while it runs.
   *
   * @return the time
   */
  public abstract Optional<Instant> endedAt();

  /**
   * The transition that stopped it; empty while it runs.
   *
   * @return the transition
   */
  public abstract Optional<Transition> endedBy();

  /**
   * Whether the clock still runs.
   *
   * @return true while running
   */
  public boolean running() {
    return endedAt().isEmpty();
  }

  /**
   * Whether the stage is overdue at an instant: running, and due at or before it.
   *
   * @param now the instant
   * @return true if overdue
   */
  public boolean overdueAt(Instant now) {
    return running() && !now.isBefore(dueAt());
  }

  /**
   * Whether the stage ended by its deadline.
   *
   * @return true if it ended at or before the deadline; false if it ended late or still runs
   */
  public boolean metInTime() {
    return endedAt().isPresent() && !endedAt().get().isAfter(dueAt());
  }
}
