package dev.zhuli.spi.storage;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An outbox message claimed by one relay instance under a lease.
 *
 * <p>The fencing token identifies this claim: {@link Outbox#acknowledge(String, long)},
 * {@link Outbox#reschedule(String, long, Instant, String)} and
 * {@link Outbox#bury(String, long, String)} succeed only with the token of the latest claim, and
 * only once. A later claim of the same message (after this lease expired) gets a greater token.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class ClaimedMessage {
  private final OutboxMessage message;
  private final long fencingToken;
  private final int attempts;
  private final Instant leaseExpiresAt;
  private final String lastError;

  private ClaimedMessage(
      OutboxMessage message, long fencingToken, int attempts, Instant leaseExpiresAt,
      String lastError) {
    this.message = message;
    this.fencingToken = fencingToken;
    this.attempts = attempts;
    this.leaseExpiresAt = leaseExpiresAt;
    this.lastError = lastError;
  }

  /**
   * Creates a claimed message.
   *
   * @param message the message
   * @param fencingToken the token of this claim
   * @param attempts the attempts so far, this claim included (at least 1)
   * @param leaseExpiresAt when the lease ends
   * @param lastError the error of the previous attempt, or null
   * @return the claimed message
   * @throws IllegalArgumentException if the message or lease end is null, attempts below 1, or
   *     the last error not a valid {@link Limits#checkError error}
   */
  public static ClaimedMessage of(
      OutboxMessage message, long fencingToken, int attempts, Instant leaseExpiresAt,
      String lastError) {
    if (message == null) {
      throw new IllegalArgumentException("message must not be null");
    }
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
    }
    Limits.checkTime("leaseExpiresAt", leaseExpiresAt);
    return new ClaimedMessage(message, fencingToken, attempts, leaseExpiresAt,
        lastError == null ? null : Limits.checkError(lastError));
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
   * The fencing token of this claim.
   *
   * @return the token
   */
  public long fencingToken() {
    return fencingToken;
  }

  /**
   * The number of claims of this message so far, this one included; revival starts again at 0.
   *
   * @return the attempts
   */
  public int attempts() {
    return attempts;
  }

  /**
   * When the lease ends; after it, another instance may claim the message.
   *
   * @return the lease end
   */
  public Instant leaseExpiresAt() {
    return leaseExpiresAt;
  }

  /**
   * The error recorded by the last reschedule or bury, if any.
   *
   * @return the error
   */
  public Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ClaimedMessage)) {
      return false;
    }
    ClaimedMessage c = (ClaimedMessage) o;
    return c.message.equals(message)
        && c.fencingToken == fencingToken
        && c.attempts == attempts
        && c.leaseExpiresAt.equals(leaseExpiresAt)
        && Objects.equals(c.lastError, lastError);
  }

  @Override
  public int hashCode() {
    return Objects.hash(message, fencingToken, attempts, leaseExpiresAt, lastError);
  }

  @Override
  public String toString() {
    return "claimed " + message + " token " + fencingToken + " attempt " + attempts;
  }
}
