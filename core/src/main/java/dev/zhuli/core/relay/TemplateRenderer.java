package dev.zhuli.core.relay;

import dev.zhuli.core.NotFoundException;
import dev.zhuli.core.ValidationException;
import dev.zhuli.spi.notify.Notification;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a notification's template key and parameters into text, with the templates Zhuli ships
 * in simplified Chinese (zh-Hans), traditional Chinese (zh-Hant) and English, and any the host
 * adds or overrides. Optional: the relay hands hosts {@link Notification}s, not text, and a host
 * that renders its own way never needs this.
 *
 * <pre>{@code
 * TemplateRenderer templates = TemplateRenderer.bundled()
 *     .withOverrides(Locale.forLanguageTag("zh-Hans"),
 *         Map.of("order.dispatch", "【助力團】需求“{title}”已派给您的小组，请及时接单。"));
 * Notifier sms = n -> gateway.send(n.recipients(), templates.render(n));
 * }</pre>
 *
 * <p><b>Languages.</b> A locale whose language is Chinese reads the traditional templates when
 * its script is {@code Hant} or, without a script, when its region is TW, HK or MO, and the
 * simplified ones otherwise ({@code zh}, {@code zh-Hans}, {@code zh-CN}, {@code zh-SG}). Every
 * other locale reads the English templates, which are also the fallback for a key a language
 * lacks.
 *
 * <p><b>Templates</b> are text with parameters in braces, {@code {title}}; a parameter name is
 * letters, digits, {@code _}, {@code .} and {@code -}. Other braces are kept as they are. Rendering
 * a template whose parameter is not in the map throws a {@link ValidationException} that names the
 * template key and the parameter; an unknown key throws a {@link NotFoundException}. Parameter
 * values, which may be personal data, never appear in exceptions.
 *
 * <p>Immutable and thread-safe; the bundled templates are read once.
 *
 * @since 0.1.0
 */
public final class TemplateRenderer {
  /**
   * Where the bundled templates live: one resource base per feature, each with a root (English),
   * {@code _zh_CN} (zh-Hans) and {@code _zh_TW} (zh-Hant) properties file in UTF-8. A feature that
   * notifies adds its base here.
   */
  static final List<String> BUNDLED = List.of("dev/zhuli/core/order/templates",
      "dev/zhuli/core/mentorship/templates");

  private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z0-9_.-]+)}");

  /** The three template languages; each is one file suffix. */
  enum Language {
    ENGLISH(""), SIMPLIFIED("_zh_CN"), TRADITIONAL("_zh_TW");

    final String suffix;

    Language(String suffix) {
      this.suffix = suffix;
    }

    static Language of(Locale locale) {
      if (!"zh".equals(locale.getLanguage())) {
        return ENGLISH;
      }
      String script = locale.getScript();
      if ("Hant".equals(script)) {
        return TRADITIONAL;
      }
      if ("Hans".equals(script)) {
        return SIMPLIFIED;
      }
      switch (locale.getCountry()) {
        case "TW":
        case "HK":
        case "MO":
          return TRADITIONAL;
        default:
          return SIMPLIFIED;
      }
    }
  }

  private final Map<Language, Map<String, String>> templates;

  private TemplateRenderer(Map<Language, Map<String, String>> templates) {
    this.templates = templates;
  }

  /**
   * The templates Zhuli ships, for every feature that notifies.
   *
   * @return the renderer
   * @throws IllegalStateException if a bundled file is missing or two features define the same
   *     key (a packaging fault)
   * @since 0.1.0
   */
  public static TemplateRenderer bundled() {
    return Bundled.RENDERER;
  }

  /**
   * A renderer with these templates added, or replacing bundled ones, in one language.
   *
   * @param locale picks the language as described above; for example {@code zh-Hans},
   *     {@code zh-TW} or {@link Locale#ENGLISH} (English is also the fallback of every language)
   * @param overrides template keys and their text
   * @return a new renderer; this one is unchanged
   * @throws ValidationException if the locale or map is null, or a key is blank or a text null
   * @since 0.1.0
   */
  public TemplateRenderer withOverrides(Locale locale, Map<String, String> overrides) {
    if (locale == null) {
      throw new ValidationException("locale", "must not be null");
    }
    if (overrides == null) {
      throw new ValidationException("overrides", "must not be null");
    }
    Map<String, String> merged = new HashMap<>(templates.get(Language.of(locale)));
    overrides.forEach((key, text) -> {
      if (key == null || key.isBlank()) {
        throw new ValidationException("overrides", "a template key must not be blank");
      }
      if (text == null) {
        throw new ValidationException("overrides." + key, "must not be null");
      }
      merged.put(key, text);
    });
    Map<Language, Map<String, String>> copy = new EnumMap<>(templates);
    copy.put(Language.of(locale), Map.copyOf(merged));
    return new TemplateRenderer(copy);
  }

  /**
   * Renders a notification's template with its parameters, in the language of its locale hint.
   *
   * @param notification the notification
   * @return the text
   * @throws NotFoundException if no language has the template key
   * @throws ValidationException if a parameter of the template is missing
   * @since 0.1.0
   */
  public String render(Notification notification) {
    if (notification == null) {
      throw new ValidationException("notification", "must not be null");
    }
    return render(notification.templateKey(), notification.parameters(),
        notification.localeHint());
  }

  /**
   * Renders a template.
   *
   * @param templateKey the key, for example {@code order.dispatch}
   * @param parameters the parameters' values by name; extra ones are ignored
   * @param locale picks the language as described above
   * @return the text
   * @throws NotFoundException if no language has the template key
   * @throws ValidationException if an argument is null or a parameter of the template is missing
   * @since 0.1.0
   */
  public String render(String templateKey, Map<String, String> parameters, Locale locale) {
    if (templateKey == null) {
      throw new ValidationException("templateKey", "must not be null");
    }
    if (parameters == null) {
      throw new ValidationException("parameters", "must not be null");
    }
    if (locale == null) {
      throw new ValidationException("locale", "must not be null");
    }
    String template = templates.get(Language.of(locale)).get(templateKey);
    if (template == null) {
      template = templates.get(Language.ENGLISH).get(templateKey);
    }
    if (template == null) {
      throw new NotFoundException("template", templateKey);
    }
    Matcher m = PARAMETER.matcher(template);
    StringBuilder text = new StringBuilder(template.length() + 32);
    while (m.find()) {
      String name = m.group(1);
      String value = parameters.get(name);
      if (value == null) {
        throw new ValidationException("parameters." + name, "template '" + shorten(templateKey)
            + "' needs the parameter '" + name + "', which is missing");
      }
      m.appendReplacement(text, Matcher.quoteReplacement(value));
    }
    m.appendTail(text);
    return text.toString();
  }

  /**
   * The template keys this renderer knows, in any language.
   *
   * @return the keys, sorted
   * @since 0.1.0
   */
  public Set<String> keys() {
    Set<String> keys = new TreeSet<>();
    templates.values().forEach(t -> keys.addAll(t.keySet()));
    return keys;
  }

  /** A key for a message: at most 64 characters, so a message stays readable. */
  private static String shorten(String key) {
    return key.length() <= 64 ? key : key.substring(0, 63) + "…";
  }

  /** The bundled templates, read when first asked for. */
  private static final class Bundled {
    static final TemplateRenderer RENDERER = load();

    private static TemplateRenderer load() {
      Map<Language, Map<String, String>> all = new EnumMap<>(Language.class);
      for (Language language : Language.values()) {
        Map<String, String> merged = new HashMap<>();
        for (String base : BUNDLED) {
          String name = base + language.suffix + ".properties";
          Properties p = new Properties();
          try (InputStream in = TemplateRenderer.class.getClassLoader()
              .getResourceAsStream(name)) {
            if (in == null) {
              throw new IllegalStateException("bundled templates " + name + " are missing");
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
          } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled templates " + name, e);
          }
          for (String key : p.stringPropertyNames()) {
            if (merged.put(key, p.getProperty(key)) != null) {
              throw new IllegalStateException("template " + key + " is defined twice, again in "
                  + name);
            }
          }
        }
        all.put(language, Map.copyOf(merged));
      }
      return new TemplateRenderer(all);
    }
  }
}
