package dev.zhuli.core.store;

import com.fasterxml.jackson.annotation.JsonGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.introspect.AnnotatedField;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.AnnotatedMethod;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.std.StdDelegatingSerializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.CollectionType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.databind.util.Converter;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Turns persisted values into record bodies and back: UTF-8 JSON in a versioned envelope.
 *
 * <p>{@link #encode} writes {@code {"schema":<version>,"data":<value>}}, where the version is the
 * {@linkplain PersistedType#schemaVersion() current schema version} of the type. {@link #decode}
 * reads it back: a body of the current version is bound directly, an older one is first brought up
 * to date by the type's {@link Upcaster upcasters}, and one written by a newer version of Zhuli is
 * refused with a {@link CodecException}. {@link #encodeValue} and {@link #decodeValue} do the same
 * without the envelope, for payloads that are never upcast, such as events and request results.
 *
 * <p><b>Persisted shapes.</b> Records bind without annotations, by component name; only their
 * components are written, not other public {@code getX()} or {@code isX()} methods. Other classes
 * bind as plain JSON beans. Fields the reader does not know are ignored, so an older version reads
 * what a newer one wrote as long as the schema version did not change, and a removed field does
 * not break reading; a field missing from the body is {@code null}, {@code 0} or {@code false}.
 * Absent values are {@code null}: persisted shapes do not use {@code Optional}; {@link #encode}
 * leaves null components out of the body (they read back {@code null}), while null map values and
 * list elements are kept. Supported
 * leaf types are strings, booleans, the primitive numbers and their boxes, {@code BigInteger},
 * {@code BigDecimal}, enums (by name), and from {@code java.time} {@link Instant}, {@link
 * LocalDate}, {@link ZoneId} (and {@link ZoneOffset}) and {@link Duration}, all four as ISO-8601
 * strings; containers are lists, sets, maps with string keys (or {@code Instant} or {@code
 * LocalDate} keys), nested records and arrays. Other {@code java.time} types are refused when
 * encoding.
 *
 * <p><b>Determinism.</b> The same value always encodes to the same bytes: properties are written
 * in alphabetical order, map entries in key order, and sets sorted (by natural order when all
 * elements are of one comparable class, otherwise by their own encoding), whatever the iteration
 * order of the collection. Strings are written as UTF-8, characters outside the Basic
 * Multilingual Plane as four UTF-8 bytes; unpaired surrogates in string values are written as
 * <code>&#92;uXXXX</code> escapes, so every Java string value reads back unchanged, but a map key
 * with one is refused. Numbers read back exactly, {@code BigDecimal} with its scale.
 *
 * <p><b>Privacy.</b> Bodies may hold personal data. A {@link CodecException} never quotes them;
 * see there.
 *
 * <p><b>Sharing.</b> A persisted record that cannot change once built (its components are
 * strings, numbers, booleans, enums, the {@code java.time} types above, nested such records, and
 * lists, sets and maps of them) decodes with unmodifiable containers, and a few hundred of the
 * values decoded last are kept by their exact bytes: reading the same body again returns the same
 * value without parsing it. Other shapes decode afresh each time, with ordinary containers.
 *
 * <p>Thread-safe. Building a codec builds its JSON mapper, which is comparatively costly, so
 * create one and share it.
 *
 * @since 0.1.0
 */
public final class Codec {
  private static final String SCHEMA = "schema";
  private static final String DATA = "data";

  private final ObjectMapper mapper;
  /** The mapper for persisted values: it leaves out null components, which read back null. */
  private final ObjectMapper persisting;
  /** The mapper with unmodifiable containers, for values kept in {@link #decoded}. */
  private final ObjectMapper sharing;
  private final DecodedValues decoded = new DecodedValues();
  private final JavaType fieldsType;

  private Codec(ObjectMapper mapper) {
    this.mapper = mapper;
    this.sharing = mapper.copy().registerModule(DecodedValues.unmodifiableContainers());
    this.persisting = mapper.copy().setDefaultPropertyInclusion(
        JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.ALWAYS));
    this.fieldsType =
        mapper.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class);
  }

  /**
   * Creates a codec.
   *
   * @return a new codec
   * @since 0.1.0
   */
  public static Codec create() {
    AtomicReference<ObjectMapper> self = new AtomicReference<>();
    SimpleModule module = new SimpleModule("zhuli-codec");
    text(module, Instant.class, Instant::toString, Times::parse);
    text(module, LocalDate.class, LocalDate::toString, LocalDate::parse);
    text(module, Duration.class, Duration::toString, Duration::parse);
    text(module, ZoneId.class, ZoneId::getId, ZoneId::of);
    // ZoneOffset is a ZoneId: the ZoneId serializer writes it, but it needs its own reader.
    module.addDeserializer(
        ZoneOffset.class, new TextDeserializer<>(ZoneOffset.class, ZoneOffset::of));
    // Jackson escapes unpaired surrogates in string values but not in field names, where they
    // would become bytes that are not UTF-8: refuse such map keys rather than write them.
    module.addKeySerializer(String.class, new StringKeySerializer());
    key(module, Instant.class, Times::parse);
    key(module, LocalDate.class, LocalDate::parse);
    module.setSerializerModifier(new Shapes(self));
    ObjectMapper mapper = JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .addModule(module)
        .build();
    self.set(mapper);
    return new Codec(mapper);
  }

  /**
   * Encodes a persisted value in its envelope, at the type's current schema version.
   *
   * @param <T> the Java type
   * @param type the persisted type
   * @param value the value, not null
   * @return the body: UTF-8 JSON
   * @throws IllegalArgumentException if an argument is null, the value is not of the type, or the
   *     type is a {@linkplain PersistedType#projection projection}
   * @throws CodecException if the value cannot be encoded, for example because it holds a type the
   *     codec does not support
   * @since 0.1.0
   */
  public <T> byte[] encode(PersistedType<T> type, T value) {
    if (type == null) {
      throw new IllegalArgumentException("type must not be null");
    }
    if (type.isProjection()) {
      throw new IllegalArgumentException(type + " is read-only: writing it would drop the fields"
          + " it leaves out");
    }
    if (value == null) {
      throw new IllegalArgumentException("value of " + type.kind() + " must not be null");
    }
    if (!type.type().isInstance(value)) {
      throw new IllegalArgumentException(
          "value of " + type.kind() + " must be a " + type.type().getName() + ", was a "
              + value.getClass().getName());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator generator = mapper.createGenerator(out)) {
      generator.writeStartObject();
      generator.writeNumberField(SCHEMA, type.schemaVersion());
      generator.writeFieldName(DATA);
      persisting.writerFor(type.type()).writeValue(generator, value);
      generator.writeEndObject();
    } catch (JsonProcessingException e) {
      throw new CodecException(
          "cannot encode " + type.kind() + ": " + describe(e, DATA), withheld(e));
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory failed", e);
    }
    return out.toByteArray();
  }

  /**
   * Decodes a body written by {@link #encode}, upcasting it if it was written at an older schema
   * version.
   *
   * @param <T> the Java type
   * @param type the persisted type
   * @param body the body
   * @return the value, never null
   * @throws IllegalArgumentException if an argument is null
   * @throws CodecException if the body is not an envelope written by this codec, was written at a
   *     newer schema version than the type's, does not match the type, or an upcaster fails
   * @since 0.1.0
   */
  public <T> T decode(PersistedType<T> type, byte[] body) {
    if (type == null) {
      throw new IllegalArgumentException("type must not be null");
    }
    if (body == null) {
      throw new IllegalArgumentException("body of " + type.kind() + " must not be null");
    }
    if (!DecodedValues.keeps(type.type())) {
      return decodeFresh(type, body, mapper);
    }
    int hash = Arrays.hashCode(body);
    Object kept = decoded.get(type, body, hash);
    if (kept != null) {
      return type.type().cast(kept);
    }
    T value = decodeFresh(type, body, sharing);
    decoded.put(type, body, hash, value);
    return value;
  }

  /** Parses and binds a body with {@code binder}, upcasting it first if it is older. */
  private <T> T decodeFresh(PersistedType<T> type, byte[] body, ObjectMapper binder) {
    String kind = type.kind();
    int schema = 0;
    TokenBuffer data = null;
    boolean bound = false;
    Object value = null;
    try (JsonParser parser = mapper.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw failed(kind, "the body is not a JSON object", null);
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken token = parser.nextToken();
        if (SCHEMA.equals(name)) {
          if (token != JsonToken.VALUE_NUMBER_INT
              || parser.getNumberType() != JsonParser.NumberType.INT
              || parser.getIntValue() < 1) {
            throw failed(kind, "the schema version is not a positive whole number", null);
          }
          schema = parser.getIntValue();
        } else if (DATA.equals(name) && schema == type.schemaVersion()) {
          // the schema came first, as encode writes it, and is current: bind in place
          value = bind(type, binder, parser);
          bound = true;
        } else if (DATA.equals(name)) {
          data = new TokenBuffer(parser);
          data.copyCurrentStructure(parser);
        } else {
          parser.skipChildren();
        }
      }
      if (parser.nextToken() != null) {
        throw failed(kind, "the body goes on after its JSON object", null);
      }
    } catch (JsonProcessingException e) {
      throw failed(kind, "the body is not valid JSON (" + describe(e, "") + ")", e);
    } catch (IOException e) {
      throw new UncheckedIOException("reading from memory failed", e);
    }
    if (schema == 0) {
      throw failed(kind, "the body has no schema version", null);
    }
    if (schema > type.schemaVersion()) {
      throw failed(kind, "it was written at schema version " + schema
          + " by a newer version of Zhuli; this version reads schema versions 1 to "
          + type.schemaVersion(), null);
    }
    if (!bound && data == null) {
      throw failed(kind, "the body has no data", null);
    }
    if (!bound) {
      if (schema < type.schemaVersion()) {
        data = upcast(type, schema, data);
      }
      try {
        value = bind(type, binder, data.asParser(mapper));
      } catch (JsonProcessingException e) {
        throw failed(kind, "the body is not valid JSON (" + describe(e, "") + ")", e);
      } catch (IOException e) {
        throw new UncheckedIOException("reading from memory failed", e);
      }
    }
    if (value == null) {
      throw failed(kind, "the data is null", null);
    }
    return type.type().cast(value);
  }

  /**
   * Binds the data the parser is at to the type; a mismatch is the data's fault, reported as
   * such, and a syntax error is left to the caller.
   */
  private static Object bind(PersistedType<?> type, ObjectMapper binder, JsonParser parser)
      throws IOException {
    try {
      return binder.readerFor(type.type()).readValue(parser);
    } catch (JsonMappingException e) {
      throw failed(type.kind(), "the data does not match " + type.type().getName() + " ("
          + describe(e, DATA) + ")", e);
    }
  }

  /** Applies the upcasters from {@code schema} to the current version; returns the new data. */
  private TokenBuffer upcast(PersistedType<?> type, int schema, TokenBuffer data) {
    String kind = type.kind();
    Map<String, Object> fields;
    try {
      fields = mapper.readerFor(fieldsType)
          .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .readValue(data.asParser(mapper));
    } catch (JsonProcessingException e) {
      throw failed(kind, "the data at schema version " + schema
          + " is not a JSON object, so it cannot be upcast (" + describe(e, DATA) + ")", e);
    } catch (IOException e) {
      throw new UncheckedIOException("reading from memory failed", e);
    }
    if (fields == null) {
      throw failed(kind, "the data is null", null);
    }
    for (int from = schema; from < type.schemaVersion(); from++) {
      String step = "the upcaster from schema version " + from + " to " + (from + 1);
      try {
        fields = type.upcaster(from).upcast(fields);
      } catch (RuntimeException e) {
        throw failed(kind, step + " failed with " + e.getClass().getName(), e);
      }
      if (fields == null) {
        throw failed(kind, step + " returned null", null);
      }
    }
    TokenBuffer upcast = new TokenBuffer(mapper, false);
    try {
      mapper.writeValue(upcast, fields);
    } catch (JsonProcessingException e) {
      throw failed(
          kind, "the upcast data cannot be written as JSON (" + describe(e, DATA) + ")", e);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory failed", e);
    }
    return upcast;
  }

  /**
   * Encodes a value without an envelope, for payloads that are never upcast (events, the results
   * kept for request keys).
   *
   * @param value the value, not null
   * @return UTF-8 JSON
   * @throws IllegalArgumentException if the value is null
   * @throws CodecException if the value cannot be encoded
   * @since 0.1.0
   */
  public byte[] encodeValue(Object value) {
    if (value == null) {
      throw new IllegalArgumentException("value must not be null");
    }
    try {
      return mapper.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new CodecException("cannot encode a " + value.getClass().getName() + ": "
          + describe(e, "value"), withheld(e));
    }
  }

  /**
   * Decodes a value written by {@link #encodeValue}.
   *
   * @param <T> the Java type
   * @param json the UTF-8 JSON
   * @param type the class to bind to
   * @return the value, never null
   * @throws IllegalArgumentException if an argument is null
   * @throws CodecException if the bytes are not JSON, are JSON {@code null}, or do not match the
   *     type
   * @since 0.1.0
   */
  public <T> T decodeValue(byte[] json, Class<T> type) {
    if (json == null) {
      throw new IllegalArgumentException("json must not be null");
    }
    if (type == null) {
      throw new IllegalArgumentException("type must not be null");
    }
    Object value;
    try {
      value = mapper.readerFor(type)
          .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .readValue(json);
    } catch (JsonProcessingException e) {
      throw new CodecException("cannot decode a " + type.getName() + ": " + describe(e, "value"),
          withheld(e));
    } catch (IOException e) {
      throw new UncheckedIOException("reading from memory failed", e);
    }
    if (value == null) {
      throw new CodecException("cannot decode a " + type.getName() + ": the value is null");
    }
    return type.cast(value);
  }

  private static CodecException failed(String kind, String reason, Throwable cause) {
    return new CodecException("cannot decode " + kind + ": " + reason, withheld(cause));
  }

  /**
   * Describes where a JSON error is, without quoting the data: the exception's class, then the
   * path for binding errors (field names and indexes, map keys as {@code [*]}), or the line and
   * column for syntax errors. For errors in the definition of a type, whose messages are about
   * types rather than data, the message too.
   */
  static String describe(JsonProcessingException e, String root) {
    StringBuilder s = new StringBuilder(e.getClass().getSimpleName());
    if (e instanceof JsonMappingException) {
      s.append(" at ").append(path(root, ((JsonMappingException) e).getPath()));
      if (e instanceof InvalidDefinitionException || e instanceof IllFormedKey) {
        s.append(": ").append(e.getOriginalMessage());
      }
    } else {
      JsonLocation location = e.getLocation();
      if (location != null && location.getLineNr() > 0) {
        s.append(" at line ").append(location.getLineNr())
            .append(", column ").append(location.getColumnNr());
      }
    }
    return s.toString();
  }

  /**
   * Renders a reference chain. Jackson's own {@code getPathReference()} quotes map keys, which are
   * data (a map keyed by phone number would show the number), so keys of maps and JSON objects are
   * shown as {@code [*]}; only property names of beans and records, which come from code, appear.
   */
  static String path(String root, List<JsonMappingException.Reference> references) {
    StringBuilder s = new StringBuilder(root);
    for (JsonMappingException.Reference reference : references) {
      Object from = reference.getFrom();
      String field = reference.getFieldName();
      if (reference.getIndex() >= 0) {
        s.append('[').append(reference.getIndex()).append(']');
      } else if (field == null || from == null || isKeyed(from) || field.length() > 64) {
        s.append("[*]");
      } else {
        s.append(s.length() == 0 ? "" : ".").append(field);
      }
    }
    return s.length() == 0 ? "the top" : s.toString();
  }

  private static boolean isKeyed(Object from) {
    Class<?> type = from instanceof Class ? (Class<?>) from : from.getClass();
    return Map.class.isAssignableFrom(type) || JsonNode.class.isAssignableFrom(type);
  }

  /**
   * Replaces an exception and its causes by stand-ins that keep class names and stack traces but
   * withhold messages, which may quote the data (Jackson's do; so may an upcaster's).
   */
  private static Throwable withheld(Throwable cause) {
    return cause == null ? null : new Withheld(cause, 0);
  }

  /** Stands in for an exception whose message may quote stored data. */
  private static final class Withheld extends Exception {
    Withheld(Throwable original, int depth) {
      super(original.getClass().getName() + " (message withheld: it may quote stored data)",
          original.getCause() == null || original.getCause() == original || depth >= 8
              ? null
              : new Withheld(original.getCause(), depth + 1));
      setStackTrace(original.getStackTrace());
    }
  }

  private static <T> void text(
      SimpleModule module, Class<T> type, Function<T, String> format, Function<String, T> parse) {
    module.addSerializer(type, new TextSerializer<>(type, format));
    module.addDeserializer(type, new TextDeserializer<>(type, parse));
  }

  private static <T> void key(SimpleModule module, Class<T> type, Function<String, T> parse) {
    module.addKeySerializer(type, new KeySerializer<>(type));
    module.addKeyDeserializer(type, new KeyParser<>(type, parse));
  }

  /** Writes a value as a string. */
  private static final class TextSerializer<T> extends StdSerializer<T> {
    private final Function<T, String> format;

    TextSerializer(Class<T> type, Function<T, String> format) {
      super(type);
      this.format = format;
    }

    @Override
    public void serialize(T value, JsonGenerator generator, SerializerProvider provider)
        throws IOException {
      generator.writeString(format.apply(value));
    }
  }

  /** Reads a value from a string. */
  private static final class TextDeserializer<T> extends StdScalarDeserializer<T> {
    private final Class<T> type;
    private final Function<String, T> parse;

    TextDeserializer(Class<T> type, Function<String, T> parse) {
      super(type);
      this.type = type;
      this.parse = parse;
    }

    @Override
    public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      if (!parser.hasToken(JsonToken.VALUE_STRING)) {
        return type.cast(context.handleUnexpectedToken(type, parser));
      }
      String text = parser.getText();
      try {
        return parse.apply(text);
      } catch (DateTimeException e) {
        return type.cast(context.handleWeirdStringValue(type, text, "not ISO-8601"));
      }
    }
  }

  /** Writes a map key with {@code toString()}, which is ISO-8601 for the java.time types. */
  private static final class KeySerializer<T> extends StdSerializer<T> {
    KeySerializer(Class<T> type) {
      super(type);
    }

    @Override
    public void serialize(T value, JsonGenerator generator, SerializerProvider provider)
        throws IOException {
      generator.writeFieldName(value.toString());
    }
  }

  /** Writes a string map key, refusing one that holds an unpaired surrogate. */
  private static final class StringKeySerializer extends StdSerializer<String> {
    StringKeySerializer() {
      super(String.class);
    }

    @Override
    public void serialize(String key, JsonGenerator generator, SerializerProvider provider)
        throws IOException {
      for (int i = 0; i < key.length(); i++) {
        char c = key.charAt(i);
        if (Character.isHighSurrogate(c)
            && i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1))) {
          i++;
        } else if (Character.isSurrogate(c)) {
          throw new IllFormedKey(generator, "a map key has an unpaired surrogate at index " + i
              + "; map keys must be well-formed Unicode");
        }
      }
      generator.writeFieldName(key);
    }
  }

  /** A map key that cannot be written; its message is ours and quotes nothing. */
  private static final class IllFormedKey extends JsonMappingException {
    IllFormedKey(JsonGenerator generator, String message) {
      super(generator, message);
    }
  }

  /** Reads a map key. */
  private static final class KeyParser<T> extends KeyDeserializer {
    private final Class<T> type;
    private final Function<String, T> parse;

    KeyParser(Class<T> type, Function<String, T> parse) {
      this.type = type;
      this.parse = parse;
    }

    @Override
    public Object deserializeKey(String key, DeserializationContext context) throws IOException {
      try {
        return parse.apply(key);
      } catch (DateTimeException e) {
        return context.handleWeirdKey(type, key, "not ISO-8601");
      }
    }
  }

  /**
   * Adjusts how shapes are written: records write their components only, and sets are written
   * sorted so that equal sets encode to equal bytes.
   */
  private static final class Shapes extends BeanSerializerModifier {
    private final AtomicReference<ObjectMapper> mapper;

    Shapes(AtomicReference<ObjectMapper> mapper) {
      this.mapper = mapper;
    }

    @Override
    public List<BeanPropertyWriter> changeProperties(
        SerializationConfig config, BeanDescription description, List<BeanPropertyWriter> writers) {
      Class<?> type = description.getBeanClass();
      if (!type.isRecord()) {
        return writers;
      }
      Set<String> components = new HashSet<>();
      for (RecordComponent component : type.getRecordComponents()) {
        components.add(component.getName());
      }
      List<BeanPropertyWriter> kept = new ArrayList<>(writers.size());
      for (BeanPropertyWriter writer : writers) {
        if (isComponent(writer.getMember(), components)
            || writer.getAnnotation(JsonProperty.class) != null
            || writer.getAnnotation(JsonGetter.class) != null) {
          kept.add(writer);
        }
      }
      return kept;
    }

    private static boolean isComponent(AnnotatedMember member, Set<String> components) {
      if (member instanceof AnnotatedField) {
        return components.contains(member.getName());
      }
      return member instanceof AnnotatedMethod
          && ((AnnotatedMethod) member).getParameterCount() == 0
          && components.contains(member.getName());
    }

    @Override
    public JsonSerializer<?> modifyCollectionSerializer(
        SerializationConfig config, CollectionType type, BeanDescription description,
        JsonSerializer<?> serializer) {
      Class<?> raw = type.getRawClass();
      if (!Set.class.isAssignableFrom(raw) || SortedSet.class.isAssignableFrom(raw)) {
        return serializer;
      }
      JavaType list = config.getTypeFactory().constructCollectionType(
          List.class, type.getContentType());
      return new StdDelegatingSerializer(new SortedElements(type, list, mapper), list, null);
    }
  }

  /**
   * Turns a set into a list in a fixed order: nulls first, then by natural order when every
   * element is of one comparable class (ties, such as {@code 1.0} and {@code 1.00}, by encoding),
   * otherwise by each element's encoding, compared as unsigned bytes.
   */
  private static final class SortedElements implements Converter<Object, Object> {
    private final JavaType in;
    private final JavaType out;
    private final AtomicReference<ObjectMapper> mapper;

    SortedElements(JavaType in, JavaType out, AtomicReference<ObjectMapper> mapper) {
      this.in = in;
      this.out = out;
      this.mapper = mapper;
    }

    @Override
    public Object convert(Object value) {
      List<Object> elements = new ArrayList<>(((Collection<?>) value).size());
      int nulls = 0;
      for (Object element : (Collection<?>) value) {
        if (element == null) {
          nulls++;
        } else {
          elements.add(element);
        }
      }
      if (oneComparableClass(elements)) {
        elements.sort((a, b) -> {
          @SuppressWarnings("unchecked")
          int order = ((Comparable<Object>) a).compareTo(b);
          return order != 0 ? order : Arrays.compareUnsigned(encode(a), encode(b));
        });
      } else {
        List<Map.Entry<byte[], Object>> keyed = new ArrayList<>(elements.size());
        for (Object element : elements) {
          keyed.add(Map.entry(encode(element), element));
        }
        keyed.sort((a, b) -> Arrays.compareUnsigned(a.getKey(), b.getKey()));
        elements.clear();
        for (Map.Entry<byte[], Object> entry : keyed) {
          elements.add(entry.getValue());
        }
      }
      List<Object> sorted = new ArrayList<>(nulls + elements.size());
      for (int i = 0; i < nulls; i++) {
        sorted.add(null);
      }
      sorted.addAll(elements);
      return sorted;
    }

    private static boolean oneComparableClass(List<Object> elements) {
      Class<?> type = null;
      for (Object element : elements) {
        if (type == null) {
          type = element.getClass();
          if (!Comparable.class.isAssignableFrom(type)) {
            return false;
          }
        } else if (element.getClass() != type) {
          return false;
        }
      }
      return true;
    }

    private byte[] encode(Object element) {
      try {
        return mapper.get().writeValueAsBytes(element);
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException("cannot encode a set element to sort it", e);
      }
    }

    @Override
    public JavaType getInputType(TypeFactory factory) {
      return in;
    }

    @Override
    public JavaType getOutputType(TypeFactory factory) {
      return out;
    }
  }
}
