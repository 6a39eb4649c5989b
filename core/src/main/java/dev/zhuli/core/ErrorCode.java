package dev.zhuli.core;

/**
 * The stable code of every failure Zhuli reports; hosts switch on it, and it never changes meaning
 * across releases. Each code belongs to one subtype of {@link ZhuliException}.
 *
 * @since 0.1.0
 */
public enum ErrorCode {
  /** A field is missing, blank, too long, malformed or out of range ({@link ValidationException}). */
  INVALID_INPUT,
  /** A name that must be unique in its scope is taken ({@link ValidationException}). */
  DUPLICATE_NAME,
  /** A request key was used before for a different request ({@link ValidationException}). */
  REQUEST_KEY_REUSED,
  /** Something named by id does not exist ({@link NotFoundException}). */
  NOT_FOUND,
  /** The actor may not do this ({@link AccessDeniedException}). */
  ACCESS_DENIED,
  /** A rule of the domain forbids it in the current state ({@link RuleViolationException}). */
  RULE_VIOLATED,
  /** Concurrent changes kept colliding; try again ({@link ConcurrentUpdateException}). */
  CONFLICT,
  /** The store failed, or holds data this version cannot read ({@link StorageFailureException}). */
  STORAGE_FAILED
}
