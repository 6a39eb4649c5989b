package dev.zhuli.core.roster;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Labels of the roster's kinds in zh-Hans ({@code Labels_zh_CN.properties}), zh-Hant
 * ({@code Labels_zh_TW.properties}) and English ({@code Labels.properties}, the fallback).
 *
 * <p>Chosen without {@link java.util.ResourceBundle}'s fallback to the JVM's default locale (an
 * English label must not turn Chinese on a Chinese desktop) and readable from the module path:
 * Chinese with script Hant, or from Taiwan, Hong Kong or Macao, is zh-Hant; other Chinese is
 * zh-Hans; everything else is English.
 */
final class Labels {
  private static final Map<String, Properties> BUNDLES = new ConcurrentHashMap<>();

  private Labels() {}

  static String label(String key, Locale locale) {
    String value = bundle(suffix(locale)).getProperty(key);
    if (value == null) {
      value = bundle("").getProperty(key);
    }
    if (value == null) {
      throw new IllegalStateException("no label for " + key);
    }
    return value;
  }

  static String suffix(Locale locale) {
    if (locale == null || !"zh".equals(locale.getLanguage())) {
      return "";
    }
    String script = locale.getScript();
    String country = locale.getCountry();
    boolean traditional = "Hant".equals(script) || (script.isEmpty()
        && ("TW".equals(country) || "HK".equals(country) || "MO".equals(country)));
    return traditional ? "_zh_TW" : "_zh_CN";
  }

  private static Properties bundle(String suffix) {
    return BUNDLES.computeIfAbsent(suffix, s -> {
      Properties p = new Properties();
      try (InputStream in = Labels.class.getResourceAsStream("Labels" + s + ".properties")) {
        if (in == null) {
          throw new IllegalStateException("missing Labels" + s + ".properties");
        }
        p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return p;
    });
  }
}
