package dev.zhuli.core.mentorship;

import dev.zhuli.core.ValidationException;
import dev.zhuli.core.store.Checks;
import java.util.Objects;

/**
 * One practice of a program's plan, with the weeks of the year it is due in: for example
 * "copper fungicide" (銅製劑), weeks 12 to 13. The host defines the practices.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Practice {
  /** The longest practice name. */
  public static final int MAX_NAME = 100;

  private final String name;
  private final int fromWeek;
  private final int toWeek;

  private Practice(String name, int fromWeek, int toWeek) {
    this.name = name;
    this.fromWeek = fromWeek;
    this.toWeek = toWeek;
  }

  /**
   * A practice due in some weeks of the year.
   *
   * @param name what is done, 1 to {@value #MAX_NAME} characters
   * @param fromWeek the first week, 1 to 53
   * @param toWeek the last week, {@code fromWeek} to 53
   * @return the practice
   * @throws ValidationException if the name is blank or too long, or the weeks out of order
   */
  public static Practice of(String name, int fromWeek, int toWeek) {
    String n = Checks.text("practice.name", name, MAX_NAME);
    if (fromWeek < 1 || fromWeek > 53) {
      throw new ValidationException("practice.fromWeek", "must be 1 to 53, was " + fromWeek);
    }
    if (toWeek < fromWeek || toWeek > 53) {
      throw new ValidationException("practice.toWeek",
          "must be " + fromWeek + " to 53, was " + toWeek);
    }
    return new Practice(n, fromWeek, toWeek);
  }

  /**
   * What is done.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The first week of the year it is due in.
   *
   * @return 1 to 53
   */
  public int fromWeek() {
    return fromWeek;
  }

  /**
   * The last week of the year it is due in.
   *
   * @return 1 to 53
   */
  public int toWeek() {
    return toWeek;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Practice && ((Practice) o).name.equals(name)
        && ((Practice) o).fromWeek == fromWeek && ((Practice) o).toWeek == toWeek;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, fromWeek, toWeek);
  }

  @Override
  public String toString() {
    return name + " (weeks " + fromWeek + "–" + toWeek + ")";
  }
}
