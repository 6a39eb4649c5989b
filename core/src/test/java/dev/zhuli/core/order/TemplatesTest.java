package dev.zhuli.core.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every transition that notifies has a default template in zh-Hans, zh-Hant and English. */
class TemplatesTest {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");
  /** Transitions of orders that always have a running clock, so {deadline} is given. */
  private static final java.util.Set<Transition> DEADLINE_NOTICES = java.util.EnumSet.of(
      Transition.REQUEST_EXTENSION, Transition.DECIDE_EXTENSION, Transition.REMIND,
      Transition.MARK_OVERDUE, Transition.ESCALATE);

  @Test
  void everyNotifyingTransitionHasATemplateInEveryLanguage() throws IOException {
    for (String suffix : new String[] {"", "_zh_CN", "_zh_TW"}) {
      Properties templates = load("templates" + suffix + ".properties");
      for (Transition t : Transition.values()) {
        if (t.notifies().isEmpty()) {
          assertThat(templates).as("%s%s", t, suffix).doesNotContainKey(t.templateKey());
          continue;
        }
        String text = templates.getProperty(t.templateKey());
        assertThat(text).as("%s in templates%s", t.templateKey(), suffix).isNotBlank();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
          if (DEADLINE_NOTICES.contains(t)) {
            assertThat(m.group(1)).as("a parameter of %s", t.templateKey())
                .isIn("orderId", "title", "status", "deadline");
          } else {
            assertThat(m.group(1)).as("a parameter of %s", t.templateKey())
                .isIn("orderId", "title", "status");
          }
        }
      }
    }
  }

  private static Properties load(String name) throws IOException {
    Properties p = new Properties();
    try (InputStream in = TemplatesTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }
}
