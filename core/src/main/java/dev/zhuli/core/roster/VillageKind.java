package dev.zhuli.core.roster;

import java.util.Locale;

/**
 * A village (村) or an urban-rural community (社區); both place orders alike.
 *
 * @since 0.1.0
 */
public enum VillageKind {
  /** A village (村), such as Beishun (北順村). */
  VILLAGE,
  /** A community (社區), such as Nangou (南溝社區). */
  COMMUNITY;

  /**
   * The kind's name in a language: zh-Hans, zh-Hant or English (the fallback).
   *
   * @param locale the language
   * @return the label
   */
  public String label(Locale locale) {
    return Labels.label("village." + name(), locale);
  }
}
