package dev.zhuli.spi.storage;

import java.util.Objects;

/**
 * An outbox message that was buried after its last failed attempt: kept, never delivered again
 * until {@link Outbox#revive(String, java.time.Instant) revived}.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class DeadLetter {
  private final OutboxMessage message;
  private final int attempts;
  private final String error;

  private DeadLetter(OutboxMessage message, int attempts, String error) {
    this.message = message;
    this.attempts = attempts;
    this.error = error;
  }

  /**
   * Creates a dead letter.
   *
   * @param message the message
   * @param attempts the attempts made before it was buried
   * @param error the error it was buried with
   * @return the dead letter
   * @throws IllegalArgumentException if the message or error is null or attempts negative
   */
  public static DeadLetter of(OutboxMessage message, int attempts, String error) {
    if (message == null) {
      throw new IllegalArgumentException("message must not be null");
    }
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must not be negative, was " + attempts);
    }
    return new DeadLetter(message, attempts, Limits.checkError(error));
  }

  /**
   * The message.
   *
   * @return the message
   */
  public OutboxMessage message() {
    return message;
  }

  /**
   * The attempts made before it was buried.
   *
   * @return the attempts
   */
  public int attempts() {
    return attempts;
  }

  /**
   * The error it was buried with.
   *
   * @return the error
   */
  public String error() {
    return error;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeadLetter
        && ((DeadLetter) o).message.equals(message)
        && ((DeadLetter) o).attempts == attempts
        && ((DeadLetter) o).error.equals(error);
  }

  @Override
  public int hashCode() {
    return Objects.hash(message, attempts, error);
  }

  @Override
  public String toString() {
    return "dead " + message + " after " + attempts + " attempts";
  }
}
