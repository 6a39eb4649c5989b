package dev.zhuli.core;

/**
 * The id of a recorded entry of supervision: a guidance visit (指導), an inspection (監督) or a
 * harvest (產量).
 *
 * @since 0.1.0
 */
public final class EntryId extends TypedId {
  private EntryId(String value) {
    super("entryId", value);
  }

  /**
   * The id with this value.
   *
   * @param value the id as text
   * @return the id
   * @throws ValidationException if the value is not a valid id
   */
  public static EntryId of(String value) {
    return new EntryId(value);
  }
}
