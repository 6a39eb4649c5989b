package dev.zhuli.core;

/**
 * The id of a mentorship tree (蛛網式管理): one expert's tree in a program.
 *
 * @since 0.1.0
 */
public final class TreeId extends TypedId {
  private TreeId(String value) {
    super("treeId", value);
  }

  /**
   * The id with this value.
   *
   * @param value the id as text
   * @return the id
   * @throws ValidationException if the value is not a valid id
   */
  public static TreeId of(String value) {
    return new TreeId(value);
  }
}
