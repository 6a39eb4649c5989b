package dev.zhuli.core.store;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One step of schema migration: turns the stored shape of a persisted type at schema version
 * {@code n} into the shape of version {@code n + 1}.
 *
 * <p>When a persisted shape changes (a field is renamed, a field is added and older records need a
 * default for it, a field is split in two), its {@link PersistedType} gets the next schema version
 * and one upcaster for the step. Records already stored keep their old shape and their old version
 * number; the {@link Codec} upgrades them while it reads: it turns the stored data into a plain
 * map, applies the upcasters from the stored version up to the current one, in order, and only then
 * binds the result to the Java type. Nothing is rewritten in the store; a record gets the new shape
 * the next time it is written.
 *
 * <p>An upcaster works on a mutable map view of the stored JSON object, so that no JSON library
 * type reaches feature code: nested objects are {@code Map<String, Object>} (in field order),
 * arrays are {@code List<Object>}, strings are {@link String}, {@code true} and {@code false} are
 * {@link Boolean}, {@code null} is {@code null}; whole numbers are {@link Integer}, {@link Long} or
 * {@link java.math.BigInteger}, whichever is the smallest that holds them, and numbers with a
 * fraction or exponent are {@link java.math.BigDecimal}, exactly as written. Dates, times, zones
 * and durations are their ISO-8601 strings ({@code "2026-03-01"}, {@code
 * "2026-03-01T08:00:00Z"}, {@code "Asia/Shanghai"}, {@code "PT15M"}). An upcaster may change the
 * map it is given and return it, or return a new one; it must not return {@code null}.
 *
 * <p>For example, schema 2 of a member renames {@code fullName} to {@code name}, and schema 3
 * adds {@code partyMember}, false for everyone stored before:
 *
 * <pre>{@code
 * PersistedType<Member> MEMBER = PersistedType.of("roster.member", Member.class, 3,
 *     Upcaster.of(1, fields -> {
 *       fields.put("name", fields.remove("fullName"));
 *       return fields;
 *     }),
 *     Upcaster.of(2, fields -> {
 *       fields.putIfAbsent("partyMember", false);
 *       return fields;
 *     }));
 * }</pre>
 *
 * <p>Upcasters must be pure functions of the map: the codec may run them on any thread, any number
 * of times, and they must never look at the store or the clock.
 *
 * @since 0.1.0
 */
public interface Upcaster {

  /**
   * The schema version this upcaster reads; it produces version {@code from() + 1}.
   *
   * @return the version it upgrades from, at least 1
   * @since 0.1.0
   */
  int from();

  /**
   * Turns the fields of a stored value of version {@link #from()} into the fields of version
   * {@code from() + 1}: rename, add a default, split or join fields, change a representation.
   *
   * @param fields the fields at version {@code from()}; mutable, owned by this call
   * @return the fields at version {@code from() + 1}; the same map or a new one, never null
   * @since 0.1.0
   */
  Map<String, Object> upcast(Map<String, Object> fields);

  /**
   * Creates an upcaster from a function.
   *
   * @param from the version it upgrades from, at least 1; it produces {@code from + 1}
   * @param step the function from the fields of version {@code from} to those of {@code from + 1}
   * @return the upcaster
   * @throws IllegalArgumentException if {@code from} is below 1 or {@code step} is null
   * @since 0.1.0
   */
  static Upcaster of(int from, UnaryOperator<Map<String, Object>> step) {
    if (from < 1) {
      throw new IllegalArgumentException(
          "an upcaster upgrades from version 1 or later, not " + from);
    }
    if (step == null) {
      throw new IllegalArgumentException("step must not be null");
    }
    return new Upcaster() {
      @Override
      public int from() {
        return from;
      }

      @Override
      public Map<String, Object> upcast(Map<String, Object> fields) {
        return step.apply(fields);
      }

      @Override
      public String toString() {
        return "Upcaster[" + from + " -> " + (from + 1) + "]";
      }
    };
  }
}
