package dev.zhuli.core.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zhuli.core.NotFoundException;
import dev.zhuli.core.ValidationException;
import dev.zhuli.core.order.Transition;
import dev.zhuli.spi.notify.Notification;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The optional renderer: bundled templates in three languages, overrides, clear errors. */
class TemplateRendererTest {
  private static final Map<String, String> PARAMS =
      Map.of("orderId", "o-1", "title", "蜂蜜網上銷售", "status", "DISPATCHED");
  /** What the deadline notices and the mentorship templates also use. */
  private static final Map<String, String> MORE = Map.of("orderId", "o-1", "title", "蜂蜜網上銷售",
      "status", "DISPATCHED", "deadline", "2026-03-10 00:00", "programId", "p-1",
      "program", "南溝葡萄示範園", "household", "h-1", "count", "12", "limit", "20",
      "since", "2026-03-01");
  private static final TemplateRenderer BUNDLED = TemplateRenderer.bundled();

  private static String render(String tag) {
    return BUNDLED.render("order.dispatch", PARAMS, Locale.forLanguageTag(tag));
  }

  @Test
  void theLocalePicksSimplifiedTraditionalOrEnglish() {
    String simplified = "需求“蜂蜜網上銷售”（o-1）已派给您的小组，请接单或退单。";
    String traditional = "需求「蜂蜜網上銷售」（o-1）已派給您的小組，請接單或退單。";
    String english =
        "Order \"蜂蜜網上銷售\" (o-1) was dispatched to your squad; please accept or return it.";
    for (String tag : List.of("zh-Hans", "zh-CN", "zh", "zh-SG", "zh-Hans-TW", "zh-Hans-CN")) {
      assertThat(render(tag)).as(tag).isEqualTo(simplified);
    }
    for (String tag : List.of("zh-Hant", "zh-TW", "zh-HK", "zh-MO", "zh-Hant-CN")) {
      assertThat(render(tag)).as(tag).isEqualTo(traditional);
    }
    for (String tag : List.of("en", "en-GB", "fr", "ug-CN", "und")) {
      assertThat(render(tag)).as(tag).isEqualTo(english);
    }
  }

  @Test
  void everyBundledTemplateRendersInEveryLanguageWithTheOrderParameters() {
    assertThat(BUNDLED.keys()).contains("order.place", "order.dispatch", "order.resolve");
    List<String> transitionKeys = new ArrayList<>();
    for (Transition t : Transition.values()) {
      transitionKeys.add(t.templateKey());
    }
    for (String key : BUNDLED.keys()) {
      assertThat(key.startsWith("order.") ? transitionKeys.contains(key)
          : key.startsWith("mentorship.")).as("%s is an order transition's or mentorship's", key)
          .isTrue();
      for (String tag : List.of("zh-Hans", "zh-Hant", "en")) {
        assertThat(BUNDLED.render(key, MORE, Locale.forLanguageTag(tag)))
            .as("%s in %s", key, tag).containsAnyOf("o-1", "h-1").doesNotContain("{")
            .doesNotContain("}");
      }
    }
    assertThat(BUNDLED.keys()).contains("mentorship.household_appointed",
        "mentorship.inspection_overdue", "order.mark_overdue");
  }

  @Test
  void aMissingParameterNamesTheTemplateAndTheParameterButNoValue() {
    assertThatThrownBy(() -> BUNDLED.render("order.dispatch",
        Map.of("orderId", "o-1", "status", "王建國"), Locale.forLanguageTag("zh-Hans")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("order.dispatch").hasMessageContaining("'title'")
        .hasMessageNotContaining("王建國")
        .satisfies(e -> assertThat(((ValidationException) e).field())
            .isEqualTo("parameters.title"));
  }

  @Test
  void anUnknownTemplateIsNotFound() {
    assertThatThrownBy(() -> BUNDLED.render("order.unknown", PARAMS, Locale.ENGLISH))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("order.unknown")
        .satisfies(e -> assertThat(((NotFoundException) e).kind()).isEqualTo("template"));
    assertThatThrownBy(() -> BUNDLED.render(null, PARAMS, Locale.ENGLISH))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> BUNDLED.render("order.place", null, Locale.ENGLISH))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> BUNDLED.render("order.place", PARAMS, null))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void theHostMayOverrideAnyTemplateOrAddItsOwn() {
    TemplateRenderer custom = BUNDLED
        .withOverrides(Locale.forLanguageTag("zh-Hans"),
            Map.of("order.dispatch", "【助力团】{title}：请接单"))
        .withOverrides(Locale.ENGLISH, Map.of("host.reminder", "Reminder: {title} ({orderId})"));
    assertThat(custom.render("order.dispatch", PARAMS, Locale.CHINA))
        .isEqualTo("【助力团】蜂蜜網上銷售：请接单");
    assertThat(custom.render("order.dispatch", PARAMS, Locale.TAIWAN))
        .as("other languages keep theirs").isEqualTo(render("zh-TW"));
    assertThat(custom.render("host.reminder", PARAMS, Locale.TAIWAN))
        .as("English is every language's fallback").isEqualTo("Reminder: 蜂蜜網上銷售 (o-1)");
    assertThat(render("zh-CN")).as("the bundled renderer is unchanged")
        .isNotEqualTo(custom.render("order.dispatch", PARAMS, Locale.CHINA));
    assertThat(custom.keys()).contains("host.reminder");
    assertThatThrownBy(() -> BUNDLED.withOverrides(Locale.ENGLISH, Map.of(" ", "x")))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> BUNDLED.withOverrides(null, Map.of()))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void valuesAreInsertedAsTheyAreNeverExpandedAgain() {
    TemplateRenderer r = BUNDLED.withOverrides(Locale.ENGLISH,
        Map.of("t", "{a}|{b}|{not a parameter}|{}|{a"));
    assertThat(r.render("t", Map.of("a", "$1 \\ {b}", "b", "x"), Locale.ENGLISH))
        .isEqualTo("$1 \\ {b}|x|{not a parameter}|{}|{a");
  }

  @Test
  void aNotificationRendersInItsLocaleHint() {
    Notification n = Notification.of("n-1", "order.dispatch", List.of("p-1"), "order.dispatch",
        PARAMS, Locale.forLanguageTag("zh-Hant"));
    assertThat(BUNDLED.render(n)).isEqualTo(render("zh-Hant"));
    assertThat(TemplateRenderer.bundled()).isSameAs(BUNDLED);
  }

  @Test
  void oneRendererServesManyThreads() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String tag = List.of("zh-Hans", "zh-Hant", "en").get(i % 3);
        results.add(pool.submit(() -> render(tag)));
      }
      for (int i = 0; i < results.size(); i++) {
        String tag = List.of("zh-Hans", "zh-Hant", "en").get(i % 3);
        assertThat(results.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(render(tag));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
