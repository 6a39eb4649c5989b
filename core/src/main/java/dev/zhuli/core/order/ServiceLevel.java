package dev.zhuli.core.order;

import dev.zhuli.core.ValidationException;
import java.time.Duration;
import java.util.Objects;

/**
 * The terms of one urgency (服務時限): how long an order may wait to be dispatched, to be
 * accepted once dispatched, and to be resolved once accepted, and how long before each deadline
 * the people responsible are reminded.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class ServiceLevel {
  /** The longest reminder lead: 30 days. */
  public static final Duration MAX_REMINDER_LEAD = Duration.ofDays(30);

  private final Term dispatch;
  private final Term accept;
  private final Term resolve;
  private final Duration remindBefore;

  private ServiceLevel(Term dispatch, Term accept, Term resolve, Duration remindBefore) {
    this.dispatch = dispatch;
    this.accept = accept;
    this.resolve = resolve;
    this.remindBefore = remindBefore;
  }

  /**
   * A service level with these terms.
   *
   * @param dispatch from placement (or a return) to dispatch
   * @param accept from dispatch (or a transfer) to acceptance
   * @param resolve from acceptance (or a reopening) to resolution
   * @param remindBefore how long before a deadline to remind: positive, at most
   *     {@link #MAX_REMINDER_LEAD}; no reminder is raised when that moment is not after the
   *     stage's start
   * @return the service level
   * @throws ValidationException if a term is null or the lead out of range
   */
  public static ServiceLevel of(Term dispatch, Term accept, Term resolve,
      Duration remindBefore) {
    present("serviceLevel.dispatch", dispatch);
    present("serviceLevel.accept", accept);
    present("serviceLevel.resolve", resolve);
    present("serviceLevel.remindBefore", remindBefore);
    if (remindBefore.isNegative() || remindBefore.isZero()
        || remindBefore.compareTo(MAX_REMINDER_LEAD) > 0) {
      throw new ValidationException("serviceLevel.remindBefore",
          "must be positive and at most 30 days, was " + remindBefore);
    }
    return new ServiceLevel(dispatch, accept, resolve, remindBefore);
  }

  /**
   * The term of a stage; null for {@link ServiceStage#RATING}, whose length is the quiet period.
   *
   * @param stage the stage
   * @return the term, or null
   */
  Term term(ServiceStage stage) {
    switch (stage) {
      case DISPATCH:
        return dispatch;
      case ACCEPT:
        return accept;
      case RESOLVE:
        return resolve;
      default:
        return null;
    }
  }

  /**
   * From placement to dispatch.
   *
   * @return the term
   */
  public Term dispatch() {
    return dispatch;
  }

  /**
   * From dispatch to acceptance.
   *
   * @return the term
   */
  public Term accept() {
    return accept;
  }

  /**
   * From acceptance to resolution.
   *
   * @return the term
   */
  public Term resolve() {
    return resolve;
  }

  /**
   * How long before a deadline the reminder is raised.
   *
   * @return the lead
   */
  public Duration remindBefore() {
    return remindBefore;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ServiceLevel)) {
      return false;
    }
    ServiceLevel other = (ServiceLevel) o;
    return dispatch.equals(other.dispatch) && accept.equals(other.accept)
        && resolve.equals(other.resolve) && remindBefore.equals(other.remindBefore);
  }

  @Override
  public int hashCode() {
    return Objects.hash(dispatch, accept, resolve, remindBefore);
  }

  @Override
  public String toString() {
    return "dispatch " + dispatch + ", accept " + accept + ", resolve " + resolve
        + ", remind " + remindBefore + " before";
  }

  static <T> T present(String field, T value) {
    if (value == null) {
      throw new ValidationException(field, "must not be null");
    }
    return value;
  }
}
