package dev.zhuli.core.store;

import dev.zhuli.spi.storage.Limits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A type the core persists: its record kind, its Java class, the current version of its stored
 * shape and the {@link Upcaster upcasters} that bring older shapes up to date.
 *
 * <p>Each feature declares its persisted types once, as constants, and hands them to the
 * {@link Codec}:
 *
 * <pre>{@code
 * static final PersistedType<Member> MEMBER =
 *     PersistedType.of("roster.member", Member.class, 1);
 * }</pre>
 *
 * <p>The class is usually a package-private {@code record}; it binds without annotations, by
 * component names. Persisted shapes use {@code null} for absent values, never {@code Optional}.
 * Whenever a change to the class would change its stored shape in a way older records do not
 * match (a renamed or split field, a new field that needs a default other than {@code null},
 * {@code 0} or {@code false}, a changed representation), raise the schema version and add the
 * upcaster for the step. Adding a field whose default is {@code null}, {@code 0} or {@code false}
 * and removing a field need no new version: readers ignore fields they do not know and leave
 * missing fields at their default.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> the Java type of the values
 * @since 0.1.0
 */
public final class PersistedType<T> {
  private final String kind;
  private final Class<T> type;
  private final int schemaVersion;
  /** The upcaster from version {@code i + 1} at index {@code i}. */
  private final List<Upcaster> upcasters;
  /** The full type this one reads a part of, or null if it is a full type. */
  private final PersistedType<?> projectionOf;

  private PersistedType(String kind, Class<T> type, int schemaVersion, List<Upcaster> upcasters,
      PersistedType<?> projectionOf) {
    this.kind = kind;
    this.type = type;
    this.schemaVersion = schemaVersion;
    this.upcasters = upcasters;
    this.projectionOf = projectionOf;
  }

  /**
   * Declares a persisted type.
   *
   * @param <T> the Java type of the values
   * @param kind the record kind, 1 to {@value Limits#MAX_KIND_LENGTH} printable ASCII characters
   * @param type the Java class: a record, or any class the codec can bind
   * @param schemaVersion the current version of the stored shape, at least 1
   * @param upcasters exactly one upcaster for each step from 1 to {@code schemaVersion - 1}, in any
   *     order; none for version 1
   * @return the persisted type
   * @throws IllegalArgumentException if the kind is invalid, the type is null or primitive, the
   *     version is below 1, or the upcasters miss a step, repeat one or go beyond the version
   * @since 0.1.0
   */
  public static <T> PersistedType<T> of(
      String kind, Class<T> type, int schemaVersion, Upcaster... upcasters) {
    Limits.checkKind(kind);
    if (type == null) {
      throw new IllegalArgumentException("type of " + kind + " must not be null");
    }
    if (type.isPrimitive()) {
      throw new IllegalArgumentException(
          "type of " + kind + " must be a class, not the primitive " + type.getName());
    }
    if (schemaVersion < 1) {
      throw new IllegalArgumentException(
          "schemaVersion of " + kind + " must be at least 1, was " + schemaVersion);
    }
    if (upcasters == null) {
      throw new IllegalArgumentException(
          "upcasters of " + kind + " must not be null (give none instead)");
    }
    Upcaster[] byStep = new Upcaster[schemaVersion - 1];
    for (Upcaster upcaster : upcasters) {
      if (upcaster == null) {
        throw new IllegalArgumentException("upcasters of " + kind + " must not contain null");
      }
      int from = upcaster.from();
      if (from < 1 || from >= schemaVersion) {
        throw new IllegalArgumentException(
            "upcaster " + from + " -> " + (from + 1) + " of " + kind + " is out of range: schema "
                + schemaVersion + " needs " + steps(schemaVersion));
      }
      if (byStep[from - 1] != null) {
        throw new IllegalArgumentException(
            "duplicate upcaster " + from + " -> " + (from + 1) + " for " + kind);
      }
      byStep[from - 1] = upcaster;
    }
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < byStep.length; i++) {
      if (byStep[i] == null) {
        missing.add(i + 1);
      }
    }
    if (!missing.isEmpty()) {
      StringBuilder names = new StringBuilder();
      for (int from : missing) {
        names.append(names.length() == 0 ? "" : ", ").append(from).append(" -> ").append(from + 1);
      }
      throw new IllegalArgumentException(
          "missing upcaster " + names + " for " + kind + " at schema " + schemaVersion);
    }
    return new PersistedType<>(kind, type, schemaVersion, List.copyOf(Arrays.asList(byStep)),
        null);
  }

  private static String steps(int schemaVersion) {
    if (schemaVersion == 1) {
      return "no upcasters";
    }
    return "upcasters from 1 to " + (schemaVersion - 1);
  }

  /**
   * The record kind, for example {@code "roster.member"}.
   *
   * @return the kind
   * @since 0.1.0
   */
  public String kind() {
    return kind;
  }

  /**
   * The Java type values are bound to.
   *
   * @return the class
   * @since 0.1.0
   */
  public Class<T> type() {
    return type;
  }

  /**
   * The current version of the stored shape: what {@link Codec#encode} writes, and the newest
   * {@link Codec#decode} reads.
   *
   * @return the version, at least 1
   * @since 0.1.0
   */
  public int schemaVersion() {
    return schemaVersion;
  }

  /**
   * The same stored records read as a projection: a class with only some of the components of
   * this type, by the same names, so that a query that needs a few fields of many records does
   * not bind all of them. The projection shares this type's kind, schema version and upcasters
   * (it reads exactly what this type reads, then keeps the fields it names), and it is read-only:
   * {@link Codec#encode} refuses it, since writing it would drop the other fields.
   *
   * @param <P> the projection's Java type
   * @param projection the projection's class: usually a record
   * @return the read-only persisted type
   * @throws IllegalArgumentException if the class is null or primitive, or this is a projection
   * @since 0.1.0
   */
  public <P> PersistedType<P> projection(Class<P> projection) {
    if (projection == null || projection.isPrimitive()) {
      throw new IllegalArgumentException("a projection of " + kind + " must be a class");
    }
    if (projectionOf != null) {
      throw new IllegalArgumentException(this + " is a projection already; project " + projectionOf
          + " instead");
    }
    return new PersistedType<>(kind, projection, schemaVersion, upcasters, this);
  }

  /**
   * Whether this is a read-only {@linkplain #projection projection} of another type.
   *
   * @return true if it is
   * @since 0.1.0
   */
  public boolean isProjection() {
    return projectionOf != null;
  }

  /** The upcaster from {@code from} to {@code from + 1}, for 1 &le; from &lt; schemaVersion. */
  Upcaster upcaster(int from) {
    return upcasters.get(from - 1);
  }

  /**
   * Names the kind, the class and the schema version.
   *
   * @return a description for logs
   * @since 0.1.0
   */
  @Override
  public String toString() {
    return "PersistedType[" + kind + ", " + type.getName() + ", schema " + schemaVersion
        + (projectionOf == null ? "" : ", projection of " + projectionOf.type.getName()) + "]";
  }
}
