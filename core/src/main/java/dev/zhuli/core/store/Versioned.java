package dev.zhuli.core.store;

import java.util.Objects;

/**
 * A persisted value with the version it was read at: what a command writes back with, so that a
 * concurrent change makes the write conflict instead of being lost.
 *
 * @param <T> the value type
 * @since 0.1.0
 */
public final class Versioned<T> {
  private final T value;
  private final long version;

  /**
   * Pairs a value with its stored version.
   *
   * @param value the value
   * @param version the stored version, at least 1
   */
  public Versioned(T value, long version) {
    this.value = Objects.requireNonNull(value, "value");
    this.version = version;
  }

  /**
   * The value.
   *
   * @return the value
   */
  public T value() {
    return value;
  }

  /**
   * The stored version.
   *
   * @return the version
   */
  public long version() {
    return version;
  }

  @Override
  public String toString() {
    return "v" + version + " " + value.getClass().getSimpleName();
  }
}
