package dev.zhuli.storage.jdbc;

import dev.zhuli.spi.storage.IndexEntry;
import dev.zhuli.spi.storage.Limits;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

/**
 * How values are laid out in columns: times as exact decimal seconds, a record's copy of its
 * index entries as bytes, and find and dead-letter cursors as text.
 */
final class Codecs {
  private static final BigDecimal NANOS = BigDecimal.valueOf(1_000_000_000L);
  private static final Base64.Encoder CURSOR_ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder CURSOR_DECODER = Base64.getUrlDecoder();
  /** First byte of the index-entries encoding, so that a later layout can be told apart. */
  private static final int ENTRIES_FORMAT = 1;

  private Codecs() {}

  // ---- times ---------------------------------------------------------------------------------

  /** Seconds since the epoch, nanoseconds as nine decimals: exact for every instant. */
  static BigDecimal seconds(Instant t) {
    return BigDecimal.valueOf(t.getEpochSecond()).add(BigDecimal.valueOf(t.getNano(), 9));
  }

  static Instant instant(BigDecimal seconds) {
    BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
    long nanos = seconds.subtract(whole).multiply(NANOS).longValueExact();
    return Instant.ofEpochSecond(whole.longValueExact(), nanos);
  }

  /** now + lease, or the greatest instant if that overflows. */
  static Instant plus(Instant now, java.time.Duration lease) {
    try {
      return now.plus(lease);
    } catch (DateTimeException | ArithmeticException e) {
      return Instant.MAX;
    }
  }

  // ---- index entries ------------------------------------------------------------------------

  /** A record's index entries, as stored in its row: format, count, then (key, value) pairs. */
  static byte[] encodeEntries(Collection<IndexEntry> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + entries.size() * 24);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(ENTRIES_FORMAT);
      out.writeShort(entries.size());
      for (IndexEntry e : entries) {
        byte[] key = e.key().getBytes(StandardCharsets.US_ASCII);
        byte[] value = e.value().getBytes(StandardCharsets.UTF_8);
        out.writeShort(key.length);
        out.write(key);
        out.writeShort(value.length);
        out.write(value);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static List<IndexEntry> decodeEntries(byte[] stored) {
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(stored))) {
      int format = in.readUnsignedByte();
      if (format != ENTRIES_FORMAT) {
        throw new IllegalStateException("index entries stored in an unknown format " + format);
      }
      int count = in.readUnsignedShort();
      List<IndexEntry> entries = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        byte[] key = new byte[in.readUnsignedShort()];
        in.readFully(key);
        byte[] value = new byte[in.readUnsignedShort()];
        in.readFully(value);
        entries.add(IndexEntry.of(new String(key, StandardCharsets.US_ASCII),
            new String(value, StandardCharsets.UTF_8)));
      }
      return entries;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- cursors ------------------------------------------------------------------------------

  /** A find position: the (value, id) of the last record of a page. */
  record Position(String value, String id) {}

  static String encodeCursor(String value, String id) {
    return CURSOR_ENCODER.encodeToString(value.getBytes(StandardCharsets.UTF_8)) + "."
        + CURSOR_ENCODER.encodeToString(id.getBytes(StandardCharsets.US_ASCII));
  }

  static Position decodeCursor(String cursor) {
    int dot = cursor.indexOf('.');
    if (dot < 0 || cursor.indexOf('.', dot + 1) >= 0) {
      throw unreadableCursor(null);
    }
    try {
      String value = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(CURSOR_DECODER.decode(cursor.substring(0, dot))))
          .toString();
      String id = new String(
          CURSOR_DECODER.decode(cursor.substring(dot + 1)), StandardCharsets.US_ASCII);
      IndexEntry.of("cursor", value);
      Limits.checkId("cursor id", id);
      return new Position(value, id);
    } catch (IllegalArgumentException | CharacterCodingException e) {
      throw unreadableCursor(e);
    }
  }

  static String encodeDeadCursor(String id) {
    return CURSOR_ENCODER.encodeToString(id.getBytes(StandardCharsets.US_ASCII));
  }

  static String decodeDeadCursor(String cursor) {
    try {
      return Limits.checkId("cursor id",
          new String(CURSOR_DECODER.decode(cursor), StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw unreadableCursor(e);
    }
  }

  private static IllegalArgumentException unreadableCursor(Exception cause) {
    return new IllegalArgumentException(
        "cursor is unreadable: pass a nextCursor returned by this store, unchanged", cause);
  }
}
