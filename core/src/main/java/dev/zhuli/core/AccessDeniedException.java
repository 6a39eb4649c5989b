package dev.zhuli.core;

/**
 * The actor may not do this, under the {@link dev.zhuli.core.access.AccessPolicy access policy}
 * in force. Nothing changed.
 *
 * @since 0.1.0
 */
public class AccessDeniedException extends ZhuliException {
  private static final long serialVersionUID = 1L;

  private final String action;

  /**
   * Creates the exception.
   *
   * @param action the action refused, for example {@code "ADD_MEMBER"}
   * @param message who was refused what, and who may do it instead
   */
  public AccessDeniedException(String action, String message) {
    super(ErrorCode.ACCESS_DENIED, message, null);
    this.action = action;
  }

  /**
   * The action refused.
   *
   * @return the action's name
   */
  public String action() {
    return action;
  }
}
