package dev.zhuli.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zhuli.core.access.Action;

/** What the hostile-input properties of several features share. */
public final class HostileChecks {
  private HostileChecks() {}

  /**
   * What a hostile attempt must fail with: the type, code and field, rule, kind or action.
   *
   * @param type the exception type
   * @param code its code
   * @param detail the field, rule, kind or action it names
   * @param prefix whether {@code detail} is only a prefix of what it names
   */
  public record Expected(Class<? extends ZhuliException> type, ErrorCode code, String detail,
      boolean prefix) {
    /** Invalid input in a field. */
    public static Expected invalid(String field) {
      return new Expected(ValidationException.class, ErrorCode.INVALID_INPUT, field, false);
    }

    /** Invalid input in a field whose name starts so (an item of a list, say). */
    public static Expected invalidPrefix(String field) {
      return new Expected(ValidationException.class, ErrorCode.INVALID_INPUT, field, true);
    }

    /** A name taken in its scope. */
    public static Expected duplicate(String field) {
      return new Expected(ValidationException.class, ErrorCode.DUPLICATE_NAME, field, false);
    }

    /** An unknown id of a kind. */
    public static Expected notFound(String kind) {
      return new Expected(NotFoundException.class, ErrorCode.NOT_FOUND, kind, false);
    }

    /** A broken rule. */
    public static Expected rule(String rule) {
      return new Expected(RuleViolationException.class, ErrorCode.RULE_VIOLATED, rule, false);
    }

    /** A refused action. */
    public static Expected denied(Action action) {
      return new Expected(AccessDeniedException.class, ErrorCode.ACCESS_DENIED, action.name(),
          false);
    }

    @Override
    public String toString() {
      return type.getSimpleName() + " " + code + " " + detail + (prefix ? "…" : "");
    }
  }

  /**
   * The message shows neither the text nor any of its characters beyond printable ASCII.
   *
   * @param label the attempt, for the failure
   * @param message the exception's message
   * @param text the hostile text, or null
   */
  public static void assertNotEchoed(String label, String message, String text) {
    if (text == null) {
      return;
    }
    String stripped = text.strip();
    if (stripped.length() >= 3) {
      assertThat(message).as(label + ": echoes the value").doesNotContain(stripped);
    }
    text.codePoints().filter(cp -> cp > 0x7e).distinct().forEach(cp ->
        assertThat(message.codePoints().noneMatch(m -> m == cp))
            .as(label + ": message shows U+%04X of the value: %s", cp, message).isTrue());
  }
}
