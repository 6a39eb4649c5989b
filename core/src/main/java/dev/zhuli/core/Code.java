package dev.zhuli.core;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A value from a list that hosts may extend: a code such as {@code INDUSTRY}, with a few
 * standard values the library names and any others a host adds. Squad kinds and order categories
 * are codes.
 *
 * <p>Codes of the same type are equal when their texts are. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public abstract class Code {
  private static final Pattern SHAPE = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");

  private final String code;

  /**
   * Keeps the code; subclasses check it with {@link #check(String, String)} first.
   *
   * @param code the code
   */
  protected Code(String code) {
    this.code = code;
  }

  /**
   * Checks a code's shape: 1 to 32 characters of {@code A–Z 0–9 _}, starting with a letter.
   *
   * @param field the field, for the error
   * @param code the code
   * @return the code
   * @throws ValidationException if it is null or malformed
   */
  protected static String check(String field, String code) {
    if (code == null || !SHAPE.matcher(code).matches()) {
      throw new ValidationException(field,
          "must be 1 to 32 characters of A-Z 0-9 _ starting with a letter");
    }
    return code;
  }

  /**
   * The standard value with this code, if there is one.
   *
   * @param standard the standard values
   * @param code the code
   * @param <C> the code type
   * @return the standard value, or null
   */
  protected static <C extends Code> C standard(List<C> standard, String code) {
    for (C c : standard) {
      if (c.code().equals(code)) {
        return c;
      }
    }
    return null;
  }

  /**
   * The code, as stored.
   *
   * @return the code
   */
  public final String code() {
    return code;
  }

  @Override
  public final boolean equals(Object o) {
    return o != null && o.getClass() == getClass() && ((Code) o).code.equals(code);
  }

  @Override
  public final int hashCode() {
    return getClass().hashCode() * 31 + code.hashCode();
  }

  /** The code. */
  @Override
  public final String toString() {
    return code;
  }
}
