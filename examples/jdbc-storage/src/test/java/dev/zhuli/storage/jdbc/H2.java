package dev.zhuli.storage.jdbc;

import java.nio.file.Path;

/** H2 URLs for tests. */
final class H2 {
  private H2() {}

  /** An H2 file database at a path (without the .mv.db suffix). */
  static String fileUrl(Path path) {
    return "jdbc:h2:file:" + path.toAbsolutePath();
  }
}
