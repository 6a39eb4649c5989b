package dev.zhuli.spi.storage;

import java.time.Duration;
import java.time.Instant;

/**
 * Every size limit of the storage contract, and the checks that enforce them.
 *
 * <p>"Printable ASCII" means the characters U+0021 to U+007E: no space and no control character.
 * Text values (index values, errors) must be well-formed Unicode without U+0000, so that every
 * database can hold them.
 *
 * <p>The value types of this package ({@link StoredRecord}, {@link IndexEntry}, {@link FindRequest},
 * {@link OutboxMessage}) check their own limits when they are built. Stores call the
 * {@code check…} methods for the plain arguments of the {@link Outbox} view, so that every store
 * refuses the same bad input with the same message. A value at a limit is valid and must be stored
 * and read back exactly; one beyond it is refused with an {@link IllegalArgumentException} that
 * names the field, the limit and the offending size.
 *
 * @since 0.1.0
 */
public final class Limits {
  /** Longest record kind, in ASCII characters. */
  public static final int MAX_KIND_LENGTH = 64;
  /** Longest record id or outbox message id, in ASCII characters. */
  public static final int MAX_ID_LENGTH = 128;
  /** Largest record body or outbox payload, in bytes (1 MiB). */
  public static final int MAX_BODY_BYTES = 1 << 20;
  /** Longest index key, in ASCII characters. */
  public static final int MAX_INDEX_KEY_LENGTH = 64;
  /** Longest index value, in Unicode code points. */
  public static final int MAX_INDEX_VALUE_CODE_POINTS = 256;
  /** Most index entries on one record. */
  public static final int MAX_INDEX_ENTRIES = 32;
  /** Most records in one page of a find, and most messages in one claim or dead-letter page. */
  public static final int MAX_PAGE_SIZE = 1000;
  /** Longest outbox destination or message type, in ASCII characters. */
  public static final int MAX_NAME_LENGTH = 64;
  /** Longest outbox aggregate key, in ASCII characters. */
  public static final int MAX_AGGREGATE_KEY_LENGTH = 256;
  /** Longest lease owner, in ASCII characters. */
  public static final int MAX_OWNER_LENGTH = 128;
  /** Longest delivery error kept with an outbox message, in characters. */
  public static final int MAX_ERROR_LENGTH = 2000;

  private Limits() {}

  /**
   * Checks a record kind: 1 to {@value #MAX_KIND_LENGTH} printable ASCII characters, no space.
   *
   * @param kind the kind
   * @return the kind
   * @throws IllegalArgumentException if it is null, empty, too long or not printable ASCII
   */
  public static String checkKind(String kind) {
    return checkAscii("kind", kind, MAX_KIND_LENGTH);
  }

  /**
   * Checks a record id or outbox message id: 1 to {@value #MAX_ID_LENGTH} printable ASCII
   * characters, no space.
   *
   * @param field the name of the field, for the message
   * @param id the id
   * @return the id
   * @throws IllegalArgumentException if it is null, empty, too long or not printable ASCII
   */
  public static String checkId(String field, String id) {
    return checkAscii(field, id, MAX_ID_LENGTH);
  }

  /**
   * Checks a lease owner: 1 to {@value #MAX_OWNER_LENGTH} printable ASCII characters.
   *
   * @param owner the owner
   * @return the owner
   * @throws IllegalArgumentException if it is invalid
   */
  public static String checkOwner(String owner) {
    return checkAscii("owner", owner, MAX_OWNER_LENGTH);
  }

  /**
   * Checks a page size or claim maximum: 1 to {@value #MAX_PAGE_SIZE}.
   *
   * @param field the name of the field, for the message
   * @param size the size
   * @return the size
   * @throws IllegalArgumentException if it is out of range
   */
  public static int checkPageSize(String field, int size) {
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException(
          field + " must be between 1 and " + MAX_PAGE_SIZE + ", was " + size);
    }
    return size;
  }

  /**
   * Checks a lease: positive.
   *
   * @param lease the lease
   * @return the lease
   * @throws IllegalArgumentException if it is null, zero or negative
   */
  public static Duration checkLease(Duration lease) {
    if (lease == null || lease.isZero() || lease.isNegative()) {
      throw new IllegalArgumentException("lease must be positive, was " + lease);
    }
    return lease;
  }

  /**
   * Checks a time given by the caller: not null.
   *
   * @param field the name of the field, for the message
   * @param time the time
   * @return the time
   * @throws IllegalArgumentException if it is null
   */
  public static Instant checkTime(String field, Instant time) {
    if (time == null) {
      throw new IllegalArgumentException(field + " must not be null");
    }
    return time;
  }

  /**
   * Checks a delivery error: not null, at most {@value #MAX_ERROR_LENGTH} characters.
   *
   * @param error the error text
   * @return the error text
   * @throws IllegalArgumentException if it is null, too long, or holds U+0000 or an unpaired
   *     surrogate
   */
  public static String checkError(String error) {
    if (error == null) {
      throw new IllegalArgumentException("error must not be null");
    }
    if (error.length() > MAX_ERROR_LENGTH) {
      throw new IllegalArgumentException(
          "error must be at most " + MAX_ERROR_LENGTH + " UTF-16 characters, was "
              + error.length());
    }
    checkWellFormed("error", error);
    return error;
  }

  /**
   * Checks that text can be stored in any database: no U+0000 and no unpaired surrogate.
   *
   * @return the number of code points
   */
  static int checkWellFormed(String field, String text) {
    int codePoints = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        throw new IllegalArgumentException(field + " must not contain U+0000, at index " + i);
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(
            field + " has an unpaired surrogate at index " + i + ": not well-formed Unicode");
      }
      codePoints++;
    }
    return codePoints;
  }

  static String checkAscii(String field, String value, int max) {
    if (value == null) {
      throw new IllegalArgumentException(field + " must not be null");
    }
    if (value.isEmpty()) {
      throw new IllegalArgumentException(field + " must not be empty");
    }
    if (value.length() > max) {
      throw new IllegalArgumentException(
          field + " must be at most " + max + " ASCII characters, was " + value.length()
              + " (\"" + shorten(value) + "\")");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new IllegalArgumentException(
            field + " must be printable ASCII without spaces; character " + i + " is U+"
                + String.format("%04X", (int) c) + " in \"" + shorten(value) + "\"");
      }
    }
    return value;
  }

  static byte[] checkBytes(String field, byte[] bytes) {
    if (bytes == null) {
      throw new IllegalArgumentException(field + " must not be null");
    }
    if (bytes.length > MAX_BODY_BYTES) {
      throw new IllegalArgumentException(
          field + " must be at most " + MAX_BODY_BYTES + " bytes, was " + bytes.length);
    }
    return bytes;
  }

  /** Shortens a value for an error message, so messages stay readable whatever the input. */
  static String shorten(String value) {
    int max = 40;
    if (value.length() <= max) {
      return value;
    }
    int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
    return value.substring(0, end) + "…";
  }
}
