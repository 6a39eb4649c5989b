package dev.zhuli.core.roster;

import java.util.Locale;

/**
 * Where a member of a help group comes from; the article's groups pool all of these.
 *
 * @since 0.1.0
 */
public enum Background {
  /** A first secretary posted to a village (第一書記). */
  FIRST_SECRETARY,
  /** A member of a village work team (駐村工作隊員). */
  WORK_TEAM_MEMBER,
  /** A selected graduate serving in a village (到村任職選調生). */
  SELECTED_GRADUATE,
  /** Agricultural technology extension staff (農業技術推廣人才). */
  AGRI_TECH_EXTENSION,
  /** An expert, such as a university professor (專家). */
  EXPERT,
  /** A cadre of a village, linked to that village (村幹部). */
  VILLAGE_CADRE,
  /** A liaison of an enterprise (企業聯絡人). */
  ENTERPRISE_LIAISON;

  /**
   * The background's name in a language: zh-Hans, zh-Hant or English (the fallback).
   *
   * @param locale the language
   * @return the label
   */
  public String label(Locale locale) {
    return Labels.label("background." + name(), locale);
  }
}
