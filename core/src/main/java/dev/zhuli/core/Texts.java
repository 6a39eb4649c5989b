package dev.zhuli.core;

/** Shortening of values for messages; package-private helper of the exceptions. */
final class Texts {
  private static final int MAX = 40;

  private Texts() {}

  static String shorten(String value) {
    if (value == null) {
      return "null";
    }
    if (value.length() <= MAX) {
      return value;
    }
    int end = Character.isHighSurrogate(value.charAt(MAX - 1)) ? MAX - 1 : MAX;
    return value.substring(0, end) + "…";
  }
}
