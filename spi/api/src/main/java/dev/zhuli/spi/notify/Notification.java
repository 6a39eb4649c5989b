package dev.zhuli.spi.notify;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A message for people: who should get it, which template, with which parameters.
 *
 * <p>Recipients are party ids (members of a help group, households) that the core resolved when
 * the command committed, so role addresses ("the coordinator of group G") are already turned into
 * people. The host renders the template (or uses Zhuli's renderer) in the locale it prefers, using
 * {@link #localeHint()} as a hint.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Notification {
  private final String id;
  private final String type;
  private final List<String> recipients;
  private final String templateKey;
  private final Map<String, String> parameters;
  private final Locale localeHint;

  private Notification(String id, String type, List<String> recipients, String templateKey,
      Map<String, String> parameters, Locale localeHint) {
    this.id = id;
    this.type = type;
    this.recipients = recipients;
    this.templateKey = templateKey;
    this.parameters = parameters;
    this.localeHint = localeHint;
  }

  /**
   * Creates a notification.
   *
   * @param id unique id; hosts de-duplicate on it
   * @param type what it is about, for example {@code "order.overdue"}
   * @param recipients party ids, at least one; copied
   * @param templateKey the template to render, for example {@code "order.overdue.coordinator"}
   * @param parameters the template's parameters; copied
   * @param localeHint the preferred locale, for example {@code zh-Hant}
   * @return the notification
   * @throws IllegalArgumentException if a part is null or blank, or there is no recipient
   */
  public static Notification of(String id, String type, List<String> recipients,
      String templateKey, Map<String, String> parameters, Locale localeHint) {
    for (String[] part : new String[][] {{"id", id}, {"type", type},
        {"templateKey", templateKey}}) {
      if (part[1] == null || part[1].isBlank()) {
        throw new IllegalArgumentException(part[0] + " must not be null or blank");
      }
    }
    if (recipients == null || recipients.isEmpty()) {
      throw new IllegalArgumentException("recipients must name at least one party");
    }
    if (parameters == null || localeHint == null) {
      throw new IllegalArgumentException("parameters and localeHint must not be null");
    }
    try {
      return new Notification(id, type, List.copyOf(recipients), templateKey,
          Map.copyOf(parameters), localeHint);
    } catch (NullPointerException e) {
      throw new IllegalArgumentException("recipients and parameters must not hold null", e);
    }
  }

  /**
   * The unique id.
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  /**
   * What it is about.
   *
   * @return the type
   */
  public String type() {
    return type;
  }

  /**
   * The party ids to deliver to.
   *
   * @return an unmodifiable list, never empty
   */
  public List<String> recipients() {
    return recipients;
  }

  /**
   * The template to render.
   *
   * @return the template key
   */
  public String templateKey() {
    return templateKey;
  }

  /**
   * The template's parameters.
   *
   * @return an unmodifiable map
   */
  public Map<String, String> parameters() {
    return parameters;
  }

  /**
   * The preferred locale.
   *
   * @return the locale
   */
  public Locale localeHint() {
    return localeHint;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Notification)) {
      return false;
    }
    Notification n = (Notification) o;
    return n.id.equals(id) && n.type.equals(type) && n.recipients.equals(recipients)
        && n.templateKey.equals(templateKey) && n.parameters.equals(parameters)
        && n.localeHint.equals(localeHint);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, type, recipients, templateKey, parameters, localeHint);
  }

  /** Names the notification without parameters or recipients, which may be personal data. */
  @Override
  public String toString() {
    return type + " (" + templateKey + ", " + recipients.size() + " recipients, " + id + ")";
  }
}
