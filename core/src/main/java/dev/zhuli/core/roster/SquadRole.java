package dev.zhuli.core.roster;

import java.util.Locale;

/**
 * A member's role in a squad.
 *
 * @since 0.1.0
 */
public enum SquadRole {
  /** Leads the squad (組長). */
  LEADER,
  /** Serves in the squad (組員). */
  MEMBER;

  /**
   * The role's name in a language: zh-Hans, zh-Hant or English (the fallback).
   *
   * @param locale the language
   * @return the label
   */
  public String label(Locale locale) {
    return Labels.label("role." + name(), locale);
  }
}
