package dev.zhuli.core.roster;

import java.util.Locale;

/**
 * The levels of the regions above villages: a city (市), its county-level divisions (區 district,
 * 縣 county, 縣級市 county-level city), and their towns (鎮).
 *
 * @since 0.1.0
 */
public enum RegionLevel {
  /** A prefecture-level city, such as Weinan (渭南市). */
  CITY,
  /** A district of a city (區), such as Linwei (臨渭區). */
  DISTRICT,
  /** A county (縣), such as Heyang (合陽縣). */
  COUNTY,
  /** A county-level city (縣級市), such as Hancheng (韓城市). */
  COUNTY_LEVEL_CITY,
  /** A town (鎮), such as Xinchi (新池鎮). */
  TOWN;

  /**
   * Whether this is one of the county-level divisions a help group serves.
   *
   * @return true for districts, counties and county-level cities
   */
  public boolean isCountyLevel() {
    return this == DISTRICT || this == COUNTY || this == COUNTY_LEVEL_CITY;
  }

  /**
   * The level's name in a language: zh-Hans, zh-Hant or English (the fallback).
   *
   * @param locale the language
   * @return the label
   */
  public String label(Locale locale) {
    return Labels.label("level." + name(), locale);
  }
}
