package dev.zhuli.core;

/** Text helpers the tests of several features share. */
public final class TestTexts {
  private TestTexts() {}

  /**
   * The text for a failure message, with every character outside printable ASCII and letters
   * shown as {@code \\uXXXX}, so hostile input stays readable.
   *
   * @param text the text, or null
   * @return the quoted, shortened text
   */
  public static String show(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c >= 0x20 && c < 0x7f) {
        b.append(c);
      } else if (Character.isLetter(c) && !Character.isSurrogate(c)) {
        b.append(c);
      } else {
        b.append(String.format("\\u%04X", (int) c));
      }
    }
    if (b.length() > 60) {
      b.setLength(57);
      b.append("...(").append(text.length()).append(" chars)");
    }
    return b.append('"').toString();
  }
}
