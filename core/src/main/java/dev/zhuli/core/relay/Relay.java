package dev.zhuli.core.relay;

import dev.zhuli.core.PageRequest;
import dev.zhuli.core.ResultPage;
import dev.zhuli.core.StorageFailureException;
import dev.zhuli.core.ValidationException;
import dev.zhuli.spi.notify.EventSubscriber;
import dev.zhuli.spi.notify.Notifier;
import dev.zhuli.spi.storage.DeadLetter;
import java.time.Instant;
import java.util.Optional;

/**
 * The relay (the outbox's delivery machinery): moves the notifications and domain events that
 * commands committed into the outbox to the host's {@link Notifier} and named
 * {@link EventSubscriber}s, at least once, and never by two instances at the same time.
 *
 * <p><b>Lifecycle.</b> {@code Zhuli.relay()} is built with Zhuli but not started. Either call
 * {@link #start()} once, for background threads, or call {@link #pollOnce(Instant)} from the
 * host's own scheduler (or a test); both may be used together. {@link #close()} (also run by
 * {@code Zhuli.close()}, before the store closes) stops the threads, waits a grace period for
 * rounds in progress, and hands back to the outbox whatever it still holds.
 *
 * <p><b>Delivery.</b> A round claims up to {@link RelaySettings#batchSize()} due messages under a
 * lease held by this instance's owner id, runs their callbacks at the same time on delivery
 * threads, each cut off after {@link RelaySettings#callbackTimeout()} (shorter than the lease),
 * and then settles each claim: a callback that returned is acknowledged; one that threw or timed
 * out is tried again after an exponential backoff with jitter, and after
 * {@link RelaySettings#maxAttempts()} attempts it is buried as a dead letter with its last error.
 * The store's fencing token makes sure that an instance whose lease ran out never settles a claim
 * that someone else has taken over. A message for a subscriber name that is not registered (the
 * host stopped registering it) is buried at once with the error
 * {@code no subscriber named '…' is registered}: kept, listed, and revivable once the subscriber is
 * registered again, or {@link #purge purged} for good. Instances that share a store should
 * therefore register the same subscribers.
 *
 * <p><b>Failures stay with the relay.</b> A callback that throws (any exception or error, except a
 * {@link VirtualMachineError}) or hangs never blocks commands, never stops other deliveries, and
 * never loses its message; its exception is logged without personal data (the message id, in the
 * MDC under {@code zhuli.message}, destination, type, attempt, exception class and a shortened
 * message, never recipients, parameters or payloads) and never reaches a command's caller.
 * Because a callback's exception message is logged and kept with the message, keep personal data
 * out of it. A cancelled callback that ignores interruption keeps its delivery thread until it
 * returns; when every delivery thread is held like that the relay claims nothing (it never claims
 * a message it cannot run, nor starts more threads) until one returns. A
 * {@link VirtualMachineError} from a callback is not swallowed: the round settles its batch, that
 * message as a failed attempt, and then rethrows the error (from {@code pollOnce}, or ending that
 * background thread's polling).
 *
 * <p>Thread-safe: every method may be called from any thread, and rounds of background threads
 * and of {@code pollOnce} may run at once.
 *
 * @since 0.1.0
 */
public interface Relay extends AutoCloseable {

  /**
   * Starts {@link RelaySettings#threads()} background threads that poll the outbox: a round that
   * claims a full batch is followed at once by the next, otherwise a thread waits
   * {@link RelaySettings#pollInterval()}. Each round reads the time from Zhuli's clock. Calling it
   * again while started does nothing.
   *
   * @throws IllegalStateException if the relay is closed
   * @since 0.1.0
   */
  void start();

  /**
   * Runs one round now, on the calling thread (the callbacks run on delivery threads): claims the
   * messages due at {@code now}, delivers them, settles each claim with times computed from
   * {@code now}, and returns when all are settled.
   *
   * @param now the time of the round, usually Zhuli's clock; due times, leases and backoff are
   *     judged against it
   * @return how many messages the round claimed; zero if none was due, or if every delivery
   *     thread is held by a hung callback
   * @throws ValidationException if {@code now} is null
   * @throws StorageFailureException if the store fails to claim; a failure to settle a claim is
   *     logged instead, and the claim runs out with its lease
   * @throws IllegalStateException if the relay is closed
   * @since 0.1.0
   */
  int pollOnce(Instant now);

  /**
   * Counters and gauges of this instance.
   *
   * @return a snapshot
   * @since 0.1.0
   */
  RelayStatistics statistics();

  /**
   * The owner id this instance claims with.
   *
   * @return the owner id
   * @since 0.1.0
   */
  String owner();

  /**
   * Lists dead letters in ascending order of message id, a page at a time. A dead letter's
   * {@link DeadLetter#message() message} holds the payload as committed, which may contain
   * personal data.
   *
   * @param page which page
   * @return the page
   * @throws ValidationException if the page or its cursor is invalid
   * @throws StorageFailureException if the store fails
   * @throws IllegalStateException if the relay is closed
   * @since 0.1.0
   */
  ResultPage<DeadLetter> deadLetters(PageRequest page);

  /**
   * Finds one dead letter by its message id. The storage contract lists dead letters in id order
   * but has no lookup by id, so this reads the list up to that id.
   *
   * @param id the message id
   * @return the dead letter, or empty if no dead letter has that id
   * @throws ValidationException if the id is not a valid message id
   * @throws StorageFailureException if the store fails
   * @throws IllegalStateException if the relay is closed
   * @since 0.1.0
   */
  Optional<DeadLetter> deadLetter(String id);

  /**
   * Makes a dead letter due again now (by Zhuli's clock), with the same id and payload and its
   * attempts counted from zero.
   *
   * @param id the message id
   * @return true if it was revived; false if no dead letter has that id
   * @throws ValidationException if the id is not a valid message id
   * @throws StorageFailureException if the store fails
   * @throws IllegalStateException if the relay is closed
   * @since 0.1.0
   */
  boolean revive(String id);

  /**
   * Revives every dead letter, as {@link #revive(String)} does, reading the list a page at a
   * time. Each message is revived at most once per call, so messages buried again while this runs
   * stay dead.
   *
   * @return how many were revived
   * @throws StorageFailureException if the store fails; those revived so far stay revived
   * @throws IllegalStateException if the relay is closed
   * @since 0.1.0
   */
  int reviveAll();

  /**
   * Removes a dead letter for good, for example the events of a subscriber the host no longer
   * runs. Live messages are never purged.
   *
   * @param id the message id
   * @return true if a dead letter was removed; false if no dead letter has that id
   * @throws ValidationException if the id is not a valid message id
   * @throws StorageFailureException if the store fails
   * @throws IllegalStateException if the relay is closed
   * @since 0.1.0
   */
  boolean purge(String id);

  /**
   * Stops the background threads and new rounds, waits up to
   * {@link RelaySettings#closeGrace()} for rounds in progress (background or {@code pollOnce}) to
   * settle their claims, then cancels the callbacks still running and hands their messages back
   * to the outbox, due at once, so that another instance delivers them; each such claim has
   * counted as an attempt. Waits at most a second more for that and a second for its threads to
   * end, then returns; a callback that ignores interruption may outlive it, on a daemon thread.
   * Idempotent: a second call returns once the first is done. Later calls of every other method
   * throw {@link IllegalStateException}.
   *
   * @since 0.1.0
   */
  @Override
  void close();
}
