package dev.zhuli.core;

/**
 * A rule of the domain forbids this in the current state: for example a squad of another group,
 * or a tree that is full. The message names the rule. Nothing changed.
 *
 * @since 0.1.0
 */
public class RuleViolationException extends ZhuliException {
  private static final long serialVersionUID = 1L;

  private final String rule;

  /**
   * Creates the exception.
   *
   * @param rule the rule, for example {@code "squad-in-group"}
   * @param message what broke it, without personal data
   */
  public RuleViolationException(String rule, String message) {
    super(ErrorCode.RULE_VIOLATED, rule + ": " + message, null);
    this.rule = rule;
  }

  /**
   * The rule broken.
   *
   * @return the rule's name
   */
  public String rule() {
    return rule;
  }
}
