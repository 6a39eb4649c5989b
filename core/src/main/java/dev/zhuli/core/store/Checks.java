package dev.zhuli.core.store;

import dev.zhuli.core.ValidationException;
import java.text.Normalizer;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The input checks every command shares, each throwing a {@link ValidationException} that names
 * the field. Text is trimmed of every kind of space and normalised (Unicode NFC); blank text,
 * control characters, invisible formatting characters (zero-width spaces, bidi overrides, byte
 * order marks; the joiners of emoji sequences are allowed), line separators, unpaired surrogates
 * and non-characters are refused. Messages say what is wrong and never echo
 * the value, which may be personal data.
 *
 * <p>For Zhuli's feature packages. Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class Checks {
  private Checks() {}

  /**
   * A value that must be present.
   *
   * @param field the field
   * @param value the value
   * @param <T> its type
   * @return the value
   * @throws ValidationException if it is null
   */
  public static <T> T present(String field, T value) {
    if (value == null) {
      throw new ValidationException(field, "is required");
    }
    return value;
  }

  /**
   * Required text: trimmed, NFC-normalised, 1 to {@code max} code points, no control character.
   *
   * @param field the field
   * @param value the text
   * @param max the most code points
   * @return the normalised text
   * @throws ValidationException if it is null, blank, too long or holds forbidden characters
   */
  public static String text(String field, String value, int max) {
    present(field, value);
    String normal = trim(Normalizer.normalize(value, Normalizer.Form.NFC));
    if (normal.isEmpty()) {
      throw new ValidationException(field, "must not be blank");
    }
    checkCharacters(field, normal);
    int length = normal.codePointCount(0, normal.length());
    if (length > max) {
      throw new ValidationException(field,
          "must be at most " + max + " characters, was " + length);
    }
    return normal;
  }

  /**
   * Optional text: null stays null; otherwise as {@link #text}.
   *
   * @param field the field
   * @param value the text, or null
   * @param max the most code points
   * @return the normalised text, or null
   */
  public static String optionalText(String field, String value, int max) {
    return value == null ? null : text(field, value, max);
  }

  /**
   * A set of short texts, each checked as {@link #text}, duplicates (equal after normalisation
   * and case-folding) collapsed to the first spelling, at most {@code maxItems}.
   *
   * @param field the field
   * @param values the texts
   * @param maxItems the most items
   * @param maxLength the most code points per item
   * @return the normalised texts, in the order given
   */
  public static Set<String> texts(String field, Collection<String> values, int maxItems,
      int maxLength) {
    present(field, values);
    Set<String> out = new LinkedHashSet<>();
    Set<String> folded = new java.util.HashSet<>();
    int i = 0;
    for (String v : values) {
      String t = text(field + "[" + i++ + "]", v, maxLength);
      if (folded.add(Session.fold(t))) {
        out.add(t);
      }
    }
    if (out.size() > maxItems) {
      throw new ValidationException(field,
          "must have at most " + maxItems + " items, had " + out.size());
    }
    return out;
  }

  /** Trims every kind of space at both ends: ASCII, ideographic, no-break and the rest. */
  private static String trim(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && isSpace(text.codePointAt(start))) {
      start += Character.charCount(text.codePointAt(start));
    }
    while (end > start && isSpace(text.codePointBefore(end))) {
      end -= Character.charCount(text.codePointBefore(end));
    }
    return text.substring(start, end);
  }

  private static boolean isSpace(int cp) {
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
  }

  private static void checkCharacters(String field, String text) {
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int type = Character.getType(cp);
      boolean joiner = cp == 0x200C || cp == 0x200D;
      if ((type == Character.FORMAT && !joiner) || type == Character.LINE_SEPARATOR
          || type == Character.PARAGRAPH_SEPARATOR) {
        throw new ValidationException(field,
            "must not contain invisible formatting or line-separator characters (U+"
                + String.format("%04X", cp) + " at index " + i + ")");
      }
      if (Character.getType(cp) == Character.CONTROL) {
        throw new ValidationException(field,
            "must not contain control characters (U+" + String.format("%04X", cp)
                + " at index " + i + ")");
      }
      if (Character.getType(cp) == Character.SURROGATE) {
        throw new ValidationException(field,
            "has an unpaired surrogate at index " + i + ": not well-formed Unicode");
      }
      if ((cp & 0xFFFE) == 0xFFFE || (cp >= 0xFDD0 && cp <= 0xFDEF)) {
        throw new ValidationException(field,
            "must not contain non-characters (U+" + String.format("%04X", cp) + ")");
      }
      i += Character.charCount(cp);
    }
  }
}
