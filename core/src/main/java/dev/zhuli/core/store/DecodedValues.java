package dev.zhuli.core.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.CollectionType;
import com.fasterxml.jackson.databind.type.MapType;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Values recently decoded, by their persisted type and the exact bytes of their body, so that a
 * record read again unchanged (a squad, a member, a village: read by nearly every command) is not
 * parsed again. Only values that cannot change once built are kept: records whose components are
 * all immutable leaves, nested such records, and lists, sets and maps of them, which are decoded
 * unmodifiable (see {@link #unmodifiableContainers()}). Any other shape is decoded afresh every
 * time.
 *
 * <p>A hit compares the whole body, byte for byte, so what a hit returns is exactly what decoding
 * that body would; the cache is an array of {@value #SLOTS} slots indexed by the body's hash,
 * each holding at most one value of at most {@value #MAX_BODY} bytes, so it never holds more
 * than a few megabytes. Thread-safe without locks: a slot is replaced whole.
 */
final class DecodedValues {
  static final int SLOTS = 512;
  static final int MAX_BODY = 16 * 1024;

  private static final Set<Class<?>> LEAVES = new HashSet<>(List.of(String.class, Boolean.class,
      Byte.class, Short.class, Integer.class, Long.class, Float.class, Double.class,
      Character.class, BigInteger.class, BigDecimal.class, Instant.class, LocalDate.class,
      Duration.class, ZoneId.class, ZoneOffset.class));

  private static final ClassValue<Boolean> IMMUTABLE = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      return immutable(type, new HashSet<>());
    }
  };

  private final AtomicReferenceArray<Slot> slots = new AtomicReferenceArray<>(SLOTS);

  /** One decoded value and the body it came from. */
  private record Slot(PersistedType<?> type, byte[] body, Object value) {}

  /**
   * Whether values of this class are kept: a record that cannot change once built.
   *
   * @param type the class
   * @return true if kept
   */
  static boolean keeps(Class<?> type) {
    return IMMUTABLE.get(type);
  }

  /**
   * The value decoded earlier from exactly these bytes, or null.
   *
   * @param type the persisted type
   * @param body the body
   * @param hash {@link Arrays#hashCode(byte[])} of the body
   * @return the value or null
   */
  Object get(PersistedType<?> type, byte[] body, int hash) {
    Slot slot = slots.get(hash & (SLOTS - 1));
    return slot != null && slot.type.equals(type) && Arrays.equals(slot.body, body)
        ? slot.value : null;
  }

  /**
   * Keeps a decoded value, in place of whatever its slot held.
   *
   * @param type the persisted type
   * @param body the body it was decoded from; copied
   * @param hash {@link Arrays#hashCode(byte[])} of the body
   * @param value the value
   */
  void put(PersistedType<?> type, byte[] body, int hash, Object value) {
    if (body.length <= MAX_BODY) {
      slots.set(hash & (SLOTS - 1), new Slot(type, body.clone(), value));
    }
  }

  private static boolean immutable(Type type, Set<Class<?>> visiting) {
    if (type instanceof Class<?> c) {
      if (c.isPrimitive() || c.isEnum() || LEAVES.contains(c)) {
        return true;
      }
      if (!c.isRecord() || !visiting.add(c)) {
        // not a record, or a record that holds itself: decoded afresh
        return false;
      }
      for (RecordComponent component : c.getRecordComponents()) {
        if (!immutable(component.getGenericType(), visiting)) {
          return false;
        }
      }
      visiting.remove(c);
      return true;
    }
    if (type instanceof ParameterizedType p) {
      Type raw = p.getRawType();
      if (raw != List.class && raw != Set.class && raw != Collection.class
          && raw != Map.class) {
        return false;
      }
      for (Type argument : p.getActualTypeArguments()) {
        if (!immutable(argument, visiting)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  /**
   * A module that makes every list, set and map the mapper decodes unmodifiable, for values
   * {@link #keeps kept} and so shared between commands.
   *
   * @return the module
   */
  static SimpleModule unmodifiableContainers() {
    SimpleModule module = new SimpleModule("zhuli-unmodifiable");
    module.setDeserializerModifier(new BeanDeserializerModifier() {
      @Override
      public JsonDeserializer<?> modifyCollectionDeserializer(DeserializationConfig config,
          CollectionType type, BeanDescription description, JsonDeserializer<?> deserializer) {
        return new Unmodifiable(deserializer);
      }

      @Override
      public JsonDeserializer<?> modifyMapDeserializer(DeserializationConfig config,
          MapType type, BeanDescription description, JsonDeserializer<?> deserializer) {
        return new Unmodifiable(deserializer);
      }
    });
    return module;
  }

  /** Decodes as its delegate does, then wraps the container unmodifiable. */
  private static final class Unmodifiable extends DelegatingDeserializer {
    private static final long serialVersionUID = 1L;

    Unmodifiable(JsonDeserializer<?> delegate) {
      super(delegate);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
      return new Unmodifiable(delegate);
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      return freeze(_delegatee.deserialize(parser, context));
    }

    private static Object freeze(Object value) {
      if (value instanceof List<?> list) {
        return Collections.unmodifiableList(list);
      }
      if (value instanceof Set<?> set) {
        return Collections.unmodifiableSet(set);
      }
      if (value instanceof Collection<?> collection) {
        return Collections.unmodifiableCollection(collection);
      }
      if (value instanceof Map<?, ?> map) {
        return Collections.unmodifiableMap(map);
      }
      return value;
    }
  }
}
