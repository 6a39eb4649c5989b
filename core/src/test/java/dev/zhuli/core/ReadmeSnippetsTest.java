package dev.zhuli.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's code is the tests' code: every snippet a test marks with
 * {@code // --- README <name> begin ---} and {@code // --- README <name> end ---} appears in the
 * README word for word (less the test's indentation), so the README never shows code that does
 * not compile or run.
 */
class ReadmeSnippetsTest {
  private static final Pattern SNIPPET = Pattern.compile(
      "// --- README (\\S+) begins? ---\\n(.*?)\\n[ \\t]*// --- README \\1 ends? ---",
      Pattern.DOTALL);

  @Test
  void everyMarkedSnippetIsInTheReadmeWordForWord() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    List<String> found = new ArrayList<>();
    List<Path> sources;
    try (Stream<Path> files = Files.walk(Path.of("src", "test", "java"))) {
      sources = files.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
    }
    for (Path source : sources) {
      Matcher m = SNIPPET.matcher(Files.readString(source));
      while (m.find()) {
        found.add(m.group(1));
        assertThat(readme).as("README holds the %s snippet of %s", m.group(1),
            source.getFileName()).contains(dedent(m.group(2)));
      }
    }
    assertThat(found).as("the snippets found").contains("quickstart", "orders", "deadlines",
        "sweep", "mentorship", "season", "relay");
  }

  private static String dedent(String block) {
    String[] lines = block.split("\n", -1);
    int indent = Integer.MAX_VALUE;
    for (String line : lines) {
      if (!line.isBlank()) {
        indent = Math.min(indent, line.length() - line.stripLeading().length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      out.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
    }
    return out.toString();
  }
}
