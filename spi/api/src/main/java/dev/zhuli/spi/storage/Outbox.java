package dev.zhuli.spi.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The relay's view of the outbox: claim due messages under a lease, then settle each claim once.
 *
 * <p>Messages enter the outbox only through {@link Transaction#enqueue(OutboxMessage)}, committed
 * with the records of their command. A message is <em>live</em> until it is acknowledged
 * (removed) or buried (a dead letter); a dead letter stays until it is revived (live again) or
 * purged (removed). Stores never read a clock: every time comes from the
 * caller, and "due" and "expired" are judged against the caller's {@code now}.
 *
 * <p><b>Fencing.</b> Each claim gives the message a fencing token greater than any it had before.
 * {@link #acknowledge}, {@link #reschedule} and {@link #bury} act only when given the token of the
 * message's latest claim and the claim is still open (not yet settled by one of these three);
 * otherwise they change nothing and return {@code false}. So an instance whose lease expired and
 * whose message was claimed again never settles someone else's delivery. A late settlement of a
 * claim that nobody took over is accepted: the store cannot tell the time.
 *
 * <p>Implementations are thread-safe; every method is its own transaction.
 *
 * @since 0.1.0
 */
public interface Outbox {

  /**
   * Claims up to {@code max} live messages that are due ({@code dueAt <= now}) and not leased
   * (never claimed, settled back by a reschedule, or whose lease ended at or before {@code now}).
   * Each claimed message gets a new fencing token, one more attempt, and a lease to
   * {@code now + lease} held by {@code owner}. Stores should prefer the longest-due messages, but
   * promise no order.
   *
   * @param owner the claiming instance, 1 to {@value Limits#MAX_OWNER_LENGTH} printable ASCII
   *     characters
   * @param now the caller's current time
   * @param lease how long the claim holds; positive
   * @param max 1 to {@value Limits#MAX_PAGE_SIZE}
   * @return the claimed messages, possibly none
   * @throws IllegalArgumentException if an argument is invalid
   * @throws StorageException if the store fails
   */
  List<ClaimedMessage> claim(String owner, Instant now, Duration lease, int max);

  /**
   * Removes a delivered message.
   *
   * @param id the message id
   * @param fencingToken the token of the claim being settled
   * @return true if removed; false, changing nothing, if the token is stale, the claim already
   *     settled, or the message unknown or dead
   * @throws IllegalArgumentException if the id is invalid
   * @throws StorageException if the store fails
   */
  boolean acknowledge(String id, long fencingToken);

  /**
   * Returns a claimed message to the queue after a failed attempt: it becomes due again at
   * {@code notBefore}, keeps its attempts, and records the error.
   *
   * @param id the message id
   * @param fencingToken the token of the claim being settled
   * @param notBefore when it may be claimed again
   * @param error why the attempt failed, at most {@value Limits#MAX_ERROR_LENGTH} characters,
   *     without personal data
   * @return true if rescheduled; false, changing nothing, as for {@link #acknowledge}
   * @throws IllegalArgumentException if an argument is invalid
   * @throws StorageException if the store fails
   */
  boolean reschedule(String id, long fencingToken, Instant notBefore, String error);

  /**
   * Makes a claimed message a dead letter after its last failed attempt: kept, listed by
   * {@link #dead}, never claimed again until {@link #revive revived}.
   *
   * @param id the message id
   * @param fencingToken the token of the claim being settled
   * @param error why the last attempt failed, at most {@value Limits#MAX_ERROR_LENGTH} characters,
   *     without personal data
   * @return true if buried; false, changing nothing, as for {@link #acknowledge}
   * @throws IllegalArgumentException if an argument is invalid
   * @throws StorageException if the store fails
   */
  boolean bury(String id, long fencingToken, String error);

  /**
   * Lists dead letters in ascending order of message id, a page at a time.
   *
   * @param cursor null for the first page, else the {@link Page#nextCursor()} of the previous one
   * @param limit 1 to {@value Limits#MAX_PAGE_SIZE}
   * @return a page of dead letters
   * @throws IllegalArgumentException if the limit is out of range or the cursor unreadable
   * @throws StorageException if the store fails
   */
  Page<DeadLetter> dead(String cursor, int limit);

  /**
   * Makes a dead letter live and due at {@code now} again, keeping its id, payload and last
   * error; its attempts start again from zero.
   *
   * @param id the message id
   * @param now the caller's current time, the new due time
   * @return true if revived; false, changing nothing, if no dead letter has that id
   * @throws IllegalArgumentException if an argument is invalid
   * @throws StorageException if the store fails
   */
  boolean revive(String id, Instant now);

  /**
   * Removes a dead letter for good, when the host has decided it will never be delivered (for
   * example the events of a subscriber it no longer runs). Only dead letters can be purged: a live
   * message, claimed or not, is left alone, so a purge can never lose a message that is still
   * being delivered. Afterwards the message is no longer listed by {@link #dead}, cannot be
   * revived, and its id is free again.
   *
   * @param id the message id
   * @return true if a dead letter was removed; false, changing nothing, if no dead letter has that
   *     id (the message is live, or unknown)
   * @throws IllegalArgumentException if the id is invalid
   * @throws StorageException if the store fails
   */
  boolean purge(String id);
}
