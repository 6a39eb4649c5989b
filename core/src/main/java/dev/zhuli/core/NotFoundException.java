package dev.zhuli.core;

/**
 * Something named by id does not exist (or no longer does). Nothing changed.
 *
 * @since 0.1.0
 */
public class NotFoundException extends ZhuliException {
  private static final long serialVersionUID = 1L;

  private final String kind;
  private final String id;

  /**
   * Creates the exception.
   *
   * @param kind what was looked for, for example {@code "member"}
   * @param id the id looked for
   */
  public NotFoundException(String kind, String id) {
    super(ErrorCode.NOT_FOUND, "no " + kind + " with id " + Texts.shorten(id), null);
    this.kind = kind;
    this.id = id;
  }

  /**
   * What was looked for, for example {@code "member"}.
   *
   * @return the kind
   */
  public String kind() {
    return kind;
  }

  /**
   * The id looked for.
   *
   * @return the id
   */
  public String id() {
    return id;
  }
}
